"""Exports (CSV, GeoJSON, JSONL) and the Atom feed return exactly the events of the filtered query."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from fastapi.testclient import TestClient

from undeleted.app import ServeSettings, create_app

from serve_data import open_filled_store

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = open_filled_store(Path(tmp_path_factory.mktemp("api-exports")))
    with TestClient(create_app(store, ServeSettings())) as test_client:
        yield test_client
    store.close()


def expected_ids(client: TestClient, query: str) -> set[str]:
    return {item["event_id"] for item in client.get(f"/api/events?limit=500&{query}").json()["items"]}


def ids_from_csv(body: str) -> list[str]:
    return [row["event_id"] for row in csv.DictReader(io.StringIO(body))]


def ids_from_geojson(body: str) -> list[str]:
    collection = json.loads(body)
    assert collection["type"] == "FeatureCollection"
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert (
            feature["properties"]["location"]["lat"] == lat
            and feature["properties"]["location"]["lon"] == lon
        )
    return [feature["id"] for feature in collection["features"]]


def ids_from_jsonl(body: str) -> list[str]:
    return [json.loads(line)["event_id"] for line in body.splitlines() if line.strip()]


@pytest.mark.parametrize(
    "fmt, parse", [("csv", ids_from_csv), ("geojson", ids_from_geojson), ("jsonl", ids_from_jsonl)]
)
@pytest.mark.parametrize("query", ["", "type=protest", "adcode=21&type=online_dissent,protest"])
def test_api_export_has_the_filtered_events(client, fmt, parse, query):
    response = client.get(f"/api/export.{fmt}?{query}")
    assert response.status_code == 200
    assert f"events.{fmt}" in response.headers["content-disposition"]
    ids = parse(response.text)
    assert len(ids) == len(set(ids)) == int(response.headers["x-event-count"])
    assert set(ids) == expected_ids(client, query)


@pytest.mark.parametrize("query", ["type=online_dissent"])
def test_api_export_jsonl_keeps_chinese_and_documents(client, query):
    rows = [json.loads(line) for line in client.get(f"/api/export.jsonl?{query}").text.splitlines()]
    assert any(tag["tag"] == "#丹东白血病男孩#" for row in rows for tag in row["hashtags"])
    assert all(row["documents"] for row in rows)


@pytest.mark.parametrize("query", ["type=protest&adcode=21", "type=repression"])
def test_api_atom_feed_lists_the_saved_query(client, query):
    response = client.get(f"/feeds/events.atom?{query}")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    ids = {entry.find(f"{ATOM}id").text.rsplit(":", 1)[1] for entry in entries}
    assert ids == expected_ids(client, query)
    for entry in entries:
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/events/ev_")
    assert feed.find(f"{ATOM}link").get("href").endswith(query.replace(",", "%2C"))


@pytest.mark.parametrize("query", ["q=onerror"])
def test_api_atom_feed_escapes_report_markup(client, query):
    body = client.get(f"/feeds/events.atom?{query}").text
    assert "<script>" not in body and "&lt;script&gt;" in body


@pytest.mark.parametrize(
    "query, options",
    [
        ("", []),
        ("type=protest", ["--type", "protest"]),
        (
            "adcode=21&type=online_dissent,protest&sort=-corroboration",
            ["--adcode", "21", "--type", "online_dissent,protest", "--sort", "-corroboration"],
        ),
    ],
)
def test_cli_export_writes_the_same_rows_as_the_api(client, tmp_path, query, options):
    """`undeleted export --format jsonl` and GET /api/export.jsonl: same events, same fields, same order."""
    from typer.testing import CliRunner

    from undeleted.cli import app

    url = client.app.state.store.url
    out = tmp_path / "events.jsonl"
    result = CliRunner().invoke(app, ["export", "--format", "jsonl", "-o", str(out), "--db", url, *options])
    assert result.exit_code == 0, result.output
    api_rows = [json.loads(line) for line in client.get(f"/api/export.jsonl?{query}").text.splitlines()]
    cli_rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert cli_rows and cli_rows == api_rows
    assert {"event_id", "type", "status", "corroboration", "sources", "documents"} <= set(cli_rows[0])


@pytest.mark.parametrize("key", ["date", "corroboration"])
def test_sorts_run_both_ways_with_ties_by_event_id(client, key):
    """One sort vocabulary: KEY is (KEY, event_id) ascending, -KEY the same order reversed."""
    field = "date_start" if key == "date" else key
    pages = {
        sort: [
            (item[field] or "", item["event_id"])
            for item in client.get(f"/api/events?limit=500&sort={sort}").json()["items"]
        ]
        for sort in (key, f"-{key}")
    }
    assert len(pages[key]) > 1 and pages[key] == sorted(pages[key])
    assert pages[f"-{key}"] == pages[key][::-1]
