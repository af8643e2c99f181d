"""Events, not reports: grouping event reports into event records (analysis/grouping.py), the records in the
store, `accord export --unit` and `accord dyad --unit`, and the grouping scorer (evaluate/grouping.py)."""
from __future__ import annotations

import csv
import io
import json
import random
from datetime import date

import pytest
from typer.testing import CliRunner

from accord.analysis import dyad_series, relation_network
from accord.analysis.grouping import baseline, group, group_store, parameters, read_parameters, summarise
from accord.cli import app
from accord.errors import DictionaryError
from accord.evaluate.grouping import b_cubed, ceaf_e, conll, muc
from accord.export import export
from accord.ingest.readers import from_text
from accord.store import Filters, Store

runner = CliRunner()


def report(id_, evidence, day="2024-03-04", source="RUSMIL", target="UKR", root="19", cameo="190", place=None,
           published=None, status="occurred", document=None, outlet=None):
    """A report row as the store gives it to grouping."""
    country = lambda code: None if code is None or code.startswith("---") else code[:3]  # noqa: E731
    name, lat, lon, feature = place or (None, None, None, None)
    return {"id": id_, "document_id": document if document is not None else id_, "outlet": outlet, "evidence": evidence,
            "source_code": source, "source_country": country(source), "source_name": source,
            "target_code": target, "target_country": country(target), "target_name": target,
            "cameo": cameo, "root": root, "quad_class": 4, "goldstein": -10.0, "plover_type": "ASSAULT",
            "status": status, "event_day": date.fromisoformat(day) if day else None,
            "date_precision": "day" if day else None, "published": date.fromisoformat(published or day or "2024-03-04"),
            "place_name": name, "place_country": "UKR" if name else None, "place_feature": feature,
            "place_latitude": lat, "place_longitude": lon}


KHARKIV = ("Kharkiv", 49.98, 36.25, "city")
ODESA = ("Odesa", 46.48, 30.72, "city")


def ids(groups):
    return sorted(sorted(r["id"] for r in members) for members in groups)


# ---------------------------------------------------------------- the metrics, on an example computed by hand
def test_the_coreference_metrics_on_an_example_computed_by_hand():
    gold = [{"a", "b", "c"}, {"d", "e"}]
    system = [{"a", "b"}, {"c", "d", "e"}]
    # MUC: gold links kept 1 + 1 of 2 + 1; system links right 1 + 1 of 1 + 2
    assert muc(gold, system) == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    # B3: precision (1 + 1 + 1/3 + 2/3 + 2/3) / 5, recall (2/3 + 2/3 + 1/3 + 1 + 1) / 5
    assert b_cubed(gold, system) == pytest.approx((11 / 15, 11 / 15, 11 / 15))
    # CEAF-e: {a,b,c}-{a,b} 2*2/5 and {d,e}-{c,d,e} 2*2/5, over 2 clusters each side
    assert ceaf_e(gold, system) == pytest.approx((0.8, 0.8, 0.8))
    assert conll(gold, system) == pytest.approx((2 / 3 + 11 / 15 + 0.8) / 3)
    assert conll(gold, gold) == pytest.approx(1.0)
    # everything in one cluster: B3 precision falls, recall is whole
    assert b_cubed(gold, [{"a", "b", "c", "d", "e"}])[:2] == pytest.approx(((3 * 3 / 5 + 2 * 2 / 5) / 5, 1.0))


# ---------------------------------------------------------------- grouping
def test_reports_of_one_event_across_days_outlets_and_sectors_are_one_event():
    rows = [report(1, "Russian forces shelled Kharkiv on Monday, killing 12 civilians.", place=KHARKIV),
            report(2, "Russia bombarded Kharkiv on Monday and at least 11 people were killed.", source="RUS",
                   day="2024-03-05", published="2024-03-05"),
            report(3, "Twelve civilians died when Russian artillery hit Kharkiv.", target="---CVL", place=KHARKIV)]
    assert ids(group(rows)) == [[1, 2, 3]]


