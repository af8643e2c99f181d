"""A stored document: its text with every event's trigger and actors and every quotation (speaker, cue)
highlighted, its source, its warnings, its events and its quotations."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Path, Request

from ..events_json import event_json, evidence_parts, quote_json
from ..highlight import pieces
from ..pages import page, store_of

router = APIRouter()
OFFSETS = ("trigger_start", "trigger_end", "source_start", "source_end", "target_start", "target_end")
QUOTE_OFFSETS = ("start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end")
DOCUMENT_ID = Path(..., ge=1, le=2**31 - 1, description="The document's number in the store (document_id in the API).")


def stored(request: Request, document_id: int) -> dict:
    found = store_of(request).document(document_id)
    if found is None:
        raise HTTPException(404, f"no document {document_id} in the store")
    return found


@router.get("/documents/{document_id}", include_in_schema=False)
def document_page(request: Request, document_id: int = DOCUMENT_ID):
    document = stored(request, document_id)
    return page(request, "document.html", {
        "document": document, "pieces": pieces(document["text"], document["events"], document["quotes"]),
        "evidence_parts": evidence_parts,
    })


@router.get("/api/documents/{document_id}", tags=["documents"], summary="A stored document, its events and quotations",
            description="The text, its source (URL, outlet, publication date, dateline), the coder's warnings, the "
                        "events (with offsets into the text) and the quotations with their speakers and cues.")
def document_api(request: Request, document_id: int = DOCUMENT_ID):
    document = stored(request, document_id)
    return {
        "document_id": document["id"], "id": document["doc_id"], "url": document["url"], "title": document["title"],
        "outlet": document["outlet"], "published": document["published"].isoformat() if document["published"] else None,
        "dateline": {"place": document["dateline_place"],
                     "date": document["dateline_date"].isoformat() if document["dateline_date"] else None},
        "coder_version": document["coder_version"], "warnings": document["warnings"], "text": document["text"],
        "events": [{**event_json(e), "offsets": {k: e[k] for k in OFFSETS}} for e in document["events"]],
        "quotes": [{**quote_json(q), "offsets": {k: q[k] for k in QUOTE_OFFSETS}} for q in document["quotes"]],
    }
