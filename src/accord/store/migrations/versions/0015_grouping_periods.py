"""what the last grouping saw of each period: so `accord group` regroups only what changed

``grouping_periods`` holds, per period whose reports weigh one another's words (a month of event days;
analysis/grouping.py ``period``), a digest of its reports' ids and of the grouping parameters, as the last
`accord group` saw them. A period whose digest differs has other reports now (added, re-coded, gone), so
its words weigh differently and its reports are grouped again (with those after them); the others' records
stand. Empty: the next grouping groups every report.

Revision ID: 0015_grouping_periods
Revises: 0014_review_queue
Create Date: 2026-12-08
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_grouping_periods"
down_revision = "0014_review_queue"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "grouping_periods",
        sa.Column("period", sa.String(16), primary_key=True),
        sa.Column("digest", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("grouping_periods")
