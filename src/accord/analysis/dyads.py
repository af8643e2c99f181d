"""A pair of actors over time: per week, month or year, event counts per QuadClass and the Goldstein sum and
mean, in each direction (A→B and B→A), of the events with the statuses chosen (by default the asserted
ones: occurred, ongoing).

The store does the counting (one indexed query, grouped by period); this module fills in the periods
without events so a chart shows quiet months as zeros, not as gaps. Of the events counted, those not
asserted (planned, negated, ... when chosen) are also counted apart, so a chart can show them apart."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd

from ..store import Store
from .codes import AnalysisError, check_range, pair_codes
from .filters import asserted

PERIODS = ("week", "month", "year")  # a week runs Monday to Sunday and is named by its Monday
QUAD_COLUMNS = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict"}
COLUMNS = ["period", "start", "direction", *QUAD_COLUMNS.values(), "events", "goldstein_sum", "goldstein_mean"]
MAX_PERIODS = 5000  # a safety net: 96 years by week


@dataclass(frozen=True)
class DyadSeries:
    """One row per period and direction (``A→B``, ``B→A``); periods with no events are there with zeros.
    ``statuses``: the statuses counted (None: occurred and ongoing); ``min_confidence``: the least confidence
    of the events counted (0: every event). ``unasserted``: the same rows counting only the events of those
    statuses that are not asserted (all zeros by default)."""

    a: str
    b: str
    by: str
    frame: pd.DataFrame
    unasserted: pd.DataFrame
    statuses: tuple[str, ...] | None = None
    min_confidence: float = 0.0

    @property
    def directions(self) -> tuple[str, str]:
        return f"{self.a}→{self.b}", f"{self.b}→{self.a}"

    @property
    def total(self) -> int:
        return int(self.frame["events"].sum()) if len(self.frame) else 0

    def records(self) -> list[dict[str, Any]]:
        """JSON-ready rows (Goldstein mean is null for a period without events); ``not_asserted``: how many
        of the row's events are not asserted (planned, negated, ... when those statuses are counted)."""
        return [{**row, "not_asserted": int(apart)}
                for row, apart in zip(frame_records(self.frame), self.unasserted["events"].tolist())]


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A series' rows ready for JSON and CSV: whole counts, Goldstein rounded, null mean without events."""
    out = []
    for row in frame.to_dict("records"):
        row["start"] = row["start"].isoformat()
        for key in (*QUAD_COLUMNS.values(), "events"):
            row[key] = int(row[key])
        row["goldstein_sum"] = round(float(row["goldstein_sum"]), 2)
        mean = row["goldstein_mean"]
        row["goldstein_mean"] = None if mean is None or pd.isna(mean) else round(float(mean), 2)
        out.append(row)
    return out


def period_start(day: date, by: str) -> date:
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def _start_of(key: Any, by: str) -> date:
    """The store's period key ('YYYY', 'YYYY-MM', or a Monday as text or date) as the period's first day."""
    text = str(key)[:10]
    if by == "year":
        return date(int(text[:4]), 1, 1)
    if by == "month":
        return date(int(text[:4]), int(text[5:7]), 1)
    return date.fromisoformat(text)


def _next(start: date, by: str) -> date:
    if by == "week":
        return start + timedelta(days=7)
    if by == "month":
        return date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


def _label(start: date, by: str) -> str:
    return start.isoformat() if by == "week" else start.isoformat()[: 7 if by == "month" else 4]


def periods(by: str, since: date | None, until: date | None, starts: list[date]) -> Iterator[date]:
    """The first day of every period from ``since`` (else the first of ``starts``) to ``until`` (else the
    last), quiet ones included; an AnalysisError past MAX_PERIODS."""
    start = period_start(since, by) if since else min(starts)
    last = period_start(until, by) if until else max(starts)
    for _ in range(MAX_PERIODS):
        if start > last:
            return
        yield start
        start = _next(start, by)
    raise AnalysisError(f"more than {MAX_PERIODS} {by}s is too many to show: "
                        "narrow the period (since/until) or count by a longer period")


def dyad_series(store: Store, a: str, b: str, by: str = "month", since: date | None = None,
                until: date | None = None, statuses: tuple[str, ...] | None = None,
                min_confidence: float = 0.0, unit: str = "report") -> DyadSeries:
    """The series of the pair A, B (codes or names as in ``codes.py``: JPN counts all Japanese actors) of the
    events with these statuses (None: occurred and ongoing) and at least ``min_confidence``. ``unit``: count
    event reports, or ("event") the event records of `accord group`, one per real-world event; with a
    confidence floor, a record is counted once when at least one of its reports passes the floor and the
    status filter."""
    a, b = pair_codes(a, b, store)
    if by not in PERIODS:
        raise AnalysisError(f"{by!r} is not a period: use one of {', '.join(PERIODS)}")
    check_range(since, until)
    rows = store.pair_period_counts(a, b, by, since, until, statuses, min_confidence, unit)
    if not rows:
        empty = pd.DataFrame(columns=COLUMNS)
        return DyadSeries(a, b, by, empty, empty, statuses, min_confidence)
    directions = (f"{a}→{b}", f"{b}→{a}")
    cells: dict[tuple[date, str], dict[str, float]] = {}
    apart: dict[tuple[date, str], dict[str, float]] = {}
    for row in rows:
        key = (_start_of(row["period"], by), directions[0] if row["source"] == a else directions[1])
        for table in (cells, apart) if row["status"] not in asserted() else (cells,):
            cell = table.setdefault(key, _zeros())
            cell[QUAD_COLUMNS[row["quad_class"]]] += row["events"]
            cell["goldstein_sum"] += float(row["goldstein"] or 0.0)
    starts = list(periods(by, since, until, [start for start, _ in cells]))
    return DyadSeries(a, b, by, _frame(cells, starts, by, directions), _frame(apart, starts, by, directions),
                      statuses, min_confidence)


def _zeros() -> dict[str, float]:
    return {name: 0 for name in (*QUAD_COLUMNS.values(), "goldstein_sum")}


def _frame(cells: dict[tuple[date, str], dict[str, float]], starts: list[date], by: str,
           directions: tuple[str, str]) -> pd.DataFrame:
    records = []
    for start in starts:
        for direction in directions:
            cell = cells.get((start, direction)) or _zeros()
            count = sum(cell[name] for name in QUAD_COLUMNS.values())
            records.append({"period": _label(start, by), "start": start, "direction": direction, **cell,
                            "events": count,
                            "goldstein_sum": round(cell["goldstein_sum"], 4),
                            "goldstein_mean": cell["goldstein_sum"] / count if count else None})
    return pd.DataFrame.from_records(records, columns=COLUMNS)
