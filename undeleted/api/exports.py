"""GET /api/export.{csv,jsonl,geojson,parquet,acled}: every event of a filtered query, the same rows and columns
as `undeleted export` writes for the same filter."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from undeleted.dependencies import EventQueryDep, Redaction, RedactionDep, SortDep, StoreDep
from undeleted.export.formats import FORMATS, SUFFIXES, write_export
from undeleted.export.rows import export_rows
from undeleted.store import EventQuery, Store

router = APIRouter(prefix="/api", tags=["exports"])
SPOOL = 8 * 1024 * 1024
CHUNK = 64 * 1024
BomQuery = Annotated[
    bool,
    Query(
        description="Start the file with a UTF-8 byte-order mark, so that Excel on "
        "Windows reads Chinese correctly."
    ),
]


def chunks_of(spool: IO[bytes]) -> Iterator[bytes]:
    try:
        while block := spool.read(CHUNK):
            yield block
    finally:
        spool.close()


def export_response(
    store: Store, query: EventQuery, sort: str, format: str, redaction: Redaction | None, bom: bool = False
) -> StreamingResponse:
    """Write the export to a spooled file (memory up to 8 MB, then disk) and stream it back; in redacted mode
    one numbering of people runs through the whole file."""
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL, mode="w+b")  # noqa: SIM115 (chunks_of closes it once streamed)
    events: Iterable[Mapping[str, Any]] = export_rows(store, query, sort)
    count = write_export(events if redaction is None else redaction.events(events), format, spool, bom)
    spool.seek(0)
    headers = {
        "Content-Disposition": f'attachment; filename="events.{SUFFIXES[format]}"',
        "X-Event-Count": str(count),
    }
    return StreamingResponse(chunks_of(spool), media_type=FORMATS[format].media_type, headers=headers)


@router.get(
    "/export.csv",
    summary="Export as CSV",
    response_class=StreamingResponse,
    description="One row per matching event; lists joined with ' | '; each report's URL, outlet, title, "
    "publication date and the evidence sentences. Same filters as /api/events.",
)
def export_csv(
    store: StoreDep, query: EventQueryDep, sort: SortDep, redaction: RedactionDep, bom: BomQuery = False
) -> StreamingResponse:
    return export_response(store, query, sort, "csv", redaction, bom)


@router.get(
    "/export.acled",
    summary="Export as ACLED-style CSV",
    response_class=StreamingResponse,
    description="ACLED's columns (event_id_cnty, event_date, ..., fatalities, tags), our types mapped as "
    "docs/CODEBOOK.md says, plus report URLs, titles, dates and evidence.",
)
def export_acled(
    store: StoreDep, query: EventQueryDep, sort: SortDep, redaction: RedactionDep, bom: BomQuery = False
) -> StreamingResponse:
    return export_response(store, query, sort, "acled", redaction, bom)


@router.get(
    "/export.geojson",
    summary="Export as GeoJSON",
    response_class=StreamingResponse,
    description="A FeatureCollection with one Point per matching event. Same filters as /api/events.",
)
def export_geojson(
    store: StoreDep, query: EventQueryDep, sort: SortDep, redaction: RedactionDep
) -> StreamingResponse:
    return export_response(store, query, sort, "geojson", redaction)


@router.get(
    "/export.jsonl",
    summary="Export as JSON lines",
    response_class=StreamingResponse,
    description="One JSON event per line (SCHEMA fields, event_id, status, reviewed, corroboration, documents, "
    "sources); the same rows as `undeleted export --format jsonl`.",
)
def export_jsonl(
    store: StoreDep, query: EventQueryDep, sort: SortDep, redaction: RedactionDep
) -> StreamingResponse:
    return export_response(store, query, sort, "jsonl", redaction)


@router.get(
    "/export.parquet",
    summary="Export as Parquet",
    response_class=StreamingResponse,
    description="The CSV's columns with lists kept as lists and dates as dates.",
)
def export_parquet(
    store: StoreDep, query: EventQueryDep, sort: SortDep, redaction: RedactionDep
) -> StreamingResponse:
    return export_response(store, query, sort, "parquet", redaction)
