"""Social posts, their comments, comment-geography results and hashtag snapshots (migration 0003)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import sqlalchemy as sa

from undeleted.censorship.geography import (
    ContainmentRules,
    Geography,
    HomeSource,
    corpus_baseline,
    count_provinces,
    load_baseline,
    measure_geography,
)
from undeleted.censorship.provinces import ProvinceIndex, read_label
from undeleted.errors import BadInput
from undeleted.ingest.social import Format, SocialComment, SocialPost, post_document, read_social
from undeleted.models import Document, Record
from undeleted.store.tables import ID, STAMP, events, mentions, metadata
from undeleted.store.writing import insert_ignoring_duplicates

if TYPE_CHECKING:
    from undeleted.store.store import Store

social_posts = sa.Table(
    "social_posts",
    metadata,
    sa.Column("post_id", ID, primary_key=True),
    sa.Column("doc_id", ID, index=True),
    sa.Column("platform", sa.String(64), nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("author", sa.Text),
    sa.Column("published", sa.DateTime),
    sa.Column("hashtags", sa.JSON, nullable=False),
    sa.Column("ip_location", sa.Text),
    sa.Column("province", sa.String(64)),
    sa.Column("source", sa.Text),
    sa.Column("imported_at", STAMP, nullable=False),
)

social_comments = sa.Table(
    "social_comments",
    metadata,
    sa.Column("comment_id", ID, primary_key=True),
    sa.Column("post_id", ID, nullable=False, index=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("published", sa.DateTime),
    sa.Column("ip_location", sa.Text),
    sa.Column("province", sa.String(64)),
    sa.Column("source", sa.Text),
    sa.Column("imported_at", STAMP, nullable=False),
)

geography_results = sa.Table(
    "geography_results",
    metadata,
    sa.Column("subject", sa.String(300), primary_key=True),
    sa.Column("verdict", sa.String(32), nullable=False),
    sa.Column("comments", sa.Integer, nullable=False),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Column("computed_at", STAMP, nullable=False),
)

hashtag_snapshots = sa.Table(
    "hashtag_snapshots",
    metadata,
    sa.Column("tag", sa.String(500), primary_key=True),
    sa.Column("taken", sa.Date, primary_key=True),
    sa.Column("source", sa.String(500), primary_key=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("recorded_at", STAMP, nullable=False),
    sa.Column("notice", sa.Text),  # migration 0006
)

BaselineKind = Literal["census", "corpus"]


@dataclass(frozen=True)
class SavedSocial:
    posts: int
    comments: int


def save_social(
    connection: sa.Connection, posts: Iterable[tuple[SocialPost, str]], comments: Iterable[SocialComment],
    index: ProvinceIndex,
) -> SavedSocial:
    """Insert posts (with the doc_id of their Document) and comments; rows already stored are left alone."""
    now = datetime.now(UTC)
    post_rows = [
        {"post_id": post.post_id, "doc_id": doc_id, "platform": post.platform, "url": post.url, "author": post.author,
         "published": post.published, "hashtags": list(post.hashtags), "ip_location": post.ip_location,
         "province": read_label(post.ip_location, index).province, "source": post.source, "imported_at": now}
        for post, doc_id in posts
    ]
    comment_rows = [
        {"comment_id": comment.comment_id, "post_id": comment.post_id, "text": comment.text,
         "published": comment.published, "ip_location": comment.ip_location,
         "province": read_label(comment.ip_location, index).province, "source": comment.source, "imported_at": now}
        for comment in comments
    ]
    before = count_rows(connection)
    insert_ignoring_duplicates(connection, social_posts, list({row["post_id"]: row for row in post_rows}.values()))
    insert_ignoring_duplicates(connection, social_comments, list({r["comment_id"]: r for r in comment_rows}.values()))
    after = count_rows(connection)
    return SavedSocial(after[0] - before[0], after[1] - before[1])


def count_rows(connection: sa.Connection) -> tuple[int, int]:
    posts = connection.execute(sa.select(sa.func.count()).select_from(social_posts)).scalar_one()
    comments = connection.execute(sa.select(sa.func.count()).select_from(social_comments)).scalar_one()
    return posts, comments


def comment_labels(connection: sa.Connection, post_ids: Iterable[str]) -> list[tuple[str, str | None]]:
    """(where, raw IP label) of every stored comment on these posts."""
    wanted = list(dict.fromkeys(post_ids))
    rows = connection.execute(
        sa.select(social_comments.c.source, social_comments.c.comment_id, social_comments.c.ip_location)
        .where(social_comments.c.post_id.in_(wanted)).order_by(social_comments.c.comment_id)
    )
    return [(row.source or f"comment {row.comment_id}", row.ip_location) for row in rows]


def event_post_ids(connection: sa.Connection, event_id: str) -> list[str]:
    """Posts whose documents yielded a mention of this event (or of events merged into it)."""
    merged = sa.select(events.c.event_id).where(events.c.merged_into == event_id)
    query = (
        sa.select(social_posts.c.post_id).distinct()
        .join(mentions, mentions.c.doc_id == social_posts.c.doc_id)
        .where(sa.or_(mentions.c.event_id == event_id, mentions.c.event_id.in_(merged)))
        .order_by(social_posts.c.post_id)
    )
    return list(connection.execute(query).scalars())


def corpus_counts(connection: sa.Connection) -> dict[str, int]:
    rows = connection.execute(
        sa.select(social_comments.c.province, sa.func.count()).where(social_comments.c.province.is_not(None))
        .group_by(social_comments.c.province)
    )
    return {row[0]: int(row[1]) for row in rows}


def home_province(
    connection: sa.Connection, index: ProvinceIndex, event_id: str | None, post_id: str | None
) -> tuple[str | None, HomeSource]:
    """The province the content is about: the event's place, else the post author's IP location."""
    if event_id:
        adcode = connection.execute(sa.select(events.c.adcode).where(events.c.event_id == event_id)).scalar()
        return (index.by_adcode(adcode), "event") if index.by_adcode(adcode) else (None, "none")
    row = connection.execute(
        sa.select(social_posts.c.province, social_posts.c.doc_id).where(social_posts.c.post_id == post_id)
    ).first()
    if row is None:
        return None, "none"
    adcode = connection.execute(
        sa.select(events.c.adcode).join(mentions, mentions.c.event_id == events.c.event_id)
        .where(mentions.c.doc_id == row.doc_id, events.c.adcode.is_not(None)).limit(1)
    ).scalar()
    if index.by_adcode(adcode):
        return index.by_adcode(adcode), "event"
    return (row.province, "post_author") if row.province else (None, "none")


def compute_geography(
    engine: sa.Engine,
    event_id: str | None = None,
    post_id: str | None = None,
    baseline: BaselineKind = "census",
    rules: ContainmentRules = ContainmentRules(),
) -> tuple[Geography, list[BadInput]]:
    """Measure, store and return the comment geography of an event or a post, with unrecognised labels."""
    if (event_id is None) == (post_id is None):
        raise BadInput("give exactly one of --event or --post")
    index = ProvinceIndex.from_package()
    with engine.begin() as connection:
        if event_id and connection.execute(sa.select(events.c.event_id).where(events.c.event_id == event_id)).first() is None:
            raise BadInput(f"--event {event_id}: no such event")
        post_ids = event_post_ids(connection, event_id) if event_id else [str(post_id)]
        counts = count_provinces(comment_labels(connection, post_ids), index)
        base = load_baseline(index) if baseline == "census" else corpus_baseline(corpus_counts(connection), index)
        subject = f"event:{event_id}" if event_id else f"post:{post_id}"
        home = home_province(connection, index, event_id, post_id)
        result = measure_geography(counts, base, home, rules, subject)
        save_geography(connection, result, post_ids)
    return result, counts.unrecognised


def save_geography(connection: sa.Connection, result: Geography, post_ids: list[str]) -> None:
    payload = {**result.as_dict(), "posts": post_ids}
    connection.execute(geography_results.delete().where(geography_results.c.subject == result.subject))
    connection.execute(geography_results.insert().values(
        subject=result.subject, verdict=result.verdict, comments=result.total, payload=payload,
        computed_at=datetime.now(UTC),
    ))


def geography_result(engine: sa.Engine, subject: str) -> dict[str, Any] | None:
    """The stored geography of 'event:ID' or 'post:ID' as a JSON-ready dict (for the API and the event page)."""
    with engine.connect() as connection:
        row = connection.execute(
            sa.select(geography_results.c.payload, geography_results.c.computed_at)
            .where(geography_results.c.subject == subject)
        ).first()
    if row is None:
        return None
    computed = row.computed_at.isoformat() if row.computed_at else None
    return {**row.payload, "computed_at": computed}


@dataclass
class SocialReport:
    posts: int = 0
    comments: int = 0
    new_posts: int = 0
    new_comments: int = 0
    events: int = 0
    problems: list[BadInput] = field(default_factory=list)


def import_social(
    paths: Iterable[Path], store: Store, extract: Callable[[Document], Record], format: Format = "auto",
    post_id: str | None = None,
) -> SocialReport:
    """Read exports, store new post documents with their extracted events, then posts and comments; link."""
    index = ProvinceIndex.from_package()
    result = read_social(paths, format, post_id)
    docs = [(post, post_document(post)) for post in result.posts]
    known = store.known_doc_ids(doc.doc_id for _, doc in docs)
    report = SocialReport(posts=len(result.posts), comments=len(result.comments), problems=list(result.problems))
    fresh = {doc.doc_id: doc for _, doc in docs if doc.doc_id not in known}
    records = [extract(doc) for doc in fresh.values()]
    report.events = sum(len(record.events) for record in records)
    store.save_many((record.doc, record.events) for record in records)
    with store.engine.begin() as connection:
        saved = save_social(connection, [(post, doc.doc_id) for post, doc in docs], result.comments, index)
    report.new_posts, report.new_comments = saved.posts, saved.comments
    report.problems += count_provinces([(c.source, c.ip_location) for c in result.comments], index).unrecognised
    if records:
        store.link()
    return report
