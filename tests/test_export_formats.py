"""`undeleted export --format csv|jsonl|geojson|parquet|acled` and /api/export.*: one row per event, the same
bytes from the CLI and the API for the same filter, reports and evidence in every row, readable by the usual
readers (csv, json, pyarrow)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from test_cli import undeleted

from undeleted.app import ServeSettings, create_app

from serve_data import open_filled_store

ACLED_REQUIRED = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
]


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, TestClient, int]]:
    folder = Path(tmp_path_factory.mktemp("export-formats"))
    store = open_filled_store(folder)
    count = store.count_events()
    with TestClient(create_app(store, ServeSettings())) as client:
        yield folder, client, count
    store.close()


def export(folder: Path, fmt: str, *options: str) -> Path:
    output = folder / f"out-{fmt}-{len(options)}.{fmt}"
    result = undeleted(
        "export", "--format", fmt, "-o", str(output), "--db", str(folder / "events.db"), *options, cwd=folder
    )
    assert result.returncode == 0, result.stderr
    return output


def test_geojson_export_has_one_feature_per_event(filled):
    folder, _, count = filled
    collection = json.loads(export(folder, "geojson").read_text(encoding="utf-8"))
    ids = [feature["id"] for feature in collection["features"]]
    assert collection["type"] == "FeatureCollection" and len(ids) == len(set(ids)) == count
    located = [feature for feature in collection["features"] if feature["geometry"]]
    assert located and all(len(feature["geometry"]["coordinates"]) == 2 for feature in located)


def test_parquet_export_has_one_row_per_event_and_lists_as_lists(filled):
    folder, _, count = filled
    table = pq.read_table(export(folder, "parquet"))
    assert table.num_rows == count == len(set(table.column("event_id").to_pylist()))
    rows = table.to_pylist()
    assert all(isinstance(row["documents"], list) and row["documents"] for row in rows)
    assert any(len(row["tactics"]) > 1 for row in rows)
    assert any("#丹东白血病男孩# (removed)" in row["hashtags"] for row in rows)


def test_acled_export_has_acled_columns_and_one_row_per_event(filled):
    folder, _, count = filled
    rows = list(csv.DictReader(export(folder, "acled").open(encoding="utf-8", newline="")))
    assert len(rows) == count == len({row["event_id_cnty"] for row in rows})
    assert all(column in rows[0] for column in ACLED_REQUIRED)
    protests = [row for row in rows if row["undeleted_type"] == "protest"]
    assert protests and all(
        row["event_type"] == "Protests" and row["actor1"] == "Protesters (China)" for row in protests
    )
    assert all(row["disorder_type"] == "Demonstrations" for row in protests)
    dated = [row for row in rows if row["event_date"]]
    assert dated and all(
        row["year"] == row["event_date"][:4] and row["time_precision"] in "123" for row in dated
    )
    assert all(row["fatalities"].isdigit() for row in rows)
    assert all(row["source"] and row["evidence"] for row in rows)
    online = [row for row in rows if row["undeleted_type"] == "online_dissent"]
    assert online and all(
        row["event_type"] == "" for row in online
    )  # no ACLED equivalent, as the codebook says


def test_csv_export_carries_reports_and_evidence(filled):
    folder, _, count = filled
    rows = list(csv.DictReader(export(folder, "csv").open(encoding="utf-8", newline="")))
    assert len(rows) == count
    assert all(row["documents"] and row["outlets"] and row["evidence"] for row in rows)
    for row in rows:  # one item per report, in the same order in each column
        reports = len(row["documents"].split(" | "))
        assert len(row["outlets"].split(" | ")) == len(row["published"].split(" | ")) == reports
    [removed] = [row for row in rows if "#丹东白血病男孩# (removed)" in row["hashtags"]]
    assert (removed["outlets"], removed["titles"], removed["published"]) == (
        "China Digital Times",
        "话题被删",
        "2022-07-04",
    )
    assert removed["evidence"] == "7月4日，话题#丹东白血病男孩#已被删除。"
    assert any(" | " in row["tactics"] for row in rows)


def test_bom_only_when_asked(filled):
    folder, _, _ = filled
    assert export(folder, "csv", "--bom").read_bytes().startswith(b"\xef\xbb\xbfevent_id,")
    assert export(folder, "acled", "--bom").read_bytes().startswith(b"\xef\xbb\xbfevent_id_cnty,")
    assert export(folder, "csv").read_bytes().startswith(b"event_id,")


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "geojson", "acled"])
def test_cli_and_api_exports_are_identical_for_the_same_filter(filled, fmt):
    folder, client, _ = filled
    cli = export(folder, fmt, "--type", "protest,repression", "--adcode", "41").read_bytes()
    api = client.get(f"/api/export.{fmt}?type=protest,repression&adcode=41")
    assert api.status_code == 200
    assert cli == api.content and cli.count(b"\n") > 2


def test_api_parquet_matches_the_cli(filled):
    folder, client, _ = filled
    cli = pq.read_table(export(folder, "parquet", "--type", "protest"))
    api = pq.read_table(io.BytesIO(client.get("/api/export.parquet?type=protest").content))
    assert cli.to_pylist() == api.to_pylist() and cli.num_rows > 0
