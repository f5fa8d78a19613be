"""Read queries: canonical events with their mentions and documents, changes, counts and statistics."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from undeleted.store.search import document_condition, event_condition
from undeleted.store.tables import documents, events, mentions

ORDERS = {
    "date": (events.c.date_start.asc(), events.c.event_id.asc()),
    "-date": (events.c.date_start.desc(), events.c.event_id.asc()),
    "updated": (events.c.updated_at.asc(), events.c.event_id.asc()),
    "-updated": (events.c.updated_at.desc(), events.c.event_id.asc()),
    "corroboration": (events.c.corroboration.desc(), events.c.date_start.asc(), events.c.event_id.asc()),
}


@dataclass(frozen=True)
class EventFilter:
    """Filters of Store.events; every field left None does not filter."""

    type: str | None = None
    date_from: date | str | None = None
    date_to: date | str | None = None
    adcode: str | None = None
    credibility: str | None = None
    text: str | None = None
    limit: int | None = 100
    offset: int = 0
    order: str = "date"


def utc(stamp: datetime | None) -> datetime | None:
    """Timestamps come back naive from SQLite; they are all UTC."""
    if stamp is None or stamp.tzinfo is not None:
        return stamp
    return stamp.replace(tzinfo=UTC)


def adcode_prefix(adcode: str) -> str:
    """'410000' -> '41', '410100' -> '4101': the prefix shared by every division inside it."""
    code = adcode.strip()
    while code.endswith("00") and len(code) > 2:
        code = code[:-2]
    return code


def as_date(value: date | str) -> date:
    """Filters accept dates or ISO strings."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def event_conditions(dialect: str, where: EventFilter) -> list[sa.ColumnElement[bool]]:
    conditions: list[sa.ColumnElement[bool]] = [events.c.status == "active"]
    if where.type:
        conditions.append(events.c.type == where.type)
    if where.date_from:
        conditions.append(events.c.date_end >= as_date(where.date_from))
    if where.date_to:
        conditions.append(events.c.date_start <= as_date(where.date_to))
    if where.adcode:
        conditions.append(events.c.adcode.startswith(adcode_prefix(where.adcode), autoescape=True))
    if where.credibility:
        conditions.append(events.c.credibility == where.credibility)
    if where.text:
        conditions.append(event_condition(dialect, where.text))
    return conditions


def event_dict(row: sa.Row[Any]) -> dict[str, Any]:
    """A canonical event: its merged SCHEMA fields, sources and corroboration, and its id and status."""
    return {
        "event_id": row.event_id,
        **(row.payload or {}),
        "status": row.status,
        "merged_into": row.merged_into,
        "reviewed": bool(row.reviewed),
        "created_at": utc(row.created_at).isoformat(),  # type: ignore[union-attr]
        "updated_at": utc(row.updated_at).isoformat(),  # type: ignore[union-attr]
    }


def select_events(connection: sa.Connection, where: EventFilter) -> list[dict[str, Any]]:
    if where.order not in ORDERS:
        raise ValueError(f"order must be one of {sorted(ORDERS)}, not {where.order!r}")
    query = (
        sa.select(events)
        .where(*event_conditions(connection.dialect.name, where))
        .order_by(*ORDERS[where.order])
        .limit(where.limit)
        .offset(where.offset)
    )
    return [event_dict(row) for row in connection.execute(query)]


