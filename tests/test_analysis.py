"""Analyst views: a pair of actors over time, the relation network, their charts and the CLI commands.

The events are written straight into the store (no coding), so what each number should be is known.
The series query also runs on PostgreSQL when ACCORD_TEST_POSTGRES names a server (as in test_store).
"""
from __future__ import annotations

import json
import uuid
from datetime import date, datetime

import networkx as nx
import pytest
from sqlalchemy import insert
from typer.testing import CliRunner

from accord.analysis import AnalysisError, dyad_series, relation_network
from accord.analysis.networks import write_network
from accord.analysis.plots import dyad_figure, network_figure, save
from accord.cli import app
from accord.store import Store, StoreError
from accord.store.schema import documents, events

from .conftest import database_url

# (day, source code, source country, target code, target country, root, quad class, goldstein)
ROWS = [
    ("2024-01-03", "JPNGOV", "JPN", "PHLGOV", "PHL", "04", 1, 1.0),
    ("2024-01-20", "JPN", "JPN", "PHL", "PHL", "06", 2, 6.0),
    ("2024-01-21", "PHLMIL", "PHL", "JPNMIL", "JPN", "03", 1, 4.0),
    ("2024-03-05", "PHL", "PHL", "JPN", "JPN", "11", 3, -2.0),
    ("2024-03-06", "CHNCOP", "CHN", "PHL", "PHL", "17", 4, -7.0),
    ("2024-03-07", "CHN", "CHN", "PHLGOV", "PHL", "11", 3, -2.0),
    ("2024-03-08", "PHLGOV", "PHL", "CHN", "CHN", "12", 3, -4.0),
    ("2024-04-01", "JPNGOV", "JPN", "JPNMIL", "JPN", "04", 1, 1.0),  # inside Japan: not a JPN-PHL event
    ("2024-04-02", "IGOUNO", None, "PHL", "PHL", "04", 1, 1.0),
    ("2023-12-31", "JPN", "JPN", "PHL", "PHL", "04", 1, 1.0),  # a Sunday: the week of 2023-12-25
    (None, "JPN", "JPN", "PHL", "PHL", "04", 1, 1.0),  # undated: never in a series
]


def fill(store: Store) -> None:
    with store.engine.begin() as conn:
        document_id = conn.execute(insert(documents).values(
            doc_id="analysis-test", url="https://news.example/analysis", content_hash=uuid.uuid4().hex,
            outlet="news.example", title="Written for the analysis tests", published=date(2024, 4, 8),
            text="Written for the analysis tests.", warnings="[]", coder_version="test",
            ingested_at=datetime(2024, 4, 8))).inserted_primary_key[0]
        conn.execute(insert(events), [{
            "document_id": document_id, "event_key": f"k{i}", "sentence": i,
            "evidence": f"Sentence {i} written for the analysis tests.",
            "source_code": s, "source_country": sc, "source_name": s, "target_code": t, "target_country": tc,
            "target_name": t, "trigger_text": "met", "trigger_start": 0, "trigger_end": 3, "cameo": root + "0",
            "root": root, "quad_class": quad, "goldstein": g, "plover_type": None, "plover_context": "[]",
            "status": "occurred", "date": day, "date_precision": "day" if day else None,
            "event_day": date.fromisoformat(day) if day else None, "coder_version": "test"}
            for i, (day, s, sc, t, tc, root, quad, g) in enumerate(ROWS)])


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(request, tmp_path_factory):
    with database_url(request.param, tmp_path_factory.mktemp("analysis")) as url:
        opened = Store(url)
        fill(opened)
        yield opened
        opened.close()


def row(series, period, direction):
    (found,) = [r for r in series.records() if r["period"] == period and r["direction"] == direction]
    return found


def test_a_country_pair_counts_every_actor_of_both_countries_by_month_and_direction(store):
    series = dyad_series(store, "jpn", "PHL", "month")
    assert series.total == 5  # the undated event and the one inside Japan are left out
    january = row(series, "2024-01", "JPN→PHL")
    assert (january["verbal_cooperation"], january["material_cooperation"], january["events"]) == (1, 1, 2)
    assert january["goldstein_sum"] == 7.0 and january["goldstein_mean"] == 3.5
    assert row(series, "2024-01", "PHL→JPN")["events"] == 1  # PHLMIL -> JPNMIL counts for the countries
    assert row(series, "2024-03", "PHL→JPN")["verbal_conflict"] == 1
    quiet = row(series, "2024-02", "JPN→PHL")  # a month without events is there, as zeros
    assert quiet["events"] == 0 and quiet["goldstein_mean"] is None
    assert [r["period"] for r in series.records()][:2] == ["2023-12", "2023-12"]


