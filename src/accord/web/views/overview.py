"""The overview: what the store holds, the most active pairs, the latest events."""
from __future__ import annotations

from fastapi import APIRouter, Query, Request

from ..events_json import event_json, evidence_parts
from ..pages import page, store_of
from ..params import SINCE, UNTIL, period

router = APIRouter()


def active_pairs(store, since, until, limit: int) -> list[dict]:
    """Country pairs by events in both directions (added up by the store), most first."""
    return [{"a": r["a"], "b": r["b"], "events": r["events"]} for r in store.busiest_country_pairs(since, until, limit)]


def overview_data(store, since, until, limit: int) -> dict:
    rows, total = store.find_events(since=since, until=until, limit=limit)
    return {"counts": store.counts(), "events_in_period": total,
            "active_pairs": active_pairs(store, since, until, limit), "recent": rows}


@router.get("/", include_in_schema=False)
def overview_page(request: Request, since: str | None = SINCE, until: str | None = UNTIL):
    first, last = period(since, until)
    data = overview_data(store_of(request), first, last, 15)
    return page(request, "overview.html", {**data, "since": since or "", "until": until or "",
                                           "evidence_parts": evidence_parts})


@router.get("/api/overview", tags=["overview"], summary="What the store holds, most active pairs, latest events")
def overview_api(request: Request, since: str | None = SINCE, until: str | None = UNTIL,
                 limit: int = Query(10, ge=1, le=100, description="Pairs and events to list (1-100).")):
    first, last = period(since, until)
    data = overview_data(store_of(request), first, last, limit)
    data["recent"] = [event_json(r) for r in data["recent"]]
    return data
