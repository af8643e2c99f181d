"""Temporal expressions: values and precision relative to the reference date."""
from __future__ import annotations

from datetime import date

import pytest

from accord.temporal import normalise

REF = date(2024, 4, 8)  # a Monday


@pytest.mark.parametrize("text, future, value, precision", [
    ("last year", False, "2023", "year"),
    ("next year", False, "2025", "year"),
    ("this month", False, "2024-04", "month"),
    ("earlier this month", False, "2024-04", "month"),
    ("next week", False, "2024-04-15", "week"),
    ("last week", False, "2024-04-01", "week"),
    ("yesterday", False, "2024-04-07", "day"),
    ("tomorrow", False, "2024-04-09", "day"),
    ("on Friday", False, "2024-04-05", "day"),
    ("on Friday", True, "2024-04-12", "day"),
    ("last Monday", False, "2024-04-01", "day"),
    ("Monday", False, "2024-04-08", "day"),
    ("April 10", True, "2024-04-10", "day"),
    ("March 18", False, "2024-03-18", "day"),
    ("December 30", False, "2023-12-30", "day"),
    ("10 April 2019", False, "2019-04-10", "day"),
    ("in March", False, "2024-03", "month"),
    ("in 2019", False, "2019", "year"),
    ("since 2011", False, "2011", "year"),
    ("by the end of the year", True, "2024", "year"),
    ("two weeks ago", False, "2024-03-25", "week"),
    ("three years ago", False, "2021", "year"),
])
def test_normalise(text, future, value, precision):
    result = normalise(text, REF, future=future)
    assert result is not None, text
    assert (result.iso(), result.precision) == (value, precision)


def test_unknown_expression_gives_nothing():
    assert normalise("the first half of the 20th century", REF) is None


def test_events_take_the_expression_that_governs_them(code):
    document = code("Germany last year delivered tanks to Ukraine and is negotiating a security pact with Kyiv.")
    delivered = next(e for e in document.events if e.trigger.text == "delivered")
    negotiating = next(e for e in document.events if e.trigger.text == "negotiating")
    assert (delivered.date, delivered.date_precision) == ("2023", "year")
    assert negotiating.date == "2024-04-08" and negotiating.status == "ongoing"


def test_future_date_makes_an_event_planned(code):
    document = code("Japan and China hold talks in Beijing next week.")
    assert document.events and all(e.status == "planned" for e in document.events)
    assert document.events[0].date == "2024-04-15"