def test_same_day_look_alikes_stay_apart_by_place_or_figures():
    rows = [report(1, "Russian drones struck Kharkiv on Monday, killing 12 civilians.", place=KHARKIV),
            report(2, "Russian drones struck Odesa on Monday, killing 12 people.", place=ODESA),
            report(3, "Russian drones struck a city on Monday, killing three dock workers."),
            report(4, "A Russian drone attack on Monday left 12 people dead in Kharkiv.", place=KHARKIV)]
    assert ids(group(rows)) == [[1, 4], [2], [3]]


def test_a_toll_reported_slightly_differently_is_the_same_event_and_the_disagreement_is_kept():
    rows = [report(i, f"Russian shelling of Kharkiv killed {n} people on Monday.", cameo=code, place=KHARKIV,
                   outlet=outlet, document=doc)
            for i, (n, code, outlet, doc) in enumerate([(190, "194", "a.example", 1), (190, "194", "b.example", 2),
                                                        (193, "190", None, 3), (190, "194", "a.example", 4)])]
    (members,) = group(rows)
    record = summarise(members)
    assert record["agreement"]["figures"] == {"190": 3, "193": 1}
    assert record["cameo"] == "194" and record["agreement"]["cameo"] == {"194": 3, "190": 1}
    assert (record["reports"], record["articles"], record["sources"]) == (4, 4, 3)
    assert record["event_day"] == date(2024, 3, 4) and record["first_event_id"] == 0


def test_other_sides_other_roots_and_days_out_of_the_window_are_other_events():
    rows = [report(1, "Russian forces shelled Kharkiv."), report(2, "Russian forces shelled Kharkiv.", target="POL"),
            report(3, "Russian forces shelled Kharkiv.", root="18", cameo="180"),
            report(4, "Russian forces shelled Kharkiv.", day="2024-03-14"),
            report(5, "Forces shelled the outskirts overnight.", source=None, target="---CVL")]
    assert ids(group(rows)) == [[1], [2], [3], [4], [5]]


def test_reports_with_no_side_known_on_both_are_one_event_only_when_they_say_the_same():
    wire = "Gunmen attacked a checkpoint outside the city overnight, the police said."
    rows = [report(1, wire, source="---", target=None), report(2, wire, source=None, target="---COP"),
            report(3, "Gunmen attacked a bus outside the city overnight.", source="---", target=None)]
    assert ids(group(rows)) == [[1, 2], [3]]


def test_in_news_of_one_country_the_sides_are_compared_by_full_code():
    rows = [report(1, "Party leaders met the governor in Lucknow.", source="INDGOV", target="INDPTY", root="04"),
            report(2, "Party leaders met the governor in Lucknow.", source="INDREL", target="INDPTY", root="04"),
            report(3, "Party leaders met the governor in Lucknow on Thursday.", source="IND", target="INDPTY",
                   root="04")]
    assert ids(group(rows)) == [[1, 3], [2]]


def test_reports_of_one_countrys_own_affairs_need_more_likeness_than_those_between_two_countries():
    first, second = ("Ministers met in the capital to discuss the budget.",
                     "Cabinet ministers met opposition leaders about the elections.")  # TF-IDF cosine about 0.2
    between = [report(1, first, source="RUSGOV", target="UKRGOV", root="04"),
               report(2, second, source="RUSGOV", target="UKRGOV", root="04")]
    within = [report(1, first, source="INDGOV", target="INDPTY", root="04"),
              report(2, second, source="INDGOV", target="INDPTY", root="04")]
    assert ids(group(between)) == [[1, 2]]
    assert ids(group(within)) == [[1], [2]]


