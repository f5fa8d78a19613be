"""Rows for one document and its extracted events; inserted inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from undeleted.link.features import area_of
from undeleted.models import Document, Event
from undeleted.store.fingerprints import DocumentLines, insert_lines
from undeleted.store.schema import documents, hashtag_status, hashtags, mentions, sources


def mention_id_of(doc_id: str, ordinal: int) -> str:
    """Stable id of the ordinal-th event extracted from a document."""
    return f"{doc_id}:{ordinal}"


def document_row(doc: Document, now: datetime) -> dict[str, Any]:
    return {**doc.model_dump(), "added_at": now}


def location_columns(event: Event) -> dict[str, Any]:
    location = event.location
    area = area_of(location.adcode, (location.admin1, location.admin2, location.admin3))
    return {
        "country": (location.country or "CN").upper(),
        "adcode": location.adcode,
        "province_key": area[0],
        "prefecture_key": area[1],
    }


def mention_row(doc_id: str, ordinal: int, event: Event, now: datetime) -> dict[str, Any]:
    return {
        "mention_id": mention_id_of(doc_id, ordinal),
        "doc_id": doc_id,
        "ordinal": ordinal,
        "event_id": None,
        "type": event.type,
        "date_start": event.date_start,
        "date_end": event.date_end,
        "time_precision": event.time_precision,
        **location_columns(event),
        "credibility": event.credibility,
        "payload": event.model_dump(mode="json"),
        "created_at": now,
    }


def insert_ignoring_duplicates(
    connection: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]
) -> None:
    if not rows:
        return
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    connection.execute(dialect.insert(table).on_conflict_do_nothing(), rows)


def insert_documents(
    connection: sa.Connection,
    items: Sequence[tuple[Document, list[Event], DocumentLines | None]],
    now: datetime,
) -> list[str]:
    """Insert documents (assumed new) with their mentions, sources, hashtags and fingerprints (when given);
    returns mention ids."""
    doc_rows, mention_rows, source_rows, tag_rows, status_rows = [], [], [], [], []
    for doc, events, _ in items:
        doc_rows.append(document_row(doc, now))
        for ordinal, event in enumerate(events):
            row = mention_row(doc.doc_id, ordinal, event, now)
            mention_rows.append(row)
            for name in dict.fromkeys(name.strip() for name in event.cited_sources if name.strip()):
                source_rows.append({"mention_id": row["mention_id"], "name": name})
            for tag in event.hashtags:
                tag_rows.append(
                    {"tag": tag.tag, "status": tag.status, "status_date": tag.status_date, "first_seen": now}
                )
                status_rows.append(
                    {
                        "tag": tag.tag,
                        "mention_id": row["mention_id"],
                        "status": tag.status,
                        "status_date": tag.status_date,
                        "recorded_at": now,
                    }
                )
    connection.execute(documents.insert(), doc_rows)
    if mention_rows:
        connection.execute(mentions.insert(), mention_rows)
    if source_rows:
        connection.execute(sources.insert(), source_rows)
    insert_ignoring_duplicates(connection, hashtags, tag_rows)
    if status_rows:
        connection.execute(hashtag_status.insert(), status_rows)
        refresh_hashtag_status(connection, {row["tag"] for row in status_rows})
    insert_lines(connection, [(doc.doc_id, lines) for doc, _, lines in items if lines is not None])
    if connection.dialect.name == "sqlite":
        connection.execute(
            sa.text("INSERT INTO documents_fts (doc_id, title, text) VALUES (:doc_id, :title, :text)"),
            [{"doc_id": row["doc_id"], "title": row["title"] or "", "text": row["text"]} for row in doc_rows],
        )
    return [row["mention_id"] for row in mention_rows]


def refresh_hashtag_status(connection: sa.Connection, tags: set[str]) -> None:
    """A hashtag's current status is its most recently dated observation (undated ones count as oldest)."""
    for tag in tags:
        latest = connection.execute(
            sa.select(hashtag_status.c.status, hashtag_status.c.status_date)
            .where(hashtag_status.c.tag == tag)
            .order_by(hashtag_status.c.status_date.desc().nulls_last(), hashtag_status.c.id.desc())
            .limit(1)
        ).one()
        connection.execute(
            hashtags.update()
            .where(hashtags.c.tag == tag)
            .values(status=latest.status, status_date=latest.status_date)
        )
