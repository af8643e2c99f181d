"""Quotations: who said what, found by speaker (code or name), attributing words, kind, words of the
quotation and period ("what did Kishida say about China": name=Kishida, q=China)."""
from __future__ import annotations

from fastapi import APIRouter, Query, Request

from ...analysis.codes import AnalysisError
from ..downloads import quotes_file
from ..events_json import quote_json
from ..pages import page, store_of
from ..params import (LIMIT, LIST_FORMAT, OFFSET, PAGE, QUOTE_KINDS, SINCE, UNTIL, ListFormat, depth, optional_code,
                      pages, paged_only, period, query_string)

router = APIRouter()
PER_PAGE = 50

SPEAKER = Query(None, max_length=40,
                description="The speaker's actor code (JPN: every Japanese speaker; JPNGOV exactly).")
NAME = Query(None, max_length=100, description="Words of the speaker's name, or of the words naming them (Kishida).")
CUE = Query(None, max_length=60, description="The words that attribute the quotation (said, told, according to).")
KIND = Query(None, max_length=10, description="direct (in quotation marks), partial (a quoted fragment) or indirect "
                                              "(reported speech).")
TEXT = Query(None, max_length=200, description='Words the quotation holds, all of them; "words in quotation marks" '
                                                'together; a word ending in * stands for every word it begins.')


def _criteria(speaker, name, cue, kind, q, since, until) -> dict:
    first, last = period(since, until)
    if kind and kind not in QUOTE_KINDS:
        raise AnalysisError(f"kind={kind!r} is not a kind of quotation: use one of {', '.join(QUOTE_KINDS)}")
    return {"speaker": optional_code(speaker, "speaker"), "name": (name or "").strip() or None,
            "cue": (cue or "").strip() or None, "kind": kind or None, "text": q or None, "since": first, "until": last}


@router.get("/quotes", include_in_schema=False)
def quotes_page(request: Request, speaker: str | None = SPEAKER, name: str | None = NAME, cue: str | None = CUE,
                kind: str | None = KIND, q: str | None = TEXT, since: str | None = SINCE, until: str | None = UNTIL,
                page_number: int = PAGE):
    depth((page_number - 1) * PER_PAGE, PER_PAGE, f"page={page_number}")
    store = store_of(request)
    rows, total = store.find_quotes(**_criteria(speaker, name, cue, kind, q, since, until), limit=PER_PAGE,
                                    offset=(page_number - 1) * PER_PAGE)
    form = {"speaker": speaker or "", "name": name or "", "cue": cue or "", "kind": kind or "", "q": q or "",
            "since": since or "", "until": until or ""}
    return page(request, "quotes.html", {
        "form": form, "quotes": rows, "total": total, "kinds": QUOTE_KINDS, "cues": store.quote_cues(),
        "page_number": page_number, "pages": pages(total, PER_PAGE), "paged_only": paged_only(total),
        "page_link": lambda n: query_string(**form, page=n), "download_query": query_string(**form),
    })


@router.get("/api/quotes", tags=["quotes"], summary="Search quotations",
            description="Newest document first, each with its speaker, cue, kind and source document; format=csv or "
                        "jsonl downloads every matching quotation.")
def quotes_api(request: Request, speaker: str | None = SPEAKER, name: str | None = NAME, cue: str | None = CUE,
               kind: str | None = KIND, q: str | None = TEXT, since: str | None = SINCE, until: str | None = UNTIL,
               limit: int = LIMIT, offset: int = OFFSET, format: ListFormat = LIST_FORMAT):
    criteria = _criteria(speaker, name, cue, kind, q, since, until)
    if format is not ListFormat.json:
        return quotes_file(format.value, store_of(request).iter_quotes(**criteria), "accord-quotes")
    depth(offset, limit, f"offset={offset} with limit={limit}")
    rows, total = store_of(request).find_quotes(**criteria, limit=limit, offset=offset)
    return {"total": total, "offset": offset, "quotes": [quote_json(r) for r in rows]}
