"""Full-text search over documents and event texts (summaries and places of every mention): FTS5 tables on SQLite, tsvector indexes on PostgreSQL.

Existing rows are indexed as part of the upgrade.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

DOCUMENT_VECTOR = "to_tsvector('simple', coalesce(title, '') || ' ' || text)"
EVENT_VECTOR = "to_tsvector('simple', coalesce(search_text, ''))"


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("search_text", sa.Text))
    op.execute("UPDATE events SET search_text = coalesce(summary, '') || ' ' || coalesce(place, '')")
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE documents_fts USING fts5(doc_id UNINDEXED, title, text, tokenize='trigram')"
        )
        op.execute(
            "CREATE VIRTUAL TABLE events_fts USING fts5(event_id UNINDEXED, search_text, tokenize='trigram')"
        )
        op.execute(
            "INSERT INTO documents_fts (doc_id, title, text) SELECT doc_id, coalesce(title, ''), text FROM documents"
        )
        op.execute("INSERT INTO events_fts (event_id, search_text) SELECT event_id, search_text FROM events")
    else:
        op.execute(f"CREATE INDEX ix_documents_search ON documents USING gin ({DOCUMENT_VECTOR})")
        op.execute(f"CREATE INDEX ix_events_search ON events USING gin ({EVENT_VECTOR})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE documents_fts")
        op.execute("DROP TABLE events_fts")
    else:
        op.execute("DROP INDEX ix_documents_search")
        op.execute("DROP INDEX ix_events_search")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("search_text")
