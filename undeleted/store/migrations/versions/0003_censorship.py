"""Censorship signals: social posts and comments (with IP-location labels), geography results, hashtag snapshots.

Revision ID: 0003
Revises: 0002
Create Date: 2025-01-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

ID = sa.String(200)
STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "social_posts",
        sa.Column("post_id", ID, primary_key=True),
        sa.Column("doc_id", ID),
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
    op.create_index("ix_social_posts_doc_id", "social_posts", ["doc_id"])
    op.create_table(
        "social_comments",
        sa.Column("comment_id", ID, primary_key=True),
        sa.Column("post_id", ID, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("published", sa.DateTime),
        sa.Column("ip_location", sa.Text),
        sa.Column("province", sa.String(64)),
        sa.Column("source", sa.Text),
        sa.Column("imported_at", STAMP, nullable=False),
    )
    op.create_index("ix_social_comments_post_id", "social_comments", ["post_id"])
    op.create_table(
        "geography_results",
        sa.Column("subject", sa.String(300), primary_key=True),
        sa.Column("verdict", sa.String(32), nullable=False),
        sa.Column("comments", sa.Integer, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("computed_at", STAMP, nullable=False),
    )
    op.create_table(
        "hashtag_snapshots",
        sa.Column("tag", sa.String(500), primary_key=True),
        sa.Column("taken", sa.Date, primary_key=True),
        sa.Column("source", sa.String(500), primary_key=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("recorded_at", STAMP, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("hashtag_snapshots")
    op.drop_table("geography_results")
    op.drop_index("ix_social_comments_post_id", "social_comments")
    op.drop_table("social_comments")
    op.drop_index("ix_social_posts_doc_id", "social_posts")
    op.drop_table("social_posts")
