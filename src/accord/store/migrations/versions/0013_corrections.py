"""analysts' corrections: a verdict (right, wrong) and corrected fields for an event, each kept

``corrections`` is the audit trail: every correction with who made it and when, the fields it sets, the
coder's own values of those fields at that moment, and the anchor that finds its event again after the
document is re-coded (sentence, trigger offsets and text, evidence, the sides' offsets). ``events`` gains
``correction_id`` (the newest correction applied to the row, NULL when none) and ``coded`` (JSON: the
coder's values of the fields the corrections replaced), so every read shows the corrected values from the
one table, through the indexes it already has, and the coder's output is still whole.

Revision ID: 0013_corrections
Revises: 0012_event_records
Create Date: 2026-12-07
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_corrections"
down_revision = "0012_event_records"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("sentence", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("trigger_text", sa.String(200), nullable=False),
        sa.Column("trigger_start", sa.Integer(), nullable=False),
        sa.Column("trigger_end", sa.Integer(), nullable=False),
        sa.Column("source_start", sa.Integer(), nullable=True),
        sa.Column("target_start", sa.Integer(), nullable=True),
        sa.Column("verdict", sa.String(12), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False, server_default="{}"),
        sa.Column("coded", sa.Text(), nullable=False, server_default="{}"),
        sa.Column("analyst", sa.String(200), nullable=False),
        sa.Column("coder_version", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_corrections_document_id", "corrections", ["document_id"])
    op.create_index("ix_corrections_event_id", "corrections", ["event_id"])
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("correction_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("coded", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("coded")
        batch_op.drop_column("correction_id")
    op.drop_index("ix_corrections_event_id", table_name="corrections")
    op.drop_index("ix_corrections_document_id", table_name="corrections")
    op.drop_table("corrections")