def test_a_group_does_not_grow_by_a_chain_of_reports_each_like_only_the_last():
    strict = parameters().model_copy(update={"same_day_similarity": 0.3})
    rows = [report(1, "alpha bravo charlie delta"), report(2, "charlie delta echo foxtrot"),
            report(3, "echo foxtrot golf hotel")]
    assert ids(group(rows[:2], strict)) == [[1, 2]]
    assert ids(group(rows[1:], strict)) == [[2, 3]]
    assert ids(group(rows, strict)) == [[1, 2], [3]]


def test_grouping_does_not_depend_on_the_order_of_the_reports():
    rows = [report(i, f"Russian forces shelled Kharkiv on Monday, killing {n} people.", day=day)
            for i, (n, day) in enumerate([(12, "2024-03-04"), (12, "2024-03-05"), (25, "2024-03-06"),
                                          (25, "2024-03-06"), (4, "2024-03-20")])]
    expected = ids(group(rows))
    assert expected == [[0, 1], [2, 3], [4]]
    for seed in range(5):
        shuffled = rows[:]
        random.Random(seed).shuffle(shuffled)
        assert ids(group(shuffled)) == expected


def test_a_report_with_both_sides_known_reads_only_the_groups_it_may_join_and_groups_as_reading_all(monkeypatch):
    """A dense block (one root, a few days, many pairs of countries): a report whose sides are known is compared
    only with the open groups whose sides are among its own. The groups are those of comparing every report
    with every open group, in a fraction of the comparisons."""
    from accord.analysis import grouping

    rng = random.Random(19)
    sides = ["RUS", "RUSMIL", "UKR", "UKRGOV", "USA", "CHN", "CHNGOV", "FRA", "IND", "GBR", "TUR", "IRN", "---GOV"]
    words = "shelled struck city forces civilians killed talks met leaders border drones port".split()
    rows = [report(i, " ".join(rng.choices(words, k=6)), day=f"2024-03-{rng.randint(4, 9):02d}",
                   source=rng.choice(sides), target=rng.choice(sides), root=rng.choice(["19", "04"]),
                   place=rng.choice([None, KHARKIV, ODESA])) for i in range(700)]
    calls = {"n": 0}
    needed = grouping._needed

    def counted(*args):
        calls["n"] += 1
        return needed(*args)

    monkeypatch.setattr(grouping, "_needed", counted)
    indexed = ids(group(rows))
    by_index, calls["n"] = calls["n"], 0
    monkeypatch.setattr(grouping._OpenGroups, "candidates", lambda self, report: list(self.groups.values()))
    assert ids(group(rows)) == indexed
    assert by_index < calls["n"] / 2, (by_index, calls["n"])


def test_the_baseline_groups_by_actors_root_and_day():
    rows = [report(1, "x", place=KHARKIV), report(2, "y", place=ODESA), report(3, "z", day="2024-03-05")]
    assert ids(baseline(rows)) == [[1, 2], [3]]


def test_the_grouping_parameters_are_checked_with_file_and_line():
    assert parameters().window_days >= 1
    good = (__import__("importlib.resources").resources.files("accord")
            .joinpath("data/grouping/grouping.yaml").read_text("utf-8"))
    with pytest.raises(DictionaryError, match=r"grouping.yaml:\d+: window_days"):
        read_parameters(good.replace("window_days: 3", "window_days: -1"), "grouping.yaml")
    with pytest.raises(DictionaryError, match="symmetric_roots"):
        read_parameters(good.replace('symmetric_roots: ["03"', 'symmetric_roots: ["33"'), "grouping.yaml")


# ---------------------------------------------------------------- the store, the export and the dyad
TEXTS = [
    ("a1", "https://one.example/a1", date(2024, 3, 4),
     "Russian forces shelled the city of Kharkiv on Monday, killing 12 civilians, officials said."),
    ("a2", "https://two.example/a2", date(2024, 3, 5),
     "Russia bombarded Kharkiv in Ukraine on Monday and 12 people died, the regional governor said."),
    ("a3", "https://three.example/a3", date(2024, 3, 5),
     "Russian drones struck Ukraine's port of Odesa on Monday, killing three people."),
]


