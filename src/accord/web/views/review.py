"""The review workbench: an analyst marks events right or wrong and corrects them, from the evidence card,
and works through a review queue. Every write needs the API token; without a configured token there is
no write at all (403).

Pages cannot send an ``Authorization`` header (they run no script), so an analyst signs in once with the
token and their name (``/review/login``): the answer is a cookie holding the name and an HMAC of it under
the token (HttpOnly, SameSite=Strict: a page of another site posting here sends no cookie), and every write
form carries a CSRF value, a second HMAC of the name under the token, which another site cannot know.
A write without both, or that the browser says comes from another site (Origin, Sec-Fetch-Site), is
refused with 403. Clients of the JSON
API send ``Authorization: Bearer <token>`` and the analyst's name in the body, as for ingest.

The queue: events not yet reviewed, lowest confidence first; or a fixed pseudo-random sample of every event
(a permutation of the event ids), whose reviewed part gives an unbiased precision estimate with its 95%
interval (analysis/corrections.py).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from enum import Enum
from urllib.parse import parse_qs, urlparse

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.datastructures import Headers

from ...analysis.corrections import Precision, analyst_name, correction
from ...errors import AccordError
from ..events_json import event_json, evidence_parts
from ..pages import page, store_of
from .ingest import token_problem

router = APIRouter()
COOKIE = "accord_review"
MAX_FORM_BYTES = 16 * 1024
FIELDS = ("verdict", "code", "source", "target", "status", "date", "place", "place_country")
EVENT_ID = Path(..., ge=1, le=2**31 - 1, description="The event's number in the store (its id in the API).")


@dataclass(frozen=True, slots=True)
class Reviewer:
    analyst: str
    csrf: str


def _sign(token: str, purpose: str, analyst: str) -> str:
    return hmac.new(token.encode(), f"{purpose}:{analyst}".encode(), hashlib.sha256).hexdigest()


def reviewer(request: Request) -> Reviewer | None:
    """The analyst signed in on this browser (their cookie checks out under the token), or None."""
    token = request.app.state.token
    value = request.cookies.get(COOKIE, "")
    if not token or "." not in value:
        return None
    encoded, signature = value.rsplit(".", 1)
    try:
        analyst = base64.urlsafe_b64decode(encoded.encode()).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    if not hmac.compare_digest(signature, _sign(token, "session", analyst)):
        return None
    return Reviewer(analyst, _sign(token, "csrf", analyst)[:32])


def coded_values(row: dict) -> dict:
    """The coder's own values of the fields an analyst corrected (empty when none was)."""
    return json.loads(row["coded"]) if row.get("coded") else {}


async def _body(request: Request, what: str) -> bytes:
    """A request's body, read no further than MAX_FORM_BYTES (413 beyond; ``what`` names it in the error)."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise HTTPException(413, f"{what} is too large: at most {MAX_FORM_BYTES} bytes")
    return body


async def _form(request: Request) -> dict[str, str]:
    """A small url-encoded form body (at most MAX_FORM_BYTES), each field's first value."""
    body = await _body(request, "the form")
    try:
        parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=40)
    except (UnicodeDecodeError, ValueError):
        raise HTTPException(400, "the form is not url-encoded UTF-8") from None
    return {key: values[0] for key, values in parsed.items()}


def _same_origin(request: Request) -> None:
    """Refuse a write a page of another site sent: its Origin names another host, or the browser says it is
    cross-site (Sec-Fetch-Site). The pages send no Referer, so a browser gives their forms the Origin "null"."""
    headers = Headers(scope=request.scope)
    origin = headers.get("origin")
    if origin and origin != "null" and urlparse(origin).netloc != headers.get("host"):
        raise HTTPException(403, "a write from another site's page is refused")
    if headers.get("sec-fetch-site") in ("cross-site", "same-site"):
        raise HTTPException(403, "a write from another site's page is refused")


