"""Initial schema: documents, mentions, canonical events, sources, hashtags and their history, audit log.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(200)
STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "documents",
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
    op.create_table(
        "events",
        sa.Column("event_id", ID, primary_key=True),
        sa.Column("status", sa.String(16), nullable=False, server_default="active"),
        sa.Column("merged_into", ID),
        sa.Column("reviewed", sa.Boolean, nullable=False, server_default=sa.false()),
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
        sa.Column("corroboration", sa.Integer, nullable=False, server_default="0"),
        sa.Column("summary", sa.Text),
        sa.Column("payload", sa.JSON),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.CheckConstraint("status IN ('active', 'merged', 'deleted')", name="ck_events_status"),
    )
    op.create_index("ix_events_type_date", "events", ["type", "date_start"])
    op.create_index("ix_events_adcode", "events", ["adcode"])
    op.create_index("ix_events_updated_at", "events", ["updated_at"])
    op.create_index("ix_events_status", "events", ["status"])
    op.create_table(
        "mentions",
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
        sa.UniqueConstraint("doc_id", "ordinal", name="uq_mentions_doc_ordinal"),
        sa.CheckConstraint(
            "date_start IS NULL OR date_end IS NULL OR date_end >= date_start", name="ck_mentions_dates"
        ),
    )
    op.create_index("ix_mentions_event_id", "mentions", ["event_id"])
    op.create_index("ix_mentions_block", "mentions", ["type", "province_key", "date_start"])
    op.create_table(
        "sources",
        sa.Column("mention_id", ID, sa.ForeignKey("mentions.mention_id"), primary_key=True),
        sa.Column("name", sa.String(500), primary_key=True),
    )
    op.create_table(
        "hashtags",
        sa.Column("tag", sa.String(500), primary_key=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("status_date", sa.Date),
        sa.Column("first_seen", STAMP, nullable=False),
    )
    op.create_table(
        "hashtag_status",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("tag", sa.String(500), sa.ForeignKey("hashtags.tag"), nullable=False),
        sa.Column("mention_id", ID, sa.ForeignKey("mentions.mention_id"), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("status_date", sa.Date),
        sa.Column("recorded_at", STAMP, nullable=False),
    )
    op.create_index("ix_hashtag_status_tag", "hashtag_status", ["tag"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", ID, nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("at", STAMP, nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("before", sa.JSON),
        sa.Column("after", sa.JSON),
        sa.Column("note", sa.Text),
    )
    op.create_index("ix_audit_log_event_id", "audit_log", ["event_id"])


def downgrade() -> None:
    for table in ("audit_log", "hashtag_status", "hashtags", "sources", "mentions", "events", "documents"):
        op.drop_table(table)
