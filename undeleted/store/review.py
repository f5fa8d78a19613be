"""Reviewer decisions on canonical events: confirm, reject, edit fields, merge, split.

Every change sets `reviewed` (the linker never joins or merges a reviewed event) and writes one audit_log row
per event touched: who, when, before, after.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from pydantic import ValidationError

from undeleted.errors import BadInput
from undeleted.models import Event
from undeleted.store.linking import write_events
from undeleted.store.schema import audit_log, events, mentions
from undeleted.store.writing import location_columns

EDITABLE = frozenset(Event.model_fields) - {"evidence"}
EXTRA_PAYLOAD = ("corroboration", "sources")


class NotFound(BadInput):
    """The event (or mention) named does not exist."""


class Conflict(BadInput):
    """The request contradicts the event's state (merging an event into itself, splitting off every report)."""


def now_utc() -> datetime:
    return datetime.now(UTC)


def load_event(connection: sa.Connection, event_id: str) -> sa.Row[Any]:
    row = connection.execute(sa.select(events).where(events.c.event_id == event_id)).first()
    if row is None:
        raise NotFound(f"event {event_id!r} does not exist")
    return row


def record(
    connection: sa.Connection,
    event_id: str,
    actor: str,
    action: str,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    note: str | None,
) -> None:
    connection.execute(
        audit_log.insert().values(
            event_id=event_id,
            actor=actor,
            at=now_utc(),
            action=action,
            before=dict(before) if before is not None else None,
            after=dict(after) if after is not None else None,
            note=note,
        )
    )


def set_status(
    connection: sa.Connection, event_id: str, actor: str, status: str, action: str, note: str | None = None
) -> None:
    row = load_event(connection, event_id)
    if row.status == "merged":
        raise Conflict(f"event {event_id!r} was merged into {row.merged_into!r}; review that event instead")
    connection.execute(
        events.update()
        .where(events.c.event_id == event_id)
        .values(status=status, reviewed=True, updated_at=now_utc())
    )
    record(
        connection,
        event_id,
        actor,
        action,
        {"status": row.status, "reviewed": bool(row.reviewed)},
        {"status": status, "reviewed": True},
        note,
    )


def confirm_event(connection: sa.Connection, event_id: str, actor: str, note: str | None = None) -> None:
    """The reviewer vouches for the event as it stands (a rejected, i.e. deleted, event becomes active again)."""
    set_status(connection, event_id, actor, "active", "confirm", note)


def reject_event(connection: sa.Connection, event_id: str, actor: str, note: str | None = None) -> None:
    """Not an event (or out of scope): status `deleted`, hidden from lists, kept for the record."""
    set_status(connection, event_id, actor, "deleted", "reject", note)


def validated_payload(payload: Mapping[str, Any]) -> dict[str, Any]:
    """Check SCHEMA fields with the Event model; keep the store's extra keys (corroboration, sources)."""
    fields = {key: value for key, value in payload.items() if key not in EXTRA_PAYLOAD}
    try:
        event = Event.model_validate(fields)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in item['loc'])}: {item['msg']}" for item in error.errors()
        )
        raise BadInput(f"edited event is not valid: {problems}") from error
    extra = {key: payload[key] for key in EXTRA_PAYLOAD if key in payload}
    return {**event.model_dump(mode="json"), **extra}


def payload_row(
    event_id: str, payload: dict[str, Any], corroboration: int, search_text: str
) -> dict[str, Any]:
    """The events row (query columns and payload) for a reviewed payload; mirrors what the linker writes."""
    event = Event.model_validate({k: v for k, v in payload.items() if k not in EXTRA_PAYLOAD})
    location = event.location
    words = " ".join(part for part in (event.summary, location.place, search_text) if part)
    return {
        "event_id": event_id,
        "type": event.type,
        "date_start": event.date_start,
        "date_end": event.date_end,
        "time_precision": event.time_precision,
        **location_columns(event),
        "admin1": location.admin1,
        "admin2": location.admin2,
        "admin3": location.admin3,
        "place": location.place,
        "lat": location.lat,
        "lon": location.lon,
        "geo_precision": location.geo_precision,
        "credibility": event.credibility,
        "corroboration": payload.get("corroboration", corroboration),
        "summary": event.summary,
        "payload": {**payload, "corroboration": payload.get("corroboration", corroboration)},
        "updated_at": now_utc(),
        "search_text": words,
    }