def _back(value: str | None, fallback: str = "/review") -> str:
    """Where to go after a write: a path of this site only (never //host, never a scheme)."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return fallback


def _signed_in(request: Request, form: dict[str, str]) -> Reviewer:
    if not request.app.state.token:
        raise HTTPException(403, "corrections are disabled: start the server with --token (or ACCORD_API_TOKEN)")
    _same_origin(request)
    found = reviewer(request)
    if found is None:
        raise HTTPException(403, "sign in with the API token first (/review/login)")
    if not hmac.compare_digest(form.get("csrf", ""), found.csrf):
        raise HTTPException(403, "the form's CSRF value is missing or wrong: reload the page and try again")
    return found


def _correct(request: Request, event_id: int, values: dict[str, str], analyst: str) -> int:
    store = store_of(request)
    if store.event(event_id) is None:
        raise HTTPException(404, f"no event {event_id} in the store")
    verdict, fields = correction(verdict=values.get("verdict") or "",
                                 **{key: values.get(key) for key in FIELDS if key != "verdict"}, store=store)
    try:
        return store.correct_event(event_id, verdict=verdict, fields=fields, analyst=analyst)
    except AccordError as exc:
        raise HTTPException(422, str(exc)) from None


@router.get("/review/login", include_in_schema=False)
def login_page(request: Request, back: str | None = Query(None, max_length=2000)):
    return page(request, "review_login.html", {"enabled": bool(request.app.state.token),
                                               "signed_in": reviewer(request), "back": _back(back)})


@router.post("/review/login", include_in_schema=False)
async def login(request: Request):
    form = await _form(request)
    _same_origin(request)
    problem = token_problem(request.app.state.token, form.get("token") or None)
    if problem is not None:  # a form is answered 403 whatever the reason (no token, a wrong one, writes disabled)
        raise HTTPException(403, problem.detail)
    analyst = analyst_name(form.get("analyst"))
    answer = RedirectResponse(_back(form.get("back")), status_code=303)
    encoded = base64.urlsafe_b64encode(analyst.encode("utf-8")).decode()
    answer.set_cookie(COOKIE, f"{encoded}.{_sign(request.app.state.token, 'session', analyst)}", httponly=True,
                      samesite="strict", secure=request.url.scheme == "https", path="/")
    return answer


@router.post("/review/logout", include_in_schema=False)
async def logout(request: Request):
    _signed_in(request, await _form(request))
    answer = RedirectResponse("/", status_code=303)
    answer.delete_cookie(COOKIE, path="/")
    return answer


@router.post("/review/events/{event_id}", include_in_schema=False)
async def review_event(request: Request, event_id: int = EVENT_ID):
    form = await _form(request)
    signed = _signed_in(request, form)
    _correct(request, event_id, form, signed.analyst)
    return RedirectResponse(_back(form.get("back"), f"/review#event-{event_id}"), status_code=303)


class Order(str, Enum):
    confidence = "confidence"
    sample = "sample"


QUEUE_PAGE = 50  # events a page of the review queue shows
AFTER = Query(None, max_length=60, pattern=r"^-?[0-9.e+-]+:[0-9]+$",
              description="The queue's page after this event: its confidence (-1: none) and id, as 0.42:1234.")


def _after(value: str | None) -> tuple[float, int] | None:
    """The keyset of ``after`` (the last event of the page before), or None; a 400 when it is no number."""
    if value is None:
        return None
    confidence, _, event_id = value.partition(":")
    try:
        return float(confidence), int(event_id)
    except ValueError:
        raise HTTPException(400, f"after={value!r} is not a confidence and an event id (0.42:1234)") from None


@router.get("/review", include_in_schema=False)
def review_page(request: Request, order: Order = Query(Order.confidence), size: int = Query(200, ge=10, le=2000),
                after: str | None = AFTER):
    store = store_of(request)
    following = None
    if order is Order.confidence:
        events, estimate = store.review_queue(limit=QUEUE_PAGE, after=_after(after)), None
        if len(events) == QUEUE_PAGE:
            last = events[-1]
            following = f"{-1.0 if last['confidence'] is None else last['confidence']!r}:{last['id']}"
    else:
        events, estimate = store.review_sample(size)
    return page(request, "review.html", {
        "events": events, "order": order.value, "size": size, "estimate": estimate, "following": following,
        "first_page": after is None,
        "estimate_text": str(Precision(estimate["reviewed"], estimate["right"])) if estimate else "",
        "evidence_parts": evidence_parts, "enabled": bool(request.app.state.token),
        "signed_in": reviewer(request)})


@router.get("/review/events/{event_id}", include_in_schema=False)
def history_page(request: Request, event_id: int = EVENT_ID):
    """An event as every read shows it, and every correction of it, oldest first."""
    store = store_of(request)
    row = store.event(event_id)
    if row is None:
        raise HTTPException(404, f"no event {event_id} in the store")
    return page(request, "review_event.html", {"event": row, "trail": store.corrections(event_id=event_id),
                                               "evidence_parts": evidence_parts})


@router.get("/api/events/{event_id}/corrections", tags=["corrections"],
            summary="An event's corrections, oldest first (who, when, verdict, the fields set, the coder's values)")
def corrections_api(request: Request, event_id: int = EVENT_ID):
    store = store_of(request)
    row = store.event(event_id)
    if row is None:
        raise HTTPException(404, f"no event {event_id} in the store")
    return {"event": event_json(row), "corrections": [
        {key: (value.isoformat() if hasattr(value, "isoformat") else value) for key, value in c.items()}
        for c in store.corrections(event_id=event_id)]}


@router.post("/api/events/{event_id}/corrections", tags=["corrections"], status_code=201,
             summary="Correct an event (needs the API token)",
             description="JSON: analyst (who), verdict (right, wrong or corrected) and any of code, source, target, "
                         "status, date, place, place_country. Stored beside the coder's values, never over them; "
                         "the newest correction wins.",
             responses={401: {"description": "no token sent"}, 403: {"description": "wrong token, or writes disabled"}})
async def correct_api(request: Request, event_id: int = EVENT_ID):
    scheme, _, sent = (request.headers.get("authorization") or "").partition(" ")
    problem = token_problem(request.app.state.token, sent.strip() if scheme.lower() == "bearer" else None)
    if problem is not None:
        raise problem
    body = await _body(request, "the request body")
    try:
        values = json.loads(body or b"{}")
    except ValueError:
        raise HTTPException(400, "the body is not JSON") from None
    if not isinstance(values, dict) or not all(isinstance(values.get(k, ""), (str, type(None))) for k in
                                               (*FIELDS, "analyst")):
        raise HTTPException(422, f"the body is a JSON object of strings: analyst, {', '.join(FIELDS)}")
    analyst = analyst_name(values.get("analyst"))
    correction_id = _correct(request, event_id, values, analyst)
    return JSONResponse({"correction_id": correction_id, "event": event_json(store_of(request).event(event_id))},
                        status_code=201)

