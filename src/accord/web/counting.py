"""What a view counts: real-world events (the event records of `accord group`, the default) or event reports.

A view that counts takes ``unit`` (event or report). Counting events needs event records that match the
reports; when they are out of date or absent (reports stored or re-coded since `accord group`), a web request
does not regroup the store (that reads every report) but counts reports, and the page and the API say so.
Lists of single reports (evidence, search results) are reports whatever the unit.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from fastapi import Query, Request

from ..analysis.codes import AnalysisError
from ..store import Filters
from .pages import store_of

UNITS = ("event", "report")
UNIT = Query("event", max_length=20, alias="unit",
             description="What is counted: event (default), one per real-world event (the reports of several "
                         "articles, sources and days grouped by `accord group`), or report, one per coded event "
                         "mention. When the event records are out of date, reports are counted and the response "
                         "says so (unit_note).")
STALE_NOTE = "event records are out of date: run accord group; counting reports"
CHECKED_SECONDS = 30.0  # whether the records match is asked again after this long, even if the marks have not
# moved: regrouping in another process need not move them (SQLite numbers the new records from 1 again)


@dataclass(frozen=True)
class Counting:
    """``asked``: the unit the request chose; ``unit``: the one counted (reports when the records are stale)."""

    asked: str
    unit: str

    @property
    def stale(self) -> bool:
        return self.asked != self.unit

    @property
    def query(self) -> str | None:
        """The unit as a link's query value: None for the default (event), so links stay short."""
        return None if self.asked == "event" else self.asked

    @property
    def other(self) -> str:
        """The query value of the other unit, for the page's "count reports instead" link."""
        return "report" if self.asked == "event" else "event"

    def events(self, store, reports: int, filters: Filters) -> int:
        """How many events ``filters`` keep: ``reports`` (the reports they keep, counted already) when counting
        reports, else the event records."""
        return reports if self.unit == "report" else store.count_event_records(filters)

    def json(self) -> dict[str, Any]:
        return {"unit": self.unit, **({"unit_note": STALE_NOTE} if self.stale else {})}


def counting(request: Request, value: str | None) -> Counting:
    """The unit asked for (``unit``; an AnalysisError, answered 400, when it is neither), and the one counted:
    event records when they match the reports, else reports. Whether they match is asked of the store once
    per change of its marks (documents, events, corrections, event records) and at most every
    CHECKED_SECONDS, not on every request."""
    asked = value or "event"
    if asked not in UNITS:
        raise AnalysisError(f"unit={value!r} is not a unit: use event (one per real-world event) or report "
                            "(one per coded event mention)")
    if asked == "report":
        return Counting(asked, asked)
    store = store_of(request)
    marks = store.change_marks()
    now = time.monotonic()
    known = request.app.state.grouping  # (marks, when, stale)
    if known is None or known[0] != marks or now - known[1] > CHECKED_SECONDS:
        known = (marks, now, store.grouping_stale())
        request.app.state.grouping = known
    return Counting(asked, "report" if known[2] else "event")
