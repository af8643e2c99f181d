"""full-text indexes on the words of event evidence and of quotations: SQLite FTS5, PostgreSQL tsvector

SQLite: an FTS5 table per text (``events_fts`` over ``events.evidence``, ``quotes_fts`` over ``quotes.text``)
holding only the index (external content: the text stays in its table), kept in step by triggers on
insert, update and delete, so storing, replacing and deleting a document (whose events and quotes are
deleted and written again) keeps it right. Words are Unicode letters and digits, case-folded, accents kept.
PostgreSQL: a GIN index on ``to_tsvector('simple', ...)`` of the same columns (no stemming, no stop words),
which PostgreSQL keeps in step itself. ``Store.find_events`` and ``Store.find_quotes`` search through them.

A later migration that makes SQLite copy ``events`` or ``quotes`` into a new table (Alembic's batch
"recreate") drops the triggers with the old table: it must create them again (``create_sqlite``).
tests/test_store.py checks that a search follows inserts, replacements and deletions.

Opening an existing store builds the index once (on SQLite about 30 s per million events).

Revision ID: 0009_full_text
Revises: 0008_event_provenance
Create Date: 2026-12-01
"""
from __future__ import annotations

from alembic import op

revision = "0009_full_text"
down_revision = "0008_event_provenance"
branch_labels = None
depends_on = None

TEXTS = {"events": "evidence", "quotes": "text"}  # table -> the column whose words are indexed


def create_sqlite(table: str, column: str) -> list[str]:
    """The statements that create the FTS5 index of ``table.column`` and the triggers that keep it."""
    fts = f"{table}_fts"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(\"{column}\", content='{table}', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 0')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, \"{column}\") VALUES (new.id, new.\"{column}\"); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, \"{column}\") VALUES ('delete', old.id, old.\"{column}\"); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE OF \"{column}\" ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, \"{column}\") VALUES ('delete', old.id, old.\"{column}\"); "
        f"INSERT INTO {fts}(rowid, \"{column}\") VALUES (new.id, new.\"{column}\"); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, column in TEXTS.items():
        if sqlite:
            for statement in create_sqlite(table, column):
                op.execute(statement)
        else:
            op.execute(f"CREATE INDEX ix_{table}_{column}_words ON {table} "
                       f"USING gin (to_tsvector('simple', \"{column}\"))")


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, column in TEXTS.items():
        if sqlite:
            for action in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{action}")
            op.execute(f"DROP TABLE IF EXISTS {table}_fts")
        else:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_{column}_words")
