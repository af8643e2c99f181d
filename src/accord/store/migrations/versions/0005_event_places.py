"""each event's place: the words, the gazetteer's reading (name, country, feature type, coordinates, ids)

Revision ID: 0005_places
Revises: 0001
Create Date: 2026-11-29
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_places"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = (
    ("place_text", sa.Text()),
    ("place_start", sa.Integer()),
    ("place_end", sa.Integer()),
    ("place_name", sa.String(length=200)),
    ("place_country", sa.String(length=3)),
    ("place_feature", sa.String(length=16)),
    ("place_latitude", sa.Float()),
    ("place_longitude", sa.Float()),
    ("place_geonames_id", sa.Integer()),
    ("place_admin1", sa.String(length=16)),
)


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        for name, type_ in COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=True))
        batch_op.create_index("ix_events_place_country", ["place_country"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_place_country")
        for name, _ in reversed(COLUMNS):
            batch_op.drop_column(name)
