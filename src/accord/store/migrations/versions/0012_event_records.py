"""events, not reports: one record per real-world event (event_records) and the reports grouped into each
(event_record_reports), written by `accord group` (analysis/grouping.py)

A report's link goes with it when its document is re-coded (ON DELETE CASCADE); the records are then stale
until the next `accord group`, which rewrites them all (Store.grouping_stale tells).

Revision ID: 0012_event_records
Revises: 0011_status_in_pair_indexes
Create Date: 2026-12-07
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_event_records"
down_revision = "0011_status_in_pair_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_records",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("first_event_id", sa.Integer(), nullable=False),
        sa.Column("source_code", sa.String(32)),
        sa.Column("source_country", sa.String(3)),
        sa.Column("source_name", sa.String(512)),
        sa.Column("target_code", sa.String(32)),
        sa.Column("target_country", sa.String(3)),
        sa.Column("target_name", sa.String(512)),
        sa.Column("cameo", sa.String(4), nullable=False),
        sa.Column("root", sa.String(2), nullable=False),
        sa.Column("quad_class", sa.Integer(), nullable=False),
        sa.Column("goldstein", sa.Float(), nullable=False),
        sa.Column("plover_type", sa.String(16)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("event_day", sa.Date()),
        sa.Column("place_name", sa.String(200)),
        sa.Column("place_country", sa.String(3)),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.Column("sources", sa.Integer(), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("first_report", sa.Date()),
        sa.Column("last_report", sa.Date()),
        sa.Column("agreement", sa.Text(), nullable=False),
    )
    op.create_index("ix_event_records_country_pair", "event_records",
                    ["source_country", "target_country", "event_day", "quad_class", "goldstein", "status"])
    op.create_index("ix_event_records_code_pair", "event_records",
                    ["source_code", "target_code", "event_day", "quad_class", "goldstein", "status"])
    op.create_index("ix_event_records_day", "event_records", ["event_day"])
    op.create_table(
        "event_record_reports",
        sa.Column("record_id", sa.Integer(), sa.ForeignKey("event_records.id", ondelete="CASCADE"), nullable=False),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_event_record_reports_record_id", "event_record_reports", ["record_id"])


def downgrade() -> None:
    op.drop_index("ix_event_record_reports_record_id", table_name="event_record_reports")
    op.drop_table("event_record_reports")
    for name in ("ix_event_records_day", "ix_event_records_code_pair", "ix_event_records_country_pair"):
        op.drop_index(name, table_name="event_records")
    op.drop_table("event_records")
