"""Analysts' corrections (store, analysis/corrections.py) and `accord recode` (recode.py)."""
from __future__ import annotations

import json
from datetime import date

import pytest

from accord.analysis.codes import AnalysisError
from accord.analysis.corrections import Precision, correction
from accord.ingest.readers import from_text
from accord.recode import recode
from accord.store import Filters, Store, StoreError

TEXT = ("Japan and the Philippines signed a defence pact in Manila on Monday. China condemned the pact on Tuesday. "
        "Vietnam did not meet Japan.")


@pytest.fixture
def store(db_url):
    opened = Store(db_url)
    yield opened
    opened.close()


def coded(pipeline, text=TEXT, doc_id="a"):
    (result,) = list(pipeline.code_documents([from_text(text, doc_id, doc_id, published=date(2024, 4, 8))]))
    return result


def by_trigger(store, trigger, source=None):
    (document_id,) = store.document_ids()
    rows = [r for r in store.document(document_id)["events"]
            if r["trigger_text"] == trigger and (source is None or r["source_code"] == source)]
    assert len(rows) == 1, rows
    return rows[0]


def test_a_correction_is_kept_beside_the_coders_values_and_every_read_shows_it(rules_pipeline, store):
    store.add_document(coded(rules_pipeline))
    signed = by_trigger(store, "signed", "JPN")
    verdict, fields = correction(verdict="right", code="0311", target="PHLGOV", date="2024-04-09", place="Manila",
                                 place_country="PHL")
    assert verdict == "corrected" and fields["root"] == "03" and fields["target_country"] == "PHL"
    first = store.correct_event(signed["id"], verdict=verdict, fields=fields, analyst="ana")
    row = store.event(signed["id"])
    assert (row["cameo"], row["target_code"], row["date"], row["event_day"], row["place_name"]) == \
        ("0311", "PHLGOV", "2024-04-09", date(2024, 4, 9), "Manila")
    assert row["correction_id"] == first
    assert json.loads(row["coded"])["cameo"] == "057" and json.loads(row["coded"])["target_code"] == "PHL"
    # a later correction of the status only: the code stays corrected, the newest wins where both speak
    second = store.correct_event(signed["id"], verdict="corrected", fields={"cameo": "057", "root": "05",
                                                                            "quad_class": 1, "goldstein": 8.0},
                                 analyst="bo")
    row = store.event(signed["id"])
    assert row["cameo"] == "057" and row["target_code"] == "PHLGOV" and row["correction_id"] == second
    trail = store.corrections(event_id=signed["id"])
    assert [(c["analyst"], c["verdict"]) for c in trail] == [("ana", "corrected"), ("bo", "corrected")]
    assert trail[0]["coded"]["cameo"] == "057" and trail[0]["fields"]["cameo"] == "0311"
    # the pair views count the corrected sides
    pairs = {(r["source"], r["target"]): r["events"] for r in store.relation_counts(level="actor")}
    assert pairs.get(("JPN", "PHLGOV")) == 1 and ("JPN", "PHL") not in pairs


def test_an_event_marked_wrong_is_left_out_of_every_count(rules_pipeline, store):
    store.add_document(coded(rules_pipeline))
    condemned = by_trigger(store, "condemned")
    before = store.counts()["events"]
    assert any(r["id"] == condemned["id"] for r in store.events())
    store.correct_event(condemned["id"], verdict="wrong", analyst="ana")
    assert all(r["id"] != condemned["id"] for r in store.events())
    assert all(r["id"] != condemned["id"] for r in store.events(Filters(statuses=("occurred", "ongoing", "planned",
                                                                                   "intended", "conditional",
                                                                                   "negated", "alleged"))))
    assert "wrong" not in store.status_counts() and store.status_counts()["occurred"] >= 2
    assert sum(r["events"] for r in store.day_counts(actor="CHN")) == 0
    assert store.counts()["events"] == before  # the coder's row is still there
    assert json.loads(store.event(condemned["id"])["coded"]) == {"status": "occurred"}


