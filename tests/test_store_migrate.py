"""Making a store: atomic under SIGKILL, safe with two creators at once, and a half-made store recovered.

On SQLite and on PostgreSQL (db_url). The kills and the races are real processes; each case runs a few
times over (kill points, rounds) but stays within a few seconds.
"""
from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import create_engine, inspect

from accord.model import Document
from accord.store import Store, StoreError

from .conftest import database_url

# Kills its own process with SIGKILL when the Nth schema statement of the migrations has run.
KILLER = """
import os, signal, sys
from sqlalchemy import event
from sqlalchemy.engine import Engine

url, kill_at = sys.argv[1], int(sys.argv[2])
seen = [0]

@event.listens_for(Engine, "after_cursor_execute")
def count(conn, cursor, statement, *args):
    if statement.lstrip().upper().startswith(("CREATE", "ALTER", "DROP")):
        seen[0] += 1
        if seen[0] >= kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

from accord.store import Store
Store(url)
"""

# Opens (creates) each store at the same wall-clock moment as its twin process, then stores one document.
CREATOR = """
import sys, time
from accord.model import Document
from accord.store import Store

name, urls = sys.argv[1], sys.argv[2:]
print("ready", flush=True)
start = float(sys.stdin.readline())
for round_, url in enumerate(urls):
    time.sleep(max(0.0, start + 0.4 * round_ - time.time()))
    store = Store(url)
    store.add_document(Document(id=f"{name}-{round_}", text=f"Text of {name} in round {round_}, long enough."))
    store.close()
"""


def _head_tables(url: str) -> set[str]:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_store_killed_during_its_first_migration_opens_whole_afterwards(kind, tmp_path):
    # the first table, the middle of 0001, the later migrations (PostgreSQL's DDL was transactional already)
    kill_points = (1, 6, 14) if kind == "sqlite" else (1, 14)
    with contextlib.ExitStack() as stack:
        urls = []
        for n in kill_points:
            folder = tmp_path / f"kill-{n}"
            folder.mkdir()
            urls.append(stack.enter_context(database_url(kind, folder)))
        runs = [subprocess.Popen([sys.executable, "-c", KILLER, url, str(n)], stderr=subprocess.PIPE)
                for url, n in zip(urls, kill_points)]
        for run, n in zip(runs, kill_points):
            _out, err = run.communicate(timeout=60)
            assert run.returncode == -signal.SIGKILL, f"not killed at statement {n}: {err.decode()}"
        for url in urls:
            store = Store(url)  # before: "table documents already exists", exit 2 for every later command
            outcome = store.add_document(Document(id="after-the-kill", text="Kenya and Ethiopia held talks."))
            assert outcome.action == "added" and store.counts()["documents"] == 1
            store.close()
            assert {"documents", "events", "feeds", "feed_items", "alembic_version"} <= _head_tables(url)


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_two_processes_creating_the_same_store_at_once_both_succeed(kind, tmp_path):
    rounds = 3
    with contextlib.ExitStack() as stack:
        urls = []
        for n in range(rounds):
            folder = tmp_path / f"round-{n}"
            folder.mkdir()
            urls.append(stack.enter_context(database_url(kind, folder)))
        runs = [subprocess.Popen([sys.executable, "-c", CREATOR, name, *urls], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for name in ("first", "second")]
        assert [run.stdout.readline() for run in runs] == ["ready\n"] * 2  # both have imported accord
        start = time.time() + 0.2
        errors = [run.communicate(f"{start}\n", timeout=120)[1] for run in runs]
        assert [run.returncode for run in runs] == [0, 0], errors
        for url in urls:
            store = Store(url)
            assert store.counts()["documents"] == 2  # each creator stored its document
            store.close()


def test_a_half_made_store_from_an_earlier_release_is_made_again_but_one_holding_data_is_not(db_url):
    from accord.store.schema import documents, failures

    engine = create_engine(db_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:  # what an interrupted, non-atomic first migration left: tables, no version
        documents.create(conn)
        failures.create(conn)
    engine.dispose()
    store = Store(db_url)
    assert store.add_document(Document(id="d", text="Chile and Peru held border talks.")).action == "added"
    store.close()

    # without its version but holding a document: that is data, never dropped; the error says what stops it
    engine = create_engine(db_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE alembic_version")
    engine.dispose()
    with pytest.raises(StoreError, match="cannot prepare the store.*already exists"):
        Store(db_url)
    engine = create_engine(db_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM documents").scalar_one() == 1
    engine.dispose()
