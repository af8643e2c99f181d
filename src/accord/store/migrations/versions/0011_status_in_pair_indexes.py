"""the event status joins the covering indexes (the three pair indexes and the day index), at their end

Every count of the analyst views now keeps only the statuses chosen (by default occurred and ongoing), so
the pair series, the partners of an actor, the network and the trends filter on the status; with it in the
covering indexes those queries still read the indexes alone, never the table. Appended last, it leaves
every index range and order as it was.

Revision ID: 0011_status_in_pair_indexes
Revises: 0010_day_cover
Create Date: 2026-12-07
"""
from __future__ import annotations

from alembic import op

revision = "0011_status_in_pair_indexes"
down_revision = "0010_day_cover"
branch_labels = None
depends_on = None

BEFORE = {
    "ix_events_country_pair_cover": ["source_country", "target_country", "event_day", "quad_class", "goldstein"],
    "ix_events_code_pair_cover": ["source_code", "target_code", "event_day", "quad_class", "goldstein"],
    "ix_events_target_country_cover": ["target_country", "source_country", "event_day", "quad_class", "goldstein"],
    "ix_events_day_cover": ["event_day", "quad_class", "goldstein"],
}


def _rebuild(columns_of) -> None:
    for name, columns in BEFORE.items():
        op.drop_index(name, table_name="events")
        op.create_index(name, "events", columns_of(columns), unique=False)


def upgrade() -> None:
    _rebuild(lambda columns: [*columns, "status"])


def downgrade() -> None:
    _rebuild(lambda columns: columns)
