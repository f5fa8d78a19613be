"""Rows of the reports' near-duplicate fingerprints: saved with their documents, found again by key. Which
report repeats which is decided above the store (ingest/near_duplicates.py); here they are only kept."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from undeleted.store.schema import document_line_keys, document_lines, documents, mentions

KEYS_PER_QUERY = 500


@dataclass(frozen=True)
class DocumentLines:
    """A report's line hashes (packed), the keys a later report finds it by, and the stored report it repeats
    but for a line (a copy has no keys: only originals are found; a copy's mentions are those its differing
    line tells)."""

    lines: bytes
    line_count: int
    keys: tuple[int, ...]
    copy_of: str | None = None


@dataclass(frozen=True)
class Candidate:
    """A stored report that shares a key with the report asked about, and has a like number of lines."""

    doc_id: str
    url: str | None
    title: str | None
    lines: bytes


def insert_lines(
    connection: sa.Connection, items: Sequence[tuple[str, DocumentLines]], ignore_stored: bool = False
) -> int:
    """Insert the fingerprints of stored documents (one statement per table); returns how many were given.
    `ignore_stored` leaves a document's existing fingerprint as it is (two runs filling in the same ones)."""
    line_rows: list[dict[str, Any]] = []
    key_rows: list[dict[str, Any]] = []
    for doc_id, lines in items:
        line_rows.append(
            {"doc_id": doc_id, "line_count": lines.line_count, "lines": lines.lines, "copy_of": lines.copy_of}
        )
        key_rows += [{"key": key, "line_count": lines.line_count, "doc_id": doc_id} for key in lines.keys]
    if not line_rows:
        return 0
    if ignore_stored:
        dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
        connection.execute(dialect.insert(document_lines).on_conflict_do_nothing(), line_rows)
        if key_rows:
            connection.execute(dialect.insert(document_line_keys).on_conflict_do_nothing(), key_rows)
    else:
        connection.execute(document_lines.insert(), line_rows)
        if key_rows:
            connection.execute(document_line_keys.insert(), key_rows)
    return len(line_rows)


SHARING = sa.select(document_line_keys.c.doc_id).where(
    document_line_keys.c.key.in_(sa.bindparam("keys", expanding=True)),
    document_line_keys.c.line_count.between(sa.bindparam("fewest"), sa.bindparam("most")),
)
CANDIDATES = (  # one statement, compiled once (a run asks it once per report), its keys bound as a list
    sa.select(documents.c.doc_id, documents.c.url, documents.c.title, document_lines.c.lines)
    .join(document_lines, document_lines.c.doc_id == documents.c.doc_id)
    .where(documents.c.doc_id.in_(SHARING))
    .order_by(documents.c.added_at, documents.c.doc_id)
)


def find_candidates(connection: sa.Connection, keys: Iterable[int], line_count: int) -> list[Candidate]:
    """Stored reports with one of `keys` and line_count ± 1 lines, the earliest stored first."""
    wanted = sorted(set(keys))
    found: dict[str, Candidate] = {}
    for start in range(0, len(wanted), KEYS_PER_QUERY):
        bound = {
            "keys": wanted[start : start + KEYS_PER_QUERY],
            "fewest": line_count - 1,
            "most": line_count + 1,
        }
        for row in connection.execute(CANDIDATES, bound):
            found.setdefault(row.doc_id, Candidate(row.doc_id, row.url, row.title, bytes(row.lines)))
    return list(found.values())


def documents_without_lines(connection: sa.Connection, after: str, limit: int) -> list[tuple[str, str]]:
    """(doc_id, text) of up to `limit` stored documents past `after` (in doc_id order) that have no fingerprint."""
    unprinted = ~sa.exists().where(document_lines.c.doc_id == documents.c.doc_id)
    rows = connection.execute(
        sa.select(documents.c.doc_id, documents.c.text)
        .where(documents.c.doc_id > after, unprinted)
        .order_by(documents.c.doc_id)
        .limit(limit)
    )
    return [(row.doc_id, row.text) for row in rows]


def copy_of(connection: sa.Connection, doc_ids: Iterable[str]) -> dict[str, str | None]:
    """For each fingerprinted document among `doc_ids`, the report it repeats but for a line (None: none)."""
    rows = connection.execute(
        sa.select(document_lines.c.doc_id, document_lines.c.copy_of).where(
            document_lines.c.doc_id.in_(list(doc_ids))
        )
    )
    return {row.doc_id: row.copy_of for row in rows}


def report_mentions(connection: sa.Connection, doc_id: str) -> tuple[str, list[dict[str, Any]]] | None:
    """A stored report's text and its mentions' payloads (in extraction order); None when it is not stored."""
    text = connection.execute(sa.select(documents.c.text).where(documents.c.doc_id == doc_id)).scalar()
    if text is None:
        return None
    rows = connection.execute(
        sa.select(mentions.c.payload).where(mentions.c.doc_id == doc_id).order_by(mentions.c.ordinal)
    )
    return text, [dict(row.payload) for row in rows]
