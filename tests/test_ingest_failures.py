"""`accord code` and `accord ingest` when inputs or the database misbehave: one bad document fails alone,
named, with a recorded reason; the batch goes on; the summary is printed; the exit status says partial.
Also: other languages are skipped with a warning, and unchanged documents are not coded again.

The store cases run on SQLite and on PostgreSQL (db_url). The commands run in this process with the
session's pipeline, so no test loads spaCy again.
"""
from __future__ import annotations

import json
import sqlite3

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from accord import cli
from accord.store import Store

runner = CliRunner()
FRENCH = ("Le gouvernement chilien et le gouvernement péruvien ont signé lundi un accord sur la pêche dans le "
          "Pacifique, a annoncé le ministère des affaires étrangères à Santiago.")
CHINESE = "中国和俄罗斯周一在北京举行了贸易会谈，双方同意扩大能源合作，并将于下个月再次会面讨论边境问题。"


@pytest.fixture
def accord(pipeline, monkeypatch):
    """Run an accord command; the pipeline it codes with is the session's (counting the documents it gets)."""
    seen: list[str] = []
    code_documents = pipeline.code_documents

    def counting(items, keep_parse=False):
        def documents():
            for item in items:
                if not isinstance(item, Exception):
                    seen.append(item.id)
                yield item
        return code_documents(documents(), keep_parse)

    monkeypatch.setattr(pipeline, "code_documents", counting)
    monkeypatch.setattr(cli, "_pipeline", lambda dictionary=None: pipeline)

    def run(*args: str):
        return runner.invoke(cli.app, list(args))

    run.coded = seen
    return run


def talks(n: int) -> str:
    a, b = [("Kenya", "Ethiopia"), ("Chile", "Peru"), ("Poland", "Ukraine")][n % 3]
    return f"{a} and {b} held talks on trade in Geneva on Monday, in meeting number {n} of the year."


def jsonl(path, records) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return str(path)


def failures(db_url) -> dict[str, str]:
    store = Store(db_url)
    try:
        return {f["source"]: f["reason"] for f in store.latest_failures(limit=100)}
    finally:
        store.close()


