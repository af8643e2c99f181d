"""The web server under a flood of chart requests, and the security headers on every response.

The flood runs in this process (httpx over ASGI, the app's own thread pool); drawing is slowed down on
purpose by a stand-in for matplotlib's savefig that also counts how many charts are drawn at once.
"""
from __future__ import annotations

import asyncio
import threading
import time

import httpx
import pytest
from fastapi.testclient import TestClient
from matplotlib.figure import Figure

from accord.model import Document
from accord.store import Store
from accord.web import create_app, guards

from .test_browser import browser, server  # noqa: F401 - fixtures for the browser check below
from .test_web import ROWS, fill


@pytest.fixture
def store(tmp_path):
    opened = Store(f"sqlite:///{tmp_path / 'guards.db'}")
    fill(opened, ROWS)
    yield opened
    opened.close()


@pytest.fixture
def slow_drawing(monkeypatch):
    """savefig takes ``delay`` seconds more; ``calls`` and ``most_at_once`` say what was drawn."""
    savefig = Figure.savefig
    lock = threading.Lock()
    state = {"delay": 1.5, "calls": 0, "now": 0, "most_at_once": 0}

    def slow(self, *args, **kwargs):
        with lock:
            state["calls"] += 1
            state["now"] += 1
            state["most_at_once"] = max(state["most_at_once"], state["now"])
        try:
            time.sleep(state["delay"])
            return savefig(self, *args, **kwargs)
        finally:
            with lock:
                state["now"] -= 1

    monkeypatch.setattr(Figure, "savefig", slow)
    return state


def test_a_flood_of_chart_requests_draws_each_chart_once_and_json_stays_responsive(store, slow_drawing, monkeypatch):
    app = create_app(store, token="")

    async def flood():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://accord.test") as client:
            charts = [asyncio.create_task(client.get("/pairs/JPN/PHL/chart.svg?by=month")) for _ in range(100)]
            await asyncio.sleep(0.2)  # the flood is in
            started = time.monotonic()
            overview = await client.get("/api/overview")
            answered_in = time.monotonic() - started
            still_drawing = not all(task.done() for task in charts)
            drawn = await asyncio.gather(*charts)
            return overview, answered_in, still_drawing, drawn

    overview, answered_in, still_drawing, drawn = asyncio.run(flood())
    assert overview.status_code == 200 and overview.json()["counts"]["events"] == 3
    assert still_drawing and answered_in < 1.0  # before: behind the charts, seconds (a minute with 100 real ones)
    assert {r.status_code for r in drawn} == {200} and len({r.content for r in drawn}) == 1
    assert slow_drawing["calls"] == 1  # before: 100

    # many different charts: drawn a few at a time, and each once more only when the store changes
    slow_drawing.update(delay=0.2, calls=0, most_at_once=0)
    monkeypatch.setattr(guards, "MARKS_TTL", 0.0)
    queries = [f"/pairs/JPN/PHL/chart.svg?by=week&since=2024-01-{day:02d}" for day in range(1, 9)]

    async def different():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://accord.test") as client:
            return await asyncio.gather(*(client.get(q) for q in queries + queries))

    assert {r.status_code for r in asyncio.run(different())} == {200}
    assert slow_drawing["calls"] == 8 and slow_drawing["most_at_once"] <= guards.RENDERERS
    asyncio.run(different())
    assert slow_drawing["calls"] == 8  # all from the cache
    store.add_document(Document(id="new", text="A new document makes every cached chart old."))
    asyncio.run(different())
    assert slow_drawing["calls"] == 16

    # more different charts waiting than MAX_WAITING: the rest are told to come back
    monkeypatch.setattr(guards, "MAX_WAITING", 3)
    slow_drawing.update(delay=0.3)
    queries = [f"/network.svg?min_events={n}" for n in range(1, 9)]

    async def too_many():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://accord.test") as client:
            return await asyncio.gather(*(client.get(q) for q in queries))

    answers = asyncio.run(too_many())
    assert sorted(r.status_code for r in answers) == [200] * 3 + [503] * 5
    assert all(r.headers["retry-after"] == "5" for r in answers if r.status_code == 503)


def test_the_change_marks_move_when_a_document_is_stored_an_event_corrected_or_the_reports_grouped(pipeline, db_url):
    from accord.analysis.grouping import group_store
    from accord.ingest.readers import from_text

    store = Store(db_url)
    empty = store.change_marks()
    (coded,) = pipeline.code_documents([from_text("Kenya and Ethiopia signed a trade deal.", "k", "k")])
    store.add_document(coded)
    one = store.change_marks()
    store.add_document(Document(id="no-events", text="Nothing happened between anyone today, at all."))
    assert empty == (0, 0, 0, 0) and one[0] == 1 and one[1] > 0 and store.change_marks() == (2, one[1], 0, 0)
    store.correct_event(one[1], verdict="wrong", analyst="ana")
    assert store.change_marks() == (2, one[1], 1, 0)
    group_store(store)
    assert store.change_marks()[:3] == (2, one[1], 1) and store.change_marks()[3] > 0
    store.close()


def test_every_response_carries_the_security_headers(store):
    client = TestClient(create_app(store, token=""))
    answers = {path: client.get(path) for path in ("/", "/pairs/JPN/PHL", "/network", "/events?q=talks", "/api",
                                                   "/api/overview", "/openapi.json", "/static/style.css",
                                                   "/no/such/page", "/api/events?since=yesterday",
                                                   "/pairs/JPN/PHL/chart.svg", "/network.svg")}
    answers["POST /api/documents"] = client.post("/api/documents", json={"text": "x"})
    assert {r.status_code for r in answers.values()} == {200, 400, 403, 404}
    for what, answer in answers.items():
        headers = answer.headers
        assert headers["x-content-type-options"] == "nosniff", what
        assert headers["x-frame-options"] == "DENY" and headers["referrer-policy"] == "no-referrer", what
        policy = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "default-src 'none'" in policy, what
        assert "'unsafe-inline'" not in policy or headers["content-type"].startswith("image/svg+xml"), what
        if headers["content-type"].startswith("text/html"):
            assert "script-src 'self'" in policy and "style-src 'self'" in policy


def test_the_pages_break_no_rule_of_their_policy_in_chromium(browser, server):  # noqa: F811
    page = browser.new_page()
    try:
        complaints: list[str] = []
        page.on("console", lambda message: complaints.append(message.text)
                if "Content Security Policy" in message.text else None)  # "Refused to load ... because ..."
        for path in ("/", "/pairs/JPN/PHL?by=month", "/network", "/events?actor=JPN", "/actors/JPN", "/api"):
            page.goto(server + path, wait_until="networkidle")
        assert complaints == []
        styled = page.evaluate("getComputedStyle(document.querySelector('header.top')).backgroundColor")
        assert styled == "rgb(255, 255, 255)"  # the stylesheet applies
        page.goto(server + "/pairs/JPN/PHL?by=month", wait_until="networkidle")
        assert page.evaluate("document.getElementById('pair-chart').naturalWidth") > 300
    finally:
        page.close()
