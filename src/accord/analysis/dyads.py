"""A pair of actors over time: per week, month or year, event counts per QuadClass and the Goldstein sum and
mean, in each direction (A→B and B→A)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from ..store import Store
from .codes import AnalysisError, check_range, pair_codes

PERIODS = {"week": "W-SUN", "month": "M", "year": "Y"}  # pandas periods; a week runs Monday to Sunday
QUAD_COLUMNS = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict"}
COLUMNS = ["period", "start", "direction", *QUAD_COLUMNS.values(), "events", "goldstein_sum", "goldstein_mean"]
MAX_PERIODS = 5000  # a safety net: 96 years by week


@dataclass(frozen=True)
class DyadSeries:
    """One row per period and direction (``A→B``, ``B→A``); periods with no events are there with zeros."""

    a: str
    b: str
    by: str
    frame: pd.DataFrame

    @property
    def directions(self) -> tuple[str, str]:
        return f"{self.a}→{self.b}", f"{self.b}→{self.a}"

    @property
    def total(self) -> int:
        return int(self.frame["events"].sum()) if len(self.frame) else 0

    def records(self) -> list[dict[str, Any]]:
        """JSON-ready rows (Goldstein mean is null for a period without events)."""
        out = []
        for row in self.frame.to_dict("records"):
            row["start"] = row["start"].isoformat()
            for key in (*QUAD_COLUMNS.values(), "events"):
                row[key] = int(row[key])
            row["goldstein_sum"] = round(float(row["goldstein_sum"]), 2)
            mean = row["goldstein_mean"]
            row["goldstein_mean"] = None if pd.isna(mean) else round(float(mean), 2)
            out.append(row)
        return out


def _label(period: pd.Period, by: str) -> str:
    if by == "week":
        return period.start_time.date().isoformat()
    return str(period)


def dyad_series(store: Store, a: str, b: str, by: str = "month", since: date | None = None,
                until: date | None = None) -> DyadSeries:
    """Build the series from the store's per-day counts (the query runs on the indexed pair columns)."""
    a, b = pair_codes(a, b)
    if by not in PERIODS:
        raise AnalysisError(f"{by!r} is not a period: use one of {', '.join(PERIODS)}")
    check_range(since, until)
    rows = store.pair_day_counts(a, b, since, until)
    forward_name, backward_name = f"{a}→{b}", f"{b}→{a}"
    if not rows:
        return DyadSeries(a, b, by, pd.DataFrame(columns=COLUMNS))
    frame = pd.DataFrame(rows)
    forward = frame["source_country"].eq(a) if len(a) == 3 else frame["source_code"].eq(a)
    frame["direction"] = forward.map({True: forward_name, False: backward_name})
    frame["period"] = pd.PeriodIndex(pd.to_datetime(frame["event_day"]), freq=PERIODS[by])
    counts = frame.pivot_table(index=["period", "direction"], columns="quad_class", values="events",
                               aggfunc="sum", fill_value=0)
    counts = counts.reindex(columns=list(QUAD_COLUMNS), fill_value=0).rename(columns=QUAD_COLUMNS)
    goldstein = frame.groupby(["period", "direction"])["goldstein"].sum().rename("goldstein_sum")
    table = counts.join(goldstein)
    first = pd.Period(since, freq=PERIODS[by]) if since else frame["period"].min()
    last = pd.Period(until, freq=PERIODS[by]) if until else frame["period"].max()
    periods = pd.period_range(first, last, freq=PERIODS[by])
    if len(periods) > MAX_PERIODS:
        raise AnalysisError(f"{len(periods)} {by}s is too many to show: narrow --since/--until or use a longer period")
    full = pd.MultiIndex.from_product([periods, [forward_name, backward_name]], names=["period", "direction"])
    table = table.reindex(full, fill_value=0)
    table["events"] = table[list(QUAD_COLUMNS.values())].sum(axis=1)
    table["goldstein_mean"] = (table["goldstein_sum"] / table["events"]).where(table["events"] > 0)
    table = table.reset_index()
    table["start"] = [p.start_time.date() for p in table["period"]]
    table["period"] = [_label(p, by) for p in table["period"]]
    return DyadSeries(a, b, by, table[COLUMNS])
