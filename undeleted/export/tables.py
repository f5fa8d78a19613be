"""Events as flat tables: CSV (one row per event, lists joined with ' | ') and Parquet (the same columns, lists
kept as lists), and as JSON lines (every field, nested as in the API)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from datetime import date
from itertools import islice
from typing import IO, Any, TextIO

from undeleted.export.cells import spreadsheet_safe

JOIN = " | "  # between the items of a list in one CSV cell
COLUMNS = [
    "event_id",
    "type",
    "date_start",
    "date_end",
    "time_precision",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "place",
    "adcode",
    "lat",
    "lon",
    "geo_precision",
    "actors",
    "participants_min",
    "participants_max",
    "participants_size",
    "grievances",
    "tactics",
    "state_response",
    "fatalities",
    "injuries",
    "hashtags",
    "credibility",
    "corroboration",
    "cited_sources",
    "summary",
    "documents",
    "source_urls",
    "outlets",
    "titles",
    "published",
    "evidence",
]
LIST_COLUMNS = (
    "actors",
    "grievances",
    "tactics",
    "state_response",
    "hashtags",
    "cited_sources",
    "documents",
    "source_urls",
    "outlets",
    "titles",
    "published",
    "evidence",
)
PARQUET_BATCH = 1000


def table_row(event: Mapping[str, Any]) -> dict[str, Any]:
    """One row of the flat table, list columns as lists (one item per actor, hashtag, report, sentence)."""
    location = event.get("location") or {}
    participants = event.get("participants") or {}
    sources = event.get("sources") or []
    row: dict[str, Any] = {key: event.get(key) for key in COLUMNS if key in event}
    row.update(
        {
            key: location.get(key)
            for key in (
                "country",
                "admin1",
                "admin2",
                "admin3",
                "place",
                "adcode",
                "lat",
                "lon",
                "geo_precision",
            )
        }
    )
    row["participants_min"] = participants.get("min")
    row["participants_max"] = participants.get("max")
    row["participants_size"] = participants.get("size")
    row["actors"] = [f"{a['name']} ({a['kind']}, {a['role']})" for a in event.get("actors") or []]
    row["hashtags"] = [f"{h['tag']} ({h['status']})" for h in event.get("hashtags") or []]
    for key in ("grievances", "tactics", "state_response", "cited_sources", "documents"):
        row[key] = [str(value) for value in event.get(key) or []]
    row["source_urls"] = [source.get("url") or "" for source in sources]
    row["outlets"] = [source.get("outlet") or "" for source in sources]
    row["titles"] = [source.get("title") or "" for source in sources]
    row["published"] = [source.get("published") or "" for source in sources]
    row["evidence"] = [sentence for source in sources for sentence in source.get("evidence") or []]
    return row


def flatten(event: Mapping[str, Any]) -> dict[str, Any]:
    """One CSV row: lists joined with ' | ', every text cell safe to open in a spreadsheet."""
    row = table_row(event)
    for key in LIST_COLUMNS:
        row[key] = JOIN.join(row[key])
    return {key: spreadsheet_safe(value) if isinstance(value, str) else value for key, value in row.items()}


def write_csv(events: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(flatten(event))
        count += 1
    return count


def write_jsonl(events: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    count = 0
    for event in events:
        out.write(json.dumps(event, ensure_ascii=False, default=str) + "\n")
        count += 1
    return count


def parquet_schema() -> Any:
    import pyarrow as pa

    types = {key: pa.string() for key in COLUMNS}
    types.update(
        {
            "date_start": pa.date32(),
            "date_end": pa.date32(),
            "lat": pa.float64(),
            "lon": pa.float64(),
            "participants_min": pa.int64(),
            "participants_max": pa.int64(),
            "fatalities": pa.int64(),
            "injuries": pa.int64(),
            "corroboration": pa.int64(),
        }
    )
    types.update({key: pa.list_(pa.string()) for key in LIST_COLUMNS})
    return pa.schema([(key, types[key]) for key in COLUMNS])


def parquet_row(event: Mapping[str, Any]) -> dict[str, Any]:
    row = table_row(event)
    for key in ("date_start", "date_end"):
        row[key] = date.fromisoformat(str(row[key])[:10]) if row.get(key) else None
    return row


def write_parquet(events: Iterable[Mapping[str, Any]], out: IO[bytes]) -> int:
    """A Parquet file with the CSV's columns (list columns as lists of strings, dates as dates), written in
    row groups so that memory stays flat."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    count = 0
    stream = iter(events)
    with pq.ParquetWriter(out, schema) as writer:
        while batch := [parquet_row(event) for event in islice(stream, PARQUET_BATCH)]:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
        if count == 0:
            writer.write_table(schema.empty_table())
    return count