def test_full_codes_match_exactly_and_weeks_start_on_monday(store):
    series = dyad_series(store, "JPNGOV", "PHLGOV", "week")
    assert series.total == 1
    assert row(series, "2024-01-01", "JPNGOV→PHLGOV")["events"] == 1
    weeks = dyad_series(store, "JPN", "PHL", "week")
    assert row(weeks, "2023-12-25", "JPN→PHL")["events"] == 1  # Sunday 31 December belongs to that week
    years = dyad_series(store, "PHL", "JPN", "year", since=date(2024, 1, 1), until=date(2024, 12, 31))
    assert [r["period"] for r in years.records()] == ["2024", "2024"] and years.total == 4


def test_a_pair_without_events_is_an_empty_series_and_bad_requests_say_why(store):
    assert dyad_series(store, "JPN", "BRA").total == 0
    for call, reason in [
        (lambda: dyad_series(store, "JPN", "JPN"), "two different actors"),
        (lambda: dyad_series(store, "JP", "PHL"), "'JP' is not an actor code"),
        (lambda: dyad_series(store, "JPN'; DROP TABLE events;--", "PHL"), "not an actor code"),
        (lambda: dyad_series(store, "JPN", "PHL", "fortnight"), "'fortnight' is not a period"),
        (lambda: dyad_series(store, "JPN", "PHL", since=date(2024, 5, 1), until=date(2024, 1, 1)), "after it ends"),
        (lambda: relation_network(store, min_events=0), "at least 1"),
    ]:
        with pytest.raises(AnalysisError, match=reason):
            call()


def test_the_network_weights_relations_by_cooperation_and_conflict(store):
    graph = relation_network(store)
    assert graph["CHN"]["PHL"]["conflict"] == 2 and graph["CHN"]["PHL"]["cooperation"] == 0
    assert graph["JPN"]["PHL"]["cooperation"] == 4  # dated or not, a relation counts
    assert not graph.has_edge("JPN", "JPN")  # JPNGOV -> JPNMIL is inside one country
    assert graph.has_edge("IGOUNO", "PHL")  # an actor without a country keeps its code
    assert graph.nodes["PHL"]["conflict"] == 4
    busy = relation_network(store, min_events=2)
    assert set(busy.edges) == {("JPN", "PHL"), ("PHL", "JPN"), ("CHN", "PHL")}
    actors = relation_network(store, level="actor", since=date(2024, 3, 1))
    assert actors.has_edge("CHNCOP", "PHL") and actors.has_edge("JPNGOV", "JPNMIL")
    assert not actors.has_edge("JPN", "PHL")
    ego = relation_network(store, actor="CHN")
    assert set(ego.nodes) == {"CHN", "PHL"}


