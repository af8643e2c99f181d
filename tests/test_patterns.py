"""The event data files: their schemas (a mistake names its file and line), the order in which the entries for
one word are tried, and `accord patterns check`."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from accord.cli import app
from accord.datafile import read_yaml
from accord.errors import DictionaryError
from accord.events.check import explain_word, report, shadowed
from accord.events.ontology import load as load_ontology
from accord.events.patterns import (LIGHT_NOUNS_FILE, MODALITY_FILE, PATTERN_ORDER, SYNTAX_FILE, TRANSFORMS_FILE,
                                    builtin_pattern_texts, load_builtin, load_patterns, read_data)
from accord.events.status import status_of

ONTOLOGY = load_ontology()
GOOD = """\
# a comment line
- code: "190"
  verbs: [attack]
  target: [dobj, against]
"""


def failure(text: str, name: str = "mine.yaml") -> DictionaryError:
    with pytest.raises(DictionaryError) as error:
        load_patterns(ONTOLOGY, {name: text})
    return error.value


def data_failure(path: str, edit, builtin_patterns: bool = False) -> DictionaryError:
    """Loading the built-in data with one file's text changed by ``edit`` (and the built-in patterns, or GOOD)."""
    with pytest.raises(DictionaryError) as error:
        load_patterns(ONTOLOGY, None if builtin_patterns else {"mine.yaml": GOOD}, data={path: edit(read_data(path))})
    return error.value


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_a_good_file_loads_with_each_entry_placed():
    patterns = load_patterns(ONTOLOGY, {"mine.yaml": GOOD})
    (attack,) = patterns.verbs["attack"]
    assert (attack.code, attack.targets, attack.origin) == ("190", ("dobj", "against"), "mine.yaml:2")


# ------------------------------------------------------------------ the four mistakes of issue 14, and slots
@pytest.mark.parametrize("mistake, line, words", [
    ('  target: [dobject]\n', 'dobject', ["unknown target slot 'dobject'", "did you mean 'dobj'"]),
    ('  requires_targets: true\n', 'requires_targets', ["unknown key 'requires_targets'",
                                                        "did you mean 'requires_target'"]),
    ('  symetric: true\n', 'symetric', ["unknown key 'symetric'", "did you mean 'symmetric'"]),
    ('  subject_sector: [GOV, MILL]\n', 'MILL', ["unknown sector 'MILL'", "did you mean 'MIL'"]),
])
def test_each_mistake_is_an_error_naming_the_file_and_line(mistake, line, words):
    text = GOOD + '- code: "042"\n  verbs: [visit]\n' + mistake + '- code: "043"\n  verbs: [host]\n'
    error = failure(text)
    assert (error.path, error.line) == ("mine.yaml", line_of(text, line)), str(error)
    assert "entry 2 (code '042')" in error.reason
    for word in words:
        assert word in error.reason


@pytest.mark.parametrize("slot", ["agianst", "ccomp_subj", "direct_object", "beside"])
def test_an_unknown_slot_is_not_read_as_a_preposition(slot):
    text = GOOD + f'- code: "112"\n  verbs: [accuse]\n  target: [dobj, {slot}]\n'
    error = failure(text)
    assert error.line == 7 and f"unknown target slot {slot!r}" in error.reason


def test_a_word_yaml_reads_as_true_or_false_must_be_quoted():
    error = failure(GOOD + '- code: "080"\n  verbs: [back]\n  target: [on, over]\n')
    assert error.line == 7 and "quote the word" in error.reason
    patterns = load_patterns(ONTOLOGY, {"mine.yaml": GOOD + '- code: "080"\n  verbs: [back]\n  target: ["on", over]\n'})
    assert patterns.verbs["back"][0].targets == ("on", "over")