@pytest.fixture
def stored(pipeline, db_url):
    store = Store(db_url)
    for doc_id, url, published, text in TEXTS:
        (document,) = pipeline.code_documents([from_text(text, doc_id, doc_id, url=url, published=published)])
        store.add_document(document)
    yield store
    store.close()


def test_event_records_are_stored_with_their_reports_and_go_stale_when_reports_change(stored, pipeline):
    assert stored.grouping_stale()
    reports, events = group_store(stored)
    assert (reports, events) == (3, 2)
    assert not stored.grouping_stale()
    records = list(stored.event_records())
    kharkiv = next(r for r in records if r["reports"] == 2)
    assert (kharkiv["articles"], kharkiv["sources"], kharkiv["source_country"], kharkiv["target_country"]) == (
        2, 2, "RUS", "UKR")
    assert kharkiv["first_report"] == date(2024, 3, 4) and kharkiv["last_report"] == date(2024, 3, 5)
    assert kharkiv["agreement"]["figures"] == {"12": 2}
    detail = stored.event_record(kharkiv["id"])
    assert [r["doc_id"] for r in detail["reports_list"]] == ["a1", "a2"]
    assert stored.record_of(detail["reports_list"][0]["id"]) == kharkiv["id"]
    group_store(stored)  # regrouping gives the same records
    assert [(r["first_event_id"], r["reports"]) for r in stored.event_records()] == [
        (r["first_event_id"], r["reports"]) for r in records]
    (document,) = pipeline.code_documents([from_text("Russia shelled Kharkiv on Tuesday.", "a4", "a4",
                                                     url="https://four.example/a4", published=date(2024, 3, 5))])
    stored.add_document(document)
    assert stored.grouping_stale()


def test_export_and_dyad_count_events_with_reports_one_option_away(stored):
    group_store(stored)
    out = io.StringIO()
    assert export(stored, "csv", None, out, Filters(), unit="event") == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert sorted(int(r["reports"]) for r in rows) == [1, 2]
    assert json.loads(next(r for r in rows if r["reports"] == "2")["agreement"])["figures"] == {"12": 2}
    assert export(stored, "csv", None, io.StringIO(), Filters(), unit="report") == 3
    gdelt = io.StringIO()
    export(stored, "gdelt", None, gdelt, Filters(), unit="event")
    assert sorted(line.split("\t")[31] for line in gdelt.getvalue().splitlines()) == ["1", "2"]  # NumMentions
    plover = io.StringIO()
    export(stored, "plover", None, plover, Filters(), unit="event")
    assert sorted(json.loads(line)["reports"] for line in plover.getvalue().splitlines()) == [1, 2]
    events = dyad_series(stored, "RUS", "UKR", "month", unit="event")
    reports = dyad_series(stored, "RUS", "UKR", "month", unit="report")
    assert (events.total, reports.total) == (2, 3)
    assert sum(stored.status_counts(actor="RUS", partner="UKR", unit="event").values()) == 2
    network = {unit: relation_network(stored, unit=unit) for unit in ("event", "report")}
    assert (network["event"]["RUS"]["UKR"]["events"], network["report"]["RUS"]["UKR"]["events"]) == (2, 3)
    assert sum(stored.status_counts(actor="RUS", partner="UKR").values()) == 3


def test_the_cli_exports_events_by_default_regrouping_a_stale_store_and_reports_with_unit_report(stored):
    url = stored.url
    result = runner.invoke(app, ["export", "--format", "csv", "--db", url])
    assert result.exit_code == 0, result.output
    assert "grouped 3 reports into 2 events" in result.stderr
    assert len(list(csv.DictReader(io.StringIO(result.stdout)))) == 2
    result = runner.invoke(app, ["export", "--format", "csv", "--unit", "report", "--db", url])
    assert len(list(csv.DictReader(io.StringIO(result.stdout)))) == 3
    result = runner.invoke(app, ["dyad", "RUS", "UKR", "--format", "jsonl", "--db", url])
    assert sum(json.loads(line)["events"] for line in result.stdout.splitlines()) == 2
    result = runner.invoke(app, ["network", "--format", "json", "--db", url])
    assert [edge["events"] for edge in json.loads(result.stdout)["edges"]] == [2]
    result = runner.invoke(app, ["group", "--db", url])
    assert result.exit_code == 0 and "grouped 3 reports into 2 events" in result.stderr


