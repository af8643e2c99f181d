"""A pair of actors: the timeline chart, the series per period and direction, and the evidence sentences."""
from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from ...analysis import dyad_series
from ...analysis.codes import pair_codes
from ...analysis.dyads import COLUMNS as SERIES_COLUMNS
from ...analysis.filters import asserted, confidence_query, not_counted, selected, status_query, status_words, widened
from ...analysis.plots import dyad_figure, render
from ...store import Filters
from ..counting import UNIT, counting
from ..downloads import csv_response, events_file
from ..events_json import event_json, evidence_parts
from ..pages import page, store_of
from ..params import (BY, FORMAT, LIMIT, LIST_FORMAT, MIN_CONFIDENCE, OFFSET, PAGE, SINCE, STATUS, STATUSES, UNTIL,
                      By, Format, ListFormat, depth, min_confidence, pages, paged_only, period, query_string,
                      statuses)
from .actor import names_in

router = APIRouter()
PER_PAGE = 25
CODE_NOTE = ("Actors: three letters are a country and match all its actors (JPN matches JPNGOV); longer codes "
             "match exactly; a name the dictionary knows stands for its code (Japan is JPN). By default only "
             "asserted events count (occurred, ongoing): choose others with status, and a least confidence with "
             "min_confidence.")


@router.get("/pair", include_in_schema=False)
def pair_form(request: Request, a: str = Query(..., max_length=100), b: str = Query(..., max_length=100)):
    first, second = pair_codes(a, b, store_of(request))
    return RedirectResponse(f"/pairs/{first}/{second}", status_code=303)


@router.get("/pairs/{a}/{b}", include_in_schema=False)
def pair_page(request: Request, a: str, b: str, by: By = BY, since: str | None = SINCE, until: str | None = UNTIL,
              status: list[str] | None = STATUS, page_number: int = PAGE,
              min_confidence_value: str | None = MIN_CONFIDENCE, unit_value: str | None = UNIT):
    store = store_of(request)
    first, last = period(since, until)
    wanted, floor, unit = statuses(status), min_confidence(min_confidence_value), counting(request, unit_value)
    depth((page_number - 1) * PER_PAGE, PER_PAGE, f"page={page_number}")
    series = dyad_series(store, a, b, by.value, first, last, wanted, floor, unit.unit)
    rows, total = store.find_events(actor=series.a, partner=series.b, since=first, until=last, statuses=wanted,
                                    min_confidence=floor, limit=PER_PAGE, offset=(page_number - 1) * PER_PAGE)
    events = unit.events(store, total, Filters(dyad=(series.a, series.b), since=first, until=last, statuses=wanted,
                                               min_confidence=floor))
    totals = series.frame.groupby("direction")[["events", "goldstein_sum"]].sum().to_dict("index") if events else {}
    undated = max(0, events - series.total)  # counted, but a chart has no period to put them in
    counted = selected(wanted)
    apart = not_counted(store.status_counts(actor=series.a, partner=series.b, since=first, until=last,
                                            min_confidence=floor, unit=unit.unit), wanted)
    chosen, least = status_query(wanted), confidence_query(floor)
    chart = query_string(by=by.value, since=since, until=until, status=chosen, min_confidence=least, unit=unit.query)

    def link(n: int) -> str:
        return query_string(by=by.value, since=since, until=until, status=chosen, min_confidence=least,
                            unit=unit.query, page=n)

    return page(request, "pair.html", {
        "a": series.a, "b": series.b, "names_a": names_in(rows, series.a), "names_b": names_in(rows, series.b),
        "series": series, "totals": totals, "undated": undated, "events": rows, "total": total, "by": by.value,
        "since": since or "", "until": until or "", "chart_query": chart,
        "statuses": STATUSES, "counted": counted, "counted_words": status_words(wanted, floor), "apart": apart,
        "min_confidence": least or "", "hatched": any(s not in asserted() for s in counted), "counting": unit,
        "with_apart": query_string(by=by.value, since=since, until=until, status=widened(wanted, apart),
                                   min_confidence=least, unit=unit.query),
        "other_unit": query_string(by=by.value, since=since, until=until, status=chosen, min_confidence=least,
                                   unit=unit.other),
        "page_number": page_number, "pages": pages(total, PER_PAGE), "paged_only": paged_only(total),
        "page_link": link,
        "evidence_query": query_string(since=since, until=until, status=chosen, min_confidence=least),
        "evidence_parts": evidence_parts, "periods": [b.value for b in By],
    })


@router.get("/pairs/{a}/{b}/chart.svg", include_in_schema=False)
def pair_chart(request: Request, a: str, b: str, by: By = BY, since: str | None = SINCE, until: str | None = UNTIL,
               status: list[str] | None = STATUS, min_confidence_value: str | None = MIN_CONFIDENCE,
               unit_value: str | None = UNIT):
    first, last = period(since, until)
    series = dyad_series(store_of(request), a, b, by.value, first, last, statuses(status),
                         min_confidence(min_confidence_value), counting(request, unit_value).unit)
    return Response(render(dyad_figure(series), "svg"), media_type="image/svg+xml")


@router.get("/api/pairs/{a}/{b}/series", tags=["pairs"], summary="A pair of actors over time",
            description="Per period and direction (A→B, B→A): events per QuadClass, Goldstein sum and mean, and "
                        "how many of them are not asserted (not_asserted). Dated events only. " + CODE_NOTE)
def pair_series_api(request: Request, a: str, b: str, by: By = BY, since: str | None = SINCE,
                    until: str | None = UNTIL, status: list[str] | None = STATUS, format: Format = FORMAT,
                    min_confidence_value: str | None = MIN_CONFIDENCE, unit_value: str | None = UNIT):
    first, last = period(since, until)
    wanted, floor, unit = statuses(status), min_confidence(min_confidence_value), counting(request, unit_value)
    series = dyad_series(store_of(request), a, b, by.value, first, last, wanted, floor, unit.unit)
    if format is Format.csv:
        return csv_response(series.records(), [*SERIES_COLUMNS, "not_asserted"],
                            f"accord-{series.a}-{series.b}-{unit.unit}s-by-{series.by}")
    return {"a": series.a, "b": series.b, "by": series.by, **unit.json(), "statuses": list(selected(wanted)),
            "min_confidence": floor, "events": series.total, "series": series.records()}


@router.get("/api/pairs/{a}/{b}/events", tags=["pairs"], summary="The events between two actors, with evidence",
            description="Newest first, both directions, each with its evidence sentence, status and source document; "
                        "format=csv or jsonl downloads them all. " + CODE_NOTE)
def pair_events_api(request: Request, a: str, b: str, since: str | None = SINCE, until: str | None = UNTIL,
                    status: list[str] | None = STATUS, limit: int = LIMIT, offset: int = OFFSET,
                    format: ListFormat = LIST_FORMAT, min_confidence_value: str | None = MIN_CONFIDENCE):
    store = store_of(request)
    first, second = pair_codes(a, b, store)
    start, end = period(since, until)
    wanted, floor = statuses(status), min_confidence(min_confidence_value)
    criteria = {"actor": first, "partner": second, "since": start, "until": end, "statuses": wanted,
                "min_confidence": floor}
    if format is not ListFormat.json:
        return events_file(format.value, store.iter_events(**criteria), f"accord-{first}-{second}-events")
    depth(offset, limit, f"offset={offset} with limit={limit}")
    rows, total = store.find_events(**criteria, limit=limit, offset=offset)
    return {"a": first, "b": second, "statuses": list(selected(wanted)), "min_confidence": floor, "total": total,
            "offset": offset,
            "events": [event_json(r) for r in rows]}
