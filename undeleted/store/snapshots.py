"""Raw page snapshots (zstd-compressed, with sha256, retrieval time, final URL and status) and feed state."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
import zstandard

from undeleted.ingest.feeds import FeedItem, FeedState
from undeleted.ingest.fetch import Page
from undeleted.store.tables import ID, STAMP, metadata
from undeleted.store.writing import insert_ignoring_duplicates

MAX_ITEM_ATTEMPTS = 3  # a feed item whose page failed this often is not tried again

snapshots = sa.Table(
    "snapshots",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("doc_id", ID, index=True),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("final_url", sa.Text, nullable=False),
    sa.Column("status", sa.Integer, nullable=False),
    sa.Column("content_type", sa.Text),
    sa.Column("retrieved_at", STAMP, nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("compression", sa.String(16), nullable=False),
    sa.Column("body", sa.LargeBinary, nullable=False),
    sa.UniqueConstraint("sha256", "final_url", name="uq_snapshots_sha256_final_url"),
)

feeds = sa.Table(
    "feeds",
    metadata,
    sa.Column("url", sa.String(2000), primary_key=True),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("checked_at", STAMP),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("last_error", sa.Text),
)

feed_items = sa.Table(
    "feed_items",
    metadata,
    sa.Column("feed_url", sa.String(2000), primary_key=True),
    sa.Column("item_key", sa.String(64), primary_key=True),
    sa.Column("item_id", sa.Text, nullable=False),
    sa.Column("link", sa.Text),
    sa.Column("doc_id", ID),
    sa.Column("fetched", sa.Boolean, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("last_error", sa.Text),
    sa.Column("seen_at", STAMP, nullable=False),
)

SNAPSHOT_FIELDS = [column for column in snapshots.c if column.name != "body"]


def save_snapshot(engine: sa.Engine, page: Page, doc_id: str | None) -> None:
    """Keep the raw body; the same bytes from the same final URL are kept once (a later doc_id fills a gap)."""
    row = {
        "sha256": page.sha256, "doc_id": doc_id, "url": page.url, "final_url": page.final_url,
        "status": page.status, "content_type": page.headers.get("content-type"),
        "retrieved_at": page.retrieved_at, "size": len(page.body), "compression": "zstd",
        "body": zstandard.ZstdCompressor(level=10).compress(page.body),
    }
    with engine.begin() as connection:
        insert_ignoring_duplicates(connection, snapshots, [row])
        if doc_id:
            same = (snapshots.c.sha256 == page.sha256) & (snapshots.c.final_url == page.final_url)
            connection.execute(snapshots.update().where(same, snapshots.c.doc_id.is_(None)).values(doc_id=doc_id))


def snapshots_of(engine: sa.Engine, doc_id: str) -> list[dict[str, Any]]:
    """The snapshots behind a document (without their bodies), oldest first."""
    query = sa.select(*SNAPSHOT_FIELDS).where(snapshots.c.doc_id == doc_id).order_by(snapshots.c.retrieved_at)
    with engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]


def snapshot_body(engine: sa.Engine, sha256: str) -> bytes | None:
    """The raw bytes of a snapshot, decompressed; None when no snapshot has this digest."""
    query = sa.select(snapshots.c.body, snapshots.c.compression).where(snapshots.c.sha256 == sha256).limit(1)
    with engine.connect() as connection:
        row = connection.execute(query).first()
    if row is None:
        return None
    return zstandard.ZstdDecompressor().decompress(row.body) if row.compression == "zstd" else bytes(row.body)


def load_feed_state(engine: sa.Engine, url: str) -> FeedState:
    with engine.connect() as connection:
        row = connection.execute(sa.select(feeds).where(feeds.c.url == url)).first()
    if row is None:
        return FeedState()
    checked_at = row.checked_at
    if checked_at is not None and checked_at.tzinfo is None:
        checked_at = checked_at.replace(tzinfo=UTC)
    return FeedState(etag=row.etag, last_modified=row.last_modified, checked_at=checked_at,
                     failures=row.failures, last_error=row.last_error)


def save_feed_state(engine: sa.Engine, url: str, state: FeedState) -> None:
    values = {"etag": state.etag, "last_modified": state.last_modified, "checked_at": state.checked_at,
              "failures": state.failures, "last_error": state.last_error}
    with engine.begin() as connection:
        updated = connection.execute(feeds.update().where(feeds.c.url == url).values(**values)).rowcount
        if not updated:
            connection.execute(feeds.insert().values(url=url, **values))


def unseen_items(engine: sa.Engine, feed_url: str, items: Iterable[FeedItem]) -> list[FeedItem]:
    """The items not fetched yet (nor given up on after MAX_ITEM_ATTEMPTS failures), each once."""
    wanted = list({item.key: item for item in items}.values())
    done: set[str] = set()
    with engine.connect() as connection:
        for start in range(0, len(wanted), 500):
            keys = [item.key for item in wanted[start:start + 500]]
            finished = sa.or_(feed_items.c.fetched.is_(True), feed_items.c.attempts >= MAX_ITEM_ATTEMPTS)
            query = sa.select(feed_items.c.item_key).where(
                feed_items.c.feed_url == feed_url, feed_items.c.item_key.in_(keys), finished)
            done.update(connection.execute(query).scalars())
    return [item for item in wanted if item.key not in done]


def record_item(engine: sa.Engine, feed_url: str, item: FeedItem, doc_id: str | None, problem: str | None) -> None:
    """Remember that an item's page was fetched (problem None) or failed once more."""
    now = datetime.now(UTC)
    key = (feed_items.c.feed_url == feed_url) & (feed_items.c.item_key == item.key)
    with engine.begin() as connection:
        attempts = connection.execute(sa.select(feed_items.c.attempts).where(key)).scalar()
        values = {"doc_id": doc_id, "fetched": problem is None, "attempts": (attempts or 0) + 1,
                  "last_error": problem, "seen_at": now, "link": item.link}
        if attempts is None:
            connection.execute(feed_items.insert().values(feed_url=feed_url, item_key=item.key,
                                                          item_id=item.item_id, **values))
        else:
            connection.execute(feed_items.update().where(key).values(**values))
