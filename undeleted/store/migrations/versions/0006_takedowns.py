"""Takedown tracking: removal-notice text on hashtag snapshots, post snapshots, and censorship relations
(a censorship event's report tied to the reports of the event whose content was removed).

Revision ID: 0006
Revises: 0005
Create Date: 2025-01-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

ID = sa.String(200)
STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.add_column("hashtag_snapshots", sa.Column("notice", sa.Text))
    op.create_table(
        "post_snapshots",
        sa.Column("post_id", ID, primary_key=True),
        sa.Column("taken", sa.Date, primary_key=True),
        sa.Column("source", sa.String(500), primary_key=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("notice", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("recorded_at", STAMP, nullable=False),
    )
    op.create_table(
        "censorship_relations",
        sa.Column("censorship_mention_id", ID, primary_key=True),
        sa.Column("about_mention_id", ID, primary_key=True),
        sa.Column("via", sa.String(500), nullable=False),
        sa.Column("recorded_at", STAMP, nullable=False),
    )
    op.create_index("ix_censorship_relations_about", "censorship_relations", ["about_mention_id"])


def downgrade() -> None:
    op.drop_index("ix_censorship_relations_about", "censorship_relations")
    op.drop_table("censorship_relations")
    op.drop_table("post_snapshots")
    with op.batch_alter_table("hashtag_snapshots") as batch:
        batch.drop_column("notice")