def test_networks_export_to_json_and_graphml_and_charts_draw(store, tmp_path):
    graph = relation_network(store)
    write_network(graph, "graphml", tmp_path / "n.graphml", None)
    again = nx.read_graphml(tmp_path / "n.graphml")
    assert again["CHN"]["PHL"]["conflict"] == 2
    write_network(graph, "json", tmp_path / "n.json", None)
    data = json.loads((tmp_path / "n.json").read_text())
    assert data["edges"][0]["events"] == max(e["events"] for e in data["edges"])
    save(dyad_figure(dyad_series(store, "JPN", "PHL")), tmp_path / "dyad.png")
    save(network_figure(graph), tmp_path / "network.svg")
    assert (tmp_path / "dyad.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "PHL" in (tmp_path / "network.svg").read_text()


def test_the_dyad_and_network_commands_print_tables_write_charts_and_refuse_bad_input(store, tmp_path):
    if store.engine.dialect.name != "sqlite":
        pytest.skip("the commands are exercised once, on SQLite")
    runner = CliRunner()
    db = str(store.engine.url.database)
    result = runner.invoke(app, ["dyad", "JPN", "PHL", "--db", db, "--png", str(tmp_path / "jp.png")])
    assert result.exit_code == 0, result.output
    assert "JPN→PHL" in result.stdout and "5 events" in result.stdout
    assert (tmp_path / "jp.png").stat().st_size > 1000
    csv_out = runner.invoke(app, ["dyad", "JPN", "PHL", "--db", db, "--format", "csv", "--by", "year"])
    assert csv_out.stdout.splitlines()[0].startswith("period,start,direction,verbal_cooperation")
    bad = runner.invoke(app, ["dyad", "JPN", "PHL", "--db", db, "--since", "2024-02-30"])
    assert bad.exit_code == 2 and "2024-02-30" in bad.output
    same = runner.invoke(app, ["dyad", "PHL", "phl", "--db", db])
    assert same.exit_code == 2 and "two different actors" in same.output
    network = runner.invoke(app, ["network", "--db", db, "--format", "json", "--min-events", "2"])
    assert network.exit_code == 0
    assert {e["source"] for e in json.loads(network.stdout)["edges"]} == {"JPN", "PHL", "CHN"}
    table = runner.invoke(app, ["network", "--db", db, "--png", str(tmp_path / "n.png")])
    assert table.exit_code == 0 and "CHN" in table.stdout and (tmp_path / "n.png").exists()


def test_the_evidence_of_a_pair_is_newest_first_with_undated_events_last_and_counted_once(store):
    rows, total = store.find_events(actor="JPN", partner="PHL", limit=10)
    assert total == 6 and [r["date"] for r in rows][:2] == ["2024-03-05", "2024-01-21"] and rows[-1]["date"] is None
    page, same_total = store.find_events(actor="PHL", partner="JPN", limit=2, offset=4)
    assert same_total == 6 and [r["date"] for r in page] == ["2023-12-31", None]
    assert store.find_events(actor="JPN")[1] == 7  # JPNGOV -> JPNMIL is one event, not two
    assert store.find_events(actor="JPN", partner="JPNGOV")[1] == dyad_series(store, "JPN", "JPNGOV").total == 1
    assert store.find_events(actor="PHL", status="occurred", text="SENTENCE 6")[1] == 1
    with pytest.raises(StoreError, match="deeper than the 10,000 events"):  # never sorts a huge key list
        store.find_events(actor="JPN", offset=9_990, limit=50)


def test_an_actor_without_a_country_is_listed_among_a_countrys_events(store):
    rows, total = store.find_events(actor="PHL", limit=50)
    assert total == len(rows) == 10  # IGOUNO -> PHL has no source country and still counts and shows
    assert "IGOUNO" in {r["source_code"] for r in rows}


def test_an_actor_searched_with_itself_as_partner_lists_its_inside_events_once(store):
    rows, total = store.find_events(actor="JPN", partner="JPN", limit=10)
    assert total == len(rows) == 1 and (rows[0]["source_code"], rows[0]["target_code"]) == ("JPNGOV", "JPNMIL")
    assert store.find_events(actor="PHLGOV", partner="PHLGOV")[1] == 0


def test_the_busiest_country_pairs_count_both_directions_together(store):
    assert store.busiest_country_pairs(limit=2) == [{"a": "JPN", "b": "PHL", "events": 6},
                                                    {"a": "CHN", "b": "PHL", "events": 3}]
    assert store.busiest_country_pairs(since=date(2024, 3, 1), limit=1) == [{"a": "CHN", "b": "PHL", "events": 3}]
    assert all(type(pair["events"]) is int for pair in store.busiest_country_pairs())  # JSON-ready on PostgreSQL too


def test_a_pairs_series_can_keep_only_one_status(store):
    assert dyad_series(store, "JPN", "PHL", status="occurred").total == dyad_series(store, "JPN", "PHL").total == 5
    assert dyad_series(store, "JPN", "PHL", status="planned").total == 0


def test_the_pair_chart_draws_one_direction_above_the_line_and_the_other_below(store):
    counts = dyad_figure(dyad_series(store, "JPN", "PHL", "month")).axes[0]
    bars = [path.vertices for collection in counts.collections for path in collection.get_paths()]  # a polygon a bar

    def stacked(period: int, upwards: bool) -> float:
        heights = [(v[:, 1].max() - v[:, 1].min()) * (1 if v[:, 1].max() > 0 else -1) for v in bars
                   if round(v[:, 0].mean()) == period]
        return sum(h for h in heights if (h > 0) == upwards)

    # 2023-12 .. 2024-03: JPN→PHL 1, then 2 (and PHL→JPN 1 below), none, then PHL→JPN 1 only
    assert [stacked(i, True) for i in range(4)] == [1, 2, 0, 0]
    assert [stacked(i, False) for i in range(4)] == [0, -1, 0, -1]
    assert {t.get_text() for t in counts.texts} == {"▲ JPN→PHL", "▼ PHL→JPN"}


def test_a_trend_counts_every_dated_event_or_one_actors_once_per_period(store):
    from accord.analysis.trends import trend
    from accord.analysis.plots import trend_figure

    japan = trend(store, "month", actor="jpn")
    assert japan.actor == "JPN" and japan.total == 6  # JPNGOV→JPNMIL counted once; the undated one left out
    assert [(r["period"], r["events"], r["verbal_cooperation"]) for r in japan.records()] == [
        ("2023-12", 1, 1), ("2024-01", 3, 2), ("2024-02", 0, 0), ("2024-03", 1, 0), ("2024-04", 1, 1)]
    assert [(r["period"], r["events"]) for r in trend(store, "year").records()] == [("2023", 1), ("2024", 9)]
    assert trend(store, "week", since=date(2030, 1, 1)).frame.empty
    with pytest.raises(AnalysisError, match="not a period"):
        trend(store, "day")
    assert trend_figure(japan).axes[0].get_title() == "JPN: events by month and QuadClass"