def iter_events(connection: sa.Connection, where: EventFilter, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every matching event, streamed in pages by event id (no limit)."""
    last = ""
    while True:
        query = (
            sa.select(events)
            .where(*event_conditions(connection.dialect.name, where), events.c.event_id > last)
            .order_by(events.c.event_id)
            .limit(batch)
        )
        rows = connection.execute(query).all()
        for row in rows:
            yield event_dict(row)
        if len(rows) < batch:
            return
        last = rows[-1].event_id


def document_dict(row: sa.Row[Any], with_text: bool) -> dict[str, Any]:
    item = {
        "doc_id": row.doc_id,
        "url": row.url,
        "title": row.title,
        "outlet": row.outlet,
        "published": row.published.isoformat() if row.published else None,
        "date_source": row.date_source,
        "language": row.language,
        "added_at": utc(row.added_at).isoformat(),  # type: ignore[union-attr]
    }
    if with_text:
        item["text"] = row.text
    return item


def select_event(connection: sa.Connection, event_id: str) -> dict[str, Any] | None:
    """One event (active or a tombstone) with its mentions and their documents."""
    row = connection.execute(sa.select(events).where(events.c.event_id == event_id)).first()
    if row is None:
        return None
    item = event_dict(row)
    mention_rows = connection.execute(
        sa.select(mentions.c.mention_id, mentions.c.doc_id, mentions.c.payload)
        .where(mentions.c.event_id == event_id)
        .order_by(mentions.c.mention_id)
    ).all()
    item["mentions"] = [{"mention_id": m.mention_id, "doc_id": m.doc_id, "event": m.payload} for m in mention_rows]
    doc_ids = sorted({m.doc_id for m in mention_rows})
    doc_rows = connection.execute(sa.select(documents).where(documents.c.doc_id.in_(doc_ids))) if doc_ids else []
    item["documents"] = [document_dict(doc, with_text=True) for doc in doc_rows]
    return item


def select_documents(
    connection: sa.Connection, text: str | None = None, limit: int | None = 100, offset: int = 0
) -> list[dict[str, Any]]:
    query = sa.select(documents).order_by(documents.c.published.desc().nulls_last(), documents.c.doc_id)
    if text:
        query = query.where(document_condition(connection.dialect.name, text))
    return [document_dict(row, with_text=False) for row in connection.execute(query.limit(limit).offset(offset))]


def select_document(connection: sa.Connection, doc_id: str) -> dict[str, Any] | None:
    row = connection.execute(sa.select(documents).where(documents.c.doc_id == doc_id)).first()
    if row is None:
        return None
    item = document_dict(row, with_text=True)
    linked = connection.execute(
        sa.select(mentions.c.mention_id, mentions.c.event_id, mentions.c.payload)
        .where(mentions.c.doc_id == doc_id)
        .order_by(mentions.c.ordinal)
    )
    item["mentions"] = [{"mention_id": m.mention_id, "event_id": m.event_id, "event": m.payload} for m in linked]
    return item


def select_changes(connection: sa.Connection, since: datetime) -> list[dict[str, Any]]:
    """Events changed after `since`, oldest change first; merged or deleted ones come as tombstones."""
    query = sa.select(events).where(events.c.updated_at > since).order_by(events.c.updated_at, events.c.event_id)
    changes = []
    for row in connection.execute(query):
        if row.status == "active":
            changes.append({"change": "upsert", **event_dict(row)})
        else:
            changes.append({
                "change": "tombstone",
                "event_id": row.event_id,
                "status": row.status,
                "merged_into": row.merged_into,
                "updated_at": utc(row.updated_at).isoformat(),  # type: ignore[union-attr]
            })
    return changes


def select_stats(connection: sa.Connection, where: EventFilter) -> list[dict[str, Any]]:
    """Active events counted per type x month x province."""
    if connection.dialect.name == "postgresql":
        month = sa.func.to_char(events.c.date_start, "YYYY-MM")
    else:
        month = sa.func.strftime("%Y-%m", events.c.date_start)
    province = sa.func.substr(events.c.adcode, 1, 2)
    query = (
        sa.select(events.c.type, month.label("month"), province.label("province"), sa.func.count().label("events"))
        .where(*event_conditions(connection.dialect.name, where))
        .group_by(events.c.type, month, province)
        .order_by(month, events.c.type, province)
    )
    return [
        {"type": row.type, "month": row.month, "province": row.province, "events": row.events}
        for row in connection.execute(query)
    ]


def count(connection: sa.Connection, table: sa.Table, *conditions: sa.ColumnElement[bool]) -> int:
    return int(connection.execute(sa.select(sa.func.count()).select_from(table).where(*conditions)).scalar_one())
