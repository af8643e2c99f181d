"""accord news sentences: formats, validation, span conversion, scoring, agreement and the sample's
reproducibility (the last reads ../shared)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from accord.evaluate import newssents as ns
from accord.evaluate.newssents import ActorSpan, GoldEvent, GoldSentence, SampleRow, Texts
from accord.evaluate.split import text_half
from accord.events import ontology
from accord.model import Actor, ActorRef, Event, Span

# Sentences written for these tests.
SENTENCE = "Police fired on protesters in Lahore, and police later detained two protesters."
DOCUMENT = "Headline of a made-up story\n\n" + SENTENCE + " Nothing else happened."


def _row(ident: str = "ns-0001") -> SampleRow:
    start = DOCUMENT.index(SENTENCE)
    return SampleRow(ident, "corpus", "polnear/made-up", start, start + len(SENTENCE), text_half(SENTENCE),
                     ns.digest(SENTENCE))


def _texts() -> Texts:
    return Texts(Path("nowhere"), {"corpus": {"polnear/made-up": DOCUMENT}})


def _write(path: Path, records: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), "utf-8")
    return path


GOOD = {"id": "ns-0001", "events": [{"cameo": "180", "status": "occurred", "trigger": [7, 12],
                                     "source": [[0, 6, "PAKCOP"]], "target": [[16, 26, "PAKCVL"]],
                                     "mutual": False}], "flags": [], "note": ""}


# ------------------------------------------------------------------------------------- loading


def test_a_good_record_loads_with_offsets_relative_to_the_sentence(tmp_path):
    path = _write(tmp_path / "annotator-t.jsonl", [GOOD])
    sentences, problems = ns.read_annotations(path, {"ns-0001": _row()}, _texts())
    assert problems == []
    (sentence,) = sentences
    assert sentence.text == SENTENCE and sentence.half == text_half(SENTENCE)
    (event,) = sentence.events
    assert SENTENCE[slice(*event.trigger)] == "fired"
    assert event.sources == (ActorSpan(0, 6, "PAKCOP"),)
    assert event.plover_type == "ASSAULT"
    assert sentence.to_dict() == GOOD


@pytest.mark.parametrize("change, reason", [
    ({"cameo": "999"}, "CAMEO code '999'"),
    ({"status": "happened"}, "status 'happened'"),
    ({"trigger": [70, 200]}, "outside the sentence"),
    ({"trigger": [6, 12]}, "begins or ends with a space"),
    ({"source": [[0, 6, "XYZGOV"]]}, "does not start with a country"),
    ({"source": [[0, 6, "PAKFOO"]]}, "FOO is not a role"),
    ({"mutual": "yes"}, "mutual must be true or false"),
    ({"when": "today"}, "unknown field(s) when"),
])
def test_each_bad_event_is_reported_with_file_line_and_id(tmp_path, change, reason):
    bad = json.loads(json.dumps(GOOD))
    bad["id"] = "ns-0002"
    bad["events"][0].update(change)
    path = _write(tmp_path / "annotator-t.jsonl", [GOOD, bad])
    sample = {"ns-0001": _row(), "ns-0002": _row("ns-0002")}
    sentences, problems = ns.read_annotations(path, sample, _texts())
    assert [s.id for s in sentences] == ["ns-0001"]  # the good line is kept
    assert len(problems) == 1 and problems[0].startswith(f"{path}:2: ns-0002: event 1: ")
    assert reason in problems[0]


@pytest.mark.parametrize("record, reason", [
    ({"id": "ns-0001", "events": [], "flags": []}, "say so with the flag no-event"),
    ({**GOOD, "flags": ["no-event"]}, "no-event goes with an empty event list"),
    ({"id": "ns-0001", "events": [], "flags": ["no-event", "sarcastic"]}, "sarcastic unknown"),
    ({"id": "ns-0009", "events": [], "flags": ["no-event"]}, "not in the sample"),
    ("{not json", "not JSON"),
])
def test_bad_records_are_reported(tmp_path, record, reason):
    path = _write(tmp_path / "annotator-t.jsonl", [record])
    sentences, problems = ns.read_annotations(path, {"ns-0001": _row()}, _texts())
    assert sentences == [] and len(problems) == 1 and reason in problems[0] and f"{path}:1:" in problems[0]


def test_an_id_annotated_twice_in_one_file_is_reported(tmp_path):
    path = _write(tmp_path / "annotator-t.jsonl", [GOOD, GOOD])
    sentences, problems = ns.read_annotations(path, {"ns-0001": _row()}, _texts())
    assert len(sentences) == 1 and "annotated twice" in problems[0] and ":2:" in problems[0]


def test_the_sample_is_checked_against_the_texts(tmp_path):
    good = _row().to_dict()
    moved = {**_row("ns-0002").to_dict(), "start": good["start"] + 1}
    wrong_half = {**_row("ns-0003").to_dict(), "half": "check" if good["half"] == "tune" else "tune"}
    path = _write(tmp_path / "sample.jsonl", [good, moved, wrong_half, {**good, "set": "wiki"}, good,
                                              {**good, "id": "ns-0004", "sha1": "a sentence"}])
    with pytest.raises(ns.AnnotationError) as caught:
        ns.load_sample(path, _texts())
    problems = caught.value.problems
    assert len(problems) == 5
    assert f"{path}:2: ns-0002: the text at corpus/polnear/made-up" in problems[0] and "changed" in problems[0]
    assert f"{path}:3: ns-0003: half" in problems[1]
    assert f"{path}:4: set 'wiki'" in problems[2]
    assert f"{path}:5: ns-0001 given twice" in problems[3]
    assert f"{path}:6: sha1 'a sentence' is not ten hexadecimal digits" in problems[4]


def test_actor_codes():
    codes = ns.actor_codes()
    for good in ("JPN", "JPNGOV", "USAGOVLEG", "---", "---MIL", "IGOUNO", "IGO", "NGOHRIAMN", "AFGINSTAL", "INDINS"):
        assert codes.problem(good) is None, good
    for bad in ("", "JP", "XYZ", "JPNFOO", "IGOun", "jpn", None):
        assert codes.problem(bad), bad


# ------------------------------------------------------------------------------ authoring format


def test_span_texts_become_offsets_and_back():
    assert ns.locate(SENTENCE, "police") == (42, 48)  # lower-case: the second word "police", whole words
    assert ns.locate(SENTENCE, "protesters#2") == (68, 78)
    assert ns.locate(SENTENCE, "two   protesters") == (64, 78)  # spacing need not match
    assert ns.locate("A policeman met police.", "police") == (16, 22)  # never inside a longer word
    with pytest.raises(ValueError, match="occurs 2 time"):
        ns.locate(SENTENCE, "protesters#3")
    with pytest.raises(ValueError, match="written 'Police' there"):
        ns.locate(SENTENCE, "POLICE")
    authoring = {"id": "ns-0001", "text": SENTENCE, "flags": [], "note": "", "events": [
        {"cameo": "173", "status": "occurred", "trigger": "detained",
         "source": [{"text": "police#1", "code": "PAKCOP"}], "target": [{"text": "protesters#2", "code": "PAKCVL"}],
         "mutual": False}]}
    stored = ns.from_authoring(authoring, SENTENCE)
    assert stored["events"][0]["target"] == [[68, 78, "PAKCVL"]]
    sentence = ns.parse_record(stored, _row(), SENTENCE)
    back = ns.to_authoring(sentence)
    assert back["events"][0]["target"] == [{"text": "protesters#2", "code": "PAKCVL"}]
    assert back["events"][0]["source"] == [{"text": "police", "code": "PAKCOP"}]


def test_authoring_problems_name_the_event_and_side():
    record = {"id": "ns-0001", "events": [{"cameo": "173", "status": "occurred", "trigger": "fired",
                                           "source": [{"text": "soldiers", "code": "PAKMIL"}], "target": []}]}
    with pytest.raises(ValueError, match="event 1: source 'soldiers': 'soldiers' is not in the sentence"):
        ns.from_authoring(record, SENTENCE)


# ------------------------------------------------------------------------------------- scoring


def _gold(events: list[GoldEvent], ident: str = "s1") -> GoldSentence:
    return GoldSentence(id=ident, half="tune", text="(made up)", events=tuple(events))


def _g(cameo: str, sources=("PAKCOP",), targets=("PAKCVL",), mutual=False, status="occurred") -> GoldEvent:
    return GoldEvent(cameo, status, (0, 1), tuple(ActorSpan(0, 1, c) for c in sources),
                     tuple(ActorSpan(0, 1, c) for c in targets), mutual)


def _p(cameo: str, source: str | None = "PAKCOP", target: str | None = "PAKCVL", at: int = 0,
       status: str = "occurred") -> Event:
    code = ontology.load()[cameo]

    def ref(actor_code):
        return ActorRef(Actor(actor_code, actor_code[:3], actor_code), actor_code, 0, 1) if actor_code else None

    return Event(sentence=0, evidence="", source=ref(source), target=ref(target), trigger=Span("x", at, at + 1),
                 cameo=cameo, root=code.root, quad_class=code.quad_class, goldstein=code.goldstein,
                 plover=code.plover(), status=status)


def test_a_right_event_scores_one_and_a_wrong_country_only_on_type():
    counts = ns.score([_gold([_g("180")])], {"s1": [_p("180")]})
    assert (counts.precision, counts.recall, counts.f1, counts.status_agreement) == (1.0, 1.0, 1.0, 1.0)
    counts = ns.score([_gold([_g("180")])], {"s1": [_p("183", source="INDCOP")]})  # same type, other country
    assert (counts.matched, counts.type_matched, counts.f1, counts.type_f1) == (0, 1, 0.0, 1.0)
    assert counts.misses == ["s1: missed PAK 180 ASSAULT PAK; extra IND 183 ASSAULT PAK"]


def test_an_open_gold_side_matches_any_predicted_side():
    gold = [_gold([_g("180", sources=(), targets=("---CVL",))])]  # no doer named; victims of no known country
    assert ns.score(gold, {"s1": [_p("180", source=None, target="SYRCVL")]}).matched == 1


def test_mutual_events_match_either_direction_and_a_symmetric_pair_counts_once():
    gold = [_gold([_g("040", sources=("JPNGOV",), targets=("PHLGOV",), mutual=True)])]
    pair = [_p("040", "PHLGOV", "JPNGOV"), _p("040", "JPNGOV", "PHLGOV")]
    counts = ns.score(gold, {"s1": pair})
    assert (counts.gold, counts.predicted, counts.matched) == (1, 1, 1)
    one_way = [_gold([_g("112", sources=("JPNGOV",), targets=("PHLGOV",))])]
    assert ns.score(one_way, {"s1": [_p("112", "PHLGOV", "JPNGOV")]}).matched == 0


def test_coordinated_sides_are_one_dyad_each_and_matching_is_one_to_one():
    gold = [_gold([_g("112", sources=("IND", "PAK"), targets=("USA",))])]
    counts = ns.score(gold, {"s1": [_p("112", "IND", "USA"), _p("112", "IND", "USA", at=5)]})
    assert (counts.gold, counts.predicted, counts.matched) == (2, 2, 1)
    assert counts.recall == 0.5 and counts.precision == 0.5


def test_the_matching_is_the_largest_not_the_first_found():
    gold = [_gold([_g("190", targets=()), _g("190", targets=("INDCVL",))])]  # open target first
    counts = ns.score(gold, {"s1": [_p("190", target="INDCVL"), _p("190", target="CHNCVL")]})
    assert counts.matched == 2


def test_code_and_status_are_compared_on_like_pairs():
    events = [_g("1832", sources=(), targets=()), _g("190", sources=(), targets=(), status="ongoing")]
    result = ns.agreement([_gold(events)], [_gold(events)])
    assert result.events.matched == 2
    assert (result.events.cameo_agreement, result.events.status_agreement) == (1.0, 1.0)


def test_statements_are_counted_apart_from_the_headline():
    gold = [_gold([_g("013", targets=()), _g("180")])]
    counts = ns.score(gold, {"s1": [_p("013", target=None), _p("180")]})
    assert (counts.gold, counts.predicted, counts.matched) == (1, 1, 1)
    assert (counts.statements_gold, counts.statements_predicted, counts.statements_matched) == (1, 1, 1)


def test_an_international_actor_counts_by_its_first_three_letters():
    gold = [_gold([_g("112", sources=("IGOUNO",), targets=("SYRGOV",))])]
    assert ns.score(gold, {"s1": [_p("112", "IGOUNOHRI", "SYR")]}).matched == 1
    assert ns.score(gold, {"s1": [_p("112", "NGOHRIAMN", "SYR")]}).matched == 0


def test_a_sentence_accord_did_not_code_counts_its_gold_events_as_missed():
    counts = ns.score([_gold([_g("180")]), _gold([], "s2")], {})
    assert (counts.sentences, counts.gold, counts.predicted, counts.recall) == (2, 1, 0, 0.0)


def test_agreement_of_two_annotators():
    first = [_gold([_g("180")], "a"), _gold([], "b"), _gold([_g("112", targets=())], "c"), _gold([], "d"),
             _gold([_g("013")], "only-first")]
    second = [_gold([_g("180", status="alleged")], "a"), _gold([], "b"), _gold([_g("112")], "c"),
              _gold([_g("173")], "d")]
    result = ns.agreement(first, second)
    assert (result.sentences, result.both_events, result.neither, result.first_only, result.second_only) == \
        (4, 2, 1, 0, 1)
    assert result.has_event_agreement == 0.75
    assert result.kappa == pytest.approx((0.75 - (0.5 * 0.75 + 0.5 * 0.25)) / (1 - 0.5))
    # "c": one left the target open, the other named it: same type, not the same sides
    assert (result.events.gold, result.events.predicted, result.events.matched) == (2, 3, 1)
    assert result.events.type_matched == 2
    assert result.events.status_agreement == 0.0  # the one matched pair: occurred against alleged


# ------------------------------------------------------------------------------------- the tool


def _tool():
    from tools import annotation

    return annotation


def _shared_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A stand-in shared folder with one corpus document, and a corpus folder whose sample holds it."""
    shared = tmp_path / "shared"
    (shared / "corpus").mkdir(parents=True)
    (shared / "corpus" / "news.jsonl").write_text(json.dumps({"id": "polnear/made-up", "text": DOCUMENT}) + "\n")
    folder = tmp_path / "news-sentences"
    folder.mkdir()
    _write(folder / "sample.jsonl", [_row().to_dict()])
    return shared, folder


