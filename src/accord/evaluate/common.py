"""What every scorer shares: coding a batch of short gold texts, rates, and the result every scorer returns.

Every scorer codes its gold set once and reports each figure three times: on the *tune* half, on the
*check* half (``split.py``) and on all records. Figures are developed on tune and reported on check.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from ..ingest.readers import from_text
from ..model import Document
from .split import HALVES

T = TypeVar("T")
PARTS = ("tune", "check", "all")


def ratio(part: float, whole: int) -> float:
    return part / whole if whole else 0.0


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def expected_calibration_error(judged: list[tuple[float, bool]], bins: int = 10) -> float:
    """How far confidence is from accuracy: over ten equal-width bins of confidence, the mean gap between a
    bin's mean confidence and the share of its predictions that are right, weighted by the bin's size."""
    if not judged:
        return 0.0
    totals = [[0, 0.0, 0] for _ in range(bins)]  # count, confidence sum, right
    for confidence, right in judged:
        slot = totals[min(bins - 1, int(confidence * bins))]
        slot[0] += 1
        slot[1] += confidence
        slot[2] += right
    return sum(abs(conf - right) for n, conf, right in totals if n) / len(judged)


def code_texts(pipeline, texts: list[tuple[str, str]], published: date | None = None) -> list[Document]:
    """Code short gold texts in one batch (ids kept in order)."""
    items = [from_text(text, doc_id, doc_id, published=published) for doc_id, text in texts]
    return [d for d in pipeline.code_documents(items) if isinstance(d, Document)]


def by_part(records: Iterable[T], half_of: Callable[[T], str]) -> dict[str, list[T]]:
    """The records of each half, and all of them: {"tune": [...], "check": [...], "all": [...]}."""
    parts: dict[str, list[T]] = {name: [] for name in PARTS}
    for record in records:
        parts[half_of(record)].append(record)
        parts["all"].append(record)
    return parts


@dataclass
class SetResult:
    """One gold set's figures on each part, and what to print under them."""

    name: str  # the scorer's name: "plover"
    title: str  # what was scored: "PLOVER GSR (…/dev.jsonl)"
    sizes: dict[str, int] = field(default_factory=dict)  # part -> records scored
    figures: dict[str, dict[str, float]] = field(default_factory=dict)  # figure -> part -> value
    counts: dict[str, dict[str, str]] = field(default_factory=dict)  # figure -> part -> "170/194"
    lower_is_better: set[str] = field(default_factory=set)  # figures where less is better (false-alarm rates)
    notes: list[str] = field(default_factory=list)  # printed under the table
    details: list[str] = field(default_factory=list)  # tune-half misses, printed with --details
    passed: bool = True  # a pass mark the scorer owns (the seed page)
    judged: dict[str, list[tuple[float, bool]]] = field(default_factory=dict)  # part -> (confidence, right)

    def add(self, figure: str, part: str, value: float, count: str | None = None) -> None:
        self.figures.setdefault(figure, {})[part] = value
        if count is not None:
            self.counts.setdefault(figure, {})[part] = count

    def add_rate(self, figure: str, part: str, numerator: int, denominator: int) -> None:
        self.add(figure, part, ratio(numerator, denominator), f"{numerator}/{denominator}")

    def to_dict(self) -> dict:
        figures = {f: {part: round(v, 4) for part, v in values.items()} for f, values in self.figures.items()}
        return {"title": self.title, "sizes": self.sizes, "figures": figures,
                "lower_is_better": sorted(self.lower_is_better)}


__all__ = ["HALVES", "PARTS", "SetResult", "by_part", "code_texts", "expected_calibration_error", "f1", "ratio"]
