"""drop two indexes that newer covering indexes lead with: ix_events_dyad_day (source_country,
target_country, event_day) is the start of ix_events_country_pair_cover, and ix_events_source (source_code)
the start of ix_events_code_pair_cover

Every query of Store that read them reads the covering index instead (checked with EXPLAIN QUERY PLAN on
SQLite: one actor's events as source, a country pair's evidence page and counts); each event written
updates two indexes fewer, and the store is smaller.

Revision ID: 0007_drop_redundant_indexes
Revises: 0006_merge
Create Date: 2026-11-29
"""
from __future__ import annotations

from alembic import op

revision = "0007_drop_redundant_indexes"
down_revision = "0006_merge"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_events_dyad_day": ["source_country", "target_country", "event_day"],
    "ix_events_source": ["source_code"],
}


def upgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="events")


def downgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "events", columns, unique=False)
