"""Store: the database of documents, mentions and canonical events (SQLite or PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime
from types import TracebackType
from typing import Any, Concatenate, ParamSpec, TypeVar

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from undeleted.errors import StoreError
from undeleted.link import LinkOptions
from undeleted.link.merge import load_official_sources
from undeleted.models import Document, Event
from undeleted.store import fingerprints, queries, review, snapshots, social, takedowns
from undeleted.store.engine import DataVersion, make_engine
from undeleted.store.fingerprints import Candidate, DocumentLines
from undeleted.store.linking import LinkReport, link_unlinked
from undeleted.store.locks import begin_exclusive, warn
from undeleted.store.migrate import upgrade
from undeleted.store.queries import EventPage, EventQuery
from undeleted.store.schema import documents, events, mentions
from undeleted.store.search import document_condition
from undeleted.store.writing import insert_documents

BATCH = 200
Report = tuple[Document, list[Event], DocumentLines | None]  # a document, its events and its fingerprint
ALL = EventQuery()
P = ParamSpec("P")
T = TypeVar("T")


def now_utc() -> datetime:
    return datetime.now(UTC)


class Store:
    """Open with Store.open(url); the schema is created or upgraded on open."""

    def __init__(self, engine: sa.Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self.official = load_official_sources()
        self.link_options = LinkOptions()
        self.waited = False  # this store has said once that it waits for another writer
        self.version = DataVersion(engine, url)

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

    def data_version(self) -> int | None:
        """A number that changes whenever any connection, in this process or another, commits to the
        database, so that a reader can keep answers until then (the API's response cache); None where the
        database cannot tell cheaply (PostgreSQL, in-memory SQLite), so nothing is kept."""
        return self.version.read()

    def close(self) -> None:
        self.version.close()
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
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
                found.update(
                    connection.execute(
                        sa.select(documents.c.doc_id).where(documents.c.doc_id.in_(batch))
                    ).scalars()
                )
        return found

    def save(self, doc: Document, events: list[Event], lines: DocumentLines | None = None) -> list[str]:
        """Store one document, its events (and its fingerprint) in one transaction; returns mention ids ([] if
        already stored)."""
        try:
            with self.writing() as connection:
                if queries.count(connection, documents, documents.c.doc_id == doc.doc_id):
                    return []
                return insert_documents(connection, [(doc, events, lines)], now_utc())
        except SQLAlchemyError as error:
            if self.has_document(doc.doc_id):
                return []  # stored meanwhile by a concurrent writer
            raise StoreError(
                f"document {doc.doc_id} ({doc.url or doc.title or 'no url'}): not stored: {error}"
            ) from error

    def save_many(self, items: Iterable[tuple[Document, list[Event]]], batch_size: int = BATCH) -> int:
        """Store documents in batches of one transaction each; returns how many were new.

        A batch that fails is retried document by document, so a bad document fails alone.
        """
        return self.save_reports(((doc, doc_events, None) for doc, doc_events in items), batch_size)

    def save_reports(self, items: Iterable[Report], batch_size: int = BATCH) -> int:
        """save_many, each document with its near-duplicate fingerprint (or None) saved in its transaction."""
        stored = 0
        batch: list[Report] = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                stored += self.save_batch(batch)
                batch = []
        if batch:
            stored += self.save_batch(batch)
        return stored

    def save_batch(self, batch: list[Report]) -> int:
        known = self.known_doc_ids(item[0].doc_id for item in batch)
        fresh: dict[str, Report] = {}
        for item in batch:
            if item[0].doc_id not in known:
                fresh.setdefault(item[0].doc_id, item)
        if not fresh:
            return 0
        try:
            with self.writing() as connection:
                insert_documents(connection, list(fresh.values()), now_utc())
            return len(fresh)
        except SQLAlchemyError:
            return self.save_one_by_one(list(fresh.values()))

    def save_one_by_one(self, items: list[Report]) -> int:
        """Save each document alone; the others are stored, then the first failure is raised."""
        stored, failures = 0, []
        for doc, doc_events, lines in items:
            try:
                known = self.has_document(doc.doc_id)
                self.save(doc, doc_events, lines)
                stored += 0 if known else 1
            except StoreError as error:
                failures.append(error)
        if failures:
            raise StoreError(f"{len(failures)} of {len(items)} documents not stored; first: {failures[0]}")
        return stored

    # near-duplicate fingerprints (kept here; the decision is ingest/near_duplicates.py's)

    def near_duplicate_candidates(self, keys: Iterable[int], line_count: int) -> list[Candidate]:
        """Stored reports found by one of `keys` whose line count is `line_count` ± 1, earliest stored first."""
        return self.read(fingerprints.find_candidates, keys, line_count)

    def near_duplicate_mentions(self, doc_id: str) -> tuple[str, list[dict[str, Any]]] | None:
        """A stored report's text and its mentions' payloads, to tell a near-duplicate's new events from its own."""
        return self.read(fingerprints.report_mentions, doc_id)

    def documents_without_lines(self, batch_size: int = BATCH) -> Iterator[list[tuple[str, str]]]:
        """(doc_id, text) of the stored documents without a fingerprint, a batch at a time (stored before
        fingerprints were kept, or by a command that keeps none)."""
        after = ""
        while batch := self.read(fingerprints.documents_without_lines, after, batch_size):
            yield batch
            after = batch[-1][0]

    def save_lines(self, items: Iterable[tuple[str, DocumentLines]]) -> int:
        """Save the fingerprints of stored documents, keeping any a document has already; returns how many."""
        rows = list(items)
        return self.write(fingerprints.insert_lines, rows, ignore_stored=True) if rows else 0

    def copies_of(self, doc_ids: Iterable[str]) -> dict[str, str | None]:
        """For each fingerprinted document among `doc_ids`, the report it repeats but for a line, or None."""
        return self.read(fingerprints.copy_of, doc_ids)

    # linking

    def link(self) -> LinkReport:
        """Attach every unlinked mention to a canonical event, one transaction per block window."""
        try:
            with self.engine.connect() as connection:
                return link_unlinked(
                    connection, self.official, now_utc(), self.link_options, self.notice_wait
                )
        except DBAPIError as error:
            raise StoreError(
                f"--db {safe_url(self.url)}: linking stopped (the window in progress was rolled back; "
                f"mentions left unlinked are linked by the next run): {error}"
            ) from error

    # reading and writing through one connection or one transaction

    def read(
        self, reading: Callable[Concatenate[sa.Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Run one of the store's queries on a fresh connection."""
        with self.engine.connect() as connection:
            return reading(connection, *args, **kwargs)

    def write(
        self, change: Callable[Concatenate[sa.Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Run one of the store's changes in one write transaction (holding the write lock, see `writing`)."""
        with self.writing() as connection:
            return change(connection, *args, **kwargs)

    # events

    def events(
        self, query: EventQuery = ALL, sort: str = "date", limit: int | None = 100, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Full events (SCHEMA fields, sources, corroboration, id, status, review flag and stamps)."""
        return self.read(queries.select_events, query, sort, limit, offset)

    def event_page(
        self, query: EventQuery = ALL, sort: str = "-date", limit: int = 50, offset: int = 0
    ) -> EventPage:
        """One page of light list rows and a capped total (the API's events list and the dashboard table)."""
        return self.read(queries.list_events, query, sort, limit, offset)

    def map_points(self, query: EventQuery = ALL, limit: int = 5000) -> list[dict[str, Any]]:
        return self.read(queries.map_points, query, limit)

    def count_by(self, query: EventQuery = ALL, period: str = "month") -> list[dict[str, Any]]:
        """Active events counted per type x period (month or week) x province (first two adcode digits)."""
        return self.read(queries.count_by, query, period)

    def count_events(self, query: EventQuery = ALL) -> int:
        return self.read(queries.count_events, query)

    def export_events(self, query: EventQuery = ALL, sort: str = "-date") -> Iterator[dict[str, Any]]:
        """Every matching event for an export: SCHEMA fields plus event_id, status, reviewed, corroboration,
        sources and `documents` (the doc_ids of its reports), streamed in chunks. `undeleted export` and
        /api/export.* both write these rows (through export/rows.py)."""
        with self.engine.connect() as connection:
            yield from queries.iter_export_events(connection, query, sort)

    def documents_by_id(self, doc_ids: Iterable[str], with_text: bool = True) -> dict[str, dict[str, Any]]:
        """The stored documents among `doc_ids` (one query per 500 ids), keyed by doc_id."""
        return self.read(queries.documents_by_id, doc_ids, with_text)

    def event(self, event_id: str) -> dict[str, Any] | None:
        return self.read(queries.select_event, event_id)

    def has_event(self, event_id: str) -> bool:
        return self.read(queries.count, events, events.c.event_id == event_id) > 0

    def audit(self, event_id: str) -> list[dict[str, Any]]:
        """The review history of an event, oldest first."""
        return self.read(queries.audit_of, event_id)

    def changes_since(self, since: datetime | date | str) -> list[dict[str, Any]]:
        """Events changed after `since`; merged or deleted events as tombstones with `merged_into`."""
        return self.read(queries.select_changes, as_utc(since))

    def hashtags(self, status: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        return self.read(queries.list_hashtags, status, limit, offset)

    # documents

    def documents(
        self, text: str | None = None, limit: int | None = 100, offset: int = 0
    ) -> list[dict[str, Any]]:
        return self.read(queries.select_documents, text, limit, offset)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        return self.read(queries.select_document, doc_id)

    def search(self, text: str, limit: int = 50) -> dict[str, list[dict[str, Any]]]:
        """Documents (title, text) and events (summary, place) that contain every term of `text`."""
        return {
            "documents": self.documents(text=text, limit=limit),
            "events": self.events(EventQuery(text=text), limit=limit),
        }

    def count_documents(self, text: str | None = None) -> int:
        with self.engine.connect() as connection:
            conditions = [document_condition(connection.dialect.name, text)] if text else []
            return queries.count(connection, documents, *conditions)

    def count_mentions(self, linked: bool | None = None) -> int:
        if linked is None:
            return self.read(queries.count, mentions)
        link_state = mentions.c.event_id.is_not(None) if linked else mentions.c.event_id.is_(None)
        return self.read(queries.count, mentions, link_state)

    # review decisions (each one transaction with its audit rows; see store/review.py)

    def confirm_event(self, event_id: str, actor: str, note: str | None = None) -> None:
        self.write(review.confirm_event, event_id, actor, note)

    def reject_event(self, event_id: str, actor: str, note: str | None = None) -> None:
        self.write(review.reject_event, event_id, actor, note)

    def edit_event(
        self, event_id: str, actor: str, changes: Mapping[str, Any], note: str | None = None
    ) -> dict[str, Any]:
        return self.write(review.edit_event, event_id, actor, changes, note)

    def merge_events(
        self, survivor_id: str, absorbed_ids: list[str], actor: str, note: str | None = None
    ) -> None:
        self.write(review.merge_events, survivor_id, absorbed_ids, actor, note)

    def split_event(self, event_id: str, mention_ids: list[str], actor: str, note: str | None = None) -> str:
        return self.write(review.split_event, event_id, mention_ids, actor, note)

    # raw pages and feeds

    def save_snapshot(
        self,
        *,
        sha256: str,
        url: str,
        final_url: str,
        status: int,
        content_type: str | None,
        retrieved_at: datetime,
        body: bytes,
        doc_id: str | None,
    ) -> None:
        self.write(
            snapshots.save_snapshot,
            sha256=sha256,
            url=url,
            final_url=final_url,
            status=status,
            content_type=content_type,
            retrieved_at=retrieved_at,
            body=body,
            doc_id=doc_id,
        )

    def snapshots_of(self, doc_id: str) -> list[dict[str, Any]]:
        return self.read(snapshots.snapshots_of, doc_id)

    def snapshot_body(self, sha256: str) -> bytes | None:
        return self.read(snapshots.snapshot_body, sha256)

    def feed_state(self, url: str) -> dict[str, Any] | None:
        return self.read(snapshots.feed_state, url)

    def save_feed_state(self, url: str, state: Mapping[str, Any]) -> None:
        self.write(snapshots.save_feed_state, url, state)

    def finished_items(self, feed_url: str, keys: Iterable[str]) -> set[str]:
        return self.read(snapshots.finished_items, feed_url, keys)

    def record_item(
        self,
        feed_url: str,
        item_key: str,
        item_id: str,
        link: str | None,
        doc_id: str | None,
        problem: str | None,
    ) -> None:
        self.write(snapshots.record_item, feed_url, item_key, item_id, link, doc_id, problem)

    # social posts, comments and their geography

    def save_social(
        self, posts: Iterable[Mapping[str, Any]], comments: Iterable[Mapping[str, Any]]
    ) -> tuple[int, int]:
        return self.write(social.save_social, posts, comments)

    def event_post_ids(self, event_id: str) -> list[str]:
        return self.read(social.event_post_ids, event_id)

    def comment_labels(self, post_ids: Iterable[str]) -> list[tuple[str, str | None]]:
        return self.read(social.comment_labels, post_ids)

    def comments_per_province(self) -> dict[str, int]:
        return self.read(social.comments_per_province)

    def event_adcode(self, event_id: str) -> str | None:
        return self.read(social.event_adcode, event_id)

    def post_origin(self, post_id: str) -> tuple[str | None, str | None] | None:
        return self.read(social.post_origin, post_id)

    def save_geography(self, subject: str, verdict: str, comments: int, payload: Mapping[str, Any]) -> None:
        self.write(social.save_geography, subject, verdict, comments, payload)

    def geography(self, subject: str) -> dict[str, Any] | None:
        """The stored comment geography of 'event:ID' or 'post:ID'."""
        return self.read(social.geography_result, subject)

    # takedowns: status histories and censorship relations

    def known_subjects(self, before: date) -> dict[str, set[str]]:
        return self.read(takedowns.known_subjects, before)

    def save_observations(self, items: Iterable[Mapping[str, Any]]) -> int:
        return self.write(takedowns.save_observations, items)

    def status_rows(self, kind: str, subjects: Iterable[str]) -> list[dict[str, Any]]:
        return self.read(takedowns.load_history, kind, subjects)

    def status_history(self, kind: str, subject: str) -> list[dict[str, Any]]:
        return self.read(takedowns.status_history, kind, subject)

    def post_facts(self, post_id: str) -> tuple[str | None, tuple[str, ...]]:
        return self.read(takedowns.post_facts, post_id)

    def document_location(self, doc_id: str) -> dict[str, Any] | None:
        return self.read(takedowns.document_location, doc_id)

    def hashtag_location(self, tag: str) -> dict[str, Any] | None:
        return self.read(takedowns.hashtag_location, tag)

    def relate_censorship(self, post_links: Iterable[tuple[str, str, str]] = ()) -> int:
        return self.write(takedowns.relate_censorship, post_links)

    def related_censorship(self, event_id: str) -> list[dict[str, Any]]:
        return self.read(takedowns.related_censorship, event_id)


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
