"""Full-text conditions: SQLite FTS5 (trigram) or PostgreSQL tsvector; substring match where those cannot help."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from undeleted.store.schema import documents, events

TRIGRAM = 3
EMPTY = sa.literal_column("''", sa.Text)
SPACE = sa.literal_column("' '", sa.Text)


def terms_of(text: str) -> list[str]:
    return [term for term in text.split() if term]


def has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def like_pattern(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def document_condition(dialect: str, text: str) -> ColumnElement[bool]:
    """Documents whose title or text contain every term of `text`."""
    conditions: list[ColumnElement[bool]] = []
    for term in terms_of(text):
        if dialect == "sqlite" and len(term) >= TRIGRAM:
            match = (
                sa.text("SELECT doc_id FROM documents_fts WHERE documents_fts MATCH :q")
                .bindparams(sa.bindparam("q", fts_phrase(term), unique=True))
                .columns(doc_id=sa.String)
            )
            conditions.append(documents.c.doc_id.in_(match))
        elif dialect == "postgresql" and not has_cjk(term):
            vector = sa.func.to_tsvector(
                sa.literal_column("'simple'"),
                sa.func.coalesce(documents.c.title, EMPTY) + SPACE + documents.c.text,
            )
            conditions.append(
                vector.bool_op("@@")(sa.func.plainto_tsquery(sa.literal_column("'simple'"), term))
            )
        else:
            pattern = like_pattern(term)
            conditions.append(
                sa.or_(
                    documents.c.text.ilike(pattern, escape="\\"),
                    documents.c.title.ilike(pattern, escape="\\"),
                )
            )
    return sa.and_(sa.true(), *conditions)


def event_condition(dialect: str, text: str) -> ColumnElement[bool]:
    """Events whose summaries or places (of any mention) contain every term of `text`."""
    conditions: list[ColumnElement[bool]] = []
    for term in terms_of(text):
        if dialect == "sqlite" and len(term) >= TRIGRAM:
            match = (
                sa.text("SELECT event_id FROM events_fts WHERE events_fts MATCH :q")
                .bindparams(sa.bindparam("q", fts_phrase(term), unique=True))
                .columns(event_id=sa.String)
            )
            conditions.append(events.c.event_id.in_(match))
        elif dialect == "postgresql" and not has_cjk(term):
            vector = sa.func.to_tsvector(
                sa.literal_column("'simple'"),
                sa.func.coalesce(events.c.search_text, EMPTY),
            )
            conditions.append(
                vector.bool_op("@@")(sa.func.plainto_tsquery(sa.literal_column("'simple'"), term))
            )
        else:
            pattern = like_pattern(term)
            conditions.append(events.c.search_text.ilike(pattern, escape="\\"))
    return sa.and_(sa.true(), *conditions)