def test_an_event_page_and_its_api_list_the_events_reports_one_click_from_their_documents(stored):
    from fastapi.testclient import TestClient

    from accord.web.app import create_app

    group_store(stored)
    kharkiv = next(r for r in stored.event_records() if r["reports"] == 2)
    client = TestClient(create_app(stored, token=""))
    page = client.get(f"/event-records/{kharkiv['id']}")
    assert page.status_code == 200
    assert "2 from 2 sources in 2 articles" in page.text and "2 reports 12" in page.text
    documents = {row["document_id"] for row in stored.event_record(kharkiv["id"])["reports_list"]}
    assert all(f'href="/documents/{d}#event-' in page.text for d in documents)
    data = client.get(f"/api/event-records/{kharkiv['id']}").json()
    assert (data["reports"], data["source"]["country"], len(data["report_list"])) == (2, "RUS", 2)
    assert data["agreement"]["figures"] == {"12": 2}
    assert client.get("/api/event-records/999").status_code == 404


# ---------------------------------------------------------------- the scorer on the project's own set
def test_grouping_beats_the_same_actors_root_and_day_baseline_on_the_test_set(pipeline):
    from accord.evaluate.grouping import evaluate

    result = evaluate(pipeline)
    assert result.sizes["all"] >= 130
    figures = result.figures
    assert figures["accord CoNLL F1"]["all"] > figures["baseline CoNLL F1"]["all"] + 0.05
    assert figures["accord B3 precision"]["all"] >= 0.95


def test_a_correction_that_changes_an_event_makes_its_event_record_stale_and_a_plain_right_does_not(stored):
    group_store(stored)
    first, second = [r["first_event_id"] for r in stored.event_records()][:2]
    stored.correct_event(first, verdict="right", analyst="ana")
    assert not stored.grouping_stale()  # nothing the record agreed on changed
    stored.correct_event(second, verdict="corrected", fields={"cameo": "193"}, analyst="ana")
    assert stored.grouping_stale()  # the record no longer holds what its report now says
    group_store(stored)
    assert not stored.grouping_stale()
    assert any(r["cameo"] == "193" for r in stored.event_records())


def strike(evidence, day, source="RUS", target="UKR", root="19", cameo="190"):
    return {"evidence": evidence, "source_code": source, "source_country": source[:3], "target_code": target,
            "target_country": target[:3], "cameo": cameo, "root": root, "quad_class": 4, "goldstein": -10.0,
            "status": "occurred", "date": day}


def records_of(store):
    """Each record's reports and what it says, as a set (record ids aside)."""
    return {(tuple(sorted(r["id"] for r in store.event_record(record["id"])["reports_list"])),
             record["cameo"], record["source_code"], record["event_day"], record["reports"])
            for record in store.event_records(Filters(statuses=("occurred", "wrong")))}


