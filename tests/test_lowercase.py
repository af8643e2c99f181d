"""Lower-cased text: reading it recased (casing.py), and the ``lowercase`` scorer (PLOVER GSR and ConfliBERT
sentences coded lower-cased)."""
from __future__ import annotations

import json
from pathlib import Path

from accord import casing
from accord.evaluate import SCORERS, lowercase
from accord.evaluate.split import text_half

# Sentences written for these tests.
GSR = [
    {"id": "gsr-1", "text": "Japan and the Philippines agreed on Monday to hold joint coast guard drills.",
     "event": "AGREE", "source": [{"code": "JPN"}], "target": [{"code": "PHL"}]},
    {"id": "gsr-2", "text": "Pakistani police arrested 40 protesters in Lahore on Sunday.",
     "event": "COERCE", "source": [{"code": "PAK"}], "target": [{"code": "PAK"}]},
]
PENTA = [("Israeli aircraft bombed a village in southern Lebanon on Tuesday.", 4),
         ("The Kenyan president thanked donors for their help.", 0)]


def _shared(folder: Path) -> Path:
    gsr = folder / "eval" / "plover-gsr" / "dev.jsonl"
    gsr.parent.mkdir(parents=True)
    gsr.write_text("".join(json.dumps(r) + "\n" for r in GSR), "utf-8")
    penta = folder / "eval" / "conflibert-quad" / "train.tsv"
    penta.parent.mkdir(parents=True)
    penta.write_text("".join(f"{text}\t{label}\n" for text, label in PENTA), "utf-8")
    return folder


def test_lowercase_scorer_codes_both_sets_lower_cased_in_their_original_halves(pipeline, tmp_path, monkeypatch):
    coded = []

    def code_texts(pipeline, texts):
        coded.extend(text for _, text in texts)
        return lowercase_code_texts(pipeline, texts)

    lowercase_code_texts = lowercase.code_texts
    monkeypatch.setattr(lowercase, "code_texts", code_texts)
    assert SCORERS["lowercase"] is lowercase.evaluate
    result = lowercase.evaluate(pipeline, _shared(tmp_path))
    assert coded == [r["text"].lower() for r in GSR] + [text.lower() for text, _ in PENTA]
    halves = [text_half(r["text"]) for r in GSR] + [text_half(t) for t, _ in PENTA]
    assert result.sizes == {"tune": halves.count("tune"), "check": halves.count("check"), "all": 4}
    assert result.figures["PLOVER event-type recall"]["all"] >= 0.5
    assert result.figures["ConfliBERT PentaClass accuracy"]["all"] >= 0.5


def test_lowercase_scorer_needs_both_sets(pipeline, tmp_path):
    assert lowercase.evaluate(pipeline, tmp_path) is None


# ---------------------------------------------------------------------------------------- recasing
LOWER = ("ahmedabad: police fired on a mob in godhra on wednesday, chief minister narendra modi said. "
         "the us condemned the attack, and turkey sent no envoy in may.")


def test_a_paragraph_is_lower_cased_when_its_sentences_begin_in_lower_case():
    assert casing.lower_cased(LOWER)
    assert not casing.lower_cased(LOWER.capitalize().replace(". the us", ". The US"))
    assert not casing.lower_cased("Police fired on a mob in Godhra on Wednesday, the minister said. No one was hurt.")
    assert not casing.lower_cased("http://example.org/story")  # too short to tell
    # a quotation's own end mark ends no sentence: "he told" goes on with it
    assert not casing.lower_cased("“Get your banners ready, because we are going to win!” he told the crowd.")
    text = "the u.s. envoy met gen. musharraf. he left."
    assert casing.sentence_starts(text) == [0, text.index("he left")]  # not after "u.s." or "gen."


def test_recasing_capitalises_known_names_sentence_starts_and_weekdays_and_keeps_the_length(pipeline):
    recaser = casing.recaser(pipeline.dictionary)
    text = "Headline In Title Case Here\n\n" + LOWER
    recased, paragraphs = recaser.recase(text)
    assert paragraphs == 1 and len(recased) == len(text) and recased.lower() == text.lower()
    assert recased.startswith("Headline In Title Case Here\n\nAhmedabad: police fired on a mob in Godhra on "
                              "Wednesday, chief minister Narendra Modi said. The US condemned")
    # "turkey" and "may" are ordinary words in lower case: left alone, but "in may" is the month
    assert recased.endswith("and turkey sent no envoy in May.")


def test_an_acronym_that_is_also_a_word_is_the_name_only_where_its_neighbours_say_so(pipeline):
    recaser = casing.recaser(pipeline.dictionary)
    recased, _ = recaser.recase("they told us that a us envoy, us troops and un peacekeepers met the who "
                                "in the us-led zone, where people who police say fled.")
    assert recased == ("They told us that a US envoy, US troops and UN peacekeepers met the WHO "
                       "in the US-led zone, where people who police say fled.")


def test_ordinary_words_are_words_not_names():
    words = casing.ordinary_words()
    assert {"may", "turkey", "nice", "us", "reading"} <= words
    assert not {"china", "india", "modi", "vajpayee", "pakistan"} & words


def test_a_lower_cased_sentence_is_coded_as_its_cased_original(pipeline):
    cased = pipeline.code_text("Pakistani police arrested 40 protesters in Lahore on Sunday, officials said.")
    lower = pipeline.code_text(cased.text.lower())
    triples = lambda d: [(e.source.actor.code, e.cameo, e.target.actor.code) for e in d.events]  # noqa: E731
    assert triples(lower) == triples(cased) == [("PAKCOP", "173", "PAKCVL")]
    assert any(w.startswith("lower-cased text") for w in lower.warnings)
    assert not any(w.startswith("lower-cased text") for w in cased.warnings)
    source = lower.events[0].source
    assert source.text == "Pakistani police"  # as read
    assert lower.text[source.start:source.end] == "pakistani police"  # offsets hold in the document's own text


def test_a_country_whose_name_is_a_word_is_the_country_before_a_possessive_or_a_sector_word(pipeline):
    recaser = casing.recaser(pipeline.dictionary)
    recased, _ = recaser.recase("the ceasefire halted turkey's incursion, "
                                "and turkey troops left; the turkey was served.")
    assert recased == "The ceasefire halted Turkey's incursion, and Turkey troops left; the turkey was served."
