"""each event's provenance: the rule that produced it (its pattern entry and the decisions that changed its
code) and its confidence

Events stored before this revision have an empty rule and no confidence (NULL): re-ingesting them with the
current coder fills both.

Revision ID: 0008_event_provenance
Revises: 0007_drop_redundant_indexes
Create Date: 2026-12-07
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_event_provenance"
down_revision = "0007_drop_redundant_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rule", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("confidence", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("confidence")
        batch_op.drop_column("rule")
