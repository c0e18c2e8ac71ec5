"""The curated baseline: the curated entries the database last took in, backfilled from the first seed.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The author `BankStore.seed` records for the curated bank it seeds a new database with.
SEED_AUTHOR = "curated bank"


def upgrade() -> None:
    baseline = op.create_table(
        "curated_baseline",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("entry", sa.Text(), nullable=False),
    )
    revisions = sa.table(
        "bank_revisions",
        sa.column("id", sa.Integer()),
        sa.column("entry_id", sa.String()),
        sa.column("author", sa.String()),
        sa.column("entry", sa.Text()),
    )
    # The newest curated revision of each entry, in the order the seed wrote them (the curated order).
    newest = (
        sa.select(sa.func.max(revisions.c.id))
        .where(revisions.c.author == SEED_AUTHOR)
        .group_by(revisions.c.entry_id)
    )
    rows = op.get_bind().execute(
        sa.select(revisions.c.entry_id, revisions.c.entry)
        .where(revisions.c.id.in_(newest))
        .order_by(revisions.c.id)
    )
    backfill = [
        {"id": row.entry_id, "position": position, "entry": row.entry} for position, row in enumerate(rows)
    ]
    if backfill:
        op.bulk_insert(baseline, backfill)


def downgrade() -> None:
    op.drop_table("curated_baseline")