def test_a_reviewed_event_passes_any_confidence_floor_and_one_marked_wrong_none(rules_pipeline, store):
    from sqlalchemy import update

    from accord.analysis.filters import every_status
    from accord.store.schema import events

    store.add_document(coded(rules_pipeline))
    with store.engine.begin() as conn:  # every event as unsure as can be: only a review keeps one above 0.5
        conn.execute(update(events).values(confidence=0.2))
    signed, condemned = by_trigger(store, "signed", "JPN"), by_trigger(store, "condemned")
    store.correct_event(signed["id"], verdict="right", analyst="ana")
    store.correct_event(condemned["id"], verdict="wrong", analyst="ana")
    assert store.event(signed["id"])["confidence"] == pytest.approx(0.2)  # the coder's figure is kept
    floor = Filters(min_confidence=0.5, statuses=every_status())
    assert [r["id"] for r in store.events(floor)] == [signed["id"]]
    assert [r["id"] for r in store.events(Filters(actor="JPN", limit=10, min_confidence=0.5))] == [signed["id"]]
    assert store.status_counts(min_confidence=0.5) == {signed["status"]: 1}
    assert store.status_counts(actor="CHN", min_confidence=0.5) == {}
    assert sum(r["events"] for r in store.day_counts(min_confidence=0.5, statuses=every_status())) == 1
    # with no floor, every status: everything but the event marked wrong
    every = [r["id"] for r in store.events(Filters(statuses=every_status()))]
    assert signed["id"] in every and condemned["id"] not in every and len(every) == store.counts()["events"] - 1


def test_a_correction_needs_a_known_verdict_field_and_event(rules_pipeline, store):
    store.add_document(coded(rules_pipeline))
    signed = by_trigger(store, "signed", "JPN")
    with pytest.raises(StoreError, match="verdict"):
        store.correct_event(signed["id"], verdict="maybe", analyst="ana")
    with pytest.raises(StoreError, match="evidence"):
        store.correct_event(signed["id"], verdict="corrected", fields={"evidence": "x"}, analyst="ana")
    with pytest.raises(StoreError, match="no event"):
        store.correct_event(10_000, verdict="right", analyst="ana")
    for bad in ({"code": "999"}, {"date": "2024-02-30"}, {"status": "wrongly"}, {"source": "Atlantis"},
                {"place_country": "XX"}, {"verdict": "maybe"}):
        with pytest.raises(AnalysisError):
            correction(**{"verdict": "right", **bad}, store=store)
    assert store.corrections() == []


class ChangedCoder:
    """The current coder, then a rule change: 'signed' is now 0311 and the 'condemned' event is no more."""

    def __init__(self, pipeline) -> None:
        self.pipeline = pipeline

    def code_documents(self, items):
        for document in self.pipeline.code_documents(items):
            document.events = [e for e in document.events if e.trigger.text != "condemned"]
            for event_ in document.events:
                if event_.trigger.text == "signed":
                    event_.cameo, event_.root = "0311", "03"
            yield document


