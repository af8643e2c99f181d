"""join the four changes made side by side on 0001 (pair indexes, feeds, quote cues, event places)

They touch different tables and may run in any order; after this revision the history has one head
again, so the next migration revises "0006_merge".

Revision ID: 0006_merge
Revises: 0002_pairs, 0003_feeds, 0004_quotes, 0005_places
Create Date: 2026-11-29
"""
from __future__ import annotations

revision = "0006_merge"
down_revision = ("0002_pairs", "0003_feeds", "0004_quotes", "0005_places")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
