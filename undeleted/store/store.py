"""Store: the database of documents, mentions and canonical events (SQLite or PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from types import TracebackType
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from undeleted.errors import StoreError
from undeleted.link import LinkOptions
from undeleted.link.merge import load_official_sources
from undeleted.models import Document, Event
from undeleted.store import reading
from undeleted.store.linking import LinkReport, link_unlinked
from undeleted.store.locks import begin_exclusive, warn
from undeleted.store.migrate import upgrade
from undeleted.store.queries_web import EventQuery, iter_export_events
from undeleted.store.reading import EventFilter
from undeleted.store.search import document_condition
from undeleted.store.tables import documents, events, mentions
from undeleted.store.writing import insert_documents

BATCH = 200


def now_utc() -> datetime:
    return datetime.now(UTC)


def make_engine(url: str) -> sa.Engine:
    """An engine for `url`; SQLite gets foreign keys, WAL (synchronous=NORMAL), a 64 MiB cache and a busy timeout."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    try:
        engine = sa.create_engine(url, future=True)
    except (SQLAlchemyError, ImportError, ValueError) as error:
        raise StoreError(f"--db {url}: cannot open this database URL ({error})") from error
    if engine.dialect.name == "sqlite":
        sa_event.listen(engine, "connect", sqlite_pragmas)
    elif engine.dialect.name != "postgresql":
        raise StoreError(f"--db {url}: only sqlite:/// and postgresql+psycopg:// URLs are supported")
    return engine


def sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")  # first: two processes opening a new file both switch to WAL
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")  # with WAL: each commit survives a crash of the process
    cursor.execute("PRAGMA cache_size=-65536")  # 64 MiB of pages, so batch lookups stay in memory
    cursor.close()


