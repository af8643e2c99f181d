"""The event store, on SQLite and on PostgreSQL (same tests for both).

PostgreSQL runs when ACCORD_TEST_POSTGRES names a server URL where the tests may create databases
(.ci/run installs and starts one); otherwise those cases skip and say why.
"""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from datetime import date

import pytest

from accord.export import export, gdelt_columns
from accord.analysis.filters import every_status
from accord.ingest.readers import from_text
from accord.model import Document
from accord.store import Filters, Store, StoreError

PAIRS = [("Japan", "the Philippines"), ("France", "Germany"), ("India", "Brazil"), ("Kenya", "Ethiopia"),
         ("Chile", "Peru"), ("Poland", "Ukraine"), ("Egypt", "Jordan"), ("Canada", "Mexico")]


@pytest.fixture
def store(db_url):
    opened = Store(db_url)
    yield opened
    opened.close()


def coded(pipeline, text_: str, doc_id: str, url: str | None = None, published=date(2024, 4, 8)) -> Document:
    document = from_text(text_, doc_id, doc_id, url=url, published=published)
    (result,) = list(pipeline.code_documents([document]))
    return result


def test_a_document_is_stored_once_and_a_newer_coder_replaces_its_events(pipeline, store, monkeypatch):
    doc = coded(pipeline, "Japan and the Philippines signed a defence pact in Manila on Monday.", "a",
                url="https://news.example/a")
    first = store.add_document(doc)
    assert first.action == "added" and first.events == 2
    again = store.add_document(coded(pipeline, doc.text, "a-again", url="https://news.example/a"))
    assert again.action == "unchanged" and again.document_id == first.document_id
    same_text = store.add_document(coded(pipeline, doc.text, "a-mirror"))  # no URL: same content hash
    assert same_text.action == "unchanged"
    assert store.counts()["documents"] == 1 and store.counts()["events"] == 2

    monkeypatch.setenv("ACCORD_CODER_VERSION", "test-newer-coder")
    newer = store.add_document(doc)
    assert newer.action == "replaced" and newer.document_id == first.document_id
    rows = list(store.events())
    assert len(rows) == 2 and {r["coder_version"] for r in rows} == {"test-newer-coder"}
    assert store.orphans() == 0


def test_an_article_whose_text_becomes_another_stored_article_is_that_article_not_a_crash(pipeline, store,
                                                                                          monkeypatch):
    first = store.add_document(coded(pipeline, "Kenya and Ethiopia signed a trade deal in Nairobi.", "k1",
                                     url="https://news.example/k1"))
    moved_text = "Chile and Peru held border talks in Lima on Tuesday."
    second = store.add_document(coded(pipeline, moved_text, "k2", url="https://news.example/k2"))
    # the first URL now serves the second article's text (a page moved, a wire story re-used)
    again = store.add_document(coded(pipeline, moved_text, "k1-again", url="https://news.example/k1"))
    assert (again.action, again.document_id) == ("unchanged", second.document_id)
    assert store.counts()["documents"] == 2 and first.document_id != second.document_id
    assert {r["doc_id"] for r in store.events()} == {"k1", "k2"}
    # another writer storing the same text between our look-up and our insert: a StoreError naming it
    monkeypatch.setattr(Store, "_find", staticmethod(lambda conn, url, digest: None))
    with pytest.raises(StoreError, match="'k3'.*clashes with a stored document"):
        store.add_document(coded(pipeline, moved_text, "k3", url="https://news.example/k3"))


