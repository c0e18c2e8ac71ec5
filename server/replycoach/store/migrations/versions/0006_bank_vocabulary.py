"""The phrase bank's vocabulary (word families that patterns reference) in the database, like its topics.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bank_vocabulary",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
    )
    op.create_table(
        "bank_vocabulary_revisions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, index=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("bank_revision", sa.Integer(), nullable=False),
    )
    # Databases made before this revision have no vocabulary: the service stores the bank folder's on its
    # next start (see BankStore.adopt), so newer curated entries that use its families can be taken in.
    with op.batch_alter_table("bank_state") as batch:
        batch.add_column(
            sa.Column("vocabulary_stored", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("bank_state") as batch:
        batch.drop_column("vocabulary_stored")
    op.drop_table("bank_vocabulary_revisions")
    op.drop_table("bank_vocabulary")
