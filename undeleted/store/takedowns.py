"""Hashtag and post status histories and the relations between censorship events and the events whose content
vanished (migrations 0003 and 0006): rows in, rows out.

Relations tie mentions (one event in one report), so they follow linking and merges: a censorship report's
mention is related to every mention of another type carrying the same hashtag, and a vanished post's
censorship report to the events extracted from that post.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from undeleted.store.schema import (
    censorship_relations,
    events,
    hashtag_snapshots,
    hashtag_status,
    mentions,
    post_snapshots,
    social_posts,
)
from undeleted.store.writing import insert_ignoring_duplicates

KINDS = ("hashtag", "post")
SUBJECT = {"hashtag": hashtag_snapshots.c.tag, "post": post_snapshots.c.post_id}
TABLE = {"hashtag": hashtag_snapshots, "post": post_snapshots}


def known_subjects(connection: sa.Connection, before: date) -> dict[str, set[str]]:
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


def save_observations(connection: sa.Connection, items: Iterable[Mapping[str, Any]]) -> int:
    """Store status rows {kind, subject, taken, source, status, notice, url} (one per subject, day and source;
    a row already there stays); returns how many are new."""
    now = datetime.now(UTC)
    items = list(items)
    before = count_observations(connection)
    for kind in KINDS:
        rows = {
            (item["subject"], item["source"]): {
                SUBJECT[kind].name: item["subject"],
                "taken": item["taken"],
                "source": item["source"],
                "status": item["status"],
                "notice": item.get("notice"),
                "recorded_at": now,
                **({"url": item.get("url")} if kind == "post" else {}),
            }
            for item in items
            if item["kind"] == kind
        }
        insert_ignoring_duplicates(connection, TABLE[kind], list(rows.values()))
    return count_observations(connection) - before


def load_history(connection: sa.Connection, kind: str, subjects: Iterable[str]) -> list[dict[str, Any]]:
    """Every stored observation of these subjects: {kind, subject, taken, source, status, notice, url}."""
    wanted = sorted(set(subjects))
    table, column = TABLE[kind], SUBJECT[kind]
    found: list[dict[str, Any]] = []
    for start in range(0, len(wanted), 500):
        rows = connection.execute(sa.select(table).where(column.in_(wanted[start : start + 500])))
        found += [
            {
                "kind": kind,
                "subject": row._mapping[column.name],
                "taken": row.taken,
                "source": row.source,
                "status": row.status,
                "notice": row.notice,
                "url": row._mapping.get("url"),
            }
            for row in rows
        ]
    return found


def status_history(connection: sa.Connection, kind: str, subject: str) -> list[dict[str, Any]]:
    """A hashtag's or post's observations, oldest first: {taken, status, source, notice}."""
    table, column = TABLE[kind], SUBJECT[kind]
    rows = connection.execute(
        sa.select(table).where(column == subject).order_by(table.c.taken, table.c.source)
    )
    return [
        {"taken": row.taken.isoformat(), "status": row.status, "source": row.source, "notice": row.notice}
        for row in rows
    ]


def located_event(connection: sa.Connection, mention_ids: sa.Select[Any]) -> dict[str, Any] | None:
    """The stored location of the located non-censorship event most of these mentions belong to."""
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
    return payload.get("location") or None


def document_location(connection: sa.Connection, doc_id: str) -> dict[str, Any] | None:
    """Where the located event reported by this document is."""
    return located_event(connection, doc_mentions(doc_id))


def hashtag_location(connection: sa.Connection, tag: str) -> dict[str, Any] | None:
    """Where the located event carrying this hashtag is."""
    return located_event(connection, tag_mentions(tag))


def tag_mentions(tag: str) -> sa.Select[Any]:
    return sa.select(hashtag_status.c.mention_id).where(hashtag_status.c.tag == tag)


def doc_mentions(doc_id: str) -> sa.Select[Any]:
    return sa.select(mentions.c.mention_id).where(mentions.c.doc_id == doc_id)


def post_facts(connection: sa.Connection, post_id: str) -> tuple[str | None, tuple[str, ...]]:
    """The doc_id and hashtags of a stored post ((None, ()) when the post is unknown)."""
    row = connection.execute(
        sa.select(social_posts.c.doc_id, social_posts.c.hashtags).where(social_posts.c.post_id == post_id)
    ).first()
    return (row.doc_id, tuple(row.hashtags or ())) if row else (None, ())


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
