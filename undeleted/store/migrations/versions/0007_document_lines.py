"""Near-duplicate fingerprints of reports: each document's line hashes and the stored report it repeats but for a
line, and the keys by which a later report finds it (only reports with events of their own are found). Documents
stored before this revision get theirs at the start of the next `undeleted run`.

Revision ID: 0007
Revises: 0006
Create Date: 2025-01-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

ID = sa.String(200)


def upgrade() -> None:
    op.create_table(
        "document_lines",
        sa.Column("doc_id", ID, sa.ForeignKey("documents.doc_id"), primary_key=True),
        sa.Column("line_count", sa.Integer, nullable=False),
        sa.Column("lines", sa.LargeBinary, nullable=False),
        sa.Column("copy_of", ID),
    )
    op.create_table(
        "document_line_keys",
        sa.Column("key", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("line_count", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("doc_id", ID, sa.ForeignKey("documents.doc_id"), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("document_line_keys")
    op.drop_table("document_lines")
