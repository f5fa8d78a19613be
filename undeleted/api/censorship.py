"""GET /api/events/{id}/geography, /api/posts/{id}/geography and /api/events/{id}/censorship: comment
geography (regional containment) and the events tied to one through censorship."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from undeleted.dependencies import RedactionDep, StoreDep, redacted
from undeleted.store import NotFound, Store

router = APIRouter(prefix="/api", tags=["censorship"])
EventId = Annotated[str, Path(max_length=200)]


def stored_geography(store: Store, subject: str) -> dict[str, Any]:
    found = store.geography(subject)
    if found is None:
        raise NotFound(f"no comment geography for {subject}; run `undeleted censorship report` first")
    return found


@router.get(
    "/events/{event_id}/geography",
    summary="Comment geography of an event",
    description="Where the commenters on the event's posts are (IP-location provinces), concentration "
    "figures, and the containment verdict with its p-value and baseline. 404 when none is computed.",
)
def event_geography(store: StoreDep, event_id: EventId) -> dict[str, Any]:
    return stored_geography(store, f"event:{event_id}")


@router.get(
    "/posts/{post_id}/geography",
    summary="Comment geography of a post",
    description="As for an event, for the comments on one imported post. 404 when none is computed.",
)
def post_geography(store: StoreDep, post_id: EventId) -> dict[str, Any]:
    return stored_geography(store, f"post:{post_id}")


@router.get(
    "/events/{event_id}/censorship",
    summary="Censorship signals of an event",
    description='`items`: for a censorship event, the events whose content vanished (relation "about"); '
    'for another event, the censorship events about its hashtags or posts (relation "censorship"). '
    "`geography`: the stored comment geography, or null (what the event page shows).",
)
def event_censorship(store: StoreDep, event_id: EventId, redaction: RedactionDep) -> dict[str, Any]:
    if store.event(event_id) is None:
        raise NotFound(f"no event {event_id!r}")
    items = store.related_censorship(event_id)
    return {
        "event_id": event_id,
        "geography": store.geography(f"event:{event_id}"),
        "items": redacted(redaction, items),
    }
