"""Lower-cased text: the ``lowercase`` scorer (PLOVER GSR and ConfliBERT sentences coded lower-cased)."""
from __future__ import annotations

import json
from pathlib import Path

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
