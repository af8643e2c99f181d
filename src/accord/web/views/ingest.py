"""POST /api/documents: code a text or HTML document and store it — only with the API token.

Without a configured token the endpoint refuses every request (403) and is left out of the OpenAPI
description; with one, a request without the token gets 401 and a wrong token 403. ``IngestGuard`` answers
these, and 413 for a body over MAX_BODY_BYTES, before any of the body is parsed (FastAPI would read and
parse the whole body before a dependency runs).
"""
from __future__ import annotations

import hashlib
import hmac
from datetime import date

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.security.utils import get_authorization_scheme_param
from pydantic import BaseModel, Field, model_validator
from starlette.datastructures import Headers

from ...errors import AccordError, InputError
from ...ingest.readers import MAX_TEXT_CHARS

router = APIRouter()
bearer = HTTPBearer(auto_error=False, description="The API token (accord serve --token, or ACCORD_API_TOKEN).")
MAX_BODY_BYTES = 16 * 1024 * 1024  # room for MAX_TEXT_CHARS of text even when JSON escapes it (\uXXXX)
PATH = "/api/documents"


class DocumentIn(BaseModel):
    text: str | None = Field(None, max_length=MAX_TEXT_CHARS,
                             description=f"Article text, at most {MAX_TEXT_CHARS:,} characters (give text or html).")
    html: str | None = Field(None, description=f"An HTML page whose article text is at most {MAX_TEXT_CHARS:,} "
                                               "characters (give text or html; the body at most 16 MiB).")
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


def token_problem(token: str | None, sent: str | None) -> HTTPException | None:
    """Why a request with this token (None: none sent) may not ingest, or None when it may."""
    if not token:
        return HTTPException(403, "ingest through the API is disabled: start the server with --token "
                                  "(or ACCORD_API_TOKEN) to allow it")
    if not sent:
        return HTTPException(401, "this endpoint needs the API token: send 'Authorization: Bearer <token>'",
                             headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(sent.encode(), token.encode()):  # timing-safe
        return HTTPException(403, "the API token is not valid")
    return None


def authorised(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
    """The token check again inside the app (IngestGuard has made it already); it also puts the bearer
    scheme into the OpenAPI description."""
    problem = token_problem(request.app.state.token, credentials.credentials if credentials else None)
    if problem is not None:
        raise problem


class IngestGuard:
    """ASGI middleware for POST /api/documents: the token (401/403), then the body's size (413: the
    Content-Length, or the bytes as they arrive when no length is sent), before the app reads the body."""

    def __init__(self, app, state) -> None:
        self.app, self.state = app, state

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"].rstrip("/") != PATH:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        scheme, sent = get_authorization_scheme_param(headers.get("authorization"))
        problem = token_problem(self.state.token, sent if scheme.lower() == "bearer" else None)
        if problem is None:
            problem = self._size_problem(headers.get("content-length"))
        if problem is None:
            messages, size = [], 0
            while True:
                message = await receive()
                messages.append(message)
                size += len(message.get("body", b""))
                if size > MAX_BODY_BYTES:
                    problem = self._too_big()
                    break
                if message["type"] != "http.request" or not message.get("more_body", False):
                    break
        if problem is not None:
            response = JSONResponse({"detail": problem.detail}, status_code=problem.status_code,
                                    headers=problem.headers)
            await response(scope, receive, send)
            return

        async def replay():
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)

    @classmethod
    def _size_problem(cls, length: str | None) -> HTTPException | None:
        if length is None:
            return None
        if not length.strip().isdigit():
            return HTTPException(400, f"Content-Length {length!r} is not a number of bytes")
        return cls._too_big() if int(length) > MAX_BODY_BYTES else None

    @staticmethod
    def _too_big() -> HTTPException:
        return HTTPException(413, f"the request body is too large: at most {MAX_BODY_BYTES} bytes")


def _pipeline(request: Request):
    state = request.app.state
    with state.load_lock:
        if state.pipeline is None:
            from ...pipeline import Pipeline

            state.pipeline = Pipeline()
        return state.pipeline


@router.post("/api/documents", tags=["ingest"], response_model=Stored, status_code=201,
             summary="Code a document and store it (needs the API token)",
             responses={200: {"description": "already stored (unchanged)"}, 401: {"description": "no token sent"},
                        403: {"description": "wrong token, or ingest disabled"},
                        413: {"description": f"body over {MAX_BODY_BYTES} bytes"},
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
            parsed = from_text(document.text or "", doc_id, doc_id, title=document.title, url=document.url,
                               published=document.published)
    except InputError as exc:
        raise HTTPException(422, f"{exc.reason}") from None
    pipeline = _pipeline(request)
    with request.app.state.parse_lock:  # spaCy's parser is one object for every request; the coder needs no lock
        spacy_doc = pipeline.parse(parsed)
    coded = pipeline.code_parsed(parsed, spacy_doc)
    if isinstance(coded, InputError):
        raise HTTPException(422, coded.reason)
    try:
        outcome = request.app.state.store.add_document(coded)
    except AccordError as exc:
        raise HTTPException(422, str(exc)) from None
    return JSONResponse({"action": outcome.action, "document_id": outcome.document_id, "events": outcome.events},
                        status_code=201 if outcome.action == "added" else 200)
