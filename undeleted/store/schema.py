"""Every table of the store (SQLAlchemy Core). Migrations in migrations/versions create them; this is the query view."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()
ID = sa.String(200)
STAMP = sa.DateTime(timezone=True)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("doc_id", ID, primary_key=True),
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("date_source", sa.String(16), nullable=False),
    sa.Column("language", sa.String(16), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("added_at", STAMP, nullable=False),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("event_id", ID, primary_key=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("merged_into", ID),
    sa.Column("reviewed", sa.Boolean, nullable=False),
    sa.Column("type", sa.String(32), nullable=False),
    sa.Column("date_start", sa.Date),
    sa.Column("date_end", sa.Date),
    sa.Column("time_precision", sa.String(16)),
    sa.Column("country", sa.String(8)),
    sa.Column("adcode", sa.String(12)),
    sa.Column("province_key", sa.String(200)),
    sa.Column("prefecture_key", sa.String(200)),
    sa.Column("admin1", sa.Text),
    sa.Column("admin2", sa.Text),
    sa.Column("admin3", sa.Text),
    sa.Column("place", sa.Text),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("geo_precision", sa.String(16)),
    sa.Column("credibility", sa.String(16)),
    sa.Column("corroboration", sa.Integer, nullable=False),
    sa.Column("summary", sa.Text),
    sa.Column("payload", sa.JSON),
    sa.Column("created_at", STAMP, nullable=False),
    sa.Column("updated_at", STAMP, nullable=False),
    sa.Column("search_text", sa.Text),
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("mention_id", ID, primary_key=True),
    sa.Column("doc_id", ID, sa.ForeignKey("documents.doc_id"), nullable=False),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("event_id", ID, sa.ForeignKey("events.event_id")),
    sa.Column("type", sa.String(32), nullable=False),
    sa.Column("date_start", sa.Date),
    sa.Column("date_end", sa.Date),
    sa.Column("time_precision", sa.String(16)),
    sa.Column("country", sa.String(8)),
    sa.Column("adcode", sa.String(12)),
    sa.Column("province_key", sa.String(200)),
    sa.Column("prefecture_key", sa.String(200)),
    sa.Column("credibility", sa.String(16), nullable=False),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Column("created_at", STAMP, nullable=False),
)

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("mention_id", ID, sa.ForeignKey("mentions.mention_id"), primary_key=True),
    sa.Column("name", sa.String(500), primary_key=True),
)

hashtags = sa.Table(
    "hashtags",
    metadata,
    sa.Column("tag", sa.String(500), primary_key=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("status_date", sa.Date),
    sa.Column("first_seen", STAMP, nullable=False),
)

hashtag_status = sa.Table(
    "hashtag_status",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("tag", sa.String(500), sa.ForeignKey("hashtags.tag"), nullable=False),
    sa.Column("mention_id", ID, sa.ForeignKey("mentions.mention_id"), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("status_date", sa.Date),
    sa.Column("recorded_at", STAMP, nullable=False),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", ID, nullable=False),
    sa.Column("actor", sa.Text, nullable=False),
    sa.Column("at", STAMP, nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("before", sa.JSON),
    sa.Column("after", sa.JSON),
    sa.Column("note", sa.Text),
)


# social posts, comments, comment geography, hashtag snapshots (migration 0003)

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

# raw page snapshots and feed state (migration 0004)

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

# post snapshots and censorship relations (migration 0006)

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

# near-duplicate fingerprints of reports (migration 0007): the store keeps them, ingest/near_duplicates.py decides

document_lines = sa.Table(
    "document_lines",
    metadata,
    sa.Column("doc_id", ID, sa.ForeignKey("documents.doc_id"), primary_key=True),
    sa.Column("line_count", sa.Integer, nullable=False),
    sa.Column("lines", sa.LargeBinary, nullable=False),  # 8-byte hashes of the non-blank lines, in order
    sa.Column(
        "copy_of", ID
    ),  # the report this one repeats but for a line (no keys; mentions: its new events)
)

document_line_keys = sa.Table(
    "document_line_keys",
    metadata,
    sa.Column("key", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("line_count", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("doc_id", ID, sa.ForeignKey("documents.doc_id"), primary_key=True),
)
