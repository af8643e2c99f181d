"""the day index covers QuadClass and Goldstein: ix_events_day (event_day) becomes ix_events_day_cover
(event_day, quad_class, goldstein)

The trends of the overview and of an actor count events per day and QuadClass; with the index covering
both, the whole store is counted in the index's order without touching the table (on a million events
about 0.3 s instead of 2-3 s). Every query that read ix_events_day reads the new index's first column, and
each event written still updates one index.

Revision ID: 0010_day_cover
Revises: 0009_full_text
Create Date: 2026-12-07
"""
from __future__ import annotations

from alembic import op

revision = "0010_day_cover"
down_revision = "0009_full_text"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_day_cover", "events", ["event_day", "quad_class", "goldstein"], unique=False)
    op.drop_index("ix_events_day", table_name="events")


def downgrade() -> None:
    op.create_index("ix_events_day", "events", ["event_day"], unique=False)
    op.drop_index("ix_events_day_cover", table_name="events")