def test_accord_group_regroups_only_the_blocks_changes_touch_and_gives_what_a_full_regroup_gives(db_url):
    from accord.analysis import grouping

    from .conftest import write_events

    store = Store(db_url)
    write_events(store, "first", date(2024, 3, 5), [
        strike("Russian forces shelled Kharkiv on Monday, killing 12 civilians.", "2024-03-04"),
        strike("Russia bombarded Kharkiv on Monday and at least 11 people were killed.", "2024-03-04"),
        strike("Russian drones struck the port of Odesa on Tuesday.", "2024-03-05"),
        strike("Ukraine's president met France's leader in Paris.", "2024-06-10", "UKRGOV", "FRAGOV", "04", "040"),
        strike("The Ukrainian and French presidents held talks in Paris on Monday.", "2024-06-10", "UKRGOV", "FRA",
               "04", "040")])
    assert group_store(store) == (5, 4)  # no grouping kept yet: every report grouped
    june = {r["id"] for r in store.event_records() if r["root"] == "04"}
    write_events(store, "second", date(2024, 3, 6), [
        strike("Twelve civilians died when Russian artillery hit Kharkiv on Monday.", "2024-03-04"),
        strike("A Russian missile hit Odesa's port on Tuesday, officials said.", "2024-03-05"),
        strike("Russian troops attacked Kharkiv on Friday, killing 4.", "2024-03-08")])
    regrouped = []
    grouped = grouping._grouped
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(grouping, "_grouped", lambda reports, *args: regrouped.append(len(reports))
                      or grouped(reports, *args))
        assert group_store(store) == (8, 5)
        assert regrouped == [6]  # the March block only: June's words and reports did not change
    assert june <= {r["id"] for r in store.event_records()}  # its record stands as it was
    assert not store.grouping_stale()
    write_events(store, "third", date(2024, 6, 12), [
        strike("France and Ukraine signed a security pact on Wednesday.", "2024-06-12", "FRA", "UKR", "05", "057")])
    (odesa,) = [e["id"] for e in store.document(1)["events"] if "Odesa" in e["evidence"]]
    store.correct_event(odesa, verdict="corrected", fields={"cameo": "193"}, analyst="ana")
    group_store(store)
    incremental = records_of(store)
    assert len(incremental) == 5  # June's new words joined its two meetings; the corrected Odesa strike
    assert group_store(store, full=True) == (9, 5)
    assert records_of(store) == incremental
    store.close()


def test_the_period_digests_are_the_same_in_every_process():
    """(Before: the stop words, a set, were written in the order of the process's string hashes, so every
    `accord group` found every period changed and regrouped everything.)"""
    import subprocess
    import sys

    script = ("from datetime import date; from accord.analysis.grouping import period_digests; "
              "print(period_digests([{'id': 1, 'event_day': date(2024, 3, 4), 'date_precision': 'day'}]))")
    answers = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              env={**__import__("os").environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2", "3")}
    assert len(answers) == 1


def test_regrouping_what_changed_gives_what_grouping_everything_gives_over_random_changes():
    """Reports added and taken away at random, over roots and months: after each change, the records the
    last grouping left with those ``regroup`` removes and adds are the groups of grouping every report."""
    from accord.analysis.grouping import period_digests, regroup

    rng = random.Random(7)
    words = "shelled struck city forces civilians killed talks met leaders border drones port".split()
    sides = ["RUS", "RUSMIL", "UKR", "USA", "CHN", "FRA", None]

    def fresh(i):
        day = f"2024-{rng.randint(3, 5):02d}-{rng.randint(1, 28):02d}"
        return report(i, " ".join(rng.choices(words, k=6)), day=day, source=rng.choice(sides),
                      target=rng.choice(sides), root=rng.choice(["19", "04"]))

    rows, next_id = [fresh(i) for i in range(150)], 150
    records = {n: [m["id"] for m in g] for n, g in enumerate(group(rows))}
    digests, numbers = period_digests(rows), iter(range(len(records), 10**6))
    for _ in range(6):
        rows = [r for r in rows if rng.random() > 0.05] + [fresh(next_id + i) for i in range(20)]
        next_id += 20
        alive = {r["id"] for r in rows}
        links = {i: n for n, members in records.items() for i in members if i in alive}
        done = regroup(rows, links, {n: len(m) for n, m in records.items()}, digests)
        records = {n: m for n, m in records.items() if n not in done.removed}
        records.update({next(numbers): members for _, members in done.records})
        digests = done.periods
        assert sorted(sorted(m) for m in records.values()) == ids(group(rows))
