"""Insight counters: drafts analyzed per day, and per day and rule how often it fired and what agents did.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "insight_days",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("analyzed", sa.Integer(), nullable=False),
        sa.Column("warnings", sa.Integer(), nullable=False),
    )
    op.create_table(
        "insight_rules",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("rule_id", sa.String(200), primary_key=True),
        sa.Column("fired", sa.Integer(), nullable=False),
        sa.Column("applied", sa.Integer(), nullable=False),
        sa.Column("dismissed", sa.Integer(), nullable=False),
        sa.Column("muted", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("insight_rules")
    op.drop_table("insight_days")
