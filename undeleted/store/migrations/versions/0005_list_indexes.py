"""Indexes for the events list: each sort (date, updated) under the status filter, by type, by province and by
prefecture (adcode prefixes), so a filtered page reads its rows in order instead of sorting all matches; each
ends with the filter columns, so the capped total is counted from the index without reading the table.

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

PROVINCE = sa.text("substr(adcode, 1, 2)")
PREFECTURE = sa.text("substr(adcode, 1, 4)")
FILTERS = ["type", "credibility", "adcode", "date_start", "date_end"]  # trailing: counts read the index alone


def columns(*leading: object) -> list[object]:
    return [*leading, "event_id", *[name for name in FILTERS if name not in leading]]


INDEXES = {
    "ix_events_status_date": columns("status", "date_start"),
    "ix_events_status_type_date": columns("status", "type", "date_start"),
    "ix_events_status_updated": columns("status", "updated_at"),
    "ix_events_status_type_updated": columns("status", "type", "updated_at"),
    "ix_events_status_province_date": columns("status", PROVINCE, "date_start"),
    "ix_events_status_prefecture_date": columns("status", PREFECTURE, "date_start"),
}


def upgrade() -> None:
    for name, parts in INDEXES.items():
        op.create_index(name, "events", parts)
    op.execute("ANALYZE events")  # the planner needs row counts to choose between these and the older indexes


def downgrade() -> None:
    for name in reversed(INDEXES):
        op.drop_index(name, "events")
