"""The least confidence (issue 15): ``--min-confidence`` on the query commands and ``min_confidence`` on the web
filters and API keep only the events at least that likely to be right, through one store clause beside the
status filter; 0 (the default) keeps every event, those stored without a confidence too.

The events are written straight into the store, each with a known confidence; the store queries also run on
PostgreSQL when ACCORD_TEST_POSTGRES names a server."""
from __future__ import annotations

import io
import json
from datetime import date

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from accord.analysis import AnalysisError, dyad_series, relation_network
from accord.analysis.filters import every_status, min_confidence
from accord.analysis.trends import trend
from accord.cli import app
from accord.export import export
from accord.store import Filters, Store
from accord.web import create_app

from .conftest import database_url, write_events

# (day, source, source country, target, target country, quad class, goldstein, status, confidence)
ROWS = [
    ("2024-05-02", "PHLGOV", "PHL", "CHNGOV", "CHN", 1, 1.0, "occurred", 0.9),
    ("2024-05-03", "CHNCOP", "CHN", "PHL", "PHL", 4, -7.0, "occurred", 0.3),
    ("2024-05-04", "CHN", "CHN", "PHLGOV", "PHL", 3, -2.0, "occurred", None),  # stored before confidences
    ("2024-05-05", "PHL", "PHL", "CHN", "CHN", 1, 4.0, "planned", 0.8),
    ("2024-05-06", "PHL", "PHL", "CHN", "CHN", 1, 4.0, "negated", 0.2),
    ("2024-05-07", "VNM", "VNM", "CHN", "CHN", 3, -2.0, "ongoing", 0.5),  # exactly at 0.5: kept by 0.5
]


def fill(store: Store) -> None:
    write_events(store, "confidence", date(2024, 5, 8), [{
        "evidence": f"Confidence sentence {i}.", "source_code": s, "source_country": sc, "source_name": s,
        "target_code": t, "target_country": tc, "target_name": t, "cameo": "040", "root": "04",
        "quad_class": quad, "goldstein": g, "plover_type": "CONSULT", "status": status, "date": day,
        "confidence": confidence}
        for i, (day, s, sc, t, tc, quad, g, status, confidence) in enumerate(ROWS)])


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(request, tmp_path_factory):
    with database_url(request.param, tmp_path_factory.mktemp("confidence")) as url:
        opened = Store(url)
        fill(opened)
        yield opened
        opened.close()


@pytest.fixture(scope="module")
def sqlite_store(tmp_path_factory):
    opened = Store(f"sqlite:///{tmp_path_factory.mktemp('confidence-cli') / 'accord.db'}")
    fill(opened)
    yield opened
    opened.close()


def test_every_store_query_keeps_the_events_of_at_least_the_least_confidence(store):
    assert [r["confidence"] for r in store.events()] == [0.9, 0.3, None, 0.5]  # 0: every asserted event
    assert [r["confidence"] for r in store.events(Filters(min_confidence=0.5))] == [0.9, 0.5]
    every = Filters(min_confidence=0.5, statuses=every_status())
    assert [r["confidence"] for r in store.events(every)] == [0.9, 0.8, 0.5]
    assert store.find_events(actor="PHL", partner="CHN")[1] == 3
    assert store.find_events(actor="PHL", partner="CHN", min_confidence=0.5)[1] == 1
    assert len(list(store.iter_events(min_confidence=0.85))) == 1
    assert store.find_events(text="Confidence", min_confidence=0.5)[1] == 2  # words searched, the floor too
    assert store.status_counts(actor="PHL", partner="CHN", min_confidence=0.5) == {"occurred": 1, "planned": 1}
    assert store.status_counts(actor="PHL", partner="CHN") == {"occurred": 3, "planned": 1, "negated": 1}
    assert dyad_series(store, "PHL", "CHN").total == 3
    assert dyad_series(store, "PHL", "CHN", min_confidence=0.5).total == 1
    assert dyad_series(store, "PHL", "CHN", min_confidence=0.5).min_confidence == 0.5
    assert relation_network(store).has_edge("CHN", "PHL")
    assert not relation_network(store, min_confidence=0.5).has_edge("CHN", "PHL")
    assert relation_network(store, min_confidence=0.5).has_edge("VNM", "CHN")
    assert trend(store, "month").total == 4 and trend(store, "month", min_confidence=0.5).total == 2
    assert store.busiest_country_pairs(min_confidence=0.95) == []
    assert store.busiest_country_pairs(min_confidence=0.5) == [{"a": "CHN", "b": "PHL", "events": 1},
                                                               {"a": "CHN", "b": "VNM", "events": 1}]


def test_a_least_confidence_is_a_number_from_0_to_1_with_a_clear_error_otherwise():
    assert min_confidence(None) == min_confidence("") == 0.0
    assert min_confidence("0.5") == 0.5 and min_confidence("1") == 1.0 and min_confidence(0.25) == 0.25
    for bad in ("1.5", "high", "-0.1", "nan", "inf"):
        with pytest.raises(AnalysisError, match=rf"--min-confidence={bad!r} is not a confidence: use a number "
                                                r"from 0 to 1"):
            min_confidence(bad, "--min-confidence")