def test_recode_lists_what_changed_and_every_correction_survives_and_wins(rules_pipeline, store, monkeypatch):
    monkeypatch.setenv("ACCORD_CODER_VERSION", "coder-1")
    document_id = store.add_document(coded(rules_pipeline)).document_id
    signed = by_trigger(store, "signed", "JPN")
    meet = by_trigger(store, "meet", "VNM")
    condemned = by_trigger(store, "condemned")
    store.correct_event(signed["id"], verdict="corrected", fields={"status": "planned"}, analyst="ana")
    store.correct_event(meet["id"], verdict="wrong", analyst="bo")
    store.correct_event(condemned["id"], verdict="right", analyst="cy")

    monkeypatch.setenv("ACCORD_CODER_VERSION", "coder-2")
    (report,) = list(recode(store, ChangedCoder(rules_pipeline)))
    assert (report.document_id, report.coder_before, report.coder_after) == (document_id, "coder-1", "coder-2")
    assert [r["trigger_text"] for r in report.removed] == ["condemned"] and report.added == []
    assert sorted((c["before"]["source_code"], c["what"], c["before"]["cameo"], c["after"]["cameo"])
                  for c in report.changed) == [("JPN", ["code"], "057", "0311"), ("PHL", ["code"], "057", "0311")]
    assert report.changed[0]["before"]["evidence"].startswith("Japan and the Philippines signed")
    assert sorted(c["analyst"] for c in report.kept) == ["ana", "bo"]
    assert [(c["analyst"], c["trigger_text"]) for c in report.detached] == [("cy", "condemned")]

    signed_now = by_trigger(store, "signed", "JPN")
    assert signed_now["status"] == "planned" and signed_now["cameo"] == "0311"  # the correction wins; the coder's code
    assert json.loads(signed_now["coded"]) == {"status": "occurred"}
    assert by_trigger(store, "meet", "VNM")["status"] == "wrong"
    assert by_trigger(store, "meet", "JPN")["status"] == "negated"  # the other side's event is not corrected
    assert len(store.corrections()) == 3  # the detached correction is kept
    assert {r["coder_version"] for r in store.document(document_id)["events"]} == {"coder-2"}

    # re-coding again with the first coder brings the vanished event back, and its correction finds it
    (again,) = list(recode(store, rules_pipeline))
    assert [r["trigger_text"] for r in again.added] == ["condemned"] and again.detached == []
    assert by_trigger(store, "condemned")["correction_id"] is not None


def test_re_ingesting_with_a_newer_coder_keeps_the_corrections(rules_pipeline, store, monkeypatch):
    store.add_document(coded(rules_pipeline))
    store.correct_event(by_trigger(store, "condemned")["id"], verdict="corrected", fields={"date": "2024-04-01"},
                        analyst="ana")
    monkeypatch.setenv("ACCORD_CODER_VERSION", "a-newer-coder")
    assert store.add_document(coded(rules_pipeline)).action == "replaced"
    row = by_trigger(store, "condemned")
    assert row["date"] == "2024-04-01" and row["coder_version"] == "a-newer-coder"


def test_precision_of_a_reviewed_sample_has_a_95_percent_interval():
    estimate = Precision(reviewed=200, right=172)
    low, high = estimate.interval()
    assert estimate.share == pytest.approx(0.86) and low == pytest.approx(0.805, abs=0.005) \
        and high == pytest.approx(0.902, abs=0.005)
    assert str(estimate).startswith("of 200 reviewed, 172 right: precision 0.86")
    assert str(Precision(0, 0)) == "no event reviewed yet"