@pytest.mark.parametrize("entry, message", [
    ('- code: "999"\n  verbs: [zap]\n', "unknown CAMEO code '999'"),
    ('- code: 190\n  verbs: [zap]\n', "valid string"),  # unquoted: YAML reads a number (and 015 in octal)
    ('- code: "112"\n  verbs: [zap]\n  refine:\n    "1129": [spying]\n', "unknown CAMEO code '1129'"),
    ('- code: "112"\n  verbs: zap\n', "valid list"),
    ('- code: "112"\n  target: [dobj]\n', "no verbs, nouns or adjectives"),
    ('- code: "111"\n  adjectives: [zappy]\n  objects: [tank]\n', "objects apply to verbs only"),
    ('- code: "111"\n  adjectives: [zappy]\n  own_doer: true\n', "own_doer applies to nouns only"),
    ('- code: "190"\n  nouns: [zap]\n  objects: [tank]\n', "objects apply to verbs only"),
    ('- code: "190"\n  verbs: [zap]\n  clause_subject: true\n', "clause_subject applies to nouns only"),
    ('- code: "193"\n  verbs: [zap]\n  own_doer: true\n', "own_doer applies to nouns only"),
    ('- code: "190"\n  verbs: [zap]\n  symmetric: yes please\n', "valid boolean"),
    ('- code: "190"\n  verbs: [zap]\n  target: [dobj]\n  target: [to]\n', "'target' is given twice"),
])
def test_other_mistakes_in_a_pattern_file(entry, message):
    error = failure(GOOD + entry)
    assert error.path == "mine.yaml" and error.line is not None and error.line >= 5, str(error)
    assert message in error.reason, str(error)


def test_a_file_that_is_not_a_list_or_not_yaml():
    assert "a list of entries" in failure("code: '190'\n").reason
    assert failure("- code: [190\n").line == 2


def test_yaml_is_read_with_the_line_of_every_value():
    data, lines = read_yaml("a:\n  - x\n  - y\nb: {c: 1}\n", "f.yaml")
    assert data == {"a": ["x", "y"], "b": {"c": 1}}
    assert (lines[("a",)], lines[("a", 1)], lines[("b", "c")], lines.of(("b", "c", 0))) == (1, 3, 4, 4)


# ------------------------------------------------------------------ modality, transforms, syntax, light nouns
@pytest.mark.parametrize("path, edit, needle, message", [
    (MODALITY_FILE, lambda t: t.replace("intend:\n", "intent:\n", 1), "intent:", "unknown modality 'intent'"),
    (MODALITY_FILE, lambda t: t.replace("  transform: consider", "  transform: ponder"), "ponder",
     "unknown transform 'ponder'"),
    (MODALITY_FILE, lambda t: t.replace("  status: intended", "  status: hoped", 1), "hoped", "status"),
    (MODALITY_FILE, lambda t: t.replace("  verbs: [threaten]", "  verb: [threaten]"), "verb: [threaten]",
     "unknown key 'verb'"),
    (MODALITY_FILE, lambda t: t.replace('  own_act_code: "015"', '  own_act_code: "0155"'), '"0155"',
     "unknown CAMEO code '0155'"),
    (MODALITY_FILE, lambda t: t.replace('target_from: [dobj]  #', 'target_from: [dobjct]  #'), "dobjct",
     "unknown target slot 'dobjct'"),
    (MODALITY_FILE, lambda t: t.replace('happened_roots: ["15"]', 'happened_roots: ["150"]'), '"150"',
     "unknown CAMEO root '150'"),
    (SYNTAX_FILE, lambda t: t.replace("force_sectors: [MIL,", "force_sectors: [MILL,"), "MILL",
     "unknown sector 'MILL'"),
    (SYNTAX_FILE, lambda t: t.replace("\nmutual_words: [", "\nmutual_word: ["), "mutual_word: [",
     "unknown key 'mutual_word'"),
    (SYNTAX_FILE, lambda t: t.replace('place_source_roots: ["18"', 'place_source_roots: ["21"'), '"21"',
     "unknown CAMEO root '21'"),
    (SYNTAX_FILE, lambda t: t.replace('"174": {code: "201"', '"174": {code: "209"'), '"209"',
     "unknown CAMEO code '209'"),
    (SYNTAX_FILE, lambda t: t.replace("  MIL: [naval]", "  NAVY: [naval]"), "NAVY: [naval]", "unknown sector 'NAVY'"),
    (SYNTAX_FILE, lambda t: t.replace('violence_roots: ["17"', 'violence_roots: ["170"'), '"170"',
     "unknown CAMEO root '170'"),
    (TRANSFORMS_FILE, lambda t: t.replace("intend\t045\t039", "intend\t045\t0399"), "0399",
     "unknown CAMEO code '0399'"),
    (TRANSFORMS_FILE, lambda t: t.rstrip() + "\nintend\t04\t036\n", None, "given twice"),
    (TRANSFORMS_FILE, lambda t: t.rstrip() + "\nnothing\t*\t@nowhere\n", None, "no transform 'nowhere'"),
    (LIGHT_NOUNS_FILE, lambda t: t.rstrip() + "\npeace process\n", None, "one lower-case noun a line"),
])
def test_mistakes_in_the_other_event_files_name_their_file_and_line(path, edit, needle, message):
    edited = edit(read_data(path))
    error = data_failure(path, edit)
    line = line_of(edited, needle) if needle else len(edited.splitlines())
    assert (error.path, error.line) == (path, line), str(error)
    assert message in error.reason, str(error)