def test_exports_in_every_format_keep_the_events_of_at_least_the_least_confidence(sqlite_store, tmp_path):
    for fmt in ("gdelt", "plover", "csv"):
        assert export(sqlite_store, fmt, None, io.StringIO()) == 4, fmt
        assert export(sqlite_store, fmt, None, io.StringIO(), Filters(min_confidence=0.5)) == 2, fmt
    assert export(sqlite_store, "parquet", tmp_path / "e.parquet", io.StringIO(), Filters(min_confidence=0.5)) == 2


def test_the_query_commands_take_a_least_confidence_and_refuse_a_bad_one(sqlite_store, tmp_path):
    runner = CliRunner()
    db = str(sqlite_store.engine.url.database)
    for command in (["events"], ["export", "-f", "csv"], ["dyad", "PHL", "CHN"], ["network"]):
        for bad in ("1.5", "high"):
            result = runner.invoke(app, [*command, "--db", db, "--min-confidence", bad])
            assert result.exit_code == 2 and f"--min-confidence={bad!r} is not a confidence" in result.output, (
                command, bad, result.output)
    lines = runner.invoke(app, ["events", "--db", db, "-f", "jsonl", "--min-confidence", "0.5"]).stdout.splitlines()
    assert sorted(json.loads(line)["confidence"] for line in lines) == [0.5, 0.9]
    assert len(runner.invoke(app, ["events", "--db", db, "-f", "jsonl"]).stdout.splitlines()) == 4
    # the rows are written for counts of reports (by event: test_event_records_are_kept_when_one_of_...)
    exported = runner.invoke(app, ["export", "-f", "plover", "--db", db, "--min-confidence", "0.85",
                                   "--unit", "report"])
    assert exported.exit_code == 0 and len(exported.stdout.splitlines()) == 1
    assert "1 report records exported" in exported.stderr
    parquet = runner.invoke(app, ["export", "-f", "parquet", "-o", str(tmp_path / "e.parquet"), "--db", db,
                                  "--min-confidence", "0.5", "--unit", "report"])
    assert parquet.exit_code == 0 and "2 report records exported" in parquet.stderr
    dyad = runner.invoke(app, ["dyad", "PHL", "CHN", "--db", db, "--min-confidence", "0.5", "--unit", "report"])
    assert dyad.exit_code == 0, dyad.output
    assert "1 events (occurred, ongoing; confidence at least 0.5); not counted: 1 planned" in dyad.stdout
    network = json.loads(runner.invoke(app, ["network", "--db", db, "-f", "json", "--min-confidence", "0.5",
                                             "--unit", "report"]).stdout)
    assert {(e["source"], e["target"]) for e in network["edges"]} == {("PHL", "CHN"), ("VNM", "CHN")}


# event records of ROWS, by row: grouped here, not by `accord group`, so the test holds whatever its parameters
RECORDS = [(0, 1),  # PHL-CHN occurred: 0.9 and 0.3 (counted once however many of its reports pass)
           (2, 3),  # CHN-PHL occurred: no confidence, and a planned report of 0.8 (no asserted report passes)
           (4,),  # PHL-CHN negated: 0.2
           (5,)]  # VNM-CHN ongoing: 0.5


@pytest.fixture(params=["sqlite", "postgresql"])
def grouped_store(request, tmp_path_factory):
    from accord.analysis.grouping import summarise

    with database_url(request.param, tmp_path_factory.mktemp("confidence-events")) as url:
        opened = Store(url)
        fill(opened)
        reports = {int(r["evidence"].split()[-1].rstrip(".")): r for r in opened.reports_to_group()}
        opened.replace_event_records([(summarise([reports[i] for i in rows]), [reports[i]["id"] for i in rows])
                                      for rows in RECORDS])
        assert not opened.grouping_stale()
        yield opened
        opened.close()


