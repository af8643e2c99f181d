"""Analyst views: a pair of actors over time, the relation network, their charts and the CLI commands.

The events are written straight into the store (no coding), so what each number should be is known.
The series query also runs on PostgreSQL when ACCORD_TEST_POSTGRES names a server (as in test_store).
"""
from __future__ import annotations

import json
from datetime import date

import networkx as nx
import pytest
from typer.testing import CliRunner

from accord.analysis import AnalysisError, dyad_series, relation_network
from accord.analysis.networks import write_network
from accord.analysis.plots import dyad_figure, network_figure, save
from accord.cli import app
from accord.analysis.filters import every_status
from accord.store import Filters, Store, StoreError

from .conftest import database_url, write_events

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
    write_events(store, "analysis", date(2024, 4, 8), [{
        "evidence": f"Sentence {i} written for the analysis tests.",
        "source_code": s, "source_country": sc, "source_name": s, "target_code": t, "target_country": tc,
        "target_name": t, "cameo": root + "0", "root": root, "quad_class": quad, "goldstein": g,
        "plover_type": None, "status": "occurred", "date": day}
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
    # the rows are reports written for these tests (two of them alike enough to be one event): count them
    result = runner.invoke(app, ["dyad", "JPN", "PHL", "--db", db, "--unit", "report",
                                 "--png", str(tmp_path / "jp.png")])
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
    assert store.find_events(actor="PHL", statuses=("occurred",), text="SENTENCE 6")[1] == 1
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
    assert dyad_series(store, "JPN", "PHL", statuses=("occurred",)).total == dyad_series(store, "JPN", "PHL").total == 5
    assert dyad_series(store, "JPN", "PHL", statuses=("planned",)).total == 0


# ---------------------------------------------------------------------- issue 16: what is counted, and how
# (day, source code, source country, target code, target country, root, quad class, goldstein, status)
STATUS_ROWS = [
    ("2024-05-02", "PHLGOV", "PHL", "CHNGOV", "CHN", "04", 1, 1.0, "negated"),  # "did not meet"
    ("2024-05-02", "CHNGOV", "CHN", "PHLGOV", "PHL", "04", 1, 1.0, "negated"),
    ("2024-05-10", "CHNCOP", "CHN", "PHL", "PHL", "17", 4, -7.0, "occurred"),
    ("2024-05-20", "PHL", "PHL", "CHN", "CHN", "03", 1, 4.0, "planned"),
    ("2024-05-21", "VNM", "VNM", "CHN", "CHN", "11", 3, -2.0, "ongoing"),
    ("2024-05-22", "VNM", "VNM", "PHL", "PHL", "04", 1, 1.0, "occurred"),
    ("2024-05-23", "---", None, "PHL", "PHL", "11", 3, -2.0, "occurred"),  # a name the dictionary does not know
    ("2024-05-24", "---GOV", None, "CHN", "CHN", "11", 3, -2.0, "occurred"),  # "the government", of no country
    ("2024-05-24", "---", None, "---GOV", None, "11", 3, -2.0, "occurred"),
    ("2024-05-25", "XYZREB", None, "PHL", "PHL", "19", 4, -10.0, "occurred"),  # a user dictionary's code
]


def fill_statuses(store: Store) -> None:
    write_events(store, "status", date(2024, 5, 26), [{
        "evidence": f"Status sentence {i}.", "source_code": s, "source_country": sc, "source_name": s,
        "target_code": t, "target_country": tc, "target_name": t, "cameo": root + "0", "root": root,
        "quad_class": quad, "goldstein": g, "plover_type": "CONSULT", "plover_mode": None, "status": status,
        "date": day}
        for i, (day, s, sc, t, tc, root, quad, g, status) in enumerate(STATUS_ROWS)])


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def statuses_store(request, tmp_path_factory):
    with database_url(request.param, tmp_path_factory.mktemp("statuses")) as url:
        opened = Store(url)
        fill_statuses(opened)
        yield opened
        opened.close()


def test_every_count_takes_the_asserted_events_unless_other_statuses_are_chosen(statuses_store):
    store = statuses_store
    default = dyad_series(store, "PHL", "CHN")  # the negated "did not meet" is no verbal cooperation
    assert default.total == 1 and default.frame["verbal_cooperation"].sum() == 0
    chosen = dyad_series(store, "PHL", "CHN", statuses=("occurred", "negated"))
    assert chosen.total == 3 and chosen.frame["verbal_cooperation"].sum() == 2
    assert chosen.unasserted["events"].sum() == 2 and sum(r["not_asserted"] for r in chosen.records()) == 2
    assert store.find_events(actor="PHL", partner="CHN")[1] == 1
    assert store.find_events(actor="PHL", partner="CHN", statuses=every_status())[1] == 4
    assert store.status_counts(actor="PHL", partner="CHN") == {"occurred": 1, "planned": 1, "negated": 2}
    graph = relation_network(store)
    assert not graph.has_edge("PHL", "CHN") and graph["CHN"]["PHL"]["conflict"] == 1
    assert graph.has_edge("VNM", "CHN")  # ongoing is asserted
    assert relation_network(store, statuses=("planned",)).has_edge("PHL", "CHN")
    assert store.busiest_country_pairs() == [{"a": "CHN", "b": "PHL", "events": 1},
                                             {"a": "CHN", "b": "VNM", "events": 1},
                                             {"a": "PHL", "b": "VNM", "events": 1}]
    pairs = {(p["a"], p["b"]): p["events"] for p in store.busiest_country_pairs(statuses=every_status())}
    assert pairs[("CHN", "PHL")] == 4


def test_exports_hold_the_asserted_events_and_plover_carries_the_status_as_its_mode(statuses_store):
    import io

    from accord.export import export, gdelt_columns
    from accord.store import Filters

    out = io.StringIO()
    assert export(statuses_store, "gdelt", None, out) == 7  # the two negated and the planned one are left out
    rows = [dict(zip(gdelt_columns(), r.split("\t"))) for r in out.getvalue().splitlines()]
    assert {(r["Actor1CountryCode"], r["Actor2CountryCode"]) for r in rows if r["EventCode"] in ("040", "030")} == {
        ("VNM", "PHL")}
    out = io.StringIO()
    assert export(statuses_store, "plover", None, out, Filters(statuses=("negated", "planned"))) == 3
    modes = sorted(tuple(json.loads(line)["mode"]) for line in out.getvalue().splitlines())
    assert modes == [("future",), ("negation",), ("negation",)]


def test_names_resolve_to_codes_and_a_name_nothing_matches_gets_suggestions(statuses_store):
    from accord.analysis.codes import actor_code

    assert actor_code("Japan") == "JPN" and actor_code("japanese") == "JPN" and actor_code("jpn") == "JPN"
    assert actor_code("the Philippines") == actor_code("Philippines") == "PHL"
    assert actor_code("United Nations") == "IGOUNO" and actor_code("JPNGOV") == "JPNGOV"
    assert actor_code("XYZREB", store=statuses_store) == "XYZREB"  # a code the store holds (user dictionaries)
    with pytest.raises(AnalysisError, match=r"'Japna' is not an actor code.*did you mean JPN \(Japan\)"):
        actor_code("Japna", store=statuses_store)
    with pytest.raises(AnalysisError, match="'QQQREB' is not an actor code"):
        actor_code("QQQREB", store=statuses_store)  # well formed, but neither known nor stored
    assert dyad_series(statuses_store, "Philippines", "China").a == "PHL"


def test_the_network_leaves_out_unknown_actors_keeps_the_busiest_and_shows_an_ego_with_its_partners(
        statuses_store):
    store = statuses_store
    graph = relation_network(store, statuses=every_status())
    assert not {n for n in graph if n.startswith("---")} and "XYZREB" in graph
    assert {"---", "---GOV"} <= set(relation_network(store, statuses=every_status(), unknown=True))
    busiest = relation_network(store, statuses=every_status(), top=2)
    assert set(busiest) == {"PHL", "CHN"} and busiest.graph["actors"] == 4
    ego = relation_network(store, actor="Vietnam", statuses=every_status())  # a name, resolved
    assert set(ego) == {"VNM", "CHN", "PHL"}
    assert ego.has_edge("CHN", "PHL") and ego.has_edge("PHL", "CHN")  # the partners' relations among themselves


def test_network_labels_never_overlap_and_edges_are_coloured_by_cooperation_and_conflict():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection

    graph = nx.DiGraph(actors=60)
    names = [f"{a}{b}{c}" for a, b, c in zip("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMN",
                                             "QWERTYUIOPASDFGHJKLZXCVBNMQWERTYUIOPASD",
                                             "ZXCVBNMASDFGHJKLQWERTYUIOPZXCVBNMASDFG")]
    for i, a in enumerate(names):  # a dense hairball: everyone with everyone, the first ones busiest
        for j, b in enumerate(names[:i]):
            busy = 1 + 200 // (1 + i + j)
            graph.add_edge(a, b, events=busy, cooperation=busy if (i + j) % 2 else 0,
                           conflict=0 if (i + j) % 2 else busy, goldstein_sum=0.0)
    for node in graph:
        graph.nodes[node]["events"] = sum(d["events"] for *_e, d in graph.edges(node, data=True)) + \
            sum(d["events"] for *_e, d in graph.in_edges(node, data=True))
    figure = network_figure(graph)
    renderer = FigureCanvasAgg(figure).get_renderer()
    axes = figure.axes[0]
    labels = [t for t in axes.texts if t.get_text() in graph]
    assert len(labels) >= 20
    boxes = [t.get_window_extent(renderer) for t in labels]
    for i, box in enumerate(boxes):
        for other in boxes[:i]:
            assert not box.overlaps(other), "two labels overlap"
    (lines,) = [c for c in axes.collections if isinstance(c, LineCollection)]
    colours = {tuple(round(x, 2) for x in c[:3]) for c in lines.get_colors()}
    assert any(g > r for r, g, _b in colours) and any(r > g for r, g, _b in colours)  # green and red


def test_the_commands_check_values_as_the_api_does_resolve_names_and_say_what_they_leave_out(statuses_store,
                                                                                                tmp_path):
    if statuses_store.engine.dialect.name != "sqlite":
        pytest.skip("the commands are exercised once, on SQLite")
    runner = CliRunner()
    db = str(statuses_store.engine.url.database)
    for args, reason in [(["--status", "occured"], "'occured' is not a status"),
                         (["--root", "99"], "'99' is not a CAMEO root"),
                         (["--since", "2024-02-30"], "'2024-02-30' is not a day"),
                         (["--dyad", "Japna", "PHL"], "did you mean JPN (Japan)")]:
        bad = runner.invoke(app, ["events", "--db", db, *args])
        assert bad.exit_code == 2 and reason in bad.output, (args, bad.output)
    assert "did you mean 'occurred'" in runner.invoke(app, ["events", "--db", db, "--status", "occured"]).output
    named = runner.invoke(app, ["events", "--db", db, "--dyad", "Philippines", "China", "--format", "jsonl"])
    assert named.exit_code == 0 and len(named.stdout.splitlines()) == 1
    every = runner.invoke(app, ["events", "--db", db, "--dyad", "PHL", "CHN", "--status", "all", "-f", "jsonl"])
    assert len(every.stdout.splitlines()) == 4
    chosen = runner.invoke(app, ["events", "--db", db, "--status", "negated,planned", "-f", "jsonl"])
    assert {json.loads(line)["status"] for line in chosen.stdout.splitlines()} == {"negated", "planned"}
    dyad = runner.invoke(app, ["dyad", "Philippines", "CHN", "--db", db, "--unit", "report"])
    assert dyad.exit_code == 0 and "1 events (occurred, ongoing); not counted: 1 planned, 2 negated" in dyad.stdout
    network = runner.invoke(app, ["network", "--db", db, "--format", "json", "--status", "all", "--top", "2"])
    data = json.loads(network.stdout)
    assert {n["id"] for n in data["nodes"]} == {"PHL", "CHN"} and data["actors"] == 4
    assert "the busiest of 4" in network.stderr


def test_csv_exports_keep_codes_as_text_and_parquet_types_them_as_strings(statuses_store, tmp_path):
    import pyarrow.parquet as pq

    from accord.export import CSV_DTYPES, export, read_csv

    if statuses_store.engine.dialect.name != "sqlite":
        pytest.skip("the files are written once, on SQLite")
    out = tmp_path / "events.csv"
    export(statuses_store, "csv", out, None, Filters(statuses=every_status()))
    frame = read_csv(out)
    assert sorted(set(frame["cameo"])) == ["030", "040", "110", "170", "190"] and "04" in set(frame["root"])
    assert str(frame["event_day"].dtype).startswith("datetime64") and frame["quad_class"].dtype.kind == "i"
    import pandas as pd

    assert pd.read_csv(out, dtype=CSV_DTYPES)["cameo"].iloc[0] == "040"  # the documented way, by hand
    parquet = tmp_path / "events.parquet"
    export(statuses_store, "parquet", parquet, None)
    schema = pq.read_schema(parquet)
    assert str(schema.field("cameo").type) == "string" and str(schema.field("root").type) == "string"
    assert str(schema.field("event_day").type) == "date32[day]"
    empty = tmp_path / "empty.parquet"
    export(statuses_store, "parquet", empty, None, Filters(statuses=("alleged",)))
    assert str(pq.read_schema(empty).field("cameo").type) == "string"  # typed even with no rows


def test_git_ignores_the_stores_write_ahead_log_and_shared_memory_files():
    from fnmatch import fnmatch

    from .conftest import ROOT

    patterns = [p.strip() for p in (ROOT / ".gitignore").read_text().splitlines() if p.strip()]
    for name in ("accord.db-wal", "accord.db-shm", "events.db-wal", "bench.sqlite-shm"):
        assert any(fnmatch(name, p) for p in patterns), name


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