class Store:
    """Open with Store.open(url); the schema is created or upgraded on open."""

    def __init__(self, engine: sa.Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self.official = load_official_sources()
        self.link_options = LinkOptions()
        self.waited = False  # this store has said once that it waits for another writer

    def notice_wait(self, message: str) -> None:
        """Say once per store that a write waits for another process (then stay quiet)."""
        if not self.waited:
            self.waited = True
            warn(message)

    @contextmanager
    def writing(self) -> Iterator[sa.Connection]:
        """A connection in a write transaction (committed at the end): on SQLite it holds the write lock from
        the start, waiting (and saying so) while another process writes."""
        with self.engine.connect() as connection:
            begin_exclusive(connection, "save", self.notice_wait)
            yield connection
            connection.commit()

    @classmethod
    def open(cls, url: str) -> Store:
        """Connect to `url` (sqlite:///path.db or postgresql+psycopg://...) and upgrade the schema to head."""
        engine = make_engine(url)
        try:
            upgrade(engine)
        except (DBAPIError, OSError) as error:
            engine.dispose()
            raise StoreError(f"--db {safe_url(url)}: cannot open or upgrade the database: {error}") from error
        return cls(engine, url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.close()

    # writing

    def has_document(self, doc_id: str) -> bool:
        return bool(self.known_doc_ids([doc_id]))

    def known_doc_ids(self, doc_ids: Iterable[str]) -> set[str]:
        """Which of these documents are stored already (one query per 500 ids)."""
        wanted = list(dict.fromkeys(doc_ids))
        found: set[str] = set()
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), 500):
                batch = wanted[start : start + 500]
                found.update(connection.execute(sa.select(documents.c.doc_id).where(documents.c.doc_id.in_(batch))).scalars())
        return found

    def save(self, doc: Document, events: list[Event]) -> list[str]:
        """Store one document and its events in one transaction; returns mention ids ([] if already stored)."""
        try:
            with self.writing() as connection:
                if reading.count(connection, documents, documents.c.doc_id == doc.doc_id):
                    return []
                return insert_documents(connection, [(doc, events)], now_utc())
        except SQLAlchemyError as error:
            if self.has_document(doc.doc_id):
                return []  # stored meanwhile by a concurrent writer
            raise StoreError(f"document {doc.doc_id} ({doc.url or doc.title or 'no url'}): not stored: {error}") from error

    def save_many(self, items: Iterable[tuple[Document, list[Event]]], batch_size: int = BATCH) -> int:
        """Store documents in batches of one transaction each; returns how many were new.

        A batch that fails is retried document by document, so a bad document fails alone.
        """
        stored = 0
        batch: list[tuple[Document, list[Event]]] = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                stored += self.save_batch(batch)
                batch = []
        if batch:
            stored += self.save_batch(batch)
        return stored

    def save_batch(self, batch: list[tuple[Document, list[Event]]]) -> int:
        known = self.known_doc_ids(doc.doc_id for doc, _ in batch)
        fresh: dict[str, tuple[Document, list[Event]]] = {}
        for doc, doc_events in batch:
            if doc.doc_id not in known:
                fresh.setdefault(doc.doc_id, (doc, doc_events))
        if not fresh:
            return 0
        try:
            with self.writing() as connection:
                insert_documents(connection, list(fresh.values()), now_utc())
            return len(fresh)
        except SQLAlchemyError:
            return self.save_one_by_one(list(fresh.values()))

    def save_one_by_one(self, items: list[tuple[Document, list[Event]]]) -> int:
        """Save each document alone; the others are stored, then the first failure is raised."""
        stored, failures = 0, []
        for doc, doc_events in items:
            try:
                known = self.has_document(doc.doc_id)
                self.save(doc, doc_events)
                stored += 0 if known else 1
            except StoreError as error:
                failures.append(error)
        if failures:
            raise StoreError(f"{len(failures)} of {len(items)} documents not stored; first: {failures[0]}")
        return stored

    # linking

    def link(self) -> LinkReport:
        """Attach every unlinked mention to a canonical event, one transaction per block window."""
        try:
            with self.engine.connect() as connection:
                return link_unlinked(connection, self.official, now_utc(), self.link_options, self.notice_wait)
        except DBAPIError as error:
            raise StoreError(f"--db {safe_url(self.url)}: linking stopped (the window in progress was rolled back; "
                             f"mentions left unlinked are linked by the next run): {error}") from error

    # reading

    def events(self, where: EventFilter | None = None, **filters: Any) -> list[dict[str, Any]]:
        """Active canonical events; filter with an EventFilter or its fields as keywords."""
        with self.engine.connect() as connection:
            return reading.select_events(connection, where or EventFilter(**filters))

    def event(self, event_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as connection:
            return reading.select_event(connection, event_id)

    def documents(self, text: str | None = None, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            return reading.select_documents(connection, text, limit, offset)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as connection:
            return reading.select_document(connection, doc_id)

    def search(self, query: str, limit: int = 50) -> dict[str, list[dict[str, Any]]]:
        """Documents (title, text) and events (summary, place) that contain every term of `query`."""
        return {
            "documents": self.documents(text=query, limit=limit),
            "events": self.events(EventFilter(text=query, limit=limit)),
        }

    def changes_since(self, since: datetime | date | str) -> list[dict[str, Any]]:
        """Events changed after `since`; merged or deleted events as tombstones with `merged_into`."""
        with self.engine.connect() as connection:
            return reading.select_changes(connection, as_utc(since))

    def count_documents(self, text: str | None = None) -> int:
        with self.engine.connect() as connection:
            conditions = [document_condition(connection.dialect.name, text)] if text else []
            return reading.count(connection, documents, *conditions)

    def count_events(self, where: EventFilter | None = None, **filters: Any) -> int:
        with self.engine.connect() as connection:
            conditions = reading.event_conditions(connection.dialect.name, where or EventFilter(**filters))
            return reading.count(connection, events, *conditions)

    def count_mentions(self, linked: bool | None = None) -> int:
        with self.engine.connect() as connection:
            if linked is None:
                return reading.count(connection, mentions)
            link_state = mentions.c.event_id.is_not(None) if linked else mentions.c.event_id.is_(None)
            return reading.count(connection, mentions, link_state)

    def stats(self, where: EventFilter | None = None, **filters: Any) -> list[dict[str, Any]]:
        """Active events counted per type x month x province (first two adcode digits)."""
        with self.engine.connect() as connection:
            return reading.select_stats(connection, where or EventFilter(**filters))

    def iter_export_rows(self, where: EventFilter | None = None, **filters: Any) -> Iterator[dict[str, Any]]:
        """Every matching canonical event as a SCHEMA event dict plus event_id, corroboration and sources."""
        with self.engine.connect() as connection:
            yield from reading.iter_events(connection, where or EventFilter(**{**filters, "limit": None}))

    def export_events(self, spec: EventQuery | None = None) -> Iterator[dict[str, Any]]:
        """Every event of a filtered query (newest first) as SCHEMA fields plus event_id, corroboration, reviewed
        and `documents` (the doc_ids of its reports), streamed in chunks."""
        with self.engine.connect() as connection:
            yield from iter_export_events(connection, spec or EventQuery())

    def documents_by_id(self, doc_ids: Iterable[str], with_text: bool = True) -> dict[str, dict[str, Any]]:
        """The stored documents among `doc_ids` (one query per 500 ids), keyed by doc_id."""
        wanted = list(dict.fromkeys(doc_ids))
        found: dict[str, dict[str, Any]] = {}
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), 500):
                rows = connection.execute(sa.select(documents).where(documents.c.doc_id.in_(wanted[start:start + 500])))
                found.update((row.doc_id, reading.document_dict(row, with_text)) for row in rows)
        return found


def as_utc(since: datetime | date | str) -> datetime:
    if isinstance(since, str):
        since = datetime.fromisoformat(since)
    if not isinstance(since, datetime):
        since = datetime(since.year, since.month, since.day)
    return since if since.tzinfo else since.replace(tzinfo=UTC)


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except (SQLAlchemyError, ValueError):
        return url
