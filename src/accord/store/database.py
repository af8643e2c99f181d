"""The event store: one class owns every connection and every SQL statement.

SQLite by default (a file, WAL journal, foreign keys on), PostgreSQL for teams; the schema is
managed by Alembic migrations, run when the store opens. Each document is written in one transaction,
so a crash loses at most the document being written and never leaves half of one behind.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from sqlalchemy import String, and_, cast, create_engine, delete, event, func, insert, or_, select, update
from sqlalchemy.engine import Connection, Engine

from ..errors import AccordError
from ..model import Document, Event
from ..version import coder_version
from .schema import actors, documents, events, failures, quotes

DB_SETTING = "ACCORD_DB"
DEFAULT_DB = "accord.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class StoreError(AccordError):
    """The store cannot be opened or written."""


def database_url(value: str | None = None) -> str:
    """--db, else ACCORD_DB, else accord.db in the working directory; a plain path means SQLite."""
    value = value or os.environ.get(DB_SETTING) or DEFAULT_DB
    if "://" in value:
        if value.startswith("postgresql://"):  # psycopg 3 is the driver accord installs
            value = "postgresql+psycopg://" + value[len("postgresql://"):]
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


@dataclass(frozen=True, slots=True)
class Filters:
    actor: str | None = None
    dyad: tuple[str, str] | None = None
    since: date | None = None
    until: date | None = None
    root: str | None = None
    status: str | None = None
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What storing one document did: "added", "replaced" (newer coder or changed text) or "unchanged"."""

    action: str
    document_id: int
    events: int


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def event_day(value: str | None) -> date | None:
    """The first day an event date covers ("2023" -> 2023-01-01), for range queries."""
    if not value:
        return None
    try:
        if len(value) == 4:
            return date(int(value), 1, 1)
        if len(value) == 7:
            return date(int(value[:4]), int(value[5:7]), 1)
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _event_row(document_id: int, event_: Event, version: str) -> dict[str, Any]:
    return {"document_id": document_id, **event_.flat(), "event_day": event_day(event_.date),
            "coder_version": version}