def test_mentions_of_one_event_in_several_articles_form_one_group(pipeline, store):
    sentence = "France and Germany held talks in Paris on Monday."
    store.add_document(coded(pipeline, sentence, "one", url="https://first.example/one"))
    store.add_document(coded(pipeline, sentence + " Both sides called them useful.", "two",
                             url="https://second.example/two"))
    store.add_document(coded(pipeline, sentence + " Officials said little else.", "three",
                             url="https://second.example/three"))
    groups = [g for g in store.event_groups() if g["source_code"] == "FRA" and g["target_code"] == "DEU"]
    assert len(groups) == 1
    group = groups[0]
    assert (group["num_mentions"], group["num_articles"], group["num_sources"]) == (3, 3, 2)
    assert group["date"] == "2024-04-08"
    # every mention stays linked to its document and sentence
    mentions = [r for r in store.events(Filters(dyad=("FRA", "DEU"))) if r["source_code"] == "FRA"]
    assert sorted(r["doc_id"] for r in mentions) == ["one", "three", "two"]
    assert all(r["sentence"] == 0 and r["evidence"].startswith("France and Germany") for r in mentions)


def test_queries_by_actor_pair_period_type_and_status(pipeline, store):
    store.add_document(coded(pipeline, "Japan and the Philippines signed a defence pact.", "d1",
                             published=date(2024, 4, 8)))
    store.add_document(coded(pipeline, "China accused Japan of violating its airspace.", "d2",
                             published=date(2024, 6, 3)))
    store.add_document(coded(pipeline, "Japan will host talks with the Philippines next week.", "d3",
                             published=date(2024, 9, 2)))
    assert {r["doc_id"] for r in store.events(Filters(actor="JPN"))} == {"d1", "d2"}  # asserted events only
    assert {r["doc_id"] for r in store.events(Filters(actor="JPN", statuses=("occurred", "planned")))} == {
        "d1", "d2", "d3"}
    assert {r["doc_id"] for r in store.events(Filters(dyad=("PHL", "JPN"), statuses=every_status()))} == {"d1", "d3"}
    assert {r["doc_id"] for r in store.events(Filters(since=date(2024, 5, 1), until=date(2024, 7, 1)))} == {"d2"}
    assert {r["cameo"] for r in store.events(Filters(root="11"))} == {"112"}
    assert {r["doc_id"] for r in store.events(Filters(statuses=("planned",)))} == {"d3"}
    assert len(list(store.events(Filters(limit=1)))) == 1


def test_actor_and_pair_queries_use_the_indexes(tmp_path):
    """Equality on the country (three letters) or code columns, which the indexes answer; a LIKE on the
    codes read every row of the table ("SCAN events")."""
    from sqlalchemy import select, text

    from accord.store.schema import events

    store = Store(f"sqlite:///{tmp_path / 'plan.db'}")
    for filters in (Filters(actor="JPN"), Filters(dyad=("USA", "RUS")), Filters(dyad=("JPNGOV", "PHL"))):
        query = select(events.c.id).where(store._where(filters))
        sql = str(query.compile(store.engine, compile_kwargs={"literal_binds": True}))
        with store.engine.connect() as conn:
            plan = [row[-1] for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql))]
        assert not any(step.startswith("SCAN events") for step in plan), (filters, plan)
    store.close()


def test_events_command_shows_a_page_and_says_when_more_match(pipeline, tmp_path):
    from typer.testing import CliRunner

    from accord.cli import app

    url = f"sqlite:///{tmp_path / 'page.db'}"
    store = Store(url)
    for n in range(3):
        store.add_document(coded(pipeline, f"Japan and {PAIRS[n + 1][0]} signed a trade pact.", f"p{n}"))
    store.close()
    runner = CliRunner()
    result = runner.invoke(app, ["events", "--db", url, "--actor", "JPN", "--limit", "2", "--format", "jsonl"])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 2
    assert "more match" in result.stderr
    result = runner.invoke(app, ["events", "--db", url, "--actor", "JPN", "--all", "--format", "jsonl"])
    assert len(result.stdout.splitlines()) == 6 and "more match" not in result.stderr  # both directions of 3 pacts
    result = runner.invoke(app, ["events", "--db", url, "--dyad", "JPN", "FRA"])
    assert result.exit_code == 0 and "2 events" in result.stdout and "more match" not in result.stderr


