"""The overview: what the store holds, its events over time, the most active pairs, the latest events."""
from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ...analysis.filters import confidence_query, selected, status_query, status_words
from ...analysis.plots import render, trend_figure
from ...analysis.trends import COLUMNS as TREND_COLUMNS
from ...analysis.trends import trend
from ...store import Filters
from ..counting import UNIT, Counting, counting
from ..downloads import csv_response
from ..events_json import event_json, evidence_parts
from ..pages import page, store_of
from ..params import (BY, FORMAT, MIN_CONFIDENCE, SINCE, STATUS, STATUSES, UNTIL, By, Format, min_confidence,
                      optional_code, period, query_string, statuses)

router = APIRouter()
ACTOR = Query(None, max_length=100, description="Only this actor's events (a code or a name; JPN counts every "
                                                 "Japanese actor).")


def store_trend(request: Request, by: By, since, until, actor, status, least, unit: Counting):
    store = store_of(request)
    first, last = period(since, until)
    return trend(store, by.value, first, last, optional_code(actor, "actor", store), statuses(status),
                 min_confidence(least), unit.unit)


def active_pairs(store, since, until, limit: int, wanted=None, floor: float = 0.0, unit: str = "event") -> list[dict]:
    """Country pairs by events in both directions (added up by the store), most first."""
    return [{"a": r["a"], "b": r["b"], "events": r["events"]}
            for r in store.busiest_country_pairs(since, until, limit, wanted, floor, unit)]


def overview_data(store, since, until, limit: int, wanted, floor: float, unit: Counting) -> dict:
    """The store's counts, and in the period: the events counted (``unit``) and the reports behind them, the
    busiest pairs, the latest reports."""
    rows, reports = store.find_events(since=since, until=until, statuses=wanted, min_confidence=floor, limit=limit)
    counted = unit.events(store, reports, Filters(since=since, until=until, statuses=wanted, min_confidence=floor))
    return {"counts": store.counts(), **unit.json(), "events_in_period": counted, "reports_in_period": reports,
            "statuses": list(selected(wanted)), "min_confidence": floor,
            "active_pairs": active_pairs(store, since, until, limit, wanted, floor, unit.unit), "recent": rows}


@router.get("/", include_in_schema=False)
def overview_page(request: Request, since: str | None = SINCE, until: str | None = UNTIL,
                  status: list[str] | None = STATUS, min_confidence_value: str | None = MIN_CONFIDENCE,
                  unit_value: str | None = UNIT):
    first, last = period(since, until)
    wanted, floor, unit = statuses(status), min_confidence(min_confidence_value), counting(request, unit_value)
    data = overview_data(store_of(request), first, last, 15, wanted, floor, unit)
    chosen, least = status_query(wanted), confidence_query(floor)
    return page(request, "overview.html", {
        **data, "since": since or "", "until": until or "", "evidence_parts": evidence_parts,
        "all_statuses": STATUSES, "counted": selected(wanted), "counted_words": status_words(wanted, floor),
        "min_confidence": least or "", "counting": unit,
        "filter_query": query_string(status=chosen, min_confidence=least, unit=unit.query),
        "other_unit": query_string(since=since, until=until, status=chosen, min_confidence=least, unit=unit.other),
        "trend_query": query_string(since=since, until=until, status=chosen, min_confidence=least, unit=unit.query)})


@router.get("/trend.svg", include_in_schema=False)
def overview_chart(request: Request, by: By = BY, since: str | None = SINCE, until: str | None = UNTIL,
                   actor: str | None = ACTOR, status: list[str] | None = STATUS,
                   min_confidence_value: str | None = MIN_CONFIDENCE, unit_value: str | None = UNIT):
    found = store_trend(request, by, since, until, actor, status, min_confidence_value, counting(request, unit_value))
    return Response(render(trend_figure(found), "svg"), media_type="image/svg+xml")


@router.get("/api/trend", tags=["overview"], summary="Events over time, by QuadClass: all of them or one actor's",
            description="Per period: events per QuadClass, Goldstein sum and mean (dated events only). With actor, "
                        "its events as source or target, each once. format=csv: the same table as a file.")
def trend_api(request: Request, by: By = BY, since: str | None = SINCE, until: str | None = UNTIL,
              actor: str | None = ACTOR, status: list[str] | None = STATUS, format: Format = FORMAT,
              min_confidence_value: str | None = MIN_CONFIDENCE, unit_value: str | None = UNIT):
    unit = counting(request, unit_value)
    found = store_trend(request, by, since, until, actor, status, min_confidence_value, unit)
    if format is Format.csv:
        return csv_response(found.records(), TREND_COLUMNS,
                            f"accord-{found.actor or 'all'}-{unit.unit}s-by-{found.by}")
    return {"actor": found.actor, "by": found.by, **unit.json(), "statuses": list(selected(statuses(status))),
            "min_confidence": min_confidence(min_confidence_value), "events": found.total, "series": found.records()}


@router.get("/api/overview", tags=["overview"], summary="What the store holds, most active pairs, latest events",
            description="The pairs and events count asserted events (occurred, ongoing) unless status says "
                        "otherwise, and every event's confidence unless min_confidence sets a least one.")
def overview_api(request: Request, since: str | None = SINCE, until: str | None = UNTIL,
                 status: list[str] | None = STATUS,
                 limit: int = Query(10, ge=1, le=100, description="Pairs and events to list (1-100)."),
                 min_confidence_value: str | None = MIN_CONFIDENCE, unit_value: str | None = UNIT):
    first, last = period(since, until)
    data = overview_data(store_of(request), first, last, limit, statuses(status), min_confidence(min_confidence_value),
                         counting(request, unit_value))
    data["recent"] = [event_json(r) for r in data["recent"]]
    return data
