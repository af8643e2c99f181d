"""The PLOVER GSR and ConfliBERT sentences lower-cased, as archives and scrapes often give text
(``accord eval --only lowercase``): the same figures as the ``plover`` and ``conflibert`` scorers, computed
by their own tally functions on the same records, each in the same half as its original (``split_key``
lower-cases, so a sentence and its lower-cased copy share their key). The gap between these figures and the
originals' is what losing capitals costs.
"""
from __future__ import annotations

from pathlib import Path

from . import conflibert, plover
from .common import SetResult, by_part, code_texts
from .split import text_half


def evaluate(pipeline, shared: Path) -> SetResult | None:
    gsr = shared / "eval" / "plover-gsr" / "dev.jsonl"
    penta = shared / "eval" / "conflibert-quad" / "train.tsv"
    if not gsr.is_file() or not penta.is_file():
        return None
    records = plover.load_records(gsr)
    rows = conflibert.load_rows(penta)
    texts = [(r["id"], r["text"].lower()) for r in records] + [(i, t.lower()) for i, t, _ in rows]
    documents = {d.id: d for d in code_texts(pipeline, texts)}
    out = SetResult("lowercase", f"PLOVER GSR ({gsr}) and ConfliBERT PentaClass ({penta}), lower-cased")
    gsr_parts = by_part(records, lambda r: text_half(r["text"]))
    penta_parts = by_part(rows, lambda r: text_half(r[1]))
    details = []
    for part in gsr_parts:
        result = plover.tally(gsr_parts[part], documents)
        out.sizes[part] = result.records + len(penta_parts[part])
        out.add_rate("PLOVER event-type recall", part, result.type_found, result.records)
        out.add_rate("PLOVER triple recall", part, result.triple_found, result.records)
        out.add_rate("PLOVER precision", part, result.emitted_correct, result.emitted)
        out.add_rate("PLOVER source country right", part, result.source_country_ok, result.records_with_events)
        out.add_rate("PLOVER target country right", part, result.target_country_ok, result.records_with_gold_target)
        classes = conflibert.tally(penta_parts[part], documents)
        right = sum(g == p for g, p in zip(classes.gold, classes.predicted))
        out.add_rate("ConfliBERT PentaClass accuracy", part, right, len(penta_parts[part]))
        out.add("ConfliBERT PentaClass macro-F1", part, classes.macro_f1)
        if part == "tune":
            details = [f"PLOVER miss: {m}" for m in result.misses] + [f"ConfliBERT miss: {m}" for m in classes.misses]
    out.details = details
    return out
