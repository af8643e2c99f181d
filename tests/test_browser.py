"""End to end in headless Chromium: the seed page is coded into a store, the server runs, and the
Japan–Philippines page shows its chart and the evidence sentences. Saves a screenshot.

Needs Debian's ``chromium`` (``.ci/run`` installs it); without it the test skips and says so. With
ACCORD_SCREENSHOT=docs/img/pair-page.png it also writes the screenshot the README shows.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from accord.ingest.readers import from_text
from accord.store import Store
from accord.web import create_app

SCREENSHOT_SETTING = "ACCORD_SCREENSHOT"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(pipeline, shared, tmp_path):
    import uvicorn

    store = Store(f"sqlite:///{tmp_path / 'accord.db'}")
    article = shared / "examples" / "kishida-2024-04-08" / "article.txt"
    document = from_text(article.read_text(encoding="utf-8"), str(article), "kishida-2024-04-08",
                         url="https://news.example/kishida-2024-04-08", published=date(2024, 4, 8))
    (coded,) = list(pipeline.code_documents([document]))
    store.add_document(coded)
    port = free_port()
    config = uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture
def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium; .ci/run does it)")
    return found


def test_the_pair_page_shows_the_chart_and_the_evidence_in_chromium(chromium, server, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 1500})
            page.goto(f"{server}/pairs/JPN/PHL?by=month", wait_until="networkidle")
            assert page.title().startswith("JPN – PHL")
            chart = page.locator("#pair-chart")
            chart.wait_for(state="visible")
            width = page.evaluate("document.getElementById('pair-chart').naturalWidth")
            assert width > 300, "the chart image did not load"
            evidence = page.locator("blockquote.evidence")
            assert evidence.count() >= 1
            assert evidence.first.is_visible()
            sentences = " ".join(evidence.all_inner_texts())
            assert "Philippines" in sentences
            assert "Evidence:" in page.locator("#evidence").inner_text()
            assert page.locator("a[href='https://news.example/kishida-2024-04-08']").count() >= 1
            shot = tmp_path / "pair-page.png"
            page.screenshot(path=str(shot), full_page=False)
            assert shot.stat().st_size > 10_000
            if os.environ.get(SCREENSHOT_SETTING):
                target = Path(os.environ[SCREENSHOT_SETTING])
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(shot, target)
        finally:
            browser.close()
