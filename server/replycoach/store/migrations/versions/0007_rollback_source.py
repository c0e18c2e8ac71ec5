"""Which earlier revision a rollback restored, recorded with the rollback.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Rollbacks recorded before this revision have none: the history cannot say which one they restored.
    with op.batch_alter_table("bank_revisions") as batch:
        batch.add_column(sa.Column("restored", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("bank_revisions") as batch:
        batch.drop_column("restored")
