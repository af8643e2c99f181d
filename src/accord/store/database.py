"""The event store: one class owns every connection and every SQL statement.

SQLite by default (a file, WAL journal, foreign keys on), PostgreSQL for teams; the schema is
managed by Alembic migrations, run when the store opens: all of them in one transaction, under a lock
(SQLite's write lock, a PostgreSQL advisory lock), so a store is made whole or not at all, and two
processes creating one at once take turns. Each document is written in one transaction, so a crash loses
at most the document being written and never leaves half of one behind. A database error while writing
(a locked database, a full disk, a value the database refuses) is a StoreError naming the document.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime, UTC
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlparse

from sqlalchemy import (String, and_, bindparam, cast, column, create_engine, delete, event, exists, false, func,
                        insert, literal_column, or_, select, update)
from sqlalchemy import table as table_clause
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.sql.expression import ColumnClause, ColumnElement

from ..errors import AccordError
from ..model import Document, Event
from ..version import coder_version
from .schema import (REVIEW_ORDER, actors, corrections, documents, event_record_reports, event_records, events,
                     failures, grouping_periods, quotes)
from .schema import feed_items, feeds  # accord watch

T = TypeVar("T")
DB_SETTING = "ACCORD_DB"
DEFAULT_DB = "accord.db"
STREAM_ROWS = 500  # rows fetched at a time when events are streamed
MAX_DEPTH = 10_000  # find_events pages through the newest this many matching events (offset + limit), no deeper
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
LOCK_TIMEOUT = 30.0  # seconds a write waits for a lock another writer holds, before it fails
MIGRATION_LOCK = 0x6163636F7264  # PostgreSQL advisory lock key taken while migrating ("accord")
REPORTS = events  # the event reports table, as a default argument inside Store (where `events` is a method)
SEARCHED = {"events": "evidence", "quotes": "text"}  # the texts with a full-text index (migration 0009_full_text)
_TERM = re.compile(r'"([^"]*)"|([^\W_]+)(\*?)')
_WORD = re.compile(r"[^\W_]+")
MAX_TERMS = 20
# an analyst's corrections (migration 0013_corrections): the columns one may set, and the verdicts
CORRECTABLE = ("cameo", "root", "quad_class", "goldstein", "plover_type", "plover_mode", "source_code",
               "source_country", "source_name", "target_code", "target_country", "target_name", "status", "date",
               "date_precision", "place_name", "place_country")
VERDICTS = ("right", "wrong", "corrected")  # corrected: the event happened, some of its fields were wrong
SAMPLE_MULTIPLIER = 2654435761  # Knuth's multiplicative hash: the review sample's order of the event ids
WRONG = "wrong"  # the status every read gives an event an analyst marked wrong: no count keeps it
SPARSE = 20_000  # words in at most this many events are searched from the full-text index alone (SQLite)


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
    """What ``events``, ``event_groups`` and ``event_records`` return. ``statuses``: the event statuses to
    keep; None keeps the asserted ones (occurred, ongoing), as every count in accord does unless asked otherwise.
    ``min_confidence``: keep only events of at least this confidence (0: every event, those stored without a
    confidence too); an event record is kept when at least one of its reports passes the floor and the
    status filter, and is counted once."""

    actor: str | None = None
    dyad: tuple[str, str] | None = None
    since: date | None = None
    until: date | None = None
    root: str | None = None
    statuses: Collection[str] | None = None
    min_confidence: float = 0.0
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


def search_terms(text: str | None) -> list[tuple[tuple[str, ...], bool]]:
    """The terms of a search by words, each (words, prefix): every term must be in the text.

    A word is a run of letters and digits (case does not matter; punctuation separates words); a word
    followed by ``*`` stands for every word it begins; words in "quotation marks" must stand together in
    that order. At most MAX_TERMS terms count. ``coast "South China Sea" sanction*`` is three terms."""
    terms: list[tuple[tuple[str, ...], bool]] = []
    for match in _TERM.finditer(text or ""):
        phrase, word, star = match.groups()
        words = tuple(w.lower() for w in _WORD.findall(phrase)) if phrase is not None else (word.lower(),)
        if words and (words, bool(star)) not in terms:
            terms.append((words, bool(star)))
    return terms[:MAX_TERMS]


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
        self.sqlite = self.engine.dialect.name == "sqlite"
        if self.sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        elif self.engine.dialect.name == "postgresql":
            event.listen(self.engine, "connect", _postgresql_settings)
        self.migrate()

    # ------------------------------------------------------------------ schema
    def migrate(self) -> None:
        """Bring the schema to the newest migration, atomically.

        A store already at the newest migration is only read. Otherwise the migrations run in one
        transaction holding the migration lock (SQLite: BEGIN IMMEDIATE, the database's write lock, since
        Python's sqlite3 would otherwise commit each CREATE TABLE on its own; PostgreSQL: an advisory lock),
        and the version is read again under the lock, so a second process creating the same store waits
        and then finds it made. A store left half-made by an interrupted migration of an earlier release
        (tables but not the newest version, and no rows in them) is cleared and made again."""
        from alembic import command
        from alembic.config import Config
        from alembic.script import ScriptDirectory

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        heads = set(ScriptDirectory.from_config(config).get_heads())
        try:
            with self.engine.connect() as connection:
                if _revisions(connection) == heads:
                    return
            with self.engine.connect() as connection:
                if self.sqlite:
                    connection.exec_driver_sql("BEGIN IMMEDIATE")
                elif self.engine.dialect.name == "postgresql":
                    connection.execute(select(func.pg_advisory_xact_lock(MIGRATION_LOCK)))
                if _revisions(connection) != heads:
                    _clear_if_half_made(connection)
                    config.attributes["connection"] = connection
                    command.upgrade(config, "head")
                connection.commit()
        except Exception as exc:
            raise StoreError(f"cannot prepare the store at {self.url}: {_reason(exc)}") from None

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------------ writing
    def add_document(self, document: Document) -> Outcome:
        """Store a coded document with its actors, events and quotes, in one transaction.

        A document already stored (same URL, else same text) with the same coder is left as it is;
        with another coder or changed text, its rows are replaced. A URL whose text is now that of another
        stored document (a moved page, a re-used wire story) is that document: "unchanged", its id.
        """
        try:
            return self._add_document(document)
        except IntegrityError as exc:  # a unique URL or text written by another writer at the same moment
            raise StoreError(f"cannot store {document.id!r} ({document.url or 'no URL'}): it clashes with a "
                             f"stored document ({exc.orig})") from None
        except DBAPIError as exc:  # locked, disk full, a value the database refuses: this document fails alone
            raise StoreError(f"cannot store {document.id!r} ({document.url or 'no URL'}): {_reason(exc)}") from None

    def _add_document(self, document: Document) -> Outcome:
        version = coder_version()
        digest = content_hash(document.text)
        with self.engine.begin() as conn:
            existing = self._find(conn, document.url, digest)
            if existing is not None and existing.content_hash != digest:
                twin = conn.execute(select(documents.c.id).where(documents.c.content_hash == digest,
                                                                 documents.c.id != existing.id)).first()
                if twin is not None:  # the text is stored already, under another URL
                    return Outcome("unchanged", twin.id, self._event_count(conn, twin.id))
            row = {
                "doc_id": document.id, "url": document.url, "content_hash": digest,
                "outlet": urlparse(document.url).netloc or None if document.url else None,
                "title": document.title, "published": document.published,
                "dateline_place": document.dateline.place if document.dateline else None,
                "dateline_date": document.dateline.date if document.dateline else None,
                "text": document.text, "warnings": json.dumps(document.warnings, ensure_ascii=False),
                "coder_version": version, "ingested_at": datetime.now(UTC).replace(tzinfo=None),
            }
            if existing is not None:
                if existing.coder_version == version and existing.content_hash == digest:
                    return Outcome("unchanged", existing.id, self._event_count(conn, existing.id))
                self._clear_children(conn, existing.id)
                conn.execute(update(documents).where(documents.c.id == existing.id).values(**row))
                document_id, action = existing.id, "replaced"
            else:
                document_id = self._inserted_id(conn, insert(documents).values(**row))
                action = "added"
            self._insert_children(conn, document_id, document, version)
            if action == "replaced":
                self._reattach(conn, document_id)
        return Outcome(action, document_id, len(document.events))

    @staticmethod
    def _inserted_id(conn: Connection, statement) -> int:
        """The primary key of the row one INSERT wrote."""
        inserted = conn.execute(statement).inserted_primary_key
        assert inserted is not None  # None only for an executemany
        return inserted[0]

    @staticmethod
    def _clear_children(conn: Connection, document_id: int) -> None:
        """Delete a document's events, actors and quotes; its corrections stay, detached until ``_reattach``."""
        conn.execute(update(corrections).where(corrections.c.document_id == document_id).values(event_id=None))
        for table in (events, actors, quotes):
            conn.execute(delete(table).where(table.c.document_id == document_id))

    def is_stored(self, text: str) -> bool:
        """Whether a document with this text is stored, coded by this coder: storing it again would change
        nothing, so it need not be coded (the text's digest, indexed, is all that is compared)."""
        query = select(documents.c.id).where(documents.c.content_hash == content_hash(text),
                                             documents.c.coder_version == coder_version())
        try:
            with self.engine.connect() as conn:
                return conn.execute(query).first() is not None
        except DBAPIError as exc:
            raise StoreError(f"cannot read the store: {_reason(exc)}") from None

    @staticmethod
    def _event_count(conn: Connection, document_id: int) -> int:
        return conn.execute(select(func.count()).select_from(events)
                            .where(events.c.document_id == document_id)).scalar_one()

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
                       "speaker_text": q.speaker_text, "speaker_start": q.speaker_start,
                       "speaker_end": q.speaker_end, "cue_text": q.cue_text, "cue_start": q.cue_start,
                       "cue_end": q.cue_end} for q in document.quotes]
        if quote_rows:
            conn.execute(insert(quotes), quote_rows)

    def record_failure(self, source: str, reason: str) -> None:
        """Remember why an input was not stored (StoreError when even that cannot be written)."""
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(failures).values(
                    source=source[:2048], reason=reason, coder_version=coder_version(),
                    failed_at=datetime.now(UTC).replace(tzinfo=None)))
        except DBAPIError as exc:
            raise StoreError(f"cannot record the failure of {source!r}: {_reason(exc)}") from None

    # ------------------------------------------------------------------ reading
    def _where(self, filters: Filters, table=REPORTS, *, with_sides: bool = True):
        """The filters as one clause (None: no filter) over the event reports or (``table``) the event records."""
        clauses = [or_(*sides)] if with_sides and (sides := self._pair_sides(filters, table)) else []
        if filters.actor and filters.dyad:  # the pair's events that have the actor too
            clauses.append(or_(*self._pair_sides(Filters(actor=filters.actor), table)))
        if filters.since:
            clauses.append(table.c.event_day >= filters.since)
        if filters.until:
            clauses.append(table.c.event_day <= filters.until)
        if filters.root:
            clauses.append(table.c.root == filters.root.zfill(2))
        clauses += self._kept(filters.statuses, filters.min_confidence, table)
        return and_(*clauses) if clauses else None

    @classmethod
    def _kept(cls, statuses: Collection[str] | None, min_confidence: float = 0.0, table=REPORTS) -> list:
        """The clauses keeping the events of these statuses (None: the asserted ones) and of at least
        ``min_confidence``. An event an analyst marked wrong (status WRONG) is never kept; the status is in
        every covering index, so this reads no table. ``table``: events (reports) or event_records; an event
        record is kept when its own (agreed) status is kept and, above a confidence floor, at least one of its
        reports is both of a kept status and confident enough (``_confident``)."""
        every, asserted = known_statuses()
        chosen = set(statuses or asserted) - {WRONG}
        if chosen >= set(every):
            status_is, report_status = [table.c.status != WRONG], [events.c.status != WRONG]
        else:
            status_is, report_status = [table.c.status.in_(sorted(chosen))], [events.c.status.in_(sorted(chosen))]
        return status_is + cls._confident(min_confidence, table, report_status)

    @staticmethod
    def _confident(min_confidence: float, table=REPORTS, report_status: list | None = None) -> list:
        """The clause keeping the events of at least this confidence: none at 0 (every event); above it, an
        event stored without a confidence (before migration 0008) is left out, as nothing says it is that likely
        to be right. An event an analyst reviewed (``correction_id``: right, or corrected) is kept whatever the
        coder's confidence, which its row keeps: it is checked, not guessed (docs/review.md); one marked wrong
        is left out by its status (``_kept``). For event records (``table`` event_records, unit "event"),
        confidence is a report's: a record is kept when at least one of its reports passes (and passes
        ``report_status``, clauses over the reports), and it is then counted once, with its agreed values."""
        if min_confidence <= 0:
            return []
        # a bound parameter
        confident = or_(events.c.confidence >= float(min_confidence), events.c.correction_id.is_not(None))
        if table is not event_records:
            return [confident]
        return [exists().where(event_record_reports.c.record_id == event_records.c.id,
                               events.c.id == event_record_reports.c.event_id, confident, *(report_status or []))
                .correlate(event_records)]

    def _pair_sides(self, filters: Filters, table=REPORTS) -> list:
        """The pair's (else the actor's) events as disjoint clauses, one per direction, each answered by
        equality on indexed columns (``_actor_is``; a LIKE on the codes would read every row); [] when
        neither is asked for. ``table``: events (reports) or event_records."""
        if filters.dyad:
            a, b = filters.dyad
            first, second, both = self._directions(a.upper(), b.upper(), table)
        elif filters.actor:
            first, second, both = self._directions(filters.actor.upper(), None, table)
        else:
            return []
        return [first, second if both is None else and_(second, self._unless(first))]

    def events(self, filters: Filters = Filters()) -> Iterator[dict[str, Any]]:
        """Events with their document's id, URL and title, oldest first (undated ones where the database
        puts NULL: first on SQLite, last on PostgreSQL), streamed.

        A page (``limit``) of an actor's or a pair's events is read a direction at a time: the keys of
        each direction's first events in date order from its index, merged, then the page's rows. One
        query with both directions would sort every event of the pair before returning the first."""
        query = (select(events, documents.c.doc_id, documents.c.url, documents.c.title, documents.c.outlet)
                 .join(documents, documents.c.id == events.c.document_id))
        sides = self._pair_sides(filters)
        if not (filters.limit and sides):
            yield from self._rows(query.order_by(events.c.event_day, events.c.id), filters)
            return
        rest = self._where(filters, with_sides=False)
        undated_first = self.engine.dialect.name == "sqlite"
        keys: list = []
        with self.engine.connect() as conn:
            for side in sides:
                keys += conn.execute(select(events.c.id, events.c.event_day)
                                     .where(side, *([] if rest is None else [rest]))
                                     .order_by(events.c.event_day, events.c.id).limit(filters.limit)).all()
            keys.sort(key=lambda k: ((k.event_day is not None) if undated_first else (k.event_day is None),
                                     k.event_day or date.min, k.id))
            wanted = [k.id for k in keys[:filters.limit]]
            found = {r.id: dict(r._mapping) for r in conn.execute(query.where(events.c.id.in_(wanted)))} \
                if wanted else {}
        yield from (found[i] for i in wanted if i in found)

    def _rows(self, query, filters: Filters) -> Iterator[dict[str, Any]]:
        where = self._where(filters)
        if where is not None:
            query = query.where(where)
        if filters.limit:
            query = query.limit(filters.limit)
        with self.engine.connect() as conn:  # rows as they come: a server-side cursor on PostgreSQL
            for row in conn.execution_options(yield_per=STREAM_ROWS).execute(query):
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
                events.c.plover_type, events.c.plover_mode, events.c.status,
                # the place is part of what makes an event one event, as in GDELT (ActionGeo_*)
                events.c.place_name, events.c.place_country, events.c.place_feature, events.c.place_latitude,
                events.c.place_longitude, events.c.place_geonames_id, events.c.place_admin1)
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

    # ------------------------------------------------------------------ events, not reports (accord group)
    def reports_to_group(self) -> Iterator[dict[str, Any]]:
        """Every event report (every status) with what grouping reads: its sides, code, day, place, evidence,
        and its article's id, outlet and publication day; in id order."""
        columns = [events.c[name] for name in (
            "id", "document_id", "evidence", "source_code", "source_country", "source_name", "target_code",
            "target_country", "target_name", "cameo", "root", "quad_class", "goldstein", "plover_type", "status",
            "event_day", "date_precision", "place_name", "place_country", "place_feature", "place_latitude",
            "place_longitude")]
        query = (select(*columns, documents.c.outlet, documents.c.published)
                 .join(documents, documents.c.id == events.c.document_id).order_by(events.c.id))
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=2000).execute(query):
                yield dict(row._mapping)

    def replace_event_records(self, records: list[tuple[dict[str, Any], list[int]]],
                              periods: dict[str, str] | None = None) -> None:
        """Replace every event record with these (each a record and the ids of its reports), in one
        transaction: a reader sees the old records or the new ones, never a mixture. ``periods``: the
        grouping's period digests (None: none kept, so the next grouping groups every report)."""
        self._write_event_records(None, records, periods or {})

    def update_event_records(self, removed: Collection[int], records: list[tuple[dict[str, Any], list[int]]],
                             periods: dict[str, str]) -> None:
        """Remove these event records and add those, and keep the grouping's period digests, in one
        transaction (an incremental `accord group`)."""
        self._write_event_records(removed, records, periods)

    def _write_event_records(self, removed: Collection[int] | None, records: list[tuple[dict[str, Any], list[int]]],
                             periods: dict[str, str]) -> None:
        """Remove the records ``removed`` (None: every one) with their links, add ``records`` and replace the
        period digests, in one transaction."""
        try:
            with self.engine.begin() as conn:
                if removed is None:
                    conn.execute(delete(event_record_reports))
                    conn.execute(delete(event_records))
                else:
                    for gone in _batches(sorted(removed), 1000):
                        conn.execute(delete(event_record_reports).where(event_record_reports.c.record_id.in_(gone)))
                        conn.execute(delete(event_records).where(event_records.c.id.in_(gone)))
                for batch in _batches(records, 1000):
                    rows = [{**record, "agreement": json.dumps(record["agreement"], ensure_ascii=False)}
                            for record, _ in batch]
                    ids = [self._inserted_id(conn, insert(event_records).values(**row)) for row in rows]
                    links = [{"record_id": record_id, "event_id": event_id}
                             for record_id, (_, members) in zip(ids, batch) for event_id in members]
                    if links:
                        conn.execute(insert(event_record_reports), links)
                conn.execute(delete(grouping_periods))
                if periods:
                    conn.execute(insert(grouping_periods), [{"period": key, "digest": digest}
                                                            for key, digest in periods.items()])
        except DBAPIError as exc:
            raise StoreError(f"cannot write the event records: {_reason(exc)}") from None

    def grouping_state(self) -> tuple[dict[int, int], dict[int, int], dict[str, str]]:
        """What the last grouping left: each linked report's record, each record's number of reports when it
        was made, and the period digests it saw (empty when none were kept)."""
        with self.engine.connect() as conn:
            links = dict(conn.execute(select(event_record_reports.c.event_id, event_record_reports.c.record_id)).all())
            sizes = dict(conn.execute(select(event_records.c.id, event_records.c.reports)).all())
            periods = dict(conn.execute(select(grouping_periods.c.period, grouping_periods.c.digest)).all())
        return links, sizes, periods

    def grouping_stale(self) -> bool:
        """Whether the event records no longer match the reports: a report in no record (stored or re-coded
        since `accord group`), or a record that lost reports (its document re-coded)."""
        linked = select(func.count()).select_from(event_record_reports).where(
            event_record_reports.c.record_id == event_records.c.id).scalar_subquery()
        with self.engine.connect() as conn:
            loose = conn.execute(select(events.c.id).where(
                ~events.c.id.in_(select(event_record_reports.c.event_id))).limit(1)).first()
            if loose is not None:
                return True
            return conn.execute(select(event_records.c.id).where(linked != event_records.c.reports)
                                .limit(1)).first() is not None

    def event_records(self, filters: Filters = Filters(), first_report: bool = False) -> Iterator[dict[str, Any]]:
        """The event records (``accord group``), oldest first, each with ``agreement`` as a dict and the
        URL of its first report; with ``first_report``, also that report's row and its document's (``first``)."""
        first = select(events, documents.c.doc_id, documents.c.url, documents.c.title, documents.c.outlet,
                       documents.c.published).join(documents, documents.c.id == events.c.document_id).subquery()
        query = (select(event_records, first.c.url, *([first] if first_report else []))
                 .join(first, first.c.id == event_records.c.first_event_id)
                 .order_by(event_records.c.event_day, event_records.c.id))
        where = self._where(filters, event_records)
        if where is not None:
            query = query.where(where)
        if filters.limit:
            query = query.limit(filters.limit)
        own = len(event_records.c) + 1
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                values = tuple(row)
                record = dict(zip([*event_records.c.keys(), "url"], values[:own]))
                record["agreement"] = json.loads(record["agreement"] or "{}")
                if first_report:
                    record["first"] = dict(zip(first.c.keys(), values[own:]))
                yield record

    def event_record(self, record_id: int) -> dict[str, Any] | None:
        """One event record with its reports (``reports_list``: each with its document's id, URL, title,
        outlet and publication day), in the order of their day and id."""
        with self.engine.connect() as conn:
            found = conn.execute(select(event_records).where(event_records.c.id == record_id)).first()
            if found is None:
                return None
            record = dict(found._mapping)
            record["agreement"] = json.loads(record["agreement"] or "{}")
            query = (select(events, documents.c.doc_id, documents.c.url, documents.c.title, documents.c.outlet,
                            documents.c.published)
                     .join(documents, documents.c.id == events.c.document_id)
                     .join(event_record_reports, event_record_reports.c.event_id == events.c.id)
                     .where(event_record_reports.c.record_id == record_id)
                     .order_by(documents.c.published, events.c.id))
            record["reports_list"] = [dict(r._mapping) for r in conn.execute(query)]
        return record

    def count_event_records(self, filters: Filters = Filters()) -> int:
        """How many event records ``event_records`` would give (undated ones too): a view's total of events
        where it counts real-world events rather than reports."""
        query = select(func.count()).select_from(event_records)
        where = self._where(filters, event_records)
        with self.engine.connect() as conn:
            return conn.execute(query if where is None else query.where(where)).scalar_one()

    def record_of(self, event_id: int) -> int | None:
        """The id of the event record a report is grouped into (None before `accord group`)."""
        with self.engine.connect() as conn:
            return conn.execute(select(event_record_reports.c.record_id)
                                .where(event_record_reports.c.event_id == event_id)).scalar_one_or_none()

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                    for name, table in (("documents", documents), ("events", events), ("actors", actors),
                                        ("quotes", quotes), ("failures", failures))}

    def change_marks(self) -> tuple[int, int, int, int]:
        """The newest document id, event id, correction id and event record id: they move whenever documents
        are added or re-coded, an event is corrected or the reports are regrouped (`accord group`), so a view
        computed from the store (a chart the web app caches) is stale when they differ. Four primary key
        look-ups."""
        with self.engine.connect() as conn:
            return tuple(conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
                         for table in (documents, events, corrections, event_records))

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
    # Actor codes in these methods: a three-letter code is a country and matches every actor of that
    # country (JPN matches JPN, JPNGOV, JPNMIL); a longer code (JPNGOV, IGOUNO) matches exactly.
    @staticmethod
    def _actor_is(side: str, code: str, table=REPORTS):
        if len(code) == 3:
            return table.c[f"{side}_country"] == code
        return table.c[f"{side}_code"] == code

    def _directions(self, actor: str, partner: str | None, table=REPORTS):
        """The two directions of an actor's events (source, target), each a clause one index range answers,
        and the clause for events in both (None when none can be: two different countries, or two
        different full codes). An actor with itself as partner (JPN, JPN) is its events inside itself: the
        two directions are the same clause, so every event is in both and is counted once.

        Queries run per direction instead of one OR, so SQLite reads each index range in order and,
        for counts and series, never touches the table (the pair indexes cover the columns)."""
        if partner:
            forward = and_(self._actor_is("source", actor, table), self._actor_is("target", partner, table))
            backward = and_(self._actor_is("source", partner, table), self._actor_is("target", actor, table))
            mixed = (len(actor) == 3) != (len(partner) == 3)  # a country and a full code may share events
            return forward, backward, and_(forward, backward) if mixed or actor == partner else None
        as_source, as_target = self._actor_is("source", actor, table), self._actor_is("target", actor, table)
        return as_source, as_target, and_(as_source, as_target)

    @staticmethod
    def _fts_query(text: str) -> str | None:
        """``text`` as an FTS5 query: every term a quoted string (so no word is an operator), all required."""
        terms = search_terms(text)
        return " AND ".join('"' + " ".join(words) + '"' + ("*" if prefix else "") for words, prefix in terms) or None

    @staticmethod
    def _fts_rowids(searched, query: str | None):
        """SQLite: the ids of the rows of ``searched`` whose text FTS5 matches with ``query``."""
        fts = table_clause(f"{searched.name}_fts", column("rowid"))
        return select(fts.c.rowid).where(literal_column(fts.name).op("MATCH")(bindparam("words", query)))

    def _words_match(self, searched, text: str, probe: bool = False):
        """A clause: the row's text (events' evidence, quotes' text) holds every term of ``text``
        (``search_terms``), looked up in the full-text index; no term at all matches nothing.

        SQLite: the row's id among those FTS5 finds, or with ``probe`` FTS5 asked about this row alone (for a
        scan that stops after a few rows); PostgreSQL: its tsvector matches a tsquery of quoted words (``<->``
        between the words of a phrase, ``:*`` for a prefix), on the expression the GIN index holds. The
        words are bound values."""
        terms = search_terms(text)
        if not terms:
            return false()
        if self.engine.dialect.name == "sqlite":
            found = self._fts_rowids(searched, self._fts_query(text))
            if probe:
                return found.where(literal_column("rowid") == searched.c.id).exists()
            return searched.c.id.in_(found)
        query = " & ".join("(" + " <-> ".join(f"'{w}'" for w in words) + (":*" if prefix else "") + ")"
                           for words, prefix in terms)
        simple: ColumnClause[Any] = literal_column("'simple'")  # literal, so the expression is the index's own
        return func.to_tsvector(simple, searched.c[SEARCHED[searched.name]]).op("@@")(
            func.to_tsquery(simple, bindparam("words", query)))

    def _events_with_words(self, conn: Connection, text: str, where: list, offset: int, limit: int):
        """SQLite: the ids of one page of the events whose evidence holds ``text`` and that meet every clause
        of ``where``, newest first, and how many there are, answered from the full-text index; None when the
        words are too common for that (in more than SPARSE events) and other clauses narrow the search.

        FTS5 cannot tell SQLite's planner how many rows match, so left alone the planner may read every
        event of a country and ask FTS5 about each. Here the words' events are read by id and the other
        clauses tested on each (wrapped so that no index serves them); common words with no other clause
        are counted by FTS5 and listed newest first from the date index, FTS5 asked about each event in turn
        until the page is full."""
        query = self._fts_query(text)
        if query is None:
            return [], 0
        rowids = self._fts_rowids(events, query)
        newest = (events.c.event_day.desc(), events.c.id.desc())
        hits = conn.execute(select(func.count()).select_from(rowids.limit(SPARSE + 1).subquery())).scalar_one()
        if hits <= SPARSE:  # one pass: the page and, beside each of its rows, the count of all
            matching = [events.c.id.in_(rowids), *([func.coalesce(and_(*where), false())] if where else [])]
            rows = conn.execute(select(events.c.id, func.count().over().label("total")).where(*matching)
                                .order_by(*newest).limit(limit).offset(offset)).all()
            if rows or not offset:
                return [r.id for r in rows], rows[0].total if rows else 0
            return [], conn.execute(select(func.count()).select_from(events).where(*matching)).scalar_one()
        if where:
            return None
        total = conn.execute(select(func.count()).select_from(rowids.subquery())).scalar_one()
        page = (select(events.c.id).where(self._words_match(events, text, probe=True))
                .order_by(*newest).limit(limit).offset(offset))
        return conn.execute(page).scalars().all(), total

    @staticmethod
    def _unless(clause):
        """NOT clause, where a NULL column (a source with no country) counts as not matching."""
        from sqlalchemy import Boolean, false, not_

        return not_(func.coalesce(clause, false(), type_=Boolean))

    @staticmethod
    def _within(since: date | None, until: date | None, table=REPORTS) -> list:
        clauses = []
        if since:
            clauses.append(table.c.event_day >= since)
        if until:
            clauses.append(table.c.event_day <= until)
        return clauses

    def _period_start(self, by: str, table=REPORTS):
        """SQL for the first day of an event's week (Monday), or its month ('YYYY-MM') or year ('YYYY').

        Constants are literal SQL, not parameters, so PostgreSQL sees the same expression in SELECT and
        GROUP BY; ``by`` is one of three fixed words, never user text."""
        from sqlalchemy import Date, literal_column

        day = table.c.event_day
        if by == "week":
            if self.engine.dialect.name == "sqlite":
                return func.date(day, literal_column("'weekday 0'"), literal_column("'-6 days'"))
            return cast(func.date_trunc(literal_column("'week'"), day), Date)
        length = {"month": 7, "year": 4}[by]
        return func.substr(cast(day, String), literal_column("1"), literal_column(str(length)))

    def pair_period_counts(self, a: str, b: str, by: str, since: date | None = None, until: date | None = None,
                           statuses: Collection[str] | None = None, min_confidence: float = 0.0,
                           unit: str = "report") -> list[dict[str, Any]]:
        """Events between two actors per period, direction, QuadClass and status: count and Goldstein sum.

        ``source`` is ``a`` for A→B rows and ``b`` for B→A; ``period`` is a week's Monday, 'YYYY-MM' or
        'YYYY'. An event that fits both directions (JPN and JPNGOV: JPNGOV→JPNGOV) counts once, as A→B.
        Undated events are left out; ``statuses`` are the statuses kept (None: occurred and ongoing), of at
        least ``min_confidence``. ``unit``: "report" counts event reports (one per coded mention), "event" the
        event records of `accord group` (one per real-world event, with its agreed sides, code, status and
        day; with a confidence floor, a record counts once when at least one of its reports passes the floor
        and the status filter)."""
        table = event_records if unit == "event" else events
        period = self._period_start(by, table).label("period")
        forward, backward, both = self._directions(a, b, table)
        out: list[dict[str, Any]] = []
        with self.engine.connect() as conn:
            backward_only = backward if both is None else and_(backward, self._unless(forward))
            for source, clause in ((a, forward), (b, backward_only)):
                query = (select(period, table.c.quad_class, table.c.status, func.count().label("events"),
                                func.sum(table.c.goldstein).label("goldstein"))
                         .where(clause, table.c.event_day.is_not(None), *self._within(since, until, table),
                                *self._kept(statuses, min_confidence, table))
                         .group_by(period, table.c.quad_class, table.c.status))
                out += [{"source": source, **r._mapping} for r in conn.execute(query)]
        return out

    def has_actor(self, code: str) -> bool:
        """Whether any event has this actor (a country: any of its actors) as source or target."""
        with self.engine.connect() as conn:
            return any(conn.execute(select(events.c.id).where(self._actor_is(side, code)).limit(1)).first()
                       for side in ("source", "target"))

    def _branches(self, actor: str | None, partner: str | None, table=REPORTS):
        """An actor's events (with ``partner``, a pair's) as (counted, listed) clauses, one per direction,
        and the clause of the events in both directions (None when none can be). Counts add the directions
        and subtract the events in both, each count from one index range; lists take the second direction
        without the events of the first."""
        if not actor:
            return [(None, None)], None
        first, second, both = self._directions(actor, partner, table)
        return [(first, first), (second, second if both is None else and_(second, self._unless(first)))], both

    def status_counts(self, *, actor: str | None = None, partner: str | None = None, since: date | None = None,
                      until: date | None = None, min_confidence: float = 0.0,
                      unit: str = "report") -> dict[str, int]:
        """How many events (of at least ``min_confidence``) have each status (every status, not only the
        asserted ones): what a view that counts some statuses shows apart ("2 negated events not counted").
        Events an analyst marked wrong are no events, and are not among them. ``unit``: count reports or
        ("event") event records (with a floor, those with at least one report of at least ``min_confidence``,
        by the record's status)."""
        table = event_records if unit == "event" else events
        counts: dict[str, int] = {}
        branches, both = self._branches(actor, partner, table)
        with self.engine.connect() as conn:
            for clause, sign in [(counted, 1) for counted, _listed in branches] + [(both, -1)] * (both is not None):
                where = [c for c in (clause, *self._within(since, until, table),
                                     *self._confident(min_confidence, table)) if c is not None]
                query = select(table.c.status, func.count()).where(*where).group_by(table.c.status)
                for status, count in conn.execute(query):
                    counts[status] = counts.get(status, 0) + sign * count
        counts = {status: count for status, count in counts.items() if count and status != WRONG}
        return {status: counts[status] for status in sorted(counts, key=_status_order)}

    def day_counts(self, since: date | None = None, until: date | None = None, actor: str | None = None,
                   statuses: Collection[str] | None = None, min_confidence: float = 0.0,
                   unit: str = "report") -> list[dict[str, Any]]:
        """Dated events per day and QuadClass, with their Goldstein sum: every event, or an actor's (as source
        or target, each event once). A (day, QuadClass) may come in two rows (the actor as source, then as
        target only), to be added up. ``statuses``: those kept (None: occurred and ongoing), of at least
        ``min_confidence``. Every report is counted in the order of the day index, which covers QuadClass and
        Goldstein (migration 0010_day_cover), without touching the table. ``unit``: count event reports, or
        ("event") the event records of `accord group`, by their agreed day (as ``pair_period_counts``)."""
        table = event_records if unit == "event" else events
        only = self._kept(statuses, min_confidence, table)
        branches = [listed for _counted, listed in self._branches(actor, None, table)[0]]
        out: list[dict[str, Any]] = []
        with self.engine.connect() as conn:
            for branch in branches:
                where = [c for c in (branch, table.c.event_day.is_not(None), *self._within(since, until, table),
                                     *only) if c is not None]
                # the day as text, read with date.fromisoformat: thousands of rows, parsed many times faster
                query = (select(cast(table.c.event_day, String).label("day"), table.c.quad_class,
                                func.count().label("events"), func.sum(table.c.goldstein).label("goldstein"))
                         .where(*where).group_by(table.c.event_day, table.c.quad_class))
                out += [{"day": date.fromisoformat(day[:10]), "quad_class": quad_class, "events": count,
                         "goldstein": goldstein} for day, quad_class, count, goldstein in conn.execute(query)]
        return out

    def _event_filters(self, since: date | None, until: date | None, root: str | None,
                       statuses: Collection[str] | None, quad_class: int | None, text: str | None,
                       min_confidence: float = 0.0) -> list:
        filters = self._within(since, until) + self._kept(statuses, min_confidence)
        if root:
            filters.append(events.c.root == root)
        if quad_class:
            filters.append(events.c.quad_class == quad_class)
        if text is not None:
            filters.append(self._words_match(events, text))
        return filters

    def _sides(self, actor: str | None, partner: str | None) -> list:
        """The actor's events (with ``partner``, those between the two), either direction, as one clause."""
        if not actor:
            return []
        first, second, _both = self._directions(actor, partner)
        return [or_(first, second)]

    def iter_events(self, *, actor: str | None = None, partner: str | None = None, since: date | None = None,
                    until: date | None = None, root: str | None = None, statuses: Collection[str] | None = None,
                    quad_class: int | None = None, text: str | None = None,
                    min_confidence: float = 0.0) -> Iterator[dict[str, Any]]:
        """Every event ``find_events`` would page through, in the same order (newest first, undated last),
        streamed: for downloads, which have no depth limit."""
        where = (self._event_filters(since, until, root, statuses, quad_class, text, min_confidence)
                 + self._sides(actor, partner))
        newest = events.c.event_day.desc()
        if self.engine.dialect.name != "sqlite":
            newest = newest.nulls_last()
        query = (select(events, documents.c.doc_id, documents.c.url, documents.c.title, documents.c.outlet,
                        documents.c.published)
                 .join(documents, documents.c.id == events.c.document_id).where(*where)
                 .order_by(newest, events.c.id.desc()))
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=1000).execute(query):
                yield dict(row._mapping)

    def find_events(self, *, actor: str | None = None, partner: str | None = None, since: date | None = None,
                    until: date | None = None, root: str | None = None, statuses: Collection[str] | None = None,
                    quad_class: int | None = None, text: str | None = None, limit: int = 50,
                    offset: int = 0, min_confidence: float = 0.0) -> tuple[list[dict[str, Any]], int]:
        """One page of events, newest first (undated last), with their document's URL, title, outlet and
        publication date; and how many events match in all. With ``actor`` (and ``partner``), the events
        it is a side of (between the two, either direction). ``statuses``: those kept (None: occurred and
        ongoing); ``min_confidence``: the least confidence kept. ``text``: words of the evidence
        (``search_terms``), found in the full-text index. ``offset + limit`` is at most MAX_DEPTH (each
        direction's keys are sorted in Python)."""
        if offset + limit > MAX_DEPTH:
            raise StoreError(f"offset {offset} + limit {limit} is deeper than the {MAX_DEPTH:,} events a search "
                             "pages through: narrow it (since/until)")
        if text is not None and self.engine.dialect.name == "sqlite":
            where = (self._event_filters(since, until, root, statuses, quad_class, None, min_confidence)
                     + self._sides(actor, partner))
            with self.engine.connect() as conn:
                found = self._events_with_words(conn, text, where, offset, limit)
                if found is not None:
                    return self._event_page(conn, found[0]), found[1]
        filters = self._event_filters(since, until, root, statuses, quad_class, text, min_confidence)
        newest = events.c.event_day.desc()
        if self.engine.dialect.name != "sqlite":  # SQLite puts NULL last in DESC already, and then uses the index
            newest = newest.nulls_last()
        keys: list = []
        total = 0
        branches, both = self._branches(actor, partner)
        with self.engine.connect() as conn:
            for counted, listed in branches:
                where = [c for c in (counted, *filters) if c is not None]
                total += conn.execute(select(func.count()).select_from(events).where(*where)).scalar_one()
                where = [c for c in (listed, *filters) if c is not None]
                keys += conn.execute(select(events.c.id, events.c.event_day).where(*where)
                                     .order_by(newest, events.c.id.desc()).limit(offset + limit)).all()
            if both is not None:
                total -= conn.execute(select(func.count()).select_from(events).where(both, *filters)).scalar_one()
            keys.sort(key=lambda k: (k.event_day is not None, k.event_day or date.min, k.id), reverse=True)
            return self._event_page(conn, [k.id for k in keys[offset:offset + limit]]), total

    @staticmethod
    def _event_page(conn: Connection, wanted: list[int]) -> list[dict[str, Any]]:
        """The events with these ids, in this order, with their document's URL, title, outlet and date."""
        if not wanted:
            return []
        page = (select(events, documents.c.doc_id, documents.c.url, documents.c.title, documents.c.outlet,
                       documents.c.published)
                .join(documents, documents.c.id == events.c.document_id).where(events.c.id.in_(wanted)))
        found = {r.id: dict(r._mapping) for r in conn.execute(page)}
        return [found[i] for i in wanted if i in found]

    @staticmethod
    def _contains(column_, text: str):
        """Case-insensitive: the column holds ``text`` as it is (``%`` and ``_`` are characters, not wildcards)."""
        pattern = "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return func.lower(column_).like(pattern, escape="\\")

    def _quote_query(self, speaker: str | None, name: str | None, cue: str | None, kind: str | None,
                     text: str | None, since: date | None, until: date | None):
        """The quotations that match, joined with their documents (``find_quotes`` says what each filter does)."""
        where = []
        if speaker:
            where.append(quotes.c.speaker_country == speaker if len(speaker) == 3 else quotes.c.speaker_code == speaker)
        if name:
            where.append(or_(self._contains(quotes.c.speaker_name, name), self._contains(quotes.c.speaker_text, name)))
        if cue:
            where.append(func.lower(quotes.c.cue_text) == cue.lower())
        if kind:
            where.append(quotes.c.kind == kind)
        if text is not None:
            where.append(self._words_match(quotes, text))
        if since:
            where.append(documents.c.published >= since)
        if until:
            where.append(documents.c.published <= until)
        newest = documents.c.published.desc()
        if self.engine.dialect.name != "sqlite":
            newest = newest.nulls_last()
        joined = quotes.join(documents, documents.c.id == quotes.c.document_id)
        listed = (select(quotes, documents.c.doc_id, documents.c.url, documents.c.title, documents.c.outlet,
                         documents.c.published)
                  .select_from(joined).where(*where)
                  .order_by(newest, quotes.c.document_id.desc(), quotes.c.start, quotes.c.id))
        return listed, select(func.count()).select_from(joined).where(*where)

    def find_quotes(self, *, speaker: str | None = None, name: str | None = None, cue: str | None = None,
                    kind: str | None = None, text: str | None = None, since: date | None = None,
                    until: date | None = None, limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """One page of quotations, newest document first and in text order within one, with their document's
        id, URL, title, outlet and publication date; and how many match in all. ``speaker``: a code (three
        letters: every speaker of that country; longer: that actor); ``name``: words of the speaker's name,
        or of the words naming them in the text ("Kishida"); ``cue``: the attributing words ("said",
        "according to"), in any case; ``kind``: direct, partial or indirect; ``text``: words of the quotation
        (``search_terms``); ``since``/``until``: the document's publication date."""
        if offset + limit > MAX_DEPTH:
            raise StoreError(f"offset {offset} + limit {limit} is deeper than the {MAX_DEPTH:,} quotations a search "
                             "pages through: narrow it (since/until)")
        listed, counted = self._quote_query(speaker, name, cue, kind, text, since, until)
        with self.engine.connect() as conn:
            total = conn.execute(counted).scalar_one()
            rows = conn.execute(listed.limit(limit).offset(offset))
            return [dict(r._mapping) for r in rows], total

    def iter_quotes(self, *, speaker: str | None = None, name: str | None = None, cue: str | None = None,
                    kind: str | None = None, text: str | None = None, since: date | None = None,
                    until: date | None = None) -> Iterator[dict[str, Any]]:
        """Every quotation ``find_quotes`` would page through, in the same order, streamed (for downloads)."""
        listed, _counted = self._quote_query(speaker, name, cue, kind, text, since, until)
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=1000).execute(listed):
                yield dict(row._mapping)

    def quote_cues(self, limit: int = 40) -> list[str]:
        """The attributing words of the stored quotations, most used first (for a search form)."""
        cue = func.lower(quotes.c.cue_text)
        with self.engine.connect() as conn:
            rows = conn.execute(select(cue.label("cue")).where(quotes.c.cue_text.is_not(None))
                                .group_by(cue).order_by(func.count().desc(), cue).limit(limit))
            return [r.cue for r in rows]

    def document(self, document_id: int) -> dict[str, Any] | None:
        """A stored document with its warnings (a list), its events in text order and its quotations."""
        with self.engine.connect() as conn:
            found = conn.execute(select(documents).where(documents.c.id == document_id)).first()
            if found is None:
                return None
            document = dict(found._mapping)
            document["warnings"] = json.loads(document["warnings"] or "[]")
            # each event and quotation carries its document's source, as find_events and find_quotes give it
            source = {key: document[key] for key in ("doc_id", "url", "title", "outlet", "published")}
            document["events"] = [{**r._mapping, **source} for r in conn.execute(
                select(events).where(events.c.document_id == document_id)
                .order_by(events.c.trigger_start, events.c.id))]
            document["quotes"] = [{**r._mapping, **source} for r in conn.execute(
                select(quotes).where(quotes.c.document_id == document_id).order_by(quotes.c.start, quotes.c.id))]
        return document

    def relation_counts(self, since: date | None = None, until: date | None = None, level: str = "country",
                        actor: str | None = None, statuses: Collection[str] | None = None,
                        unknown: bool = False, among: Collection[str] | None = None,
                        min_confidence: float = 0.0, unit: str = "report") -> list[dict[str, Any]]:
        """Events per (source, target): how many (``events``, and per QuadClass ``quad1`` ... ``quad4``) and
        their Goldstein sum; events without both sides left out.

        ``level="country"``: sources and targets are countries, and an actor without one (IGOUNO) is its
        code; ``level="actor"``: full codes. With ``actor``, only its events, each row saying which side
        (``actor_side``) the actor is on; with ``among``, only events between these nodes. Actors the
        dictionary does not know and sectors of no country (codes ``---``, ``---GOV``) are left out unless
        ``unknown``. ``statuses``: those kept (None: occurred and ongoing), of at least ``min_confidence``. The
        QuadClasses are counted in one pass per (source, target), so the grouping follows the covering pair
        indexes and never sorts. ``unit``: count event reports, or ("event") the event records of `accord
        group` (with a confidence floor, a record counts once when at least one of its reports passes the
        floor and the status filter)."""
        from sqlalchemy import Integer, case

        table = event_records if unit == "event" else events
        known = [] if unknown else [table.c.source_code.not_like("---%"), table.c.target_code.not_like("---%")]
        shapes: list[tuple[ColumnElement[Any], ColumnElement[Any], list[ColumnElement[bool]]]]
        if level == "actor":
            shapes = [(table.c.source_code, table.c.target_code,
                       [table.c.source_code.is_not(None), table.c.target_code.is_not(None), *known])]
        else:
            shapes = [(table.c.source_country, table.c.target_country,
                       [table.c.source_country.is_not(None), table.c.target_country.is_not(None)]),
                      (func.coalesce(table.c.source_country, table.c.source_code),
                       func.coalesce(table.c.target_country, table.c.target_code),
                       [or_(table.c.source_country.is_(None), table.c.target_country.is_(None)),
                        table.c.source_code.is_not(None), table.c.target_code.is_not(None), *known])]
        branches: list = [(None, None)]
        if actor:
            (_, as_source), (_, as_target) = self._branches(actor, None, table)[0]
            branches = [("source", as_source), ("target", as_target)]
        common = self._within(since, until, table) + self._kept(statuses, min_confidence, table)
        quads = [cast(func.sum(case((table.c.quad_class == n, 1), else_=0)), Integer).label(f"quad{n}")
                 for n in (1, 2, 3, 4)]
        out: list[dict[str, Any]] = []
        with self.engine.connect() as conn:
            for side, branch in branches:
                for source, target, conditions in shapes:
                    nodes = [source.in_(sorted(among)), target.in_(sorted(among))] if among is not None else []
                    where = [c for c in (branch, *conditions, *nodes, *common) if c is not None]
                    query = (select(source.label("source"), target.label("target"), func.count().label("events"),
                                    *quads, func.sum(table.c.goldstein).label("goldstein"))
                             .where(*where).group_by(source, target))
                    out += [{**r._mapping, "actor_side": side} for r in conn.execute(query)]
        return out

    def busiest_country_pairs(self, since: date | None = None, until: date | None = None, limit: int = 10,
                              statuses: Collection[str] | None = None, min_confidence: float = 0.0,
                              unit: str = "report") -> list[dict[str, Any]]:
        """Country pairs ``a`` < ``b`` by their events in both directions together, most first.

        Counted per direction first (in the order of the covering index), then the two directions of each
        pair added up, all of them before any is cut off. ``statuses``: those kept (None: occurred, ongoing), of
        at least ``min_confidence``. ``unit``: count event reports, or ("event") the event records of `accord
        group` (as ``relation_counts``)."""
        from sqlalchemy import case

        table = event_records if unit == "event" else events
        source, target = table.c.source_country, table.c.target_country
        one_way = (select(source.label("source"), target.label("target"), func.count().label("events"))
                   .where(source.is_not(None), target.is_not(None), source != target,
                          *self._within(since, until, table), *self._kept(statuses, min_confidence, table))
                   .group_by(source, target).subquery())
        first = case((one_way.c.source < one_way.c.target, one_way.c.source), else_=one_way.c.target)
        second = case((one_way.c.source < one_way.c.target, one_way.c.target), else_=one_way.c.source)
        count = func.sum(one_way.c.events).label("events")  # least/greatest as CASE: SQLite and PostgreSQL
        query = (select(first.label("a"), second.label("b"), count)
                 .group_by(first, second).order_by(count.desc(), first, second).limit(limit))
        with self.engine.connect() as conn:  # PostgreSQL's SUM of counts is a numeric
            return [{"a": r.a, "b": r.b, "events": int(r.events)} for r in conn.execute(query)]

    # ------------------------------------------------------------------ feeds (accord watch)
    # A feed's validators (ETag, Last-Modified) and every article URL seen in a feed live here, so a watcher
    # that restarts neither refetches a feed that has not changed nor an article it has already handled.
    # An item is "pending" (seen, not yet handled), "coded", "skipped" (not English, disallowed by
    # robots.txt) or "failed" (with the reason; next_attempt_at is set while a retry is scheduled).
    @staticmethod
    def _utcnow() -> datetime:
        """Naive UTC, as every timestamp in the store."""
        return datetime.now(UTC).replace(tzinfo=None)

    def feed_validators(self, url: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified of the feed's last full answer, for a conditional GET."""
        with self.engine.connect() as conn:
            row = conn.execute(select(feeds.c.etag, feeds.c.last_modified).where(feeds.c.url == url)).first()
        return (row.etag, row.last_modified) if row else (None, None)

    def record_feed_poll(self, url: str, status: str, *, etag: str | None = None, last_modified: str | None = None,
                         error: str | None = None, new_items: int = 0) -> None:
        """Remember a poll: "ok" (validators replaced), "not modified" (kept) or "failed" (with the error)."""
        now = self._utcnow()
        values: dict[str, Any] = {"last_polled_at": now, "last_status": status, "last_error": error}
        if status == "ok":
            values.update(etag=(etag or None) and etag[:512],
                          last_modified=(last_modified or None) and last_modified[:64])
        with self.engine.begin() as conn:
            found = conn.execute(select(feeds.c.id, feeds.c.items_seen).where(feeds.c.url == url)).first()
            if found is None:
                conn.execute(insert(feeds).values(url=url, items_seen=new_items, **values))
            else:
                conn.execute(update(feeds).where(feeds.c.id == found.id)
                             .values(items_seen=found.items_seen + new_items, **values))

    def add_feed_items(self, feed_url: str, entries: list[dict[str, Any]], limit: int | None = None) -> tuple[int, int]:
        """Remember the entries ({"url", "title", "published"}) not seen before, as pending, at most ``limit``
        of them (the first ones); how many were added, and how many new ones were left for later."""
        now = self._utcnow()
        added = 0
        with self.engine.begin() as conn:
            known: set[str] = set()
            urls = [e["url"] for e in entries]
            for chunk in _batches(urls, 500):
                known.update(conn.execute(select(feed_items.c.url).where(feed_items.c.url.in_(chunk))).scalars())
            rows = []
            for entry in entries:
                if entry["url"] in known:
                    continue
                known.add(entry["url"])
                rows.append({"url": entry["url"], "feed_url": feed_url, "title": entry.get("title"),
                             "published": entry.get("published"), "state": "pending", "attempts": 0,
                             "first_seen_at": now, "updated_at": now})
            held = len(rows) - limit if limit is not None and len(rows) > limit else 0
            rows = rows[:len(rows) - held]
            if rows:
                conn.execute(insert(feed_items), rows)
                added = len(rows)
        return added, held

    def due_feed_items(self, now: datetime | None = None, limit: int = 200) -> list[dict[str, Any]]:
        """Pending items, then failed items whose retry is due, oldest first."""
        now = now or self._utcnow()
        query = (select(feed_items)
                 .where(or_(feed_items.c.state == "pending",
                            and_(feed_items.c.state == "failed", feed_items.c.next_attempt_at.is_not(None),
                                 feed_items.c.next_attempt_at <= now)))
                 .order_by(feed_items.c.id).limit(limit))
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def next_feed_retry(self) -> datetime | None:
        """When the earliest scheduled retry falls due (None if none is scheduled)."""
        with self.engine.connect() as conn:
            return conn.execute(select(func.min(feed_items.c.next_attempt_at))
                                .where(feed_items.c.state == "failed")).scalar_one()

    def finish_feed_item(self, url: str, state: str, *, reason: str | None = None,
                         next_attempt_at: datetime | None = None, fetched: bool = False,
                         document_id: int | None = None, events_: int | None = None) -> None:
        """Record what handling an item came to; a failure counts an attempt."""
        now = self._utcnow()
        values: dict[str, Any] = {"state": state, "reason": reason, "next_attempt_at": next_attempt_at,
                                  "updated_at": now, "document_id": document_id, "events": events_}
        if fetched:
            values["fetched_at"] = now
        if state == "failed":
            values["attempts"] = feed_items.c.attempts + 1
        with self.engine.begin() as conn:
            conn.execute(update(feed_items).where(feed_items.c.url == url).values(**values))

    def feed_item(self, url: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(feed_items).where(feed_items.c.url == url)).first()
        return dict(row._mapping) if row else None

    def feed_counts(self) -> dict[str, int]:
        """Feeds followed and their items: seen, fetched, coded, skipped, failed (retrying among them), pending."""
        with self.engine.connect() as conn:
            by_state: dict[str, int] = dict(conn.execute(
                select(feed_items.c.state, func.count()).group_by(feed_items.c.state)).all())
            fetched = conn.execute(select(func.count()).select_from(feed_items)
                                   .where(feed_items.c.fetched_at.is_not(None))).scalar_one()
            retrying = conn.execute(select(func.count()).select_from(feed_items)
                                    .where(feed_items.c.state == "failed",
                                           feed_items.c.next_attempt_at.is_not(None))).scalar_one()
            followed = conn.execute(select(func.count()).select_from(feeds)).scalar_one()
        return {"feeds": followed, "seen": sum(by_state.values()), "fetched": fetched,
                "coded": by_state.get("coded", 0), "skipped": by_state.get("skipped", 0),
                "failed": by_state.get("failed", 0), "retrying": retrying, "pending": by_state.get("pending", 0)}

    def latest_feed_items(self, states: tuple[str, ...] = ("skipped", "failed"),
                          limit: int = 10) -> list[dict[str, Any]]:
        """The items last handled in these states, newest first (failed feed polls are in `failures`)."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(feed_items).where(feed_items.c.state.in_(states))
                                .order_by(feed_items.c.updated_at.desc(), feed_items.c.id.desc()).limit(limit))
            return [dict(r._mapping) for r in rows]


    # ------------------------------------------------------------------ corrections (migration 0013_corrections)
    # An analyst's correction is a row of its own, never changed afterwards: the verdict, the fields it sets,
    # who and when, the coder's values of those fields, and the anchor that finds its event again after the
    # document is re-coded. The event row holds what every read shows: the coder's values with the
    # corrections' fields over them (each later correction's fields over the earlier ones; the newest
    # verdict), ``correction_id`` the newest correction, and ``coded`` the coder's values replaced. An event
    # marked wrong has the status WRONG, which no count keeps.
    def correct_event(self, event_id: int, *, verdict: str, fields: dict[str, Any] | None = None,
                      analyst: str) -> int:
        """Record an analyst's correction of an event and apply it; the correction's id. ``fields``: columns
        of CORRECTABLE with their corrected values (checked by the caller: analysis/corrections.py)."""
        fields = dict(fields or {})
        if verdict not in VERDICTS:
            raise StoreError(f"verdict {verdict!r} is not one of {', '.join(VERDICTS)}")
        unknown = sorted(set(fields) - set(CORRECTABLE))
        if unknown:
            raise StoreError(f"cannot correct {', '.join(unknown)}: only {', '.join(CORRECTABLE)}")
        if not analyst.strip():
            raise StoreError("a correction needs the analyst's name")
        try:
            with self.engine.begin() as conn:
                row = conn.execute(select(events).where(events.c.id == event_id)).first()
                if row is None:
                    raise StoreError(f"there is no event {event_id}")
                coder = _coder_values(row._mapping)
                found = conn.execute(insert(corrections).values(
                    document_id=row.document_id, event_id=event_id, sentence=coder["sentence"],
                    evidence=coder["evidence"], trigger_text=coder["trigger_text"],
                    trigger_start=coder["trigger_start"], trigger_end=coder["trigger_end"],
                    source_start=coder["source_start"], target_start=coder["target_start"], verdict=verdict,
                    fields=json.dumps(fields, ensure_ascii=False),
                    coded=json.dumps({k: coder[k] for k in fields}, ensure_ascii=False, default=str),
                    analyst=analyst.strip()[:200], coder_version=row.coder_version, created_at=self._utcnow()))
                self._apply_corrections(conn, event_id)
                if verdict != "right" or fields:
                    # what the event's record agreed on may no longer hold: the report leaves its record, so the
                    # records are stale (grouping_stale) until `accord group`, which the commands counting events
                    # run first and the web's pages ask for, counting reports meanwhile
                    conn.execute(delete(event_record_reports).where(event_record_reports.c.event_id == event_id))
                inserted = found.inserted_primary_key
                assert inserted is not None  # None only for an executemany
                return inserted[0]
        except DBAPIError as exc:
            raise StoreError(f"cannot store the correction of event {event_id}: {_reason(exc)}") from None

    @staticmethod
    def _apply_corrections(conn: Connection, event_id: int) -> None:
        """Set the event row to the coder's values with its corrections over them."""
        row = conn.execute(select(events).where(events.c.id == event_id)).first()
        assert row is not None  # callers hold the event's id in the same transaction
        coder = _coder_values(row._mapping)
        found = conn.execute(select(corrections.c.id, corrections.c.verdict, corrections.c.fields)
                             .where(corrections.c.event_id == event_id).order_by(corrections.c.id)).all()
        values: dict[str, Any] = {}
        for correction in found:
            values.update(json.loads(correction.fields))
        if found and found[-1].verdict == WRONG:
            values["status"] = WRONG
        replaced = set(json.loads(row.coded or "{}")) | set(values)
        new = {key: values.get(key, coder[key]) for key in replaced}
        if "date" in new:
            new["event_day"] = event_day(new["date"])
        conn.execute(update(events).where(events.c.id == event_id).values(
            **new, correction_id=found[-1].id if found else None,
            coded=json.dumps({k: coder[k] for k in values}, ensure_ascii=False) if values else None))

    def _reattach(self, conn: Connection, document_id: int) -> list[dict[str, Any]]:
        """After a document's events were written again: each of its corrections finds its event (``_anchored``)
        and is applied to it. What became of each correction: its row and ``event_id`` (None: the event is
        gone, and the correction is kept, detached, for the report and for a later re-coding)."""
        rows = conn.execute(select(events).where(events.c.document_id == document_id)).all()
        outcomes, touched = [], set()
        for correction in conn.execute(select(corrections).where(corrections.c.document_id == document_id)
                                       .order_by(corrections.c.id)).all():
            event_id = _anchored(correction, rows)
            if event_id is not None:
                conn.execute(update(corrections).where(corrections.c.id == correction.id).values(event_id=event_id))
                touched.add(event_id)
            outcomes.append({**correction._mapping, "event_id": event_id})
        for event_id in sorted(touched):
            self._apply_corrections(conn, event_id)
        return outcomes

    def recode_document(self, document_id: int, document: Document) -> dict[str, Any]:
        """Replace a stored document's events, actors and quotes with those of ``document`` (the same text
        coded again), keeping its corrections, in one transaction. What the coder said before and now
        (``before``, ``after``: event rows with the coder's own values) and what became of each correction
        (``corrections``, as ``_reattach`` says)."""
        version = coder_version()
        try:
            with self.engine.begin() as conn:
                old = conn.execute(select(documents.c.coder_version).where(documents.c.id == document_id)).first()
                if old is None:
                    raise StoreError(f"there is no document {document_id}")
                before = [_coder_values(r._mapping) for r in conn.execute(
                    select(events).where(events.c.document_id == document_id).order_by(events.c.id))]
                self._clear_children(conn, document_id)
                conn.execute(update(documents).where(documents.c.id == document_id).values(coder_version=version))
                self._insert_children(conn, document_id, document, version)
                after = [dict(r._mapping) for r in conn.execute(
                    select(events).where(events.c.document_id == document_id).order_by(events.c.id))]
                outcomes = self._reattach(conn, document_id)
        except DBAPIError as exc:
            raise StoreError(f"cannot re-code document {document_id}: {_reason(exc)}") from None
        return {"before": before, "after": after, "corrections": outcomes, "coder_before": old.coder_version,
                "coder_after": version}

    def document_ids(self, ids: Collection[int] | None = None) -> list[int]:
        """The ids of the stored documents (all, or those of ``ids`` that are stored), in order."""
        query = select(documents.c.id).order_by(documents.c.id)
        if ids is not None:
            query = query.where(documents.c.id.in_(sorted(ids)))
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def stored_documents(self, ids: Collection[int]) -> list[dict[str, Any]]:
        """The stored documents with these ids, in id order: what re-coding one needs."""
        query = (select(documents.c.id, documents.c.doc_id, documents.c.url, documents.c.title,
                        documents.c.published, documents.c.dateline_place, documents.c.dateline_date,
                        documents.c.text, documents.c.coder_version)
                 .where(documents.c.id.in_(sorted(ids))).order_by(documents.c.id))
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def corrections(self, *, document_id: int | None = None, event_id: int | None = None) -> list[dict[str, Any]]:
        """Every correction (of a document, of an event), oldest first, with its ``fields`` and ``coded`` read
        from JSON."""
        query = select(corrections).order_by(corrections.c.id)
        if document_id is not None:
            query = query.where(corrections.c.document_id == document_id)
        if event_id is not None:
            query = query.where(corrections.c.event_id == event_id)
        with self.engine.connect() as conn:
            return [{**r._mapping, "fields": json.loads(r.fields), "coded": json.loads(r.coded)}
                    for r in conn.execute(query)]

    def event(self, event_id: int) -> dict[str, Any] | None:
        """One event with its document's URL, title, outlet and date (None when there is none)."""
        with self.engine.connect() as conn:
            found = self._event_page(conn, [event_id])
        return found[0] if found else None

    def review_queue(self, limit: int = 50, after: tuple[float | None, int] | None = None) -> list[dict[str, Any]]:
        """Events no analyst has reviewed yet, lowest confidence first (none known: first), with their
        document's URL, title, outlet and date: where a review most improves the data. ``after``: the
        confidence and id of the last event of the page before (keyset paging: each page is read in order
        from the index of migration 0014_review_queue, however deep)."""
        query = select(events.c.id).where(events.c.correction_id.is_(None))
        if after is not None:
            confidence, event_id = float(-1.0 if after[0] is None else after[0]), int(after[1])
            query = query.where(REVIEW_ORDER >= confidence, or_(REVIEW_ORDER > confidence, events.c.id > event_id))
        query = query.order_by(REVIEW_ORDER, events.c.id).limit(limit)
        with self.engine.connect() as conn:
            return self._event_page(conn, list(conn.execute(query).scalars()))

    def review_sample(self, size: int) -> tuple[list[dict[str, Any]], dict[str, int]]:
        """A fixed pseudo-random sample of ``size`` events (the ids in the order of a multiplicative hash, so
        the same events until more are stored), each with the newest ``verdict`` on it (None: not reviewed),
        not yet reviewed first; and how many of the sample are reviewed and how many of those were right."""
        spread = (events.c.id * literal_column(str(SAMPLE_MULTIPLIER))) % literal_column(str(2 ** 32))
        query = (select(events.c.id, corrections.c.verdict)
                 .select_from(events.outerjoin(corrections, corrections.c.id == events.c.correction_id))
                 .order_by(spread, events.c.id).limit(size))
        with self.engine.connect() as conn:
            drawn = conn.execute(query).all()
            verdicts = {row.id: row.verdict for row in drawn}
            ordered = [row.id for row in drawn if row.verdict is None] + [row.id for row in drawn if row.verdict]
            rows = [{**row, "verdict": verdicts[row["id"]]} for row in self._event_page(conn, ordered)]
        reviewed = [v for v in verdicts.values() if v]
        return rows, {"sample": len(drawn), "reviewed": len(reviewed), "right": reviewed.count("right")}

    # ------------------------------------------------------------------ end of Store


@lru_cache(maxsize=1)
def known_statuses() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every event status, in the order of data/events/statuses.tsv, and the asserted ones (the text says the
    event happened or is happening: occurred, ongoing), as the ontology reads that table. What every count
    keeps unless other statuses are chosen."""
    from ..events import ontology

    table = ontology.load().statuses
    return tuple(table), tuple(name for name, status in table.items() if status.asserted)


def _coder_values(row) -> dict[str, Any]:
    """An event row as the coder wrote it: the row with the values its corrections replaced put back."""
    values = {**row, **json.loads(row["coded"] or "{}")}
    values["event_day"] = event_day(values["date"])
    return values


def _anchored(correction, rows) -> int | None:
    """The id of the event a correction belongs to among a document's event rows, or None.

    The anchor is the coder's event when the correction was made: its trigger (offsets and words), else,
    when the text moved, its evidence sentence and trigger words; among the events one trigger proposed
    (one per pair of sides), the one whose sides start where the anchor's did. When no event has the
    trigger, or two fit equally well, the correction is detached, never given to a guess."""
    same = [r for r in rows if (r.trigger_start, r.trigger_end, r.trigger_text)
            == (correction.trigger_start, correction.trigger_end, correction.trigger_text)]
    if not same:
        same = [r for r in rows if r.evidence == correction.evidence and r.trigger_text == correction.trigger_text]
    if not same:
        return None

    def fit(row) -> int:
        coder = json.loads(row.coded or "{}")  # fresh rows carry no corrections: their sides are the coder's
        return ((coder.get("source_start", row.source_start) == correction.source_start)
                + (coder.get("target_start", row.target_start) == correction.target_start))

    ranked = sorted(same, key=fit, reverse=True)
    if len(ranked) > 1 and fit(ranked[0]) == fit(ranked[1]):
        return None
    return ranked[0].id


def _status_order(status: str) -> int:
    every = known_statuses()[0]
    return every.index(status) if status in every else len(every)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={int(LOCK_TIMEOUT * 1000)}")  # first: switching to WAL needs a lock too
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _postgresql_settings(dbapi_connection, _record) -> None:
    """Waiting for a lock (a table another session locked) ends after LOCK_TIMEOUT, as on SQLite."""
    cursor = dbapi_connection.cursor()
    cursor.execute(f"SET lock_timeout = {int(LOCK_TIMEOUT * 1000)}")
    cursor.close()
    dbapi_connection.commit()


def _batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """``items`` in slices of at most ``size`` (an IN list or an insert kept within what a database takes)."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _reason(exc: BaseException) -> str:
    """A database error's own first line, without SQLAlchemy's statement and parameters."""
    original = getattr(exc, "orig", None) or exc
    text = str(original).strip().splitlines()
    return text[0] if text else original.__class__.__name__


def _revisions(connection: Connection) -> set[str]:
    from alembic.runtime.migration import MigrationContext

    return set(MigrationContext.configure(connection).get_current_heads())


def _clear_if_half_made(connection: Connection) -> None:
    """Drop accord's tables when an interrupted migration of an earlier release left them behind: tables
    with accord's names and columns, holding no rows. Anything else (rows, a table that is not accord's)
    is left for the migrations, which then say what stands in their way."""
    from sqlalchemy import inspect

    from .schema import metadata

    inspector = inspect(connection)
    present = set(inspector.get_table_names())
    ours = [t for t in metadata.sorted_tables if t.name in present]
    leftovers = sorted(n for n in present if n.startswith("_alembic_tmp_"))
    if not ours and not leftovers:
        return
    for table in ours:
        if not {c["name"] for c in inspector.get_columns(table.name)} <= set(table.c.keys()):
            return  # a table of someone else's with one of our names
        if connection.execute(select(literal_column("1")).select_from(table).limit(1)).first() is not None:
            return
    for table in reversed(ours):
        table.drop(connection)
    for name in leftovers + (["alembic_version"] if "alembic_version" in present else []):
        connection.exec_driver_sql(f'DROP TABLE "{name}"')
