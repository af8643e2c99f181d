"""Events over time: per week, month or year, events per QuadClass and the Goldstein sum and mean, for the
whole store (the overview) or for one actor (as source or target, each event once)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from ..store import Store
from .codes import AnalysisError, actor_code, check_range
from .dyads import PERIODS, QUAD_COLUMNS, _label, frame_records, period_start, periods

COLUMNS = ["period", "start", *QUAD_COLUMNS.values(), "events", "goldstein_sum", "goldstein_mean"]


@dataclass(frozen=True)
class Trend:
    """One row per period, quiet periods included with zeros."""

    actor: str | None
    by: str
    frame: pd.DataFrame

    @property
    def total(self) -> int:
        return int(self.frame["events"].sum()) if len(self.frame) else 0

    def records(self) -> list[dict[str, Any]]:
        return frame_records(self.frame)


def trend(store: Store, by: str = "month", since: date | None = None, until: date | None = None,
          actor: str | None = None, statuses: tuple[str, ...] | None = None, min_confidence: float = 0.0,
          unit: str = "report") -> Trend:
    """The dated events of the store, or of ``actor`` (a code or a name; JPN counts every Japanese actor), per
    period, of the statuses chosen (None: occurred and ongoing) and at least ``min_confidence``. ``unit``:
    count event reports, or ("event") the event records of `accord group`, one per real-world event."""
    if by not in PERIODS:
        raise AnalysisError(f"{by!r} is not a period: use one of {', '.join(PERIODS)}")
    check_range(since, until)
    actor = actor_code(actor, "actor", store) if actor else None
    cells: dict[date, dict[str, float]] = {}
    for row in store.day_counts(since, until, actor, statuses, min_confidence, unit):
        cell = cells.setdefault(period_start(row["day"], by),
                                {name: 0 for name in (*QUAD_COLUMNS.values(), "goldstein_sum")})
        cell[QUAD_COLUMNS[row["quad_class"]]] += row["events"]
        cell["goldstein_sum"] += float(row["goldstein"] or 0.0)
    if not cells:
        return Trend(actor, by, pd.DataFrame(columns=COLUMNS))
    records = []
    for start in periods(by, since, until, list(cells)):
        cell = cells.get(start) or {name: 0 for name in (*QUAD_COLUMNS.values(), "goldstein_sum")}
        count = sum(cell[name] for name in QUAD_COLUMNS.values())
        records.append({"period": _label(start, by), "start": start, **cell, "events": count,
                        "goldstein_sum": round(cell["goldstein_sum"], 4),
                        "goldstein_mean": cell["goldstein_sum"] / count if count else None})
    return Trend(actor, by, pd.DataFrame.from_records(records, columns=COLUMNS))