def test_import_merges_good_records_and_reports_bad_ones_by_id(tmp_path, capsys):
    shared, folder = _shared_copy(tmp_path)
    authoring = _write(tmp_path / "batch.jsonl", [
        {"id": "ns-0001", "text": SENTENCE, "events": [
            {"cameo": "180", "status": "occurred", "trigger": "fired", "source": [{"text": "Police", "code": "PAKCOP"}],
             "target": [{"text": "protesters", "code": "PAKCVL"}], "mutual": False}], "flags": [], "note": ""},
        {"id": "ns-0777", "events": [], "flags": ["no-event"]}])
    tool = _tool()
    assert tool.main(["--shared", str(shared), "--folder", str(folder), "import", str(authoring),
                      "--annotator", "t"]) == 1
    err = capsys.readouterr().err
    assert f"{authoring}:2: ns-0777: id 'ns-0777' is not in the sample" in err
    stored = [json.loads(line) for line in (folder / "annotator-t.jsonl").read_text().splitlines()]
    assert stored == [GOOD]
    # importing again with a change replaces that sentence only
    changed = _write(tmp_path / "again.jsonl", [{"id": "ns-0001", "events": [], "flags": ["no-event"]}])
    assert tool.main(["--shared", str(shared), "--folder", str(folder), "import", str(changed),
                      "--annotator", "t"]) == 0
    assert "1 accepted (0 new, 1 changed)" in capsys.readouterr().out
    assert json.loads((folder / "annotator-t.jsonl").read_text())["events"] == []