def test_exports_gdelt_plover_parquet_and_csv(pipeline, store, tmp_path):
    import pandas as pd

    store.add_document(coded(pipeline, "Japan and the Philippines signed a defence pact in Manila on Monday.",
                             "x", url="https://news.example/x"))
    store.add_document(coded(pipeline, "The United States imposed sanctions on Iran.", "y"))

    out = io.StringIO()
    assert export(store, "gdelt", None, out) == 3
    rows = list(csv.reader(io.StringIO(out.getvalue()), delimiter="\t"))
    assert len(gdelt_columns()) == 61 and all(len(r) == 61 for r in rows)
    by_name = [dict(zip(gdelt_columns(), r)) for r in rows]
    sanction = next(r for r in by_name if r["EventCode"] == "163")
    assert (sanction["Actor1Code"], sanction["Actor2Code"], sanction["QuadClass"]) == ("USA", "IRN", "4")
    assert sanction["Day"] == "20240408" and sanction["NumArticles"] == "1"
    pact = next(r for r in by_name if r["EventCode"] == "057")
    assert pact["SOURCEURL"] == "https://news.example/x" and pact["IsRootEvent"] == "1"

    out = io.StringIO()
    assert export(store, "plover", None, out) == 3
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    sanction_record = next(r for r in records if r["cameo"] == "163")
    assert sanction_record["actor"][0]["code"] == "USA" and sanction_record["recipient"][0]["code"] == "IRN"
    assert sanction_record["date"] == "2024-04-08"
    assert sanction_record["rule"].startswith(("core.yaml:", "cameo_verbs.yaml:"))  # provenance is exported
    assert 0 < sanction_record["confidence"] <= 1

    parquet = tmp_path / "events.parquet"
    assert export(store, "parquet", parquet, io.StringIO()) == 3
    frame = pd.read_parquet(parquet)
    assert len(frame) == 3 and {"source_code", "cameo", "event_day", "evidence"} <= set(frame.columns)
    assert all(frame["rule"].str.len() > 0) and frame["confidence"].between(0, 1).all()
    csv_path = tmp_path / "events.csv"
    export(store, "csv", csv_path, io.StringIO())
    again = pd.read_csv(csv_path, dtype={"cameo": str, "root": str})
    assert list(again["cameo"].sort_values()) == ["057", "057", "163"]
    assert all(again["rule"].str.len() > 0) and again["confidence"].between(0, 1).all()