class Store:
    def __init__(self, url: str | None = None) -> None:
        self.url = database_url(url)
        try:
            self.engine: Engine = create_engine(self.url, future=True)
        except Exception as exc:  # a malformed URL or a missing driver
            raise StoreError(f"cannot open the store {self.url!r}: {exc}") from None
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.migrate()

    # ------------------------------------------------------------------ schema
    def migrate(self) -> None:
        """Bring the schema to the newest migration."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        try:
            with self.engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, "heads")
        except Exception as exc:
            raise StoreError(f"cannot prepare the store at {self.url}: {exc}") from None

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------------ writing
    def add_document(self, document: Document) -> Outcome:
        """Store a coded document with its actors, events and quotes, in one transaction.

        A document already stored (same URL, else same text) with the same coder is left as it is;
        with another coder or changed text, its rows are replaced.
        """
        version = coder_version()
        digest = content_hash(document.text)
        with self.engine.begin() as conn:
            existing = self._find(conn, document.url, digest)
            row = {
                "doc_id": document.id, "url": document.url, "content_hash": digest,
                "outlet": urlparse(document.url).netloc or None if document.url else None,
                "title": document.title, "published": document.published,
                "dateline_place": document.dateline.place if document.dateline else None,
                "dateline_date": document.dateline.date if document.dateline else None,
                "text": document.text, "warnings": json.dumps(document.warnings, ensure_ascii=False),
                "coder_version": version, "ingested_at": datetime.now(timezone.utc).replace(tzinfo=None),
            }
            if existing is not None:
                if existing.coder_version == version and existing.content_hash == digest:
                    count = conn.execute(select(func.count()).select_from(events)
                                         .where(events.c.document_id == existing.id)).scalar_one()
                    return Outcome("unchanged", existing.id, count)
                for table in (events, actors, quotes):
                    conn.execute(delete(table).where(table.c.document_id == existing.id))
                conn.execute(update(documents).where(documents.c.id == existing.id).values(**row))
                document_id, action = existing.id, "replaced"
            else:
                document_id = conn.execute(insert(documents).values(**row)).inserted_primary_key[0]
                action = "added"
            self._insert_children(conn, document_id, document, version)
        return Outcome(action, document_id, len(document.events))

    @staticmethod
    def _find(conn: Connection, url: str | None, digest: str):
        columns = (documents.c.id, documents.c.coder_version, documents.c.content_hash)
        if url:
            found = conn.execute(select(*columns).where(documents.c.url == url)).first()
            if found is not None:
                return found
        return conn.execute(select(*columns).where(documents.c.content_hash == digest)).first()

    @staticmethod
    def _insert_children(conn: Connection, document_id: int, document: Document, version: str) -> None:
        rows = [_event_row(document_id, e, version) for e in document.events]
        if rows:
            conn.execute(insert(events), rows)
        actor_rows = [{"document_id": document_id, "name": a["name"], "code": a["code"], "country": a["country"],
                       "mentions": json.dumps(a["mentions"])} for a in document.actors()]
        if actor_rows:
            conn.execute(insert(actors), actor_rows)
        quote_rows = [{"document_id": document_id, "text": q.text, "start": q.start, "end": q.end,
                       "sentence": q.sentence, "kind": q.kind,
                       "speaker_code": q.speaker.code if q.speaker else None,
                       "speaker_country": q.speaker.country if q.speaker else None,
                       "speaker_name": q.speaker.name if q.speaker else None,
                       "speaker_text": q.speaker_text} for q in document.quotes]
        if quote_rows:
            conn.execute(insert(quotes), quote_rows)

    def record_failure(self, source: str, reason: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(failures).values(
                source=source[:2048], reason=reason, coder_version=coder_version(),
                failed_at=datetime.now(timezone.utc).replace(tzinfo=None)))

    # ------------------------------------------------------------------ reading
    def _where(self, filters: Filters):
        clauses = []
        if filters.actor:
            prefix = filters.actor.upper() + "%"
            clauses.append(or_(events.c.source_code.like(prefix), events.c.target_code.like(prefix)))
        if filters.dyad:
            a, b = (x.upper() + "%" for x in filters.dyad)
            clauses.append(or_(and_(events.c.source_code.like(a), events.c.target_code.like(b)),
                               and_(events.c.source_code.like(b), events.c.target_code.like(a))))
        if filters.since:
            clauses.append(events.c.event_day >= filters.since)
        if filters.until:
            clauses.append(events.c.event_day <= filters.until)
        if filters.root:
            clauses.append(events.c.root == filters.root.zfill(2))
        if filters.status:
            clauses.append(events.c.status == filters.status)
        return and_(*clauses) if clauses else None

    def events(self, filters: Filters = Filters()) -> Iterator[dict[str, Any]]:
        """Events with their document's id, URL and title, oldest first."""
        query = (select(events, documents.c.doc_id, documents.c.url, documents.c.title, documents.c.outlet)
                 .join(documents, documents.c.id == events.c.document_id)
                 .order_by(events.c.event_day, events.c.id))
        yield from self._rows(query, filters)

    def _rows(self, query, filters: Filters) -> Iterator[dict[str, Any]]:
        where = self._where(filters)
        if where is not None:
            query = query.where(where)
        if filters.limit:
            query = query.limit(filters.limit)
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                yield dict(row._mapping)

    def event_groups(self, filters: Filters = Filters()) -> Iterator[dict[str, Any]]:
        """Mentions of the same event (date, source, target, CAMEO code) across articles, as GDELT counts them.

        Each group has the id of its first mention, the numbers of mentions, of distinct sources
        (outlets; a document with no URL is its own source) and of distinct articles.
        """
        outlet = func.coalesce(documents.c.outlet, cast(documents.c.id, String))
        keys = (events.c.date, events.c.date_precision, events.c.event_day, events.c.source_code,
                events.c.source_country, events.c.source_name, events.c.target_code, events.c.target_country,
                events.c.target_name, events.c.cameo, events.c.root, events.c.quad_class, events.c.goldstein,
                events.c.plover_type, events.c.plover_mode, events.c.status)
        query = (select(func.min(events.c.id).label("group_id"), *keys,
                        func.count().label("num_mentions"),
                        func.count(func.distinct(outlet)).label("num_sources"),
                        func.count(func.distinct(events.c.document_id)).label("num_articles"),
                        func.min(documents.c.url).label("url"),
                        func.min(events.c.sentence).label("first_sentence"),
                        func.min(documents.c.ingested_at).label("first_seen"))
                 .join(documents, documents.c.id == events.c.document_id)
                 .group_by(*keys)
                 .order_by(events.c.event_day, func.min(events.c.id)))
        yield from self._rows(query, filters)

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                    for name, table in (("documents", documents), ("events", events), ("actors", actors),
                                        ("quotes", quotes), ("failures", failures))}

    def latest_failures(self, limit: int = 10) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(failures).order_by(failures.c.failed_at.desc(), failures.c.id.desc())
                                .limit(limit))
            return [dict(r._mapping) for r in rows]

    def orphans(self) -> int:
        """Rows whose document is gone (there should never be any)."""
        total = 0
        with self.engine.connect() as conn:
            for table in (events, actors, quotes):
                total += conn.execute(
                    select(func.count()).select_from(table)
                    .where(~table.c.document_id.in_(select(documents.c.id)))).scalar_one()
        return total

    # ------------------------------------------------------------------ analysis (dyads, networks, web views)

    # ------------------------------------------------------------------ feeds (accord watch)

    # ------------------------------------------------------------------ end of Store


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
