"""The relation network: who cooperates with whom and who is in conflict, in a period."""
from __future__ import annotations

from enum import Enum

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ...analysis import relation_network
from ...analysis.networks import network_json
from ...analysis.plots import network_figure, render
from ..downloads import csv_response
from ..pages import page, store_of
from ..params import FORMAT, SINCE, UNTIL, Format, optional_code, period, query_string

router = APIRouter()


class Level(str, Enum):
    country = "country"
    actor = "actor"


MIN_EVENTS = Query(1, ge=1, le=1_000_000, description="Leave out edges with fewer events.")
LEVEL = Query(Level.country, description="Nodes are countries (JPNGOV counts for JPN) or full actor codes.")
ACTOR = Query(None, max_length=40, description="Only this actor's relations (its ego network).")
EDGE_COLUMNS = ["source", "target", "events", "cooperation", "conflict", "goldstein_sum", "goldstein_mean"]


def _network(request: Request, since, until, min_events, level, actor):
    first, last = period(since, until)
    return relation_network(store_of(request), first, last, min_events, level.value, optional_code(actor, "actor"))


@router.get("/network", include_in_schema=False)
def network_page(request: Request, since: str | None = SINCE, until: str | None = UNTIL, min_events: int = MIN_EVENTS,
                 level: Level = LEVEL, actor: str | None = ACTOR):
    graph = _network(request, since, until, min_events, level, actor)
    data = network_json(graph)
    return page(request, "network.html", {
        "edges": data["edges"][:60], "nodes": len(data["nodes"]), "edge_count": len(data["edges"]),
        "since": since or "", "until": until or "", "min_events": min_events, "level": level.value,
        "actor": (actor or "").upper(),
        "chart_query": query_string(since=since, until=until, min_events=min_events, level=level.value, actor=actor),
    })


@router.get("/network.svg", include_in_schema=False)
def network_chart(request: Request, since: str | None = SINCE, until: str | None = UNTIL,
                  min_events: int = MIN_EVENTS, level: Level = LEVEL, actor: str | None = ACTOR):
    graph = _network(request, since, until, min_events, level, actor)
    return Response(render(network_figure(graph), "svg"), media_type="image/svg+xml")


@router.get("/api/network", tags=["network"], summary="Actors as nodes, edges weighted by cooperation and conflict",
            description="Each directed edge: events, cooperation (QuadClass 1-2), conflict (3-4), Goldstein sum "
                        "and mean. Nodes: the events, cooperation and conflict they take part in. format=csv: "
                        "the edges, busiest first.")
def network_api(request: Request, since: str | None = SINCE, until: str | None = UNTIL, min_events: int = MIN_EVENTS,
                level: Level = LEVEL, actor: str | None = ACTOR, format: Format = FORMAT):
    data = network_json(_network(request, since, until, min_events, level, actor))
    if format is Format.csv:
        return csv_response(data["edges"], EDGE_COLUMNS, "accord-network-edges")
    return data