def test_event_records_are_kept_when_one_of_their_reports_passes_the_floor_and_the_status_filter(grouped_store):
    store = grouped_store
    events_of = {floor: dyad_series(store, "PHL", "CHN", min_confidence=floor, unit="event").total
                 for floor in (0.0, 0.25, 0.95)}
    assert events_of == {0.0: 2, 0.25: 1, 0.95: 0}  # 0.25: the first record, once; the second's 0.8 is planned
    assert dyad_series(store, "PHL", "CHN", min_confidence=0.25, unit="report").total == 2  # its two reports
    assert store.status_counts(actor="PHL", partner="CHN", unit="event", min_confidence=0.25) == {"occurred": 2}
    assert store.status_counts(actor="PHL", partner="CHN", unit="event", min_confidence=0.95) == {}
    assert store.status_counts(actor="PHL", partner="CHN", unit="event") == {"occurred": 2, "negated": 1}
    network = relation_network(store, min_confidence=0.5, unit="event")
    assert network["PHL"]["CHN"]["events"] == 1 and not network.has_edge("CHN", "PHL")
    assert network.has_edge("VNM", "CHN")
    assert relation_network(store, min_confidence=0.95, unit="event").number_of_edges() == 0
    chosen = Filters(min_confidence=0.25)
    assert [r["reports"] for r in store.event_records(chosen)] == [2, 1]  # with all their reports' numbers
    assert export(store, "csv", None, io.StringIO(), chosen, unit="event") == 2
    assert export(store, "csv", None, io.StringIO(), Filters(min_confidence=0.25, statuses=("planned",)),
                  unit="event") == 0  # the record's own status is occurred
    assert export(store, "gdelt", None, io.StringIO(), Filters(min_confidence=0.95), unit="event") == 0
    db = store.engine.url.render_as_string(hide_password=False)
    dyad = CliRunner().invoke(app, ["dyad", "PHL", "CHN", "--db", db, "--min-confidence", "0.25"])  # --unit event
    assert dyad.exit_code == 0 and "grouped" not in dyad.stderr, dyad.output
    assert "1 events (occurred, ongoing; confidence at least 0.25)" in dyad.stdout
    exported = CliRunner().invoke(app, ["export", "-f", "csv", "--db", db, "--min-confidence", "0.95"])
    assert exported.exit_code == 0 and "0 event records exported" in exported.stderr


@pytest.fixture(scope="module")
def client(sqlite_store):
    return TestClient(create_app(sqlite_store, token=""))


API = ["/api/events", "/api/pairs/PHL/CHN/events", "/api/pairs/PHL/CHN/series", "/api/actors/PHL", "/api/overview",
       "/api/trend", "/api/network"]
PAGES = ["/", "/actors/PHL", "/pairs/PHL/CHN", "/events", "/network", "/trend.svg", "/pairs/PHL/CHN/chart.svg",
         "/actors/PHL/trend.svg", "/network.svg"]


@pytest.mark.parametrize("url", API + PAGES)
def test_every_endpoint_refuses_a_confidence_that_is_not_a_number_from_0_to_1(client, url):
    for bad in ("1.5", "high"):
        answer = client.get(url, params={"min_confidence": bad})
        assert answer.status_code == 400, (url, bad, answer.status_code)
        assert f"min_confidence={bad!r} is not a confidence: use a number from 0 to 1" in answer.text.replace(
            "&#39;", "'")


def test_the_api_counts_and_lists_only_the_events_of_at_least_the_least_confidence(client):
    def get(url, **params):  # counting reports (by event: test_event_records_are_kept_when_one_of_...)
        answer = client.get(url, params={"unit": "report", **params})
        assert answer.status_code == 200, (url, answer.text)
        return answer

    assert get("/api/events").json()["total"] == 4
    assert get("/api/events", min_confidence="0.5").json()["total"] == 2
    assert len(get("/api/events", min_confidence="0.5", format="jsonl").text.splitlines()) == 2  # the download too
    assert len(get("/api/events", min_confidence="0.5", format="csv").text.splitlines()) == 3  # and a header
    pair = get("/api/pairs/PHL/CHN/events", min_confidence="0.5").json()
    assert pair["total"] == 1 and pair["min_confidence"] == 0.5
    assert get("/api/pairs/PHL/CHN/series", min_confidence="0.5").json()["events"] == 1
    assert get("/api/pairs/PHL/CHN/series").json()["events"] == 3
    assert get("/api/actors/PHL", min_confidence="0.5").json()["events"] == 1
    assert get("/api/overview", min_confidence="0.5").json()["events_in_period"] == 2
    assert get("/api/trend", min_confidence="0.5").json()["events"] == 2
    every = get("/api/network").json()
    assert get("/api/network", min_confidence="0.5").json()["edges"] != every["edges"]  # the cache keys on it
    assert get("/api/network").json()["edges"] == every["edges"]


def test_the_pages_keep_the_least_confidence_in_their_form_links_charts_and_downloads(client):
    for url in ("/", "/actors/PHL", "/pairs/PHL/CHN", "/events", "/network"):
        page = client.get(url, params={"min_confidence": "0.5"}).text
        assert 'name="min_confidence" value="0.5"' in page, url
        assert "min_confidence=0.5" in page, url  # the chart, its downloads and the links carry it on
        assert 'name="min_confidence" value=""' in client.get(url).text, url
    pair = client.get("/pairs/PHL/CHN", params={"min_confidence": "0.5"}).text
    assert "confidence at least 0.5" in pair and "Confidence sentence 0." in pair
    assert "Confidence sentence 1." not in pair and "Confidence sentence 2." not in pair
    overview = client.get("/", params={"min_confidence": "0.5"}).text
    assert 'href="/pairs/CHN/PHL?min_confidence=0.5"' in overview
