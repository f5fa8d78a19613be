"""Raw page snapshots (compressed, with sha256 and retrieval time) and feed polling state.

Revision ID: 0004
Revises: 0003
Create Date: 2025-01-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

ID = sa.String(200)
STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "snapshots",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("doc_id", ID),
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
    op.create_index("ix_snapshots_doc_id", "snapshots", ["doc_id"])
    op.create_table(
        "feeds",
        sa.Column("url", sa.String(2000), primary_key=True),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("checked_at", STAMP),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text),
    )
    op.create_table(
        "feed_items",
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


def downgrade() -> None:
    op.drop_table("feed_items")
    op.drop_table("feeds")
    op.drop_index("ix_snapshots_doc_id", "snapshots")
    op.drop_table("snapshots")