def test_failures_are_recorded_and_the_batch_goes_on(db_url, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("BEIJING, May 2 -- China and Russia held talks on trade in Beijing on Monday.")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe not text at all \x00\x01")
    proc = subprocess.run([sys.executable, "-m", "accord.cli", "ingest", str(good), str(bad), "--db", db_url,
                           "--published", "2024-05-03"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert f"{bad}: binary data" in proc.stderr
    status = subprocess.run([sys.executable, "-m", "accord.cli", "status", "--db", db_url],
                            capture_output=True, text=True, timeout=120)
    assert "1 documents" in status.stdout and "1 failures" in status.stdout
    assert f"{bad}: binary data" in status.stdout


def _batch(path, n):
    lines = []
    for i in range(n):
        a, b = PAIRS[i % len(PAIRS)]
        text_ = (f"{a} and {b} held talks on trade in Geneva on Monday, meeting number {i}. "
                 f"{a} later criticized {b} over tariffs, officials said in statement {i}.")
        lines.append(json.dumps({"id": f"doc-{i:03d}", "text": text_, "url": f"https://wire.example/{i}",
                                 "published": "2024-03-04"}))
    path.write_text("\n".join(lines) + "\n")


def test_an_ingest_killed_mid_batch_and_run_again_stores_every_document_once(pipeline, db_url, tmp_path):
    batch = tmp_path / "batch.jsonl"
    total = 60
    _batch(batch, total)
    command = [sys.executable, "-m", "accord.cli", "ingest", str(batch), "--db", db_url]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    store = Store(db_url)
    deadline = time.monotonic() + 240
    while store.counts()["documents"] < 5 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest finished before it could be killed; make the batch larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = store.counts()["documents"]
    assert 0 < partial < total
    assert store.orphans() == 0

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    counts = store.counts()
    assert counts["documents"] == total and store.orphans() == 0
    doc_ids = [r["doc_id"] for r in store.events()]
    stored = {d: doc_ids.count(d) for d in set(doc_ids)}
    from accord.ingest import read_paths

    expected = {d.id: len(d.events) for d in pipeline.code_documents(read_paths([str(batch)]))}
    assert stored == expected  # every document once, with exactly the events of one clean run
    store.close()


def test_the_store_keeps_no_index_that_a_covering_index_already_leads_with(store):
    from sqlalchemy import inspect, select

    from accord.store.schema import events

    names = {index["name"] for index in inspect(store.engine).get_indexes("events")}
    assert "ix_events_code_pair_cover" in names and "ix_events_country_pair_cover" in names
    assert "ix_events_day_cover" in names
    assert not names & {"ix_events_source", "ix_events_dyad_day", "ix_events_day"}
    if store.engine.dialect.name == "sqlite":  # one actor's events as source still read an index, not the table
        query = select(events.c.id).where(events.c.source_code == "JPNGOV")
        with store.engine.connect() as conn:
            sql = str(query.compile(compile_kwargs={"literal_binds": True}))
            plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql)
            assert "USING COVERING INDEX ix_events_code_pair_cover" in " ".join(r[-1] for r in plan)
            # the overview's trend counts every event per day and QuadClass in the day index's order
            plan = " ".join(r[-1] for r in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT event_day, quad_class, count(*), sum(goldstein) FROM events "
                "WHERE event_day IS NOT NULL GROUP BY event_day, quad_class"))
            assert "COVERING INDEX ix_events_day_cover" in plan and "TEMP B-TREE" not in plan


def test_the_migrations_have_one_head_and_a_store_from_the_first_one_upgrades(tmp_path):
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy import create_engine, inspect

    from accord.store.database import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1  # a new migration must revise it
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    with engine.begin() as connection:  # a store made by the first release
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    engine.dispose()
    Store(url).close()
    engine = create_engine(url)
    tables = set(inspect(engine).get_table_names())
    columns = {c["name"] for c in inspect(engine).get_columns("quotes")}
    engine.dispose()
    assert {"feeds", "feed_items"} <= tables and "cue_text" in columns


def test_search_words_are_words_phrases_and_prefixes():
    from accord.store.database import search_terms

    assert search_terms('Coast-GUARD "South  China sea" sanction* coast') == [
        (("coast",), False), (("guard",), False), (("south", "china", "sea"), False), (("sanction",), True)]
    assert search_terms("% _ '' --") == [] and search_terms(None) == []
    assert search_terms('"unclosed phrase') == [(("unclosed",), False), (("phrase",), False)]


def test_a_search_by_words_reads_the_full_text_index_and_follows_stored_replaced_and_deleted_documents(
        pipeline, store):
    from sqlalchemy import delete, text

    from accord.store.schema import documents

    def found(words, **criteria):
        rows, total = store.find_events(text=words, **criteria)
        assert total == len(rows)
        return {r["doc_id"] for r in rows}

    store.add_document(coded(pipeline, "Japan and the Philippines signed a defence pact in Manila on Monday.", "pact",
                             url="https://news.example/pact"))
    store.add_document(coded(pipeline, "China's coast-guard ships attacked a Philippine resupply mission near the "
                                       "Second Thomas Shoal on Monday.", "shoal", url="https://news.example/shoal"))
    assert found("defence pact") == found("PACT, Defence!") == found('"defence pact"') == {"pact"}
    assert found('"pact defence"') == set()  # a phrase keeps its order
    assert found("resup*") == found("coast guard") == found("China") == {"shoal"}
    assert found("resup") == set()  # a word is a whole word unless it ends in *
    assert found("%") == found("_") == found("' OR 1=1 --") == set()
    assert found("Monday", actor="CHN") == {"shoal"} and found("Monday", actor="JPN", partner="PHL") == {"pact"}
    store.add_document(coded(pipeline, "Japan and the Philippines signed a trade deal in Manila on Monday.", "pact",
                             url="https://news.example/pact"))  # the page changed: its events are replaced
    assert found("defence") == set() and found("trade deal") == {"pact"}
    with store.engine.begin() as conn:
        conn.execute(delete(documents).where(documents.c.url == "https://news.example/shoal"))
    assert found("resupply") == set() and store.orphans() == 0
    with store.engine.connect() as conn:  # the words are looked up in an index, not read from every row
        if store.engine.dialect.name == "sqlite":
            plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN SELECT rowid FROM events_fts WHERE events_fts MATCH "
                                        "'trade'").all()
            assert "VIRTUAL TABLE INDEX" in " ".join(r[-1] for r in plan)
        else:
            conn.execute(text("SET enable_seqscan = off"))
            plan = conn.execute(text("EXPLAIN SELECT id FROM events WHERE to_tsvector('simple', evidence) "
                                     "@@ to_tsquery('simple', 'trade')")).scalars().all()
            assert "ix_events_evidence_words" in " ".join(plan)


