"""each quote's speaker offsets and its cue ("said", "according to") with offsets; kind may be "indirect"

Revision ID: 0004_quotes
Revises: 0001
Create Date: 2026-11-29
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_quotes"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = (
    ("speaker_start", sa.Integer()),
    ("speaker_end", sa.Integer()),
    ("cue_text", sa.Text()),
    ("cue_start", sa.Integer()),
    ("cue_end", sa.Integer()),
)


def upgrade() -> None:
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        for name, type_ in COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        for name, _ in reversed(COLUMNS):
            batch_op.drop_column(name)