def without_entry(text: str, name: str) -> str:
    """A YAML mapping's text without the top-level key ``name`` and the lines under it."""
    kept, skipping = [], False
    for line in text.splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            skipping = line.startswith(f"{name}:")
        if not skipping:
            kept.append(line)
    return "\n".join(kept) + "\n"


def test_a_key_missing_from_syntax_or_a_modality_missing_is_an_error():
    error = data_failure(SYNTAX_FILE, lambda t: without_entry(t, "mutual_words"))
    assert (error.path, error.reason) == (SYNTAX_FILE, "missing keys: mutual_words")
    error = data_failure(MODALITY_FILE, lambda t: without_entry(t, "ongoing"))
    assert (error.path, error.reason) == (MODALITY_FILE, "no entry for ongoing (the rules need each)")


def test_status_words_come_from_the_modality_file(pipeline):
    def edited(old: str, new: str):
        modality = read_data(MODALITY_FILE)
        assert old in modality
        return load_patterns(ONTOLOGY, {"mine.yaml": GOOD}, data={MODALITY_FILE: modality.replace(old, new)})

    attack = next(t for t in pipeline.nlp("The suspected attack killed four soldiers.") if t.text == "attack")
    assert status_of(attack, pipeline.patterns).status == "alleged"
    assert status_of(attack, edited("noun_modifiers: [alleged, reported, suspected]", "noun_modifiers: [alleged]")
                     ).status == "occurred"
    talks = next(t for t in pipeline.nlp("Japan is negotiating with China.") if t.text == "negotiating")
    assert status_of(talks, pipeline.patterns).status == "ongoing"
    assert status_of(talks, edited("""auxiliaries: [is, are, am, "'s", "'re", been]""", "auxiliaries: [been]")
                     ).status == "occurred"
    visit = next(t for t in pipeline.nlp("The president is to visit Japan.") if t.text == "visit")
    assert status_of(visit, pipeline.patterns).status == "planned"
    assert status_of(visit, edited("infinitive_verbs: [be]", "infinitive_verbs: []")).status == "occurred"


# ------------------------------------------------------------------ which entry wins
TIED = {
    "zeta.yaml": '- code: "190"\n  verbs: [strike]\n',
    "alpha.yaml": '- code: "193"\n  verbs: [strike]\n- code: "195"\n  verbs: [strike]\n  objects: [target]\n',
}


def test_the_order_of_the_files_not_their_names_decides_a_tie():
    patterns = load_patterns(ONTOLOGY, TIED)
    assert [p.code for p in patterns.verbs["strike"]] == ["195", "190", "193"]  # most specific, then file order
    reordered = load_patterns(ONTOLOGY, dict(reversed(TIED.items())))
    assert [p.code for p in reordered.verbs["strike"]] == ["195", "193", "190"]


