"""Reviewer writes (Bearer token = $UNDELETED_TOKEN): confirm, reject, edit, merge, split; all audited."""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Request
from pydantic import BaseModel, Field

from undeleted.dependencies import WRITES_OFF, StoreDep

router = APIRouter(prefix="/api/events", tags=["review"])
EventId = Annotated[str, Path(max_length=200)]


def reviewer(
    request: Request,
    authorization: Annotated[str | None, Header(description="Bearer <UNDELETED_TOKEN>")] = None,
    x_reviewer: Annotated[
        str | None, Header(max_length=100, description="Who is reviewing (audit log).")
    ] = None,
) -> str:
    """The reviewer's name when the request carries the configured token; 401 otherwise, 403 if writes are off
    (no token configured, or redacted mode)."""
    if request.app.state.settings.redact:
        raise HTTPException(403, WRITES_OFF)
    token: str | None = request.app.state.settings.token
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise HTTPException(
            401, "writes need 'Authorization: Bearer <token>'", {"WWW-Authenticate": "Bearer"}
        )
    if token is None:
        raise HTTPException(403, "writes are off on this server (start it with UNDELETED_TOKEN set)")
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "wrong token", {"WWW-Authenticate": "Bearer"})
    return (x_reviewer or "").strip() or "reviewer"


Reviewer = Annotated[str, Depends(reviewer)]


class Decision(BaseModel):
    note: str | None = Field(default=None, max_length=2000, description="Why (kept in the audit log).")


class Edit(Decision):
    fields: dict[str, Any] = Field(description='SCHEMA fields to replace, e.g. {"type": "strike"}.')


class Merge(Decision):
    absorb: list[str] = Field(min_length=1, max_length=100, description="Event ids merged into this one.")


class Split(Decision):
    mention_ids: list[str] = Field(min_length=1, max_length=1000, description="Reports moved to a new event.")


def answer(store: Any, event_id: str) -> dict[str, Any]:
    event = store.event(event_id)
    return {"event_id": event_id, "status": event["status"], "reviewed": event["reviewed"]} if event else {}


@router.post(
    "/{event_id}/confirm", summary="Confirm an event", description="Mark the event reviewed and active."
)
def confirm(
    store: StoreDep, who: Reviewer, event_id: EventId, body: Decision | None = None
) -> dict[str, Any]:
    store.confirm_event(event_id, who, body.note if body else None)
    return answer(store, event_id)


@router.post(
    "/{event_id}/reject",
    summary="Reject an event",
    description="Hide the event from lists (status deleted); the linker will not revive it.",
)
def reject(store: StoreDep, who: Reviewer, event_id: EventId, body: Decision | None = None) -> dict[str, Any]:
    store.reject_event(event_id, who, body.note if body else None)
    return answer(store, event_id)


@router.patch(
    "/{event_id}",
    summary="Edit fields",
    description="Replace SCHEMA fields; validated like "
    "extracted events. The event becomes reviewed, so re-runs keep the edit.",
)
def edit(store: StoreDep, who: Reviewer, event_id: EventId, body: Edit) -> dict[str, Any]:
    payload = store.edit_event(event_id, who, body.fields, body.note)
    return {**answer(store, event_id), "event": payload}


@router.post(
    "/{event_id}/merge",
    summary="Merge events into this one",
    description="Reports of the absorbed events move here; the absorbed events become tombstones.",
)
def merge(store: StoreDep, who: Reviewer, event_id: EventId, body: Merge) -> dict[str, Any]:
    store.merge_events(event_id, body.absorb, who, body.note)
    return answer(store, event_id)


@router.post(
    "/{event_id}/split",
    summary="Split reports off into a new event",
    description="The named reports (mention ids) form a new reviewed event.",
)
def split(store: StoreDep, who: Reviewer, event_id: EventId, body: Split) -> dict[str, Any]:
    new_id = store.split_event(event_id, body.mention_ids, who, body.note)
    return {**answer(store, event_id), "new_event_id": new_id}
