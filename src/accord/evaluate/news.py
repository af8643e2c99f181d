"""accord news sentences (``annotations/news-sentences``): real news sentences drawn at random from the
shared texts and annotated by the project's guide (docs/annotation.md) — the set nobody tuned a rule on.

Each sentence is coded alone (no article around it: the guide codes a pronoun whose referent lies outside
the sentence as unknown, ``---``). The gold of a sentence is its first annotation in the order of
``PRIMARY_PASSES``; second passes, made to measure agreement, are never gold. Figures (``newssents.score``):
precision, recall and F1 of events matched on PLOVER type and both sides' countries, of the type alone, and
of statements (CAMEO 01x, which have no PLOVER type) apart; status and CAMEO code agreement on the matched.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from . import newssents
from .common import SetResult, by_part, code_texts, expected_calibration_error
from .plover import CONFIDENT

PRIMARY_PASSES = ("pilot", "a", "b", "c", "e")  # the gold, in this order; "d" re-annotates for agreement


def gold_sentences(shared: Path, folder: Path = newssents.ANNOTATIONS) -> list[newssents.GoldSentence]:
    """One gold annotation per sentence: the first primary pass that annotated it."""
    chosen: dict[str, newssents.GoldSentence] = {}
    for annotator in PRIMARY_PASSES:
        try:
            sentences = newssents.load_annotations(shared, annotator, folder)
        except InputError:
            continue  # that pass is not there (yet)
        for sentence in sentences:
            chosen.setdefault(sentence.id, sentence)
    return sorted(chosen.values(), key=lambda s: s.id)


def evaluate(pipeline, shared: Path) -> SetResult | None:
    if not (newssents.ANNOTATIONS / newssents.SAMPLE_FILE).is_file() or not (shared / "corpus").is_dir():
        return None
    gold = gold_sentences(shared)
    if not gold:
        return None
    documents = {d.id: d for d in code_texts(pipeline, [(s.id, s.text) for s in gold])}
    predicted = {i: d.events for i, d in documents.items()}
    out = SetResult("news", f"accord news sentences ({newssents.ANNOTATIONS}, passes {', '.join(PRIMARY_PASSES)})",
                    lower_is_better={"confidence ECE"})
    for part, subset in by_part(gold, lambda s: s.half).items():
        counts = newssents.score(subset, predicted)
        out.sizes[part] = len(subset)
        out.add("F1, type and both countries", part, counts.f1)
        out.add_rate("precision, type and both countries", part, counts.matched, counts.predicted)
        out.add_rate("recall, type and both countries", part, counts.matched, counts.gold)
        out.add("F1, type", part, counts.type_f1)
        out.add("F1, statements (01x)", part, counts.statements_f1)
        out.add_rate("status same (matched)", part, counts.status_same, counts.matched)
        judged = [j for sentence in subset for j in newssents.judged(sentence, predicted.get(sentence.id, []))]
        out.add("confidence ECE", part, expected_calibration_error(judged))
        out.judged[part] = judged
        confident = newssents.score(subset, {i: [e for e in events if e.confidence >= CONFIDENT]
                                             for i, events in predicted.items()})
        out.add(f"F1, type and both countries, confidence >= {CONFIDENT}", part, confident.f1)
        out.add_rate(f"precision, confidence >= {CONFIDENT}", part, confident.matched, confident.predicted)
        if part == "tune":
            out.details = [f"miss: {m}" for m in counts.misses]
    return out
