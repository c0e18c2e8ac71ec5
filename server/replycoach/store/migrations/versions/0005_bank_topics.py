"""The acknowledgements (topics) of the phrase bank in the database, like its entries.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bank_topics",
        sa.Column("topic", sa.String(100), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
    )
    # Databases made before this revision took their topics from the bank folder at each start: the service
    # stores that folder's topics on its next start (see BankStore.adopt).
    with op.batch_alter_table("bank_state") as batch:
        batch.add_column(sa.Column("topics_stored", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("bank_state") as batch:
        batch.drop_column("topics_stored")
    op.drop_table("bank_topics")
