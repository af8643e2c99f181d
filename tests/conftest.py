"""Shared fixtures: one Pipeline for the whole run, and the ../shared folder when it is there."""
from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
POSTGRES_SETTING = "ACCORD_TEST_POSTGRES"


@contextlib.contextmanager
def database_url(kind: str, folder: Path) -> Iterator[str]:
    """A fresh store URL: a SQLite file in ``folder``, or a new database on the PostgreSQL server that
    ACCORD_TEST_POSTGRES names (dropped afterwards; skipped, with the reason, when none is named)."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'accord.db'}"
        return
    server = os.environ.get(POSTGRES_SETTING)
    if not server:
        pytest.skip(f"no PostgreSQL server: set {POSTGRES_SETTING} (as .ci/run does) to run these on PostgreSQL")
    from sqlalchemy import create_engine, text

    name = f"accord_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{server.rsplit('/', 1)[0]}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """Runs a test once on SQLite and once on PostgreSQL."""
    with database_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture(scope="session")
def pipeline():
    from accord.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "examples").is_dir():
        pytest.skip(f"the shared material is not at {SHARED} (it ships beside the project checkout, not with it)")
    return SHARED


@pytest.fixture(scope="session")
def rules_pipeline(pipeline):
    """The pipeline deciding by the rules alone (the heuristic judge in place of the learned one): what the
    tests of rules, dates and places code with, so that they test the rules and a retrained model never breaks
    them. What the learned judge changes is measured by ``accord eval`` (tests/test_accuracy.py holds the
    figures) and its mechanics are tested in tests/test_learn.py."""
    from accord.events.coder import EventCoder
    from accord.events.decide import HeuristicJudge
    from accord.pipeline import Pipeline

    coder = EventCoder(pipeline.ontology, pipeline.patterns, pipeline.dictionary, judge=HeuristicJudge())
    return Pipeline(pipeline.nlp, pipeline.dictionary, coder=coder)


@pytest.fixture
def code(rules_pipeline):
    """Code a short text by the rules (``rules_pipeline``) and return its Document (keeps the parse)."""

    def run(text: str, published: date | None = date(2024, 4, 8)):
        return rules_pipeline.code_text(text, published=published)

    return run


def triples(document):
    """(source country, CAMEO code, target country, status) of each event."""
    return [
        (e.source.actor.country if e.source else None, e.cameo,
         e.target.actor.country if e.target else None, e.status)
        for e in document.events
    ]


def write_events(store, name: str, published: date, rows: list[dict]) -> int:
    """One document written for a test ("<name>-test", published that day) holding these events: each row
    gives its own columns (sides, code, status, date, evidence, ...) over what every test event shares (a
    trigger "met" at the sentence's start, no PLOVER context, coder version "test"); the document's id."""
    from datetime import datetime

    from sqlalchemy import insert

    from accord.store.schema import documents, events

    with store.engine.begin() as conn:
        document_id = conn.execute(insert(documents).values(
            doc_id=f"{name}-test", url=f"https://news.example/{name}", content_hash=uuid.uuid4().hex,
            outlet="news.example", title=f"Written for the {name} tests", published=published,
            text=f"Written for the {name} tests.", warnings="[]", coder_version="test",
            ingested_at=datetime(published.year, published.month, published.day))).inserted_primary_key[0]
        conn.execute(insert(events), [{
            "document_id": document_id, "event_key": f"{name}{i}", "sentence": i, "trigger_text": "met",
            "trigger_start": 0, "trigger_end": 3, "plover_context": "[]", "coder_version": "test",
            "date_precision": "day" if row.get("date") else None,
            "event_day": date.fromisoformat(row["date"]) if row.get("date") else None, **row}
            for i, row in enumerate(rows)])
    return document_id

