"""Social posts, their comments and comment-geography results (migration 0003): rows in, rows out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from undeleted.store.schema import events, geography_results, mentions, social_comments, social_posts
from undeleted.store.writing import insert_ignoring_duplicates


def save_social(
    connection: sa.Connection, posts: Iterable[Mapping[str, Any]], comments: Iterable[Mapping[str, Any]]
) -> tuple[int, int]:
    """Insert post and comment rows (columns of social_posts / social_comments, without imported_at); rows
    already stored are left alone. Returns how many posts and comments are new."""
    now = datetime.now(UTC)
    post_rows = {row["post_id"]: {**row, "imported_at": now} for row in posts}
    comment_rows = {row["comment_id"]: {**row, "imported_at": now} for row in comments}
    before = count_rows(connection)
    insert_ignoring_duplicates(connection, social_posts, list(post_rows.values()))
    insert_ignoring_duplicates(connection, social_comments, list(comment_rows.values()))
    after = count_rows(connection)
    return after[0] - before[0], after[1] - before[1]


def count_rows(connection: sa.Connection) -> tuple[int, int]:
    posts = connection.execute(sa.select(sa.func.count()).select_from(social_posts)).scalar_one()
    comments = connection.execute(sa.select(sa.func.count()).select_from(social_comments)).scalar_one()
    return posts, comments


def comment_labels(connection: sa.Connection, post_ids: Iterable[str]) -> list[tuple[str, str | None]]:
    """(where, raw IP label) of every stored comment on these posts."""
    wanted = list(dict.fromkeys(post_ids))
    rows = connection.execute(
        sa.select(social_comments.c.source, social_comments.c.comment_id, social_comments.c.ip_location)
        .where(social_comments.c.post_id.in_(wanted))
        .order_by(social_comments.c.comment_id)
    )
    return [(row.source or f"comment {row.comment_id}", row.ip_location) for row in rows]


def event_post_ids(connection: sa.Connection, event_id: str) -> list[str]:
    """Posts whose documents yielded a mention of this event (or of events merged into it)."""
    merged = sa.select(events.c.event_id).where(events.c.merged_into == event_id)
    statement = (
        sa.select(social_posts.c.post_id)
        .distinct()
        .join(mentions, mentions.c.doc_id == social_posts.c.doc_id)
        .where(sa.or_(mentions.c.event_id == event_id, mentions.c.event_id.in_(merged)))
        .order_by(social_posts.c.post_id)
    )
    return list(connection.execute(statement).scalars())


def comments_per_province(connection: sa.Connection) -> dict[str, int]:
    rows = connection.execute(
        sa.select(social_comments.c.province, sa.func.count())
        .where(social_comments.c.province.is_not(None))
        .group_by(social_comments.c.province)
    )
    return {row[0]: int(row[1]) for row in rows}


def event_adcode(connection: sa.Connection, event_id: str) -> str | None:
    return connection.execute(sa.select(events.c.adcode).where(events.c.event_id == event_id)).scalar()


def post_origin(connection: sa.Connection, post_id: str) -> tuple[str | None, str | None] | None:
    """(the author's province, the adcode of an event extracted from the post), or None for an unknown post."""
    row = connection.execute(
        sa.select(social_posts.c.province, social_posts.c.doc_id).where(social_posts.c.post_id == post_id)
    ).first()
    if row is None:
        return None
    adcode = connection.execute(
        sa.select(events.c.adcode)
        .join(mentions, mentions.c.event_id == events.c.event_id)
        .where(mentions.c.doc_id == row.doc_id, events.c.adcode.is_not(None))
        .limit(1)
    ).scalar()
    return row.province, adcode


def save_geography(
    connection: sa.Connection, subject: str, verdict: str, comments: int, payload: Mapping[str, Any]
) -> None:
    connection.execute(geography_results.delete().where(geography_results.c.subject == subject))
    connection.execute(
        geography_results.insert().values(
            subject=subject,
            verdict=verdict,
            comments=comments,
            payload=dict(payload),
            computed_at=datetime.now(UTC),
        )
    )


def geography_result(connection: sa.Connection, subject: str) -> dict[str, Any] | None:
    """The stored geography of 'event:ID' or 'post:ID' as a JSON-ready dict (for the API and the event page)."""
    row = connection.execute(
        sa.select(geography_results.c.payload, geography_results.c.computed_at).where(
            geography_results.c.subject == subject
        )
    ).first()
    if row is None:
        return None
    computed = row.computed_at.isoformat() if row.computed_at else None
    return {**row.payload, "computed_at": computed}
