"""ConfliBERT CAMEO sentences (``eval/conflibert-quad/train.tsv``): PentaClass accuracy and macro-F1."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Document, Event
from .common import SetResult, by_part, code_texts
from .split import text_half

PENTA_CLASS_BY_ROOT = {**{"01": 0, "02": 0}, **{f"{r:02d}": 1 for r in (3, 4, 5)},
                       **{f"{r:02d}": 2 for r in (6, 7, 8)}, **{f"{r:02d}": 3 for r in (9, 10, 11, 12, 13, 16)},
                       **{f"{r:02d}": 4 for r in (14, 15, 17, 18, 19, 20)}}
PENTA_NAMES = ["statement/appeal", "verbal coop", "material coop", "verbal conflict", "material conflict"]


@dataclass
class PentaResult:
    gold: list[int] = field(default_factory=list)
    predicted: list[int] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return sum(g == p for g, p in zip(self.gold, self.predicted)) / len(self.gold) if self.gold else 0.0

    def f1_by_class(self) -> dict[int, float]:
        scores = {}
        for c in range(5):
            tp = sum(1 for g, p in zip(self.gold, self.predicted) if g == c and p == c)
            fp = sum(1 for g, p in zip(self.gold, self.predicted) if g != c and p == c)
            fn = sum(1 for g, p in zip(self.gold, self.predicted) if g == c and p != c)
            precision = tp / (tp + fp) if tp + fp else 0.0
            recall = tp / (tp + fn) if tp + fn else 0.0
            scores[c] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return scores

    @property
    def macro_f1(self) -> float:
        scores = self.f1_by_class()
        return sum(scores.values()) / len(scores)


def penta_class(events: Iterable[Event]) -> int:
    """The class of a sentence: that of its first event by position, 0 when it has none."""
    ordered = sorted(events, key=lambda e: e.trigger.start)
    return PENTA_CLASS_BY_ROOT[ordered[0].root] if ordered else 0


def load_rows(path: Path) -> list[tuple[str, str, int]]:
    """(id, sentence, PentaClass label) for each row; ids are row numbers."""
    rows = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        line = line.rstrip("\r")
        if not line.strip() or "\t" not in line:
            continue
        text, label = line.rsplit("\t", 1)
        rows.append((f"conflibert-{n}", text.strip(), int(label)))
    return rows


def tally(rows: list[tuple[str, str, int]], documents: dict[str, Document]) -> PentaResult:
    result = PentaResult()
    for doc_id, text, label in rows:
        document = documents.get(doc_id)
        predicted = penta_class(document.events) if document else 0
        result.gold.append(label)
        result.predicted.append(predicted)
        if predicted != label:
            first = sorted(document.events, key=lambda e: e.trigger.start)[0] if document and document.events else None
            got = f"{first.cameo} '{first.trigger.text}'" if first else "no event"
            result.misses.append(f"gold {label} got {predicted} ({got}) | {text[:160]}")
    return result


def score_conflibert(pipeline, path: Path) -> PentaResult:
    rows = load_rows(path)
    return tally(rows, {d.id: d for d in code_texts(pipeline, [(i, t) for i, t, _ in rows])})


def evaluate(pipeline, shared: Path) -> SetResult | None:
    """PentaClass accuracy and macro-F1 on each half; the tune half's confusion table with --details."""
    path = shared / "eval" / "conflibert-quad" / "train.tsv"
    if not path.is_file():
        return None
    rows = load_rows(path)
    documents = {d.id: d for d in code_texts(pipeline, [(i, t) for i, t, _ in rows])}
    out = SetResult("conflibert", f"ConfliBERT PentaClass ({path})")
    for part, subset in by_part(rows, lambda r: text_half(r[1])).items():
        penta = tally(subset, documents)
        out.sizes[part] = len(subset)
        right = sum(g == p for g, p in zip(penta.gold, penta.predicted))
        out.add_rate("PentaClass accuracy", part, right, len(subset))
        out.add("PentaClass macro-F1", part, penta.macro_f1)
        if part == "tune":
            out.details = _confusion(penta) + [f"miss: {m}" for m in penta.misses]
    return out


def _confusion(penta: PentaResult) -> list[str]:
    confusion = Counter(zip(penta.gold, penta.predicted))
    scores = penta.f1_by_class()
    lines = ["gold \\ predicted      " + " ".join(f"{c:>4}" for c in range(5)) + "    F1"]
    for g in range(5):
        lines.append(f"{g} {PENTA_NAMES[g]:<19} " + " ".join(f"{confusion[(g, p)]:>4}" for p in range(5))
                     + f"  {scores[g]:.2f}")
    return lines
