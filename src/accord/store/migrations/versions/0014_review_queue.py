"""an index for the review queue: the events no analyst has reviewed, lowest confidence first

The queue (``Store.review_queue``) keeps the events without a correction and orders them by confidence
(none known: first, as -1) and id. Without an index that meant sorting the whole events table for every page
of 50; this partial index holds exactly the unreviewed events in the queue's order, so a page is read from
it in order, from its start or from the last event of the page before (keyset paging), and a correction
takes its event out of it. The expression is written the same way in the query, so SQLite and PostgreSQL
both match it.

Revision ID: 0014_review_queue
Revises: 0013_corrections
Create Date: 2026-12-08
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_review_queue"
down_revision = "0013_corrections"
branch_labels = None
depends_on = None

UNREVIEWED = sa.text("correction_id IS NULL")


def upgrade() -> None:
    op.create_index("ix_events_review_queue", "events", [sa.text("coalesce(confidence, -1.0)"), "id"],
                    sqlite_where=UNREVIEWED, postgresql_where=UNREVIEWED)


def downgrade() -> None:
    op.drop_index("ix_events_review_queue", table_name="events")
