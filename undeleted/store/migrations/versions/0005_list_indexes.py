"""Indexes for the events list: each sort (date, updated) under the status filter, by type, by province and by
prefecture (adcode prefixes), so a filtered page reads its rows in order instead of sorting all matches.

Revision ID: 0005
Revises: 0004
Create Date: 2025-01-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

PROVINCE = "substr(adcode, 1, 2)"
PREFECTURE = "substr(adcode, 1, 4)"
INDEXES = {
    "ix_events_status_date": ["status", "date_start", "event_id"],
    "ix_events_status_type_date": ["status", "type", "date_start", "event_id"],
    "ix_events_status_updated": ["status", "updated_at", "event_id"],
    "ix_events_status_province_date": ["status", sa.text(PROVINCE), "date_start", "event_id"],
    "ix_events_status_prefecture_date": ["status", sa.text(PREFECTURE), "date_start", "event_id"],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "events", columns)
    op.execute("ANALYZE events")  # the planner needs row counts to choose between these and the older indexes


def downgrade() -> None:
    for name in reversed(INDEXES):
        op.drop_index(name, "events")
