"""Hashtag and post snapshots in the store: status histories, censorship events for disappearances, and the
relation between a censorship event and the event whose content vanished (migrations 0003 and 0006).

Relations tie mentions (one event in one report), so they follow linking and merges: a censorship report's
mention is related to every mention of another type carrying the same hashtag, and a vanished post's
censorship report to the events extracted from that post.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from pydantic import ValidationError

from undeleted.censorship.snapshots import HashtagSnapshot, Locate, read_snapshot
from undeleted.censorship.takedowns import (
    KINDS,
    Disappearance,
    Kind,
    Observation,
    disappearance_record,
    disappearances,
)
from undeleted.censorship.takedowns import observations as snapshot_observations
from undeleted.errors import BadInput
from undeleted.models import Document, Event, Location
from undeleted.store.censorship import hashtag_snapshots, social_posts
from undeleted.store.tables import ID, STAMP, events, hashtag_status, mentions, metadata
from undeleted.store.writing import insert_ignoring_duplicates

if TYPE_CHECKING:
    from undeleted.store.store import Store

post_snapshots = sa.Table(
    "post_snapshots",
    metadata,
    sa.Column("post_id", ID, primary_key=True),
    sa.Column("taken", sa.Date, primary_key=True),
    sa.Column("source", sa.String(500), primary_key=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("notice", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("recorded_at", STAMP, nullable=False),
)

censorship_relations = sa.Table(
    "censorship_relations",
    metadata,
    sa.Column("censorship_mention_id", ID, primary_key=True),
    sa.Column("about_mention_id", ID, primary_key=True, index=True),
    sa.Column("via", sa.String(500), nullable=False),
    sa.Column("recorded_at", STAMP, nullable=False),
)

SUBJECT = {"hashtag": hashtag_snapshots.c.tag, "post": post_snapshots.c.post_id}
TABLE = {"hashtag": hashtag_snapshots, "post": post_snapshots}
SNAPSHOT_SUFFIXES = (".json", ".csv")


@dataclass
class SnapshotReport:
    snapshots: int = 0
    observations: int = 0  # new status rows
    disappearances: int = 0
    new_events: int = 0
    relations: int = 0  # new censorship relations
    problems: list[BadInput] = field(default_factory=list)


def read_snapshots(paths: Iterable[Path]) -> tuple[list[HashtagSnapshot], list[BadInput]]:
    """Every snapshot file (folders: their .json and .csv files), oldest first; bad files become problems."""
    files: list[Path] = []
    problems: list[BadInput] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SNAPSHOT_SUFFIXES
            )
        elif path.exists():
            files.append(path)
        else:
            problems.append(BadInput(f"{path}: no such file"))
    snapshots: list[HashtagSnapshot] = []
    for path in files:
        try:
            snapshots.append(read_snapshot(path))
        except BadInput as problem:
            problems.append(problem)
    return sorted(snapshots, key=lambda snapshot: snapshot.taken), problems


def known_subjects(connection: sa.Connection, before: date) -> dict[Kind, set[str]]:
    """Subjects observed on some snapshot older than `before` (absent now means gone)."""
    return {
        kind: set(
            connection.execute(
                sa.select(SUBJECT[kind]).distinct().where(TABLE[kind].c.taken < before)
            ).scalars()
        )
        for kind in KINDS
    }


def count_observations(connection: sa.Connection) -> int:
    return sum(
        connection.execute(sa.select(sa.func.count()).select_from(TABLE[kind])).scalar_one() for kind in KINDS
    )


def save_observations(connection: sa.Connection, items: list[Observation]) -> int:
    """Store status rows (one per subject, day and source; a row already there stays); returns how many are new."""
    now = datetime.now(UTC)
    before = count_observations(connection)
    for kind in KINDS:
        rows = {
            (item.subject, item.source): {
                SUBJECT[kind].name: item.subject,
                "taken": item.taken,
                "source": item.source,
                "status": item.status,
                "notice": item.notice,
                "recorded_at": now,
                **({"url": item.url} if kind == "post" else {}),
            }
            for item in items
            if item.kind == kind
        }
        insert_ignoring_duplicates(connection, TABLE[kind], list(rows.values()))
    return count_observations(connection) - before


def load_history(connection: sa.Connection, kind: Kind, subjects: Iterable[str]) -> list[Observation]:
    wanted = sorted(set(subjects))
    table, column = TABLE[kind], SUBJECT[kind]
    found: list[Observation] = []
    for start in range(0, len(wanted), 500):
        rows = connection.execute(sa.select(table).where(column.in_(wanted[start : start + 500])))
        found += [
            Observation(
                kind,
                row._mapping[column.name],
                row.taken,
                row.source,
                row.status,
                row.notice,
                row._mapping.get("url"),
            )
            for row in rows
        ]
    return found


def status_history(connection: sa.Connection, kind: Kind, subject: str) -> list[dict[str, Any]]:
    """A hashtag's or post's observations, oldest first: {taken, status, source, notice}."""
    table, column = TABLE[kind], SUBJECT[kind]
    rows = connection.execute(
        sa.select(table).where(column == subject).order_by(table.c.taken, table.c.source)
    )
    return [
        {"taken": row.taken.isoformat(), "status": row.status, "source": row.source, "notice": row.notice}
        for row in rows
    ]


def located_event(connection: sa.Connection, mention_ids: sa.Select[Any]) -> Location | None:
    """The place of the located non-censorship event most of these mentions belong to."""
    best = connection.execute(
        sa.select(events.c.event_id, sa.func.count().label("n"))
        .join(mentions, mentions.c.event_id == events.c.event_id)
        .where(
            mentions.c.mention_id.in_(mention_ids),
            events.c.adcode.is_not(None),
            events.c.type != "censorship",
        )
        .group_by(events.c.event_id)
        .order_by(sa.desc("n"), events.c.event_id)
        .limit(1)
    ).scalar()
    if best is None:
        return None
    payload = connection.execute(sa.select(events.c.payload).where(events.c.event_id == best)).scalar() or {}
    try:
        return Location.model_validate(payload.get("location") or {})
    except ValidationError:
        return None


def tag_mentions(tag: str) -> sa.Select[Any]:
    return sa.select(hashtag_status.c.mention_id).where(hashtag_status.c.tag == tag)


def doc_mentions(doc_id: str) -> sa.Select[Any]:
    return sa.select(mentions.c.mention_id).where(mentions.c.doc_id == doc_id)


@dataclass(frozen=True)
class PostFacts:
    doc_id: str | None
    hashtags: tuple[str, ...]


def post_facts(connection: sa.Connection, post_id: str) -> PostFacts:
    row = connection.execute(
        sa.select(social_posts.c.doc_id, social_posts.c.hashtags).where(social_posts.c.post_id == post_id)
    ).first()
    return PostFacts(row.doc_id, tuple(row.hashtags or ())) if row else PostFacts(None, ())


def place_of(
    connection: sa.Connection, item: Disappearance, facts: PostFacts, locate: Locate
) -> Location | None:
    """The place the content is about: named in the hashtag, else the event the post or hashtag belongs to."""
    tags = [item.subject] if item.kind == "hashtag" else list(facts.hashtags)
    if facts.doc_id:
        found = located_event(connection, doc_mentions(facts.doc_id))
        if found:
            return found
    for tag in tags:
        found = locate(tag) or located_event(connection, tag_mentions(tag))
        if found:
            return found
    return None


def relate_censorship(connection: sa.Connection, post_links: Iterable[tuple[str, str, str]] = ()) -> int:
    """Relate censorship mentions to mentions of other types sharing a hashtag, and (censorship doc, post doc,
    via) pairs; returns how many relations are new."""
    mine, theirs = hashtag_status.alias("mine"), hashtag_status.alias("theirs")
    censored, about = mentions.alias("censored"), mentions.alias("about")
    shared = connection.execute(
        sa.select(censored.c.mention_id, about.c.mention_id, mine.c.tag)
        .join(mine, mine.c.mention_id == censored.c.mention_id)
        .join(theirs, theirs.c.tag == mine.c.tag)
        .join(about, about.c.mention_id == theirs.c.mention_id)
        .where(censored.c.type == "censorship", about.c.type != "censorship")
    ).all()
    pairs = {(row[0], row[1]): f"hashtag {row[2]}" for row in shared}
    for censorship_doc, post_doc, via in post_links:
        for left in connection.execute(
            doc_mentions(censorship_doc).where(mentions.c.type == "censorship")
        ).scalars():
            for right in connection.execute(
                doc_mentions(post_doc).where(mentions.c.type != "censorship")
            ).scalars():
                pairs.setdefault((left, right), via)
    before = connection.execute(sa.select(sa.func.count()).select_from(censorship_relations)).scalar_one()
    now = datetime.now(UTC)
    rows = [
        {"censorship_mention_id": left, "about_mention_id": right, "via": via, "recorded_at": now}
        for (left, right), via in sorted(pairs.items())
    ]
    for start in range(0, len(rows), 500):
        insert_ignoring_duplicates(connection, censorship_relations, rows[start : start + 500])
    return (
        connection.execute(sa.select(sa.func.count()).select_from(censorship_relations)).scalar_one() - before
    )


def related_censorship(connection: sa.Connection, event_id: str) -> list[dict[str, Any]]:
    """Events tied to this one through censorship: for a censorship event, the events whose content vanished
    (relation "about"); for any other event, the censorship events about its content (relation "censorship")."""
    censored, about = mentions.alias("censored"), mentions.alias("about")
    base = (
        sa.select(
            censored.c.event_id.label("censorship"),
            about.c.event_id.label("about"),
            censorship_relations.c.via,
        )
        .select_from(censorship_relations)
        .join(censored, censored.c.mention_id == censorship_relations.c.censorship_mention_id)
        .join(about, about.c.mention_id == censorship_relations.c.about_mention_id)
    )
    vias: dict[tuple[str, str], set[str]] = {}
    for row in connection.execute(
        base.where(sa.or_(censored.c.event_id == event_id, about.c.event_id == event_id))
    ):
        other, relation = (
            (row.about, "about") if row.censorship == event_id else (row.censorship, "censorship")
        )
        if other and other != event_id:
            vias.setdefault((other, relation), set()).add(row.via)
    if not vias:
        return []
    rows = {
        row.event_id: row
        for row in connection.execute(
            sa.select(events).where(events.c.event_id.in_(sorted({other for other, _ in vias})))
        )
    }
    found = [
        {
            "event_id": other,
            "relation": relation,
            "via": sorted(via),
            "type": rows[other].type,
            "date_start": rows[other].date_start.isoformat() if rows[other].date_start else None,
            "date_end": rows[other].date_end.isoformat() if rows[other].date_end else None,
            "place": rows[other].admin2 or rows[other].admin1 or rows[other].country,
            "summary": rows[other].summary,
        }
        for (other, relation), via in vias.items()
        if other in rows
    ]
    return sorted(found, key=lambda item: (item["relation"], item["date_start"] or "", item["event_id"]))


def import_snapshots(paths: Iterable[Path], store: Store, locate: Locate) -> SnapshotReport:
    """Record what each snapshot shows, store a censorship event per disappearance (once), link, relate."""
    snapshots, problems = read_snapshots(paths)
    report = SnapshotReport(snapshots=len(snapshots), problems=problems)
    records: list[tuple[Document, list[Event]]] = []
    post_links: list[tuple[str, str, str]] = []
    with store.engine.begin() as connection:
        touched: dict[Kind, set[str]] = {kind: set() for kind in KINDS}
        for snapshot in snapshots:
            items = snapshot_observations(snapshot, known_subjects(connection, snapshot.taken))
            report.observations += save_observations(connection, items)
            for item in items:
                touched[item.kind].add(item.subject)
        history = [item for kind in KINDS for item in load_history(connection, kind, touched[kind])]
        found = disappearances(history)
        for item in found:
            facts = post_facts(connection, item.subject) if item.kind == "post" else PostFacts(None, ())
            doc, event = disappearance_record(item, place_of(connection, item, facts, locate), facts.hashtags)
            records.append((doc, [event]))
            if facts.doc_id:
                post_links.append((doc.doc_id, facts.doc_id, f"post {item.subject}"))
    report.disappearances = len(found)
    report.new_events = sum(len(store.save(doc, doc_events)) for doc, doc_events in records)
    store.link()
    with store.engine.begin() as connection:
        report.relations = relate_censorship(connection, post_links)
    return report
