"""An actor: its names, its events over time by QuadClass, its partners (each a link to the pair page), its
latest events."""
from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ...analysis.codes import actor_code
from ...analysis.dyads import QUAD_COLUMNS
from ...analysis.filters import confidence_query, not_counted, selected, status_query, status_words, widened
from ...analysis.plots import render, trend_figure
from ...store import Filters
from ..counting import UNIT, Counting, counting
from ..downloads import csv_response
from ..events_json import event_json, evidence_parts
from ..pages import page, store_of
from ..params import (BY, FORMAT, MIN_CONFIDENCE, SINCE, STATUS, STATUSES, UNTIL, By, Format, min_confidence, period,
                      query_string, statuses)
from .overview import store_trend

router = APIRouter()
PARTNER_COLUMNS = ["partner", "events", *QUAD_COLUMNS.values(), "goldstein_sum"]


def partners(store, code: str, since, until, limit: int, wanted=None, floor: float = 0.0,
             unit: str = "event") -> list[dict]:
    """The actor's partners (countries; an actor with none by its code) with events per QuadClass, busiest
    first, counting the events (``unit``: event records or reports) of these statuses (None: occurred and
    ongoing) and at least this confidence."""
    table: dict[str, dict] = {}
    for row in store.relation_counts(since, until, "country", code, wanted, min_confidence=floor, unit=unit):
        other = row["target"] if row["actor_side"] == "source" else row["source"]
        if other == code:
            continue
        entry = table.setdefault(other, {"partner": other, "events": 0, "goldstein_sum": 0.0,
                                         **{name: 0 for name in QUAD_COLUMNS.values()}})
        entry["events"] += row["events"]
        for quad, column in QUAD_COLUMNS.items():
            entry[column] += row[f"quad{quad}"]
        entry["goldstein_sum"] += float(row["goldstein"] or 0.0)
    ranked = sorted(table.values(), key=lambda e: (-e["events"], e["partner"]))[:limit]
    for entry in ranked:
        entry["goldstein_sum"] = round(entry["goldstein_sum"], 2)
    return ranked


def names_in(rows: list[dict], code: str, limit: int = 5) -> list[str]:
    """The names the listed events give an actor (a country: the names of its actors), most used first."""
    counts: dict[str, int] = {}
    for row in rows:
        for side in ("source", "target"):
            matches = row[f"{side}_country"] == code if len(code) == 3 else row[f"{side}_code"] == code
            if matches and row[f"{side}_name"]:
                counts[row[f"{side}_name"]] = counts.get(row[f"{side}_name"], 0) + 1
    return [name for name, _n in sorted(counts.items(), key=lambda item: -item[1])][:limit]


def actor_data(store, code: str, since, until, limit: int, wanted, floor: float, unit: Counting) -> dict:
    """The actor's names, events counted (``unit``) and the reports behind them, partners, latest reports."""
    rows, reports = store.find_events(actor=code, since=since, until=until, statuses=wanted, min_confidence=floor,
                                      limit=limit)
    counted = unit.events(store, reports, Filters(actor=code, since=since, until=until, statuses=wanted,
                                                  min_confidence=floor))
    return {"code": code, "names": names_in(rows, code), **unit.json(), "events": counted, "reports": reports,
            "statuses": list(selected(wanted)), "min_confidence": floor,
            "partners": partners(store, code, since, until, limit, wanted, floor, unit.unit), "recent": rows}


@router.get("/actors/{code}", include_in_schema=False)
def actor_page(request: Request, code: str, since: str | None = SINCE, until: str | None = UNTIL,
               status: list[str] | None = STATUS, min_confidence_value: str | None = MIN_CONFIDENCE,
               unit_value: str | None = UNIT):
    store = store_of(request)
    code = actor_code(code, "actor", store)
    first, last = period(since, until)
    wanted, floor, unit = statuses(status), min_confidence(min_confidence_value), counting(request, unit_value)
    data = actor_data(store, code, first, last, 20, wanted, floor, unit)
    apart = not_counted(store.status_counts(actor=code, since=first, until=last, min_confidence=floor,
                                            unit=unit.unit), wanted)
    chosen, least = status_query(wanted), confidence_query(floor)
    return page(request, "actor.html", {
        **data, "since": since or "", "until": until or "", "evidence_parts": evidence_parts,
        "all_statuses": STATUSES, "counted": selected(wanted), "counted_words": status_words(wanted, floor),
        "apart": apart, "min_confidence": least or "", "counting": unit,
        "with_apart": query_string(since=since, until=until, status=widened(wanted, apart), min_confidence=least,
                                   unit=unit.query),
        "filter_query": query_string(status=chosen, min_confidence=least, unit=unit.query),
        "other_unit": query_string(since=since, until=until, status=chosen, min_confidence=least, unit=unit.other),
        "trend_query": query_string(since=since, until=until, status=chosen, min_confidence=least, unit=unit.query),
        "actor_trend_query": query_string(actor=code, since=since, until=until, status=chosen,
                                          min_confidence=least, unit=unit.query)})


@router.get("/actors/{code}/trend.svg", include_in_schema=False)
def actor_chart(request: Request, code: str, by: By = BY, since: str | None = SINCE, until: str | None = UNTIL,
                status: list[str] | None = STATUS, min_confidence_value: str | None = MIN_CONFIDENCE,
                unit_value: str | None = UNIT):
    found = store_trend(request, by, since, until, code, status, min_confidence_value, counting(request, unit_value))
    return Response(render(trend_figure(found), "svg"), media_type="image/svg+xml")


@router.get("/api/actors/{code}", tags=["actors"], summary="An actor: names, partners, latest events",
            description="A three-letter code is a country and counts all its actors (JPN counts JPNGOV); "
                        "a longer code matches exactly; a name stands for its code (Japan is JPN). By default "
                        "only asserted events (occurred, ongoing) count. format=csv: the partners table.")
def actor_api(request: Request, code: str, since: str | None = SINCE, until: str | None = UNTIL,
              status: list[str] | None = STATUS,
              limit: int = Query(20, ge=1, le=200, description="Partners and events to list (1-200)."),
              format: Format = FORMAT, min_confidence_value: str | None = MIN_CONFIDENCE,
              unit_value: str | None = UNIT):
    store = store_of(request)
    code = actor_code(code, "actor", store)
    first, last = period(since, until)
    wanted, floor, unit = statuses(status), min_confidence(min_confidence_value), counting(request, unit_value)
    if format is Format.csv:
        return csv_response(partners(store, code, first, last, limit, wanted, floor, unit.unit), PARTNER_COLUMNS,
                            f"accord-{code}-partners-by-{unit.unit}")
    data = actor_data(store, code, first, last, limit, wanted, floor, unit)
    data["recent"] = [event_json(r) for r in data["recent"]]
    return data