def test_a_batch_for_review_holds_the_annotations_and_imports_unchanged(tmp_path, capsys):
    shared, folder = _shared_copy(tmp_path)
    _write(folder / "annotator-t.jsonl", [GOOD])
    tool = _tool()
    out = tmp_path / "review.jsonl"
    assert tool.main(["--shared", str(shared), "--folder", str(folder), "batch", "--from", "1", "--count", "1",
                      "--annotator", "t", "--out", str(out)]) == 0
    (record,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert record["events"][0]["source"] == [{"text": "Police", "code": "PAKCOP"}]
    assert tool.main(["--shared", str(shared), "--folder", str(folder), "import", str(out), "--annotator", "t"]) == 0
    assert "1 accepted (0 new, 0 changed)" in capsys.readouterr().out


def test_batches_hold_texts_and_are_never_written_inside_the_repository(tmp_path, capsys):
    shared, folder = _shared_copy(tmp_path)
    tool = _tool()
    inside = tool.ROOT / "annotations" / "batch.jsonl"
    assert tool.main(["--shared", str(shared), "--folder", str(folder), "batch", "--from", "1", "--count", "5",
                      "--out", str(inside)]) == 2
    assert not inside.exists()
    out = tmp_path / "work" / "b1.jsonl"
    assert tool.main(["--shared", str(shared), "--folder", str(folder), "batch", "--from", "1", "--count", "5",
                      "--out", str(out)]) == 0
    (record,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert record == {"id": "ns-0001", "text": SENTENCE, "events": [], "flags": [], "note": ""}


# ----------------------------------------------------------------------------- the real sample


@pytest.mark.shared
def test_the_sample_is_reproducible(shared):
    """The first 20 rows are recomputed from the shared texts with accord's spaCy pipeline; a row that
    is not what the draw gives is caught."""
    from accord.nlp import load

    tool = _tool()
    texts = Texts(shared)
    sample = ns.load_sample(tool.FOLDER / ns.SAMPLE_FILE, texts)  # also checks every row's text is unchanged
    assert len(sample) == 1600
    nlp = load()
    first = [r.id for r in sample[:20]]
    assert tool.verify(texts, nlp, sample, first) == []
    row = sample[0]
    other = next(c for c in tool.candidates(nlp, row.set, row.doc, texts.text(row.set, row.doc))
                 if c != (row.start, row.end))
    tampered = [SampleRow(row.id, row.set, row.doc, *other, row.half, row.sha1), *sample[1:]]
    assert any(p.startswith(f"{row.id}: not the sentence") for p in tool.verify(texts, nlp, tampered, [row.id]))


def test_the_guides_worked_examples_are_valid_annotations():
    """Each worked example in docs/annotation.md, with its sentence, imports without a problem."""
    guide = (Path(__file__).resolve().parents[1] / "docs" / "annotation.md").read_text("utf-8")
    examples = re.findall(r'\*\*"(.+?)"\*\*\s*```json\n(.*?)```', guide, re.DOTALL)
    assert len(examples) >= 5
    for quoted, block in examples:
        sentence = " ".join(quoted.split())
        stored = ns.from_authoring({"id": "ns-0001", **json.loads(block)}, sentence)
        row = SampleRow("ns-0001", "corpus", "x", 0, len(sentence), text_half(sentence), ns.digest(sentence))
        ns.parse_record(stored, row, sentence)