def test_common_words_are_found_alike_by_every_way_of_searching(pipeline, store, monkeypatch):
    from accord.store import database

    for n, (a, b) in enumerate(PAIRS[:4]):
        store.add_document(coded(pipeline, f"{a} and {b} held talks on trade in the capital on Monday.", f"d{n}",
                                 url=f"https://news.example/{n}"))

    def searches():
        return [(total, [r["id"] for r in rows]) for rows, total in (
            store.find_events(text="talks", limit=3), store.find_events(text="talks", limit=3, offset=3),
            store.find_events(text="talks trade", actor="KEN"), store.find_events(text="talks", root="04"))]

    rare = searches()
    monkeypatch.setattr(database, "SPARSE", 0)  # as if every word were in more events than the index alone serves
    assert searches() == rare
    assert rare[0][0] == 8 and len(rare[0][1]) == 3 and rare[2][0] == 2


def test_quotations_are_found_by_speaker_name_cue_kind_and_words(pipeline, store):
    store.add_document(coded(pipeline, 'Japanese Prime Minister Fumio Kishida said on Monday that China must respect '
                                       'the rules of the sea. "We will defend our islands," Kishida told reporters. '
                                       'Philippine officials said the talks went well.', "kishida",
                             url="https://news.example/kishida"))
    quotes, total = store.find_quotes(name="kishida", text="China")
    assert total == 1 and "China must respect" in quotes[0]["text"] and quotes[0]["speaker_code"].startswith("JPN")
    assert quotes[0]["url"] == "https://news.example/kishida" and quotes[0]["kind"] == "indirect"
    said = {q["text"] for q in store.find_quotes(speaker="JPN")[0]}
    assert len(said) == 2 and any("defend our islands" in t for t in said)
    assert [q["cue_text"] for q in store.find_quotes(speaker="JPN", cue="TOLD")[0]] == ["told"]
    assert store.find_quotes(kind="direct")[1] == 1 and store.find_quotes(name="Kishida", text="talks")[1] == 0
    assert {q["text"] for q in store.iter_quotes(speaker="JPN")} == said
    assert store.quote_cues()[0] == "said"
    document = store.document(quotes[0]["document_id"])
    assert document["doc_id"] == "kishida" and len(document["quotes"]) == 3 and document["warnings"] == []
    assert all(e["url"] == "https://news.example/kishida" for e in document["events"] + document["quotes"])
    assert store.document(10**9) is None
