"""The relation network: who cooperates with whom and who is in conflict, in a period."""
from __future__ import annotations

import time
from collections import OrderedDict
from enum import Enum

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ...analysis import relation_network
from ...analysis.filters import confidence_query, selected, status_query, status_words
from ...analysis.networks import network_json
from ...analysis.plots import network_figure, render
from ..counting import UNIT, Counting, counting
from ..downloads import csv_response
from ..pages import page, store_of
from ..params import (FORMAT, MIN_CONFIDENCE, SINCE, STATUS, STATUSES, UNTIL, Format, min_confidence, period,
                      query_string, statuses)

router = APIRouter()


class Level(str, Enum):
    country = "country"
    actor = "actor"


MIN_EVENTS = Query(1, ge=1, le=1_000_000, description="Leave out edges with fewer events.")
LEVEL = Query(Level.country, description="Nodes are countries (JPNGOV counts for JPN) or full actor codes.")
ACTOR = Query(None, max_length=100, description="Only this actor (a code or a name) and its partners: its ego network.")
TOP = Query(40, ge=0, le=10_000, description="Only the actors with the most events (0: all).")
UNKNOWN = Query(False, description="Also actors the dictionary does not know (---) and sectors of no country (---GOV).")
TOPS = (10, 20, 40, 80, 0)
EDGE_COLUMNS = ["source", "target", "events", "cooperation", "conflict", "goldstein_sum", "goldstein_mean"]
CACHED = 8  # networks kept: the page and then its chart ask for the same one, within a second or two
CACHE_SECONDS = 60  # and never longer than this, as the charts (guards.py)


def _network(request: Request, since, until, min_events, level, actor, status, top, unknown, least,
             unit: Counting):
    """The network asked for, computed once for the page and its chart while the store does not change."""
    first, last = period(since, until)
    chosen, floor = statuses(status), min_confidence(least)
    store = store_of(request)
    key = (first, last, min_events, level.value, (actor or "").strip().upper(), chosen, floor, top, unknown,
           unit.unit, store.change_marks())
    cache: OrderedDict = request.app.state.networks
    now = time.monotonic()
    kept = cache.get(key)
    if kept is not None and now - kept[0] < CACHE_SECONDS:
        return kept[1]
    graph = relation_network(store, first, last, min_events, level.value, actor or None, chosen, top or None,
                             unknown, floor, unit.unit)
    cache[key] = (now, graph)
    cache.move_to_end(key)
    while len(cache) > CACHED:
        cache.popitem(last=False)
    return graph


def _query(since, until, min_events, level, actor, status, top, unknown, least, unit: str | None) -> str:
    return query_string(since=since, until=until, min_events=min_events, level=level.value, actor=actor,
                        status=status_query(statuses(status)), min_confidence=confidence_query(min_confidence(least)),
                        top=top, unknown="true" if unknown else None, unit=unit)


@router.get("/network", include_in_schema=False)
def network_page(request: Request, since: str | None = SINCE, until: str | None = UNTIL, min_events: int = MIN_EVENTS,
                 level: Level = LEVEL, actor: str | None = ACTOR, status: list[str] | None = STATUS,
                 top: int = TOP, unknown: bool = UNKNOWN, min_confidence_value: str | None = MIN_CONFIDENCE,
                 unit_value: str | None = UNIT):
    unit = counting(request, unit_value)
    graph = _network(request, since, until, min_events, level, actor, status, top, unknown, min_confidence_value,
                     unit)
    data = network_json(graph)
    chosen, floor = statuses(status), min_confidence(min_confidence_value)
    least = confidence_query(floor)
    return page(request, "network.html", {
        "edges": data["edges"][:60], "nodes": len(data["nodes"]), "actors": data["actors"],
        "edge_count": len(data["edges"]), "since": since or "", "until": until or "", "min_events": min_events,
        "level": level.value, "actor": data["actor"] or "", "top": top, "tops": TOPS, "unknown": unknown,
        "statuses": STATUSES, "counted": selected(chosen), "counted_words": status_words(chosen, floor),
        "min_confidence": least or "", "counting": unit,
        "chart_query": _query(since, until, min_events, level, data["actor"], status, top, unknown,
                              min_confidence_value, unit.query),
        "other_unit": _query(since, until, min_events, level, data["actor"], status, top, unknown,
                             min_confidence_value, unit.other),
        "filter_query": query_string(status=status_query(chosen), min_confidence=least, unit=unit.query),
    })


@router.get("/network.svg", include_in_schema=False)
def network_chart(request: Request, since: str | None = SINCE, until: str | None = UNTIL,
                  min_events: int = MIN_EVENTS, level: Level = LEVEL, actor: str | None = ACTOR,
                  status: list[str] | None = STATUS, top: int = TOP, unknown: bool = UNKNOWN,
                  min_confidence_value: str | None = MIN_CONFIDENCE, unit_value: str | None = UNIT):
    graph = _network(request, since, until, min_events, level, actor, status, top, unknown, min_confidence_value,
                     counting(request, unit_value))
    return Response(render(network_figure(graph), "svg"), media_type="image/svg+xml")


@router.get("/api/network", tags=["network"], summary="Actors as nodes, edges weighted by cooperation and conflict",
            description="Each directed edge: events, cooperation (QuadClass 1-2), conflict (3-4), Goldstein sum "
                        "and mean. Nodes: the events, cooperation and conflict they take part in; actors: how many "
                        "there were before top cut them. By default only asserted events (occurred, ongoing) of "
                        "any confidence (min_confidence: a least one), "
                        "the 40 busiest actors, and no unknown (---) or country-less sector actors. format=csv: "
                        "the edges, busiest first.")
def network_api(request: Request, since: str | None = SINCE, until: str | None = UNTIL, min_events: int = MIN_EVENTS,
                level: Level = LEVEL, actor: str | None = ACTOR, status: list[str] | None = STATUS,
                top: int = TOP, unknown: bool = UNKNOWN, format: Format = FORMAT,
                min_confidence_value: str | None = MIN_CONFIDENCE, unit_value: str | None = UNIT):
    unit = counting(request, unit_value)
    data = network_json(_network(request, since, until, min_events, level, actor, status, top, unknown,
                                 min_confidence_value, unit))
    if format is Format.csv:
        return csv_response(data["edges"], EDGE_COLUMNS, f"accord-network-edges-by-{unit.unit}")
    return {**unit.json(), **data}
