"""Event search: by actor, partner, period, CAMEO root, QuadClass, status and words of the evidence."""
from __future__ import annotations

from fastapi import APIRouter, Query, Request

from ...analysis.filters import confidence_query, selected, status_query
from ..downloads import events_file
from ..events_json import event_json, evidence_parts
from ..pages import page, store_of
from ..params import (LIMIT, LIST_FORMAT, MIN_CONFIDENCE, OFFSET, PAGE, SINCE, STATUS, STATUSES, UNTIL, ListFormat,
                      depth, min_confidence, optional_code, pages, paged_only, period, query_string, statuses)
from ..params import root as check_root

router = APIRouter()
PER_PAGE = 50

ACTOR = Query(None, max_length=100, description="Source or target (JPN matches all Japanese actors; JPNGOV exactly; "
                                                 "a name stands for its code: Japan).")
PARTNER = Query(None, max_length=100, description="With actor: only events between the two, either direction.")
ROOT = Query(None, max_length=2, description="CAMEO root, 01-20.")
QUAD = Query(None, ge=1, le=4, description="QuadClass: 1 verbal cooperation ... 4 material conflict.")
TEXT = Query(None, max_length=200, description='Words the evidence sentence holds, all of them, in any case and '
                                                'order; "words in quotation marks" together; a word ending in * '
                                                'stands for every word it begins (full-text index).')


def _criteria(store, actor, partner, since, until, root_value, quad_class, status_value, q, least) -> dict:
    """The search, checked, as Store.find_events and Store.iter_events take it."""
    first, last = period(since, until)
    actor_value, partner_value = optional_code(actor, "actor", store), optional_code(partner, "partner", store)
    if partner_value and not actor_value:
        actor_value, partner_value = partner_value, None
    return {"actor": actor_value, "partner": partner_value, "since": first, "until": last,
            "root": check_root(root_value), "statuses": statuses(status_value), "quad_class": quad_class,
            "text": q or None, "min_confidence": min_confidence(least)}


@router.get("/events", include_in_schema=False)
def search_page(request: Request, actor: str | None = ACTOR, partner: str | None = PARTNER,
                since: str | None = SINCE, until: str | None = UNTIL, root: str | None = ROOT,
                quad_class: int | None = QUAD, status: list[str] | None = STATUS, q: str | None = TEXT,
                page_number: int = PAGE, min_confidence_value: str | None = MIN_CONFIDENCE):
    depth((page_number - 1) * PER_PAGE, PER_PAGE, f"page={page_number}")
    store = store_of(request)
    criteria = _criteria(store, actor, partner, since, until, root, quad_class, status, q, min_confidence_value)
    rows, total = store.find_events(**criteria, limit=PER_PAGE, offset=(page_number - 1) * PER_PAGE)
    form = {"actor": actor or "", "partner": partner or "", "since": since or "", "until": until or "",
            "root": root or "", "quad_class": quad_class or "", "status": status_query(criteria["statuses"]) or "",
            "min_confidence": confidence_query(criteria["min_confidence"]) or "", "q": q or ""}
    return page(request, "search.html", {
        "form": form, "events": rows, "total": total, "statuses": STATUSES,
        "counted": selected(criteria["statuses"]), "page_number": page_number,
        "pages": pages(total, PER_PAGE), "paged_only": paged_only(total), "evidence_parts": evidence_parts,
        "page_link": lambda n: query_string(**form, page=n), "download_query": query_string(**form),
    })


@router.get("/api/events", tags=["events"], summary="Search events",
            description="Newest first, each with its evidence sentence, status and source document; "
                        "format=csv or jsonl downloads every matching event.")
def search_api(request: Request, actor: str | None = ACTOR, partner: str | None = PARTNER,
               since: str | None = SINCE, until: str | None = UNTIL, root: str | None = ROOT,
               quad_class: int | None = QUAD, status: list[str] | None = STATUS, q: str | None = TEXT,
               limit: int = LIMIT, offset: int = OFFSET, format: ListFormat = LIST_FORMAT,
               min_confidence_value: str | None = MIN_CONFIDENCE):
    store = store_of(request)
    criteria = _criteria(store, actor, partner, since, until, root, quad_class, status, q, min_confidence_value)
    if format is not ListFormat.json:
        return events_file(format.value, store.iter_events(**criteria), "accord-events")
    depth(offset, limit, f"offset={offset} with limit={limit}")
    rows, total = store.find_events(**criteria, limit=limit, offset=offset)
    return {"total": total, "offset": offset, "events": [event_json(r) for r in rows]}
