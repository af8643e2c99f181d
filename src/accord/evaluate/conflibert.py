"""ConfliBERT CAMEO sentences (``eval/conflibert-quad/train.tsv``): PentaClass accuracy and macro-F1."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from rich.console import Console
from rich.table import Table

from ..model import Event
from .common import code_texts

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


def score_conflibert(pipeline, path: Path) -> PentaResult:
    rows = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        line = line.rstrip("\r")
        if not line.strip() or "\t" not in line:
            continue
        text, label = line.rsplit("\t", 1)
        rows.append((f"conflibert-{n}", text.strip(), int(label)))
    documents = {d.id: d for d in code_texts(pipeline, [(i, t) for i, t, _ in rows])}
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


def report(pipeline, shared: Path, details: bool, console: Console) -> bool:
    """Print PentaClass accuracy, macro-F1 and the confusion table."""
    path = shared / "eval" / "conflibert-quad" / "train.tsv"
    penta = score_conflibert(pipeline, path)
    console.print(f"[bold]ConfliBERT PentaClass[/bold] ({path}, {len(penta.gold)} sentences): "
                  f"accuracy {penta.accuracy:.3f}, macro-F1 {penta.macro_f1:.3f}")
    table = Table("gold \\ predicted", *[str(c) for c in range(5)], "F1", header_style="bold")
    confusion = Counter(zip(penta.gold, penta.predicted))
    scores = penta.f1_by_class()
    for g in range(5):
        table.add_row(f"{g} {PENTA_NAMES[g]}", *[str(confusion[(g, p)]) for p in range(5)], f"{scores[g]:.2f}")
    console.print(table)
    if details:
        for miss in penta.misses:
            console.print(f"  miss: {miss}", highlight=False, markup=False, soft_wrap=True)
    return True
