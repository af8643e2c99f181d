"""an index for pairs of exact actor codes (the analyst views' pair query)

Pairs of countries already use ix_events_dyad_day (source_country, target_country, event_day); pairs
of full codes (JPNGOV, IGOUNO) use this one.

Revision ID: 0002_pairs
Revises: 0001
Create Date: 2026-11-29
"""
from __future__ import annotations

from alembic import op

revision = "0002_pairs"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index("ix_events_code_pair_day", ["source_code", "target_code", "event_day"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_code_pair_day")
