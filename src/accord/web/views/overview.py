"""The overview: what the store holds, the most active pairs, the latest events."""
from __future__ import annotations

from fastapi import APIRouter, Query, Request

from ...analysis.filters import selected, status_query, status_words
from ...model import STATUSES
from ..events_json import event_json, evidence_parts
from ..pages import page, store_of
from ..params import SINCE, STATUS, UNTIL, period, query_string, statuses

router = APIRouter()


def active_pairs(store, since, until, limit: int, wanted=None) -> list[dict]:
    """Country pairs by events in both directions (added up by the store), most first."""
    return [{"a": r["a"], "b": r["b"], "events": r["events"]}
            for r in store.busiest_country_pairs(since, until, limit, wanted)]


def overview_data(store, since, until, limit: int, wanted=None) -> dict:
    rows, total = store.find_events(since=since, until=until, statuses=wanted, limit=limit)
    return {"counts": store.counts(), "events_in_period": total, "statuses": list(selected(wanted)),
            "active_pairs": active_pairs(store, since, until, limit, wanted), "recent": rows}


@router.get("/", include_in_schema=False)
def overview_page(request: Request, since: str | None = SINCE, until: str | None = UNTIL,
                  status: list[str] | None = STATUS):
    first, last = period(since, until)
    wanted = statuses(status)
    data = overview_data(store_of(request), first, last, 15, wanted)
    return page(request, "overview.html", {
        **data, "since": since or "", "until": until or "", "evidence_parts": evidence_parts,
        "all_statuses": STATUSES, "counted": selected(wanted), "counted_words": status_words(wanted),
        "status_query": query_string(status=status_query(wanted))})


@router.get("/api/overview", tags=["overview"], summary="What the store holds, most active pairs, latest events",
            description="The pairs and events count asserted events (occurred, ongoing) unless status says otherwise.")
def overview_api(request: Request, since: str | None = SINCE, until: str | None = UNTIL,
                 status: list[str] | None = STATUS,
                 limit: int = Query(10, ge=1, le=100, description="Pairs and events to list (1-100).")):
    first, last = period(since, until)
    data = overview_data(store_of(request), first, last, limit, statuses(status))
    data["recent"] = [event_json(r) for r in data["recent"]]
    return data
