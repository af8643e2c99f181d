"""Two ASGI middlewares that keep the server safe and responsive: security headers on every response, and
a gate in front of the charts.

``SecurityHeaders``: a Content-Security-Policy that allows only the app's own styles, images and forms
(the pages need no script, inline or other), no framing (frame-ancestors, X-Frame-Options), no MIME
sniffing, and no Referer sent to the news sites the evidence links to.

``ChartGate``: drawing a chart takes matplotlib tens of milliseconds to seconds of CPU, so a flood of chart
requests used to fill the server's threads and hold every JSON endpoint behind them. Now each chart
(any ``.svg`` or ``.png`` path) is cached per path, query, coder version and the store's change marks
(newest document and event ids), for at most CHART_TTL seconds (the marks are trusted for MARKS_TTL, but
read again after any write through this server, so an analyst's correction shows in the next chart); the
same chart asked for by many at once is drawn once; at most RENDERERS charts are drawn at a time, the others
wait without holding a thread, and beyond MAX_WAITING waiting a request is answered 503 with Retry-After.
"""
from __future__ import annotations

import asyncio
import time
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from anyio import to_thread
from starlette.datastructures import MutableHeaders
from starlette.responses import PlainTextResponse

from ..version import coder_version

PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
               "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
# an SVG opened on its own: matplotlib's inline <style>, nothing else
IMAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
HEADERS = {"x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "no-referrer"}

CHART_SUFFIXES = (".svg", ".png")
RENDERERS = 2  # charts drawn at once
MAX_WAITING = 32  # different charts waiting to be drawn before more are turned away
CHART_CACHE = 128  # charts kept
CHART_TTL = 60.0  # seconds a chart is served from the cache at most
MARKS_TTL = 1.0  # seconds the store's change marks are trusted
RETRY_AFTER = 5  # seconds, for a request turned away


class SecurityHeaders:
    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                image = headers.get("content-type", "").startswith("image/")
                headers.setdefault("content-security-policy", IMAGE_POLICY if image else PAGE_POLICY)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, with_headers)


@dataclass
class _Drawn:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    at: float = field(default_factory=time.monotonic)

    async def send(self, send) -> None:
        await send({"type": "http.response.start", "status": self.status, "headers": list(self.headers)})
        await send({"type": "http.response.body", "body": self.body})


@dataclass
class _Loop:
    """What must belong to one event loop (a server has one; a test client may start several)."""

    renderers: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(RENDERERS))
    marks_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    drawing: dict = field(default_factory=dict)  # key -> Future of the _Drawn being made
    waiting: int = 0


class ChartGate:
    def __init__(self, app, store) -> None:
        self.app, self.store = app, store
        self.cache: OrderedDict[tuple, _Drawn] = OrderedDict()
        self.marks: tuple[float, tuple | None] = (0.0, None)
        self.loops: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "")
        if scope["type"] == "http" and scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, self._forgetting_marks(send))
            return
        if scope["type"] != "http" or scope["method"] != "GET" or not path.endswith(CHART_SUFFIXES) \
                or path.startswith("/static/"):
            await self.app(scope, receive, send)
            return
        running = asyncio.get_running_loop()
        loop = self.loops.get(running) or self.loops.setdefault(running, _Loop())
        query = tuple(sorted(parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)))
        key = (path, query, coder_version(), await self._marks(loop))
        drawn = self._cached(key)
        if drawn is None:
            if key in loop.drawing:  # the same chart is being drawn: wait for it, holding no thread
                drawn = await asyncio.shield(loop.drawing[key])
            elif loop.waiting >= MAX_WAITING:
                busy = PlainTextResponse("busy drawing charts: try again in a few seconds", status_code=503,
                                         headers={"Retry-After": str(RETRY_AFTER)})
                await busy(scope, receive, send)
                return
            else:
                drawn = await self._draw(loop, key, scope, receive)
        if drawn is None:  # drawing it failed with an exception: let this request meet it itself
            await self.app(scope, receive, send)
            return
        await drawn.send(send)

    def _forgetting_marks(self, send):
        """A write through this server (a correction, an ingest) is done before its answer starts: from then on
        the marks are read again, so the page it leads to draws its charts from the changed store, not from
        marks trusted for up to MARKS_TTL."""

        async def forget(message) -> None:
            if message["type"] == "http.response.start":
                self.marks = (0.0, None)
            await send(message)

        return forget

    def _cached(self, key: tuple) -> _Drawn | None:
        drawn = self.cache.get(key)
        if drawn is None or time.monotonic() - drawn.at > CHART_TTL:
            return None
        self.cache.move_to_end(key)
        return drawn

    async def _marks(self, loop: _Loop) -> tuple:
        async with loop.marks_lock:  # one look-up at a time, and at most one a second
            at, marks = self.marks
            if marks is None or time.monotonic() - at > MARKS_TTL:
                fresh: tuple = await to_thread.run_sync(self.store.change_marks)
                self.marks = (time.monotonic(), fresh)
                return fresh
            return marks

    async def _draw(self, loop: _Loop, key: tuple, scope, receive) -> _Drawn | None:
        future = asyncio.get_running_loop().create_future()
        loop.drawing[key] = future
        loop.waiting += 1
        drawn = None
        try:
            async with loop.renderers:
                drawn = await self._capture(scope, receive)
            if drawn.status == 200:
                self.cache[key] = drawn
                while len(self.cache) > CHART_CACHE:
                    self.cache.popitem(last=False)
        finally:
            loop.waiting -= 1
            del loop.drawing[key]
            future.set_result(drawn)  # None for those waiting when it raised
        return drawn

    async def _capture(self, scope, receive) -> _Drawn:
        start: dict = {}
        body: list[bytes] = []

        async def keep(message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                body.append(message.get("body", b""))

        await self.app(scope, receive, keep)
        return _Drawn(start["status"], list(start.get("headers", [])), b"".join(body))