def test_an_oversized_or_nul_document_fails_alone_and_named_and_its_batch_is_coded(accord, db_url, tmp_path):
    records = [{"id": f"d{n}", "text": talks(n), "published": "2024-03-04"} for n in range(10)]
    records[3] = {"id": "huge", "text": "Kenya and Ethiopia held talks. " * 170_000}  # 5 MB, in a batch of 8
    records[5] = {"id": "nul", "text": "Kenya and Ethiopia held\u0000 talks in Nairobi on Monday."}
    records[6] = {"id": "nul-title", "title": "a\u0000b", "text": talks(6)}  # PostgreSQL refuses it on storing
    batch = jsonl(tmp_path / "batch.jsonl", records)
    late_nul = tmp_path / "late-nul.txt"  # past the first 8 KiB, which the binary check reads
    late_nul.write_text(talks(20) * 100 + "\x00 and more")
    big = tmp_path / "big.txt"
    big.write_text(talks(21) * (1_000_000 // len(talks(21)) + 1))  # the documented limit, passed

    result = accord("ingest", batch, str(late_nul), str(big), "--db", db_url)
    postgresql = db_url.startswith("postgresql")
    assert result.exit_code == 1, result.output
    assert f"{batch}:4: too long: 5,270,000 characters of text, more than the 1,000,000" in result.stderr
    assert f"{batch}:6: not text: a NUL character" in result.stderr
    assert f"{late_nul}: not text: a NUL character (\\u0000) at character {len(talks(20)) * 100:,}" in result.stderr
    assert f"{big}: too long" in result.stderr
    assert "StopIteration" not in result.stderr and "E088" not in result.stderr
    stored = 8 - postgresql  # d0-d2, d4, d7-d9 and, on SQLite, nul-title
    assert f"accord: {stored} added, 0 replaced, 0 unchanged, 0 skipped, {4 + postgresql} failed" in result.stderr
    recorded = failures(db_url)
    assert recorded[f"{batch}:4"].startswith("too long") and recorded[str(late_nul)].startswith("not text")
    if postgresql:
        assert "NUL (0x00)" in recorded["nul-title"] and "nul-title" in result.stderr
    store = Store(db_url)
    assert store.counts()["documents"] == stored
    store.close()

    coded = accord("code", batch)  # no store: the same documents fail, the others are coded
    assert coded.exit_code == 1
    assert {json.loads(line)["id"] for line in coded.stdout.splitlines()} == \
        {f"d{n}" for n in (0, 1, 2, 4, 7, 8, 9)} | {"nul-title"}


def _hold_lock(db_url: str):
    """Another writer holding the store: SQLite's write lock, or PostgreSQL's lock on the documents table."""
    if db_url.startswith("sqlite"):
        holder = sqlite3.connect(db_url[len("sqlite:///"):], isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        return holder.close
    engine = create_engine(db_url.replace("postgresql://", "postgresql+psycopg://"))
    connection = engine.connect()
    connection.execute(text("LOCK TABLE documents IN ACCESS EXCLUSIVE MODE"))
    return lambda: (connection.close(), engine.dispose())


def test_a_locked_or_full_database_fails_each_document_with_its_reason_and_the_summary_is_printed(
        accord, db_url, tmp_path, monkeypatch):
    from accord.store import database

    monkeypatch.setattr(database, "LOCK_TIMEOUT", 0.2)
    # each text longer than a page, so that a full SQLite file cannot take it into the pages it has
    batch = jsonl(tmp_path / "batch.jsonl", [{"id": f"d{n}", "text": talks(n) * 50} for n in range(3)])
    Store(db_url).close()  # the store exists; then another writer holds it
    release = _hold_lock(db_url)
    try:
        locked = accord("ingest", batch, "--db", db_url)
    finally:
        release()
    assert locked.exit_code == 1, locked.output
    assert locked.stderr.count("cannot store") == 3 and "Traceback" not in locked.output
    assert ("database is locked" if db_url.startswith("sqlite") else "lock timeout") in locked.stderr
    assert "accord: 0 added, 0 replaced, 0 unchanged, 0 skipped, 3 failed" in locked.stderr

    # a full disk: SQLite at its page limit, PostgreSQL answering disk_full (SQLSTATE 53100)
    if db_url.startswith("sqlite"):
        pages = sqlite3.connect(db_url[len("sqlite:///"):]).execute("PRAGMA page_count").fetchone()[0]
        pragmas = database._sqlite_pragmas

        def at_page_limit(connection, record):
            pragmas(connection, record)
            connection.execute(f"PRAGMA max_page_count={pages}")

        monkeypatch.setattr(database, "_sqlite_pragmas", at_page_limit)
    else:
        engine = create_engine(db_url.replace("postgresql://", "postgresql+psycopg://"))
        with engine.begin() as conn:
            conn.execute(text("CREATE FUNCTION disk_is_full() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION "
                              "'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; "
                              "END $$ LANGUAGE plpgsql"))
            conn.execute(text("CREATE TRIGGER disk_is_full BEFORE INSERT ON documents FOR EACH ROW "
                              "EXECUTE FUNCTION disk_is_full()"))
        engine.dispose()
    full = accord("ingest", batch, "--db", db_url)
    assert full.exit_code == 1, full.output
    assert full.stderr.count("cannot store") == 3 and "Traceback" not in full.output
    assert ("database or disk is full" if db_url.startswith("sqlite") else "No space left on device") in full.stderr
    assert "accord: 0 added, 0 replaced, 0 unchanged, 0 skipped, 3 failed" in full.stderr


def test_documents_not_in_english_are_skipped_with_their_language_recorded(accord, db_url, tmp_path):
    batch = jsonl(tmp_path / "mixed.jsonl", [{"id": "en", "text": talks(1)}, {"id": "fr", "text": FRENCH},
                                             {"id": "zh", "text": CHINESE}])
    coded = accord("code", batch)
    assert coded.exit_code == 0, coded.output
    assert [json.loads(line)["id"] for line in coded.stdout.splitlines()] == ["en"]
    assert "accord: skipped fr: not English (looks like French, 'fr'" in coded.stderr
    assert "accord: skipped zh: not English (looks like Chinese, 'zh'" in coded.stderr
    assert "accord: 1 coded, 2 skipped, 0 failed" in coded.stderr
    assert accord.coded == ["en"]  # the others never reached the coder
    french = tmp_path / "article-fr.txt"
    french.write_text(FRENCH, encoding="utf-8")
    only_french = accord("code", str(french))
    assert only_french.exit_code == 1 and "accord: 0 coded, 1 skipped, 0 failed" in only_french.stderr

    ingested = accord("ingest", batch, "--db", db_url)
    assert ingested.exit_code == 0, ingested.output
    assert "accord: 1 added, 0 replaced, 0 unchanged, 2 skipped, 0 failed" in ingested.stderr
    recorded = failures(db_url)
    assert recorded["fr"].startswith("skipped: not English (looks like French")
    status = accord("status", "--db", db_url)
    assert "skipped" in status.stdout and "zh: not English (looks like Chinese" in status.stdout


def test_reingesting_unchanged_documents_codes_none_of_them(accord, db_url, tmp_path, monkeypatch):
    records = [{"id": f"d{n}", "text": talks(n), "url": f"https://wire.example/{n}"} for n in range(5)]
    batch = jsonl(tmp_path / "batch.jsonl", records)
    first = accord("ingest", batch, "--db", db_url)
    assert first.exit_code == 0 and "accord: 5 added" in first.stderr
    assert len(accord.coded) == 5

    accord.coded.clear()
    again = accord("ingest", batch, "--db", db_url)
    assert again.exit_code == 0, again.output
    assert accord.coded == []  # none was parsed
    assert "accord: 0 added, 0 replaced, 5 unchanged, 0 skipped, 0 failed; 0 events" in again.stderr

    records[2]["text"] = talks(2) + " Both sides called the talks useful."
    jsonl(tmp_path / "batch.jsonl", records)
    accord.coded.clear()
    changed = accord("ingest", batch, "--db", db_url)
    assert "accord: 0 added, 1 replaced, 4 unchanged" in changed.stderr and accord.coded == ["d2"]

    monkeypatch.setenv("ACCORD_CODER_VERSION", "a-newer-coder")
    accord.coded.clear()
    newer = accord("ingest", batch, "--db", db_url)
    assert "accord: 0 added, 5 replaced, 0 unchanged" in newer.stderr and len(accord.coded) == 5


def test_the_api_answers_a_nul_or_an_oversized_document_with_422_never_500(pipeline, db_url):
    from fastapi.testclient import TestClient

    from accord.web import create_app

    store = Store(db_url)
    client = TestClient(create_app(store, token="secret", pipeline=pipeline))
    auth = {"Authorization": "Bearer secret"}
    nul = client.post("/api/documents", headers=auth, json={"text": "Kenya and Ethiopia held\u0000 talks in Nairobi."})
    assert nul.status_code == 422 and nul.json()["detail"].startswith("not text: a NUL character")
    long = client.post("/api/documents", headers=auth, json={"text": "Talks were held. " * 60_000})
    assert long.status_code == 422 and "1000000 characters" in long.text
    title = client.post("/api/documents", headers=auth, json={"text": talks(3), "title": "a\u0000b"})
    if db_url.startswith("postgresql"):  # the database refuses it: the reason, not a 500
        assert title.status_code == 422 and "NUL (0x00)" in title.json()["detail"]
    else:
        assert title.status_code == 201
    assert client.post("/api/documents", headers=auth, json={"text": talks(4)}).status_code == 201
    store.close()