def write_payload(
    connection: sa.Connection,
    event_id: str,
    payload: dict[str, Any],
    corroboration: int,
    search_text: str = "",
) -> None:
    write_events(connection, [payload_row(event_id, payload, corroboration, search_text)])
    connection.execute(events.update().where(events.c.event_id == event_id).values(reviewed=True))


def edit_event(
    connection: sa.Connection, event_id: str, actor: str, changes: Mapping[str, Any], note: str | None = None
) -> dict[str, Any]:
    """Replace SCHEMA fields (`location` and `participants` replace as a whole); returns the new payload."""
    unknown = sorted(set(changes) - EDITABLE)
    if unknown:
        raise BadInput(f"fields {unknown} cannot be edited; editable: {sorted(EDITABLE)}")
    if not changes:
        raise BadInput("no fields to edit")
    row = load_event(connection, event_id)
    before_payload = dict(row.payload or {})
    payload = validated_payload({**before_payload, **changes})
    write_payload(connection, event_id, payload, row.corroboration, row.search_text or "")
    record(
        connection,
        event_id,
        actor,
        "edit",
        {key: before_payload.get(key) for key in changes},
        {key: payload.get(key) for key in changes},
        note,
    )
    return payload


def merge_events(
    connection: sa.Connection,
    survivor_id: str,
    absorbed_ids: Sequence[str],
    actor: str,
    note: str | None = None,
) -> None:
    """Move every report of `absorbed_ids` onto `survivor_id`; the absorbed events become tombstones."""
    if not absorbed_ids:
        raise BadInput("name at least one event to merge into this one")
    if survivor_id in absorbed_ids:
        raise Conflict(f"event {survivor_id!r} cannot be merged into itself")
    survivor = load_event(connection, survivor_id)
    rows = [load_event(connection, event_id) for event_id in absorbed_ids]
    stamp = now_utc()
    for row in rows:
        connection.execute(
            mentions.update().where(mentions.c.event_id == row.event_id).values(event_id=survivor_id)
        )
        connection.execute(
            events.update()
            .where(events.c.event_id == row.event_id)
            .values(status="merged", merged_into=survivor_id, reviewed=True, updated_at=stamp)
        )
        record(
            connection,
            row.event_id,
            actor,
            "merge",
            {"status": row.status, "merged_into": row.merged_into},
            {"status": "merged", "merged_into": survivor_id},
            note,
        )
    corroboration = survivor.corroboration + sum(row.corroboration for row in rows)
    connection.execute(
        events.update()
        .where(events.c.event_id == survivor_id)
        .values(reviewed=True, corroboration=corroboration, updated_at=stamp)
    )
    record(connection, survivor_id, actor, "merge", {"absorbed": []}, {"absorbed": list(absorbed_ids)}, note)


def split_event(
    connection: sa.Connection, event_id: str, mention_ids: Sequence[str], actor: str, note: str | None = None
) -> str:
    """Move the named reports into a new reviewed event (fields from the first of them); returns its id."""
    if not mention_ids:
        raise BadInput("name the mention_ids (reports) to split off")
    load_event(connection, event_id)
    linked = connection.execute(
        sa.select(mentions.c.mention_id, mentions.c.payload)
        .where(mentions.c.event_id == event_id)
        .order_by(mentions.c.mention_id)
    ).all()
    known = {row.mention_id: row.payload for row in linked}
    missing = sorted(set(mention_ids) - set(known))
    if missing:
        raise NotFound(f"mentions {missing} are not reports of event {event_id!r}")
    if len(set(mention_ids)) == len(known):
        raise Conflict("splitting off every report would leave the event empty; reject it instead")
    moved = sorted(set(mention_ids))
    new_id = "ev_" + hashlib.sha256(("split:" + "|".join(moved)).encode("utf-8")).hexdigest()[:24]
    stamp = now_utc()
    connection.execute(
        events.insert().values(
            event_id=new_id,
            status="active",
            reviewed=True,
            type="protest",
            corroboration=len(moved),
            created_at=stamp,
            updated_at=stamp,
        )
    )
    connection.execute(mentions.update().where(mentions.c.mention_id.in_(moved)).values(event_id=new_id))
    write_payload(connection, new_id, validated_payload(known[moved[0]]), len(moved))
    connection.execute(
        events.update().where(events.c.event_id == event_id).values(reviewed=True, updated_at=stamp)
    )
    record(
        connection,
        event_id,
        actor,
        "split",
        {"mentions": sorted(known)},
        {"mentions": sorted(set(known) - set(moved)), "split_into": new_id},
        note,
    )
    record(connection, new_id, actor, "split", None, {"mentions": moved, "split_from": event_id}, note)
    return new_id
