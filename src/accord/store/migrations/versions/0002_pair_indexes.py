"""indexes for the analyst views: pairs of countries and pairs of actor codes, covering what a pair's
series reads (day, QuadClass, Goldstein), and the same led by the target country (an actor's partners)

With these, the series and counts of a pair are read from one index range per direction without
touching the table (bench/pair_query.py measures it).

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

INDEXES = {
    "ix_events_country_pair_cover": ["source_country", "target_country", "event_day", "quad_class", "goldstein"],
    "ix_events_code_pair_cover": ["source_code", "target_code", "event_day", "quad_class", "goldstein"],
    "ix_events_target_country_cover": ["target_country", "source_country", "event_day", "quad_class", "goldstein"],
}


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        for name, columns in INDEXES.items():
            batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        for name in INDEXES:
            batch_op.drop_index(name)
