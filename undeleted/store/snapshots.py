"""Raw page snapshots (zstd-compressed, with sha256, retrieval time, final URL and status) and feed state
(migration 0004): rows in, rows out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
import zstandard

from undeleted.store.schema import feed_items, feeds, snapshots
from undeleted.store.writing import insert_ignoring_duplicates

MAX_ITEM_ATTEMPTS = 3  # a feed item whose page failed this often is not tried again
SNAPSHOT_FIELDS = [column for column in snapshots.c if column.name != "body"]
FEED_FIELDS = ("etag", "last_modified", "checked_at", "failures", "last_error")


def save_snapshot(
    connection: sa.Connection,
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
    """Keep the raw body; the same bytes from the same final URL are kept once (a later doc_id fills a gap)."""
    row = {
        "sha256": sha256,
        "doc_id": doc_id,
        "url": url,
        "final_url": final_url,
        "status": status,
        "content_type": content_type,
        "retrieved_at": retrieved_at,
        "size": len(body),
        "compression": "zstd",
        "body": zstandard.ZstdCompressor(level=10).compress(body),
    }
    insert_ignoring_duplicates(connection, snapshots, [row])
    if doc_id:
        same = (snapshots.c.sha256 == sha256) & (snapshots.c.final_url == final_url)
        connection.execute(snapshots.update().where(same, snapshots.c.doc_id.is_(None)).values(doc_id=doc_id))


def snapshots_of(connection: sa.Connection, doc_id: str) -> list[dict[str, Any]]:
    """The snapshots behind a document (without their bodies), oldest first."""
    statement = (
        sa.select(*SNAPSHOT_FIELDS).where(snapshots.c.doc_id == doc_id).order_by(snapshots.c.retrieved_at)
    )
    return [dict(row._mapping) for row in connection.execute(statement)]


def snapshot_body(connection: sa.Connection, sha256: str) -> bytes | None:
    """The raw bytes of a snapshot, decompressed; None when no snapshot has this digest."""
    statement = (
        sa.select(snapshots.c.body, snapshots.c.compression).where(snapshots.c.sha256 == sha256).limit(1)
    )
    row = connection.execute(statement).first()
    if row is None:
        return None
    return zstandard.ZstdDecompressor().decompress(row.body) if row.compression == "zstd" else bytes(row.body)


def feed_state(connection: sa.Connection, url: str) -> dict[str, Any] | None:
    """{etag, last_modified, checked_at (UTC), failures, last_error} of a feed, None when never polled."""
    row = connection.execute(sa.select(feeds).where(feeds.c.url == url)).first()
    if row is None:
        return None
    state = {name: row._mapping[name] for name in FEED_FIELDS}
    checked_at = state["checked_at"]
    if checked_at is not None and checked_at.tzinfo is None:
        state["checked_at"] = checked_at.replace(tzinfo=UTC)
    return state


def save_feed_state(connection: sa.Connection, url: str, state: Mapping[str, Any]) -> None:
    values = {name: state.get(name) for name in FEED_FIELDS}
    updated = connection.execute(feeds.update().where(feeds.c.url == url).values(**values)).rowcount
    if not updated:
        connection.execute(feeds.insert().values(url=url, **values))


def finished_items(connection: sa.Connection, feed_url: str, keys: Iterable[str]) -> set[str]:
    """Which of these item keys were fetched (or given up on after MAX_ITEM_ATTEMPTS failures)."""
    wanted = list(dict.fromkeys(keys))
    done: set[str] = set()
    for start in range(0, len(wanted), 500):
        finished = sa.or_(feed_items.c.fetched.is_(True), feed_items.c.attempts >= MAX_ITEM_ATTEMPTS)
        statement = sa.select(feed_items.c.item_key).where(
            feed_items.c.feed_url == feed_url,
            feed_items.c.item_key.in_(wanted[start : start + 500]),
            finished,
        )
        done.update(connection.execute(statement).scalars())
    return done


def record_item(
    connection: sa.Connection,
    feed_url: str,
    item_key: str,
    item_id: str,
    link: str | None,
    doc_id: str | None,
    problem: str | None,
) -> None:
    """Remember that an item's page was fetched (problem None) or failed once more."""
    now = datetime.now(UTC)
    key = (feed_items.c.feed_url == feed_url) & (feed_items.c.item_key == item_key)
    attempts = connection.execute(sa.select(feed_items.c.attempts).where(key)).scalar()
    values = {
        "doc_id": doc_id,
        "fetched": problem is None,
        "attempts": (attempts or 0) + 1,
        "last_error": problem,
        "seen_at": now,
        "link": link,
    }
    if attempts is None:
        connection.execute(
            feed_items.insert().values(feed_url=feed_url, item_key=item_key, item_id=item_id, **values)
        )
    else:
        connection.execute(feed_items.update().where(key).values(**values))