def test_accord_recode_with_a_changed_dictionary_lists_the_change_and_keeps_the_correction(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from accord.cli import app

    runner = CliRunner()
    db = str(tmp_path / "a.db")
    article = tmp_path / "a.txt"
    article.write_text(TEXT)
    assert runner.invoke(app, ["ingest", str(article), "--db", db, "--published", "2024-04-08"]).exit_code == 0
    store = Store(db)
    signed = by_trigger(store, "signed", "JPN")
    store.correct_event(signed["id"], verdict="corrected", fields={"status": "planned"}, analyst="ana")
    store.close()
    mine = tmp_path / "mine.yaml"
    mine.write_text("- name: China\n  code: CHNGOV\n")  # a user entry wins over the built-in country
    monkeypatch.setenv("ACCORD_CODER_VERSION", "with-my-dictionary")
    result = runner.invoke(app, ["recode", "--db", db, "--dictionary", str(mine)])
    assert result.exit_code == 0, result.output
    assert "coder " in result.output and "→ with-my-dictionary" in result.output
    assert "~ changed  source CHN→CHNGOV: 111 CHNGOV→- occurred 'condemned'" in result.output
    assert "correction 1 (ana, corrected) kept on event" in result.output
    assert "1 documents re-coded, 1 changed: 0 events added, 0 removed, 1 changed; corrections: 1 kept" \
        in result.output
    store = Store(db)
    assert by_trigger(store, "signed", "JPN")["status"] == "planned"
    store.close()


def test_corrections_export_as_annotations_that_training_reads_and_as_dictionary_entries(rules_pipeline, tmp_path,
                                                                                         monkeypatch):
    import yaml
    from typer.testing import CliRunner

    from accord.actors.formats import build_dictionary
    from accord.cli import app
    from accord.learn.train import corrections_examples, read_corrections

    db = str(tmp_path / "c.db")
    store = Store(db)
    store.add_document(coded(rules_pipeline))
    store.correct_event(by_trigger(store, "condemned")["id"], verdict="wrong", analyst="ana")
    signed = by_trigger(store, "signed", "JPN")["id"]
    verdict, fields = correction(verdict="right", target="PHLGOV", store=store)
    store.correct_event(signed, verdict=verdict, fields=fields, analyst="bo")
    store.close()
    runner = CliRunner()
    annotations, dictionary = tmp_path / "corrections.jsonl", tmp_path / "actors.yaml"
    assert runner.invoke(app, ["corrections", "export", "--db", db, "-o", str(annotations)]).exit_code == 0
    assert runner.invoke(app, ["corrections", "export", "--db", db, "-f", "dictionary", "-o",
                               str(dictionary)]).exit_code == 0

    records = {r["text"]: r for r in read_corrections(annotations, rules_pipeline.ontology)}
    condemned = records["China condemned the pact on Tuesday."]
    assert condemned["events"] == [] and [(e["cameo"], e["source"][0]["code"]) for e in condemned["wrong"]] == \
        [("111", "CHN")]
    (event_,) = records["Japan and the Philippines signed a defence pact in Manila on Monday."]["events"]
    assert (event_["cameo"], event_["target"], event_["verdict"], event_["analyst"]) == \
        ("057", [{"text": "Philippines", "code": "PHLGOV"}], "corrected", "bo")

    examples = corrections_examples(rules_pipeline, annotations)
    labels = sorted((e.group, e.type_right, e.sides_right) for e in examples)
    assert ("correction-1-1", False, None) in labels  # the candidate marked wrong teaches "not this type"
    assert any(type_right and group == "correction-1-0" for group, type_right, _ in labels)

    assert yaml.safe_load(dictionary.read_text()) == [{"name": "Philippines", "code": "PHLGOV"}]
    user = build_dictionary([dictionary])  # the user-dictionary reader takes it as it is
    assert user is not None

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "A sentence.", "events": [{"cameo": "999"}]}\n')
    from accord.errors import DictionaryError

    with pytest.raises(DictionaryError, match="bad.jsonl.*1.*not a CAMEO event code"):
        read_corrections(bad, rules_pipeline.ontology)


def test_training_with_corrections_changes_what_the_model_says_of_a_candidate_marked_wrong(rules_pipeline, tmp_path):
    pytest.importorskip("sklearn")
    from accord.analysis.corrections import annotation_records
    from accord.learn.train import Example, _fit, corrections_examples

    store = Store(str(tmp_path / "t.db"))
    store.add_document(coded(rules_pipeline))
    store.correct_event(by_trigger(store, "condemned")["id"], verdict="wrong", analyst="ana")
    path = tmp_path / "corrections.jsonl"
    path.write_text("".join(json.dumps(r, default=str) + "\n" for r in annotation_records(store)))
    store.close()
    (wrong,) = [e for e in corrections_examples(rules_pipeline, path) if e.type_right is False]
    base = [Example(f"d{n}", "test", {"bias": 1.0, "w=goal": 1.0}, False, None) for n in range(20)]
    base += [Example(f"e{n}", "test", {"bias": 1.0, **wrong.features}, True, None) for n in range(20)]
    without, _ = _fit(base, lambda e: bool(e.type_right), 1.0)
    with_corrections, _ = _fit(base + [wrong] * 20, lambda e: bool(e.type_right), 1.0)
    assert with_corrections != without
    assert with_corrections.probability(wrong.features) < without.probability(wrong.features) - 0.1
