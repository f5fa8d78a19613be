"""GET /api/events (filtered, paginated, sorted), /api/events/points (for the map), /api/events/{id}."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from undeleted.api.responses import JSONText
from undeleted.dependencies import EventQueryDep, PageDep, RedactionDep, StoreDep, redacted
from undeleted.store import NotFound

router = APIRouter(prefix="/api/events", tags=["events"])
EventId = Annotated[str, Path(max_length=200, description="The event's id (ev_...).")]


@router.get(
    "",
    summary="List events",
    description="Canonical events matching the filters, one page at a time. "
    "`total` counts up to 1,000 matches; `total_is_lower_bound` says when there are more.",
)
def get_events(store: StoreDep, query: EventQueryDep, page: PageDep, redaction: RedactionDep) -> JSONText:
    result = store.event_page(query, page.sort, page.limit, page.offset)
    return JSONText(
        {
            "total": result.total,
            "total_is_lower_bound": result.total_is_lower_bound,
            "limit": page.limit,
            "offset": page.offset,
            "sort": page.sort,
            "items": redacted(redaction, result.items),
        }
    )


@router.get(
    "/points",
    summary="Event points for the map",
    description="Id, type, date and coordinates of matching events that have coordinates, newest first.",
    response_class=JSONText,
)
def get_points(
    store: StoreDep,
    query: EventQueryDep,
    redaction: RedactionDep,
    limit: Annotated[int, Query(ge=1, le=20_000, description="At most this many points.")] = 5000,
) -> JSONText:
    return JSONText({"items": redacted(redaction, store.map_points(query, limit))})


@router.get(
    "/{event_id}",
    summary="One event",
    description="Every field of the event, its reports (documents with text and the mention extracted "
    "from each, with evidence offsets), its sources and its review history.",
)
def get_event(store: StoreDep, event_id: EventId, redaction: RedactionDep) -> dict[str, Any]:
    event = store.event(event_id)
    if event is None:
        raise NotFound(f"event {event_id!r} does not exist")
    event["audit"] = store.audit(event_id)
    result: dict[str, Any] = redacted(redaction, event)
    return result
