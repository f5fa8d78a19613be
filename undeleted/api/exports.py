"""GET /api/export.csv, /api/export.geojson, /api/export.jsonl: every event of a filtered query."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO, Any, TextIO

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from undeleted.dependencies import EventQueryDep, Redaction, RedactionDep, SortDep, StoreDep
from undeleted.export.geojson import write_geojson
from undeleted.export.tables import write_csv, write_jsonl
from undeleted.store import EventQuery, Store

router = APIRouter(prefix="/api", tags=["exports"])
Writer = Callable[[Iterable[Mapping[str, Any]], TextIO], int]
FORMATS: dict[str, tuple[Writer, str]] = {
    "csv": (write_csv, "text/csv; charset=utf-8"),
    "geojson": (write_geojson, "application/geo+json"),
    "jsonl": (write_jsonl, "application/x-ndjson"),
}
SPOOL = 8 * 1024 * 1024
CHUNK = 64 * 1024


def chunks_of(spool: IO[str]) -> Iterator[bytes]:
    try:
        while block := spool.read(CHUNK):
            yield block.encode("utf-8")
    finally:
        spool.close()


def export_response(
    store: Store, spec: EventQuery, sort: str, format: str, redaction: Redaction | None
) -> StreamingResponse:
    """Write the export to a spooled file (memory up to 8 MB, then disk) and stream it back; in redacted mode
    one numbering of people runs through the whole file."""
    writer, media_type = FORMATS[format]
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL, mode="w+", encoding="utf-8", newline="")  # noqa: SIM115 (chunks_of closes it once streamed)
    events: Iterable[Mapping[str, Any]] = store.export_rows(spec, sort)
    count = writer(events if redaction is None else redaction.events(events), spool)
    spool.seek(0)
    headers = {"Content-Disposition": f'attachment; filename="events.{format}"', "X-Event-Count": str(count)}
    return StreamingResponse(chunks_of(spool), media_type=media_type, headers=headers)


@router.get("/export.csv", summary="Export as CSV", response_class=StreamingResponse,
            description="One row per matching event; lists joined with ';'. Same filters as /api/events.")
def export_csv(store: StoreDep, spec: EventQueryDep, sort: SortDep, redaction: RedactionDep) -> StreamingResponse:
    return export_response(store, spec, sort, "csv", redaction)


@router.get("/export.geojson", summary="Export as GeoJSON", response_class=StreamingResponse,
            description="A FeatureCollection with one Point per matching event. Same filters as /api/events.")
def export_geojson(store: StoreDep, spec: EventQueryDep, sort: SortDep, redaction: RedactionDep) -> StreamingResponse:
    return export_response(store, spec, sort, "geojson", redaction)


@router.get("/export.jsonl", summary="Export as JSON lines", response_class=StreamingResponse,
            description="One JSON event per line (SCHEMA fields, event_id, status, reviewed, corroboration, "
            "sources, documents); the same rows as `undeleted export --format jsonl`.")
def export_jsonl(store: StoreDep, spec: EventQueryDep, sort: SortDep, redaction: RedactionDep) -> StreamingResponse:
    return export_response(store, spec, sort, "jsonl", redaction)