def test_the_built_in_files_are_tried_in_the_order_pattern_order_lists():
    order = read_data(PATTERN_ORDER)
    listed = [line for line in order.splitlines() if line and not line.startswith("#")]
    assert [name.rsplit("/", 1)[1] for name in builtin_pattern_texts()] == listed
    error = data_failure(PATTERN_ORDER, lambda t: t.replace("cameo_verbs.yaml\n", ""), builtin_patterns=True)
    assert error.path == PATTERN_ORDER
    assert "'cameo_verbs.yaml' is in data/events/patterns but not listed" in error.reason
    error = data_failure(PATTERN_ORDER, lambda t: t + "extra.yaml\n", builtin_patterns=True)
    assert error.line == len(order.splitlines()) + 1 and "'extra.yaml' is not a pattern file" in error.reason


def test_the_check_lists_entries_that_can_never_win():
    text = GOOD + """\
- code: "193"
  verbs: [attack]
  target: [with]
- code: "195"
  verbs: [attack, bomb]
  objects: [target, position]
- code: "196"
  verbs: [attack]
  objects: [position]
- code: "194"
  verbs: [attack]
  requires_word: [artillery]
"""
    patterns = load_patterns(ONTOLOGY, {"mine.yaml": text})
    # 193 asks for nothing, like 190 before it; 196 for an object 195 (on 'attack', not on 'bomb') already takes;
    # 194 for a word no other entry asks for: it can win
    assert [(s.pattern.code, s.pattern.word, s.by.code, s.pattern.origin) for s in shadowed(patterns)] == [
        ("193", "attack", "190", "mine.yaml:5"), ("196", "attack", "195", "mine.yaml:11")]
    lines = report(shadowed(patterns))
    assert "2 entries can never win" in lines[2]
    assert lines[3].startswith("mine.yaml:5: verb 'attack' -> 193 (no condition) never wins: mine.yaml:2 (190;")
    assert explain_word(patterns, "attack")[2] == (
        "  2. 196   specificity 2  mine.yaml:11  objects [position]  (never wins: mine.yaml:8 is tried first)")


def test_an_entry_with_a_condition_of_its_own_can_win():
    text = """\
- code: "195"
  verbs: [attack]
  objects: [target]
  subject_sector: [MIL]
- code: "190"
  verbs: [attack]
  objects: [target, position]
- code: "193"
  verbs: [attack]
  target: [with]
  requires_target: true
- code: "192"
  verbs: [attack]
- code: "041"
  nouns: [phone call]
- code: "040"
  nouns: [phone call]
- code: "193"
  nouns: [firing]
  own_doer: true
- code: "111"
  nouns: [firing]
"""
    found = shadowed(load_patterns(ONTOLOGY, {"mine.yaml": text}))
    assert [(s.pattern.code, s.by.code) for s in found] == [("040", "041")]  # a noun of several words: the first


def test_the_shipped_patterns_have_no_entry_that_can_never_win():
    patterns = load_builtin(ONTOLOGY)
    dead = shadowed(patterns)
    assert dead == [], "\n".join(report(dead))


def test_patterns_check_on_the_command_line():
    result = CliRunner().invoke(app, ["patterns", "check"])
    assert result.exit_code == 0, result.output
    assert "the more specific first" in result.output and "Every pattern entry can win" in result.output
    result = CliRunner().invoke(app, ["patterns", "check", "--word", "launch"])
    assert result.exit_code == 0 and "verb 'launch':" in result.output and "  1. 062" in result.output
    assert CliRunner().invoke(app, ["patterns", "check", "--word", "no-such-word"]).exit_code == 1


def test_an_entry_keeps_its_name_when_lines_are_added_above_it():
    """A learned model keys on an entry's name: it must not move when someone adds an entry before it."""
    entry = '- code: "112"\n  verbs: [accuse, blame]\n'
    before = load_patterns(ONTOLOGY, {"mine.yaml": GOOD + entry})
    after = load_patterns(ONTOLOGY, {"mine.yaml": GOOD + '- code: "111"\n  adjectives: [critical]\n  target: [of]\n'
                                                  + entry})
    old, new = before.verbs["blame"][0], after.verbs["blame"][0]
    assert old.line != new.line and old.entry == new.entry == "mine.yaml:112 accuse"
    assert after.adjectives["critical"][0].kind == "adjective" and "critical" not in after.verbs
