"""Events as CSV (one row per event, lists joined with ';', formula-like cells neutralised) and as JSON lines."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TextIO

from undeleted.export.cells import neutralise_row

CSV_COLUMNS = [
    "event_id", "type", "date_start", "date_end", "time_precision",
    "country", "admin1", "admin2", "admin3", "place", "adcode", "lat", "lon", "geo_precision",
    "actors", "participants_min", "participants_max", "participants_size",
    "grievances", "tactics", "state_response", "fatalities", "injuries", "hashtags",
    "credibility", "corroboration", "cited_sources", "summary", "documents",
]


def flatten(event: Mapping[str, Any]) -> dict[str, Any]:
    """One CSV row from an event dict (SCHEMA fields plus the store's event_id, corroboration, documents)."""
    location = event.get("location") or {}
    participants = event.get("participants") or {}
    row: dict[str, Any] = {key: event.get(key) for key in CSV_COLUMNS if key in event}
    row.update({key: location.get(key) for key in ("country", "admin1", "admin2", "admin3", "place", "adcode",
                                                   "lat", "lon", "geo_precision")})
    row["participants_min"] = participants.get("min")
    row["participants_max"] = participants.get("max")
    row["participants_size"] = participants.get("size")
    row["actors"] = ";".join(f"{a['name']} ({a['kind']}, {a['role']})" for a in event.get("actors") or [])
    row["hashtags"] = ";".join(f"{h['tag']} ({h['status']})" for h in event.get("hashtags") or [])
    for key in ("grievances", "tactics", "state_response", "cited_sources", "documents"):
        row[key] = ";".join(str(value) for value in event.get(key) or [])
    return row


def write_csv(events: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(neutralise_row(flatten(event)))
        count += 1
    return count


def write_jsonl(events: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    count = 0
    for event in events:
        out.write(json.dumps(event, ensure_ascii=False, default=str) + "\n")
        count += 1
    return count


WRITERS = {"csv": write_csv, "jsonl": write_jsonl}


def export_events(events: Iterable[Mapping[str, Any]], format: str, path: Path) -> int:
    with path.open("w", encoding="utf-8", newline="") as out:
        return WRITERS[format](events, out)
