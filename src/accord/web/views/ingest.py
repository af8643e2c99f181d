"""POST /api/documents: code a text or HTML document and store it — only with the API token.

Without a configured token the endpoint refuses every request (403) and is left out of the OpenAPI
description; with one, a request without the token gets 401 and a wrong token 403.
"""
from __future__ import annotations

import hashlib
import hmac
from datetime import date

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field, model_validator

from ...errors import AccordError, InputError

router = APIRouter()
bearer = HTTPBearer(auto_error=False, description="The API token (accord serve --token, or ACCORD_API_TOKEN).")
MAX_CHARS = 2_000_000


class DocumentIn(BaseModel):
    text: str | None = Field(None, max_length=MAX_CHARS, description="Article text (give text or html).")
    html: str | None = Field(None, max_length=MAX_CHARS, description="An HTML page (give text or html).")
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=2048)
    published: date | None = Field(None, description="Publication date, YYYY-MM-DD.")
    id: str | None = Field(None, max_length=500, description="A name for the document (default: from its text).")

    @model_validator(mode="after")
    def one_body(self):
        if bool(self.text) == bool(self.html):
            raise ValueError("give the document as exactly one of text or html")
        return self


class Stored(BaseModel):
    action: str = Field(description="added, replaced (newer coder or changed text) or unchanged")
    document_id: int
    events: int


def authorised(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
    token = request.app.state.token
    if not token:
        raise HTTPException(403, "ingest through the API is disabled: start the server with --token "
                                 "(or ACCORD_API_TOKEN) to allow it")
    if credentials is None:
        raise HTTPException(401, "this endpoint needs the API token: send 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(credentials.credentials.encode(), token.encode()):
        raise HTTPException(403, "the API token is not valid")


def _pipeline(request: Request):
    state = request.app.state
    with state.pipeline_lock:
        if state.pipeline is None:
            from ...pipeline import Pipeline

            state.pipeline = Pipeline()
        return state.pipeline


@router.post("/api/documents", tags=["ingest"], response_model=Stored, status_code=201,
             summary="Code a document and store it (needs the API token)",
             responses={200: {"description": "already stored (unchanged)"}, 401: {"description": "no token sent"},
                        403: {"description": "wrong token, or ingest disabled"},
                        422: {"description": "no usable text"}})
def ingest_document(request: Request, document: DocumentIn, _auth: None = Depends(authorised)):
    from ...ingest.readers import from_html, from_text

    body = document.text or document.html or ""
    doc_id = document.id or "api-" + hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]
    try:
        if document.html:
            parsed = from_html(document.html, doc_id, doc_id, url=document.url, published=document.published,
                               title=document.title)
        else:
            parsed = from_text(document.text, doc_id, doc_id, title=document.title, url=document.url,
                               published=document.published)
    except InputError as exc:
        raise HTTPException(422, f"{exc.reason}") from None
    pipeline = _pipeline(request)
    with request.app.state.pipeline_lock:
        (coded,) = list(pipeline.code_documents([parsed]))
    if isinstance(coded, InputError):
        raise HTTPException(422, coded.reason)
    try:
        outcome = request.app.state.store.add_document(coded)
    except AccordError as exc:
        raise HTTPException(422, str(exc)) from None
    return JSONResponse({"action": outcome.action, "document_id": outcome.document_id, "events": outcome.events},
                        status_code=201 if outcome.action == "added" else 200)
