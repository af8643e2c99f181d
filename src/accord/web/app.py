"""The FastAPI application: pages (Jinja2, autoescaped) and a JSON API over one Store.

Read-only unless an API token is configured; then POST /api/documents codes and stores a document for a
client that sends ``Authorization: Bearer <token>``. Every response carries security headers, and charts
are cached and drawn a few at a time (guards.py).
"""
from __future__ import annotations

import os
import threading
from collections import OrderedDict
from pathlib import Path
from urllib.parse import urlparse

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..analysis import legend
from ..analysis.codes import AnalysisError
from ..analysis.filters import every_status
from ..store import Store
from ..version import coder_version
from .guards import ChartGate, SecurityHeaders
from .params import download_link
from .views import (actor, api_reference, document, event_record, ingest, legend as legend_view, network, overview,
                    pair, quotes, review, search)

HERE = Path(__file__).resolve().parent
TOKEN_SETTING = "ACCORD_API_TOKEN"


def _http_url(value: str | None) -> str | None:
    """A link target only when it is http(s): a scraped ``javascript:`` URL never becomes a link."""
    if value and urlparse(value).scheme in ("http", "https"):
        return value
    return None


def templates() -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["http_url"] = _http_url
    env.globals["download_link"] = download_link
    # codes explained in words on every page (the ontology tables, through analysis/legend.py)
    env.filters["cameo"] = legend.cameo_label
    env.globals.update(plover_title=legend.plover_title, status_title=legend.status_title,
                       event_title=legend.event_title)
    # the review workbench (views/review.py): the analyst signed in, the coder's values a correction replaced
    env.globals.update(reviewer=review.reviewer, coded_values=review.coded_values, every_status=every_status)
    return Jinja2Templates(env=env)


def create_app(store: Store, token: str | None = None, pipeline=None) -> FastAPI:
    """The app over ``store``. ``token`` (else ACCORD_API_TOKEN) enables ingest; ``pipeline`` is the coder to
    use for it (loaded on the first ingest when not given)."""
    app = FastAPI(title="accord", version=coder_version(), docs_url=None, redoc_url=None,  # Swagger UI needs a CDN
                  description="Political event data from the news: dyads over time, relation networks, and the "
                              "evidence sentences behind every number. Read-only unless an API token is set.")
    app.state.store = store
    app.state.token = token if token is not None else os.environ.get(TOKEN_SETTING) or None
    app.state.pipeline = pipeline
    app.state.load_lock = threading.Lock()  # the pipeline is loaded once, by the first ingest
    app.state.parse_lock = threading.Lock()
    app.state.templates = templates()
    app.state.networks = OrderedDict()  # the network views' cache (views/network.py)
    app.state.grouping = None  # whether the event records match the reports, and when asked (counting.py)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in (overview, actor, pair, network, search, quotes, document, event_record, legend_view,
                   api_reference, review):
        app.include_router(module.router)
    app.include_router(ingest.router, include_in_schema=bool(app.state.token))
    app.add_middleware(ingest.IngestGuard, state=app.state)  # token and size before the body is read
    app.add_middleware(ChartGate, store=store)  # charts cached, drawn a few at a time (guards.py)
    app.add_middleware(SecurityHeaders)  # outermost: on every response, cached charts and errors too

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/api"

    def error(request: Request, status: int, messages: list[str]):
        if wants_json(request):
            return JSONResponse({"detail": messages[0] if len(messages) == 1 else messages}, status_code=status)
        return app.state.templates.TemplateResponse(request, "error.html", {"status": status, "messages": messages},
                                                    status_code=status)

    @app.exception_handler(AnalysisError)
    async def bad_request(request: Request, exc: AnalysisError):
        return error(request, 400, [str(exc)])

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        messages = [f"{'.'.join(str(p) for p in e['loc'][1:]) or e['loc'][0]}: {e['msg']}" for e in exc.errors()]
        return error(request, 422, messages)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        response = error(request, exc.status_code, [str(exc.detail)])
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    return app

