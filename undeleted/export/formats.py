"""The export formats, one writer each, all fed the same rows (undeleted.export.rows.export_rows)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import IO, Any

from undeleted.export.acled import write_acled
from undeleted.export.geojson import write_geojson
from undeleted.export.tables import write_csv, write_jsonl, write_parquet

Events = Iterable[Mapping[str, Any]]


@dataclass(frozen=True)
class Format:
    write: Callable[..., int]
    media_type: str
    text: bool  # written through a UTF-8 text layer (else bytes)
    spreadsheet: bool = False  # a byte-order mark may be asked for, so that Excel reads UTF-8


FORMATS: dict[str, Format] = {
    "csv": Format(write_csv, "text/csv; charset=utf-8", text=True, spreadsheet=True),
    "jsonl": Format(write_jsonl, "application/x-ndjson", text=True),
    "geojson": Format(write_geojson, "application/geo+json", text=True),
    "parquet": Format(write_parquet, "application/vnd.apache.parquet", text=False),
    "acled": Format(write_acled, "text/csv; charset=utf-8", text=True, spreadsheet=True),
}
SUFFIXES = {"csv": "csv", "jsonl": "jsonl", "geojson": "geojson", "parquet": "parquet", "acled": "acled.csv"}


def write_export(events: Events, format: str, out: IO[bytes], bom: bool = False) -> int:
    """Write `events` to the binary stream `out` in `format`; returns how many were written. `bom` puts a UTF-8
    byte-order mark before CSV text (ignored for the other formats)."""
    chosen = FORMATS[format]
    if not chosen.text:
        return chosen.write(events, out)
    encoding = "utf-8-sig" if bom and chosen.spreadsheet else "utf-8"
    text = io.TextIOWrapper(out, encoding=encoding, newline="", write_through=True)
    try:
        return chosen.write(events, text)
    finally:
        text.flush()
        text.detach()
