"""The temporal stage: time expressions with TimeML values, and each event's date.

``expressions`` finds the expressions in a parse, ``values`` normalises one against the reference
date, ``events`` gives each event the expression that governs it; vocabulary is in
``data/temporal/vocabulary.yaml``.
"""
from __future__ import annotations

from datetime import date

from .events import date_events
from .expressions import find_times
from .values import Timex, TimeValue, resolve

__all__ = ["date_events", "find_times", "normalise", "resolve", "Timex", "TimeValue"]


def normalise(text: str, ref: date, future: bool = False) -> TimeValue | None:
    """The calendar point of an expression relative to ``ref`` (None for durations, sets, references)."""
    found = resolve(text, ref, future)
    return found.point if found else None
