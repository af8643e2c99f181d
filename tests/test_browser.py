"""End to end in headless Chromium: the seed page is coded into a store and the server runs; every page is
opened at 1366×900, as on a common laptop, and no element may stick out of its column (nor the page scroll
sideways); the pair page shows its chart and its evidence. Saves screenshots of the pair, document and
network pages.

Needs Debian's ``chromium`` (``.ci/run`` installs it); without it the tests skip and say so. With
ACCORD_SCREENSHOTS=docs/img they also write the screenshots the README and docs/web.md show.
"""
from __future__ import annotations

import json
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

SCREENSHOTS_SETTING = "ACCORD_SCREENSHOTS"
SERVED: dict[str, str] = {}  # the served store's URL, for the command line
TOKEN = "browser-review-token"  # writes (the review workbench) need it; nothing is written before the last test
VIEWPORT = {"width": 1366, "height": 900}
PAGES = ["/", "/actors/JPN", "/actors/PHL", "/pairs/JPN/PHL?by=month", "/network", "/events",
         "/events?q=Philippines", "/quotes", "/quotes?name=Kishida", "/documents/1", "/legend", "/api",
         "/documents/99", "/review", "/review?order=sample", "/review/login", "/review/events/1"]
# Every element of the page, measured against its column: the <section> it is in, else <main>'s content box.
# An element inside a box that clips or scrolls its content is measured against that box instead.
OVERFLOWING = """() => {
  const problems = [];
  const inner = (element) => {
    const box = element.getBoundingClientRect(), style = getComputedStyle(element);
    return {left: box.left + parseFloat(style.paddingLeft), right: box.right - parseFloat(style.paddingRight)};
  };
  for (const element of document.querySelectorAll("main *")) {
    const box = element.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    let column = element.parentElement;
    while (column.tagName !== "SECTION" && column.tagName !== "MAIN"
           && !["auto", "scroll", "hidden"].includes(getComputedStyle(column).overflowX)) column = column.parentElement;
    const frame = column.tagName === "MAIN" ? inner(column) : column.getBoundingClientRect();
    if (box.right > frame.right + 1 || box.left < frame.left - 1) {
      const name = element.tagName.toLowerCase()
        + (element.className ? "." + String(element.className).split(" ")[0] : "");
      problems.push(`${name} (${Math.round(box.left)}-${Math.round(box.right)}) sticks out of its `
                    + `${column.tagName.toLowerCase()} (${Math.round(frame.left)}-${Math.round(frame.right)})`);
    }
  }
  if (document.documentElement.scrollWidth > window.innerWidth) problems.push("the page scrolls sideways");
  return problems;
}"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(pipeline, shared, tmp_path_factory):
    import uvicorn

    SERVED["db"] = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'accord.db'}"
    store = Store(SERVED["db"])
    article = shared / "examples" / "kishida-2024-04-08" / "article.txt"
    document = from_text(article.read_text(encoding="utf-8"), str(article), "kishida-2024-04-08",
                         url="https://news.example/kishida-2024-04-08", published=date(2024, 4, 8))
    (coded,) = list(pipeline.code_documents([document]))
    store.add_document(coded)
    port = free_port()
    config = uvicorn.Config(create_app(store, token=TOKEN), host="127.0.0.1", port=port, log_level="warning")
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


@pytest.fixture(scope="module")
def browser():
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium; .ci/run does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=found, args=["--no-sandbox"])
        yield launched
        launched.close()


def screenshot(page, name: str, folder: Path) -> None:
    shot = folder / name
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
    if os.environ.get(SCREENSHOTS_SETTING):
        target = Path(os.environ[SCREENSHOTS_SETTING])
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, target / name)


def test_no_page_has_an_element_sticking_out_of_its_column_at_1366_pixels(browser, server):
    page = browser.new_page(viewport=VIEWPORT)
    try:
        problems = {}
        for url in PAGES:
            page.goto(server + url, wait_until="networkidle")
            for image in page.locator("main img").all():  # every chart drew
                assert page.evaluate("(img) => img.naturalWidth", image.element_handle()) > 300, (url, "chart")
            found = page.evaluate(OVERFLOWING)
            if found:
                problems[url] = found[:5]
        assert not problems, problems
    finally:
        page.close()


def test_the_pair_page_shows_the_chart_and_the_evidence(browser, server, tmp_path):
    page = browser.new_page(viewport=VIEWPORT)
    try:
        page.goto(f"{server}/pairs/JPN/PHL?by=month", wait_until="networkidle")
        assert page.title().startswith("JPN – PHL")
        page.locator("#pair-chart").wait_for(state="visible")
        evidence = page.locator("blockquote.evidence")
        assert evidence.count() >= 1 and evidence.first.is_visible()
        assert "Philippines" in " ".join(evidence.all_inner_texts())
        assert "Evidence:" in page.locator("#evidence").inner_text()
        assert page.locator("a[href='https://news.example/kishida-2024-04-08']").count() >= 1
        assert page.locator("a.what").first.inner_text()[:3].isdigit()  # a code, then its name
        screenshot(page, "pair-page.png", tmp_path)
    finally:
        page.close()


def test_the_document_page_marks_its_events_and_quotations(browser, server, tmp_path):
    page = browser.new_page(viewport=VIEWPORT)
    try:
        page.goto(f"{server}/documents/1", wait_until="networkidle")
        assert page.locator("article.document-text .trigger").count() >= 3
        assert page.locator("article.document-text .quote").count() >= 3
        trigger = page.locator("article.document-text .trigger a").first
        target = trigger.get_attribute("href")
        trigger.click()
        assert page.locator(target).is_visible()  # the mark leads to the event's card
        page.goto(f"{server}/documents/1", wait_until="networkidle")
        screenshot(page, "document-page.png", tmp_path)
    finally:
        page.close()


def test_the_network_page_draws_its_relations(browser, server, tmp_path):
    page = browser.new_page(viewport=VIEWPORT)
    try:
        page.goto(f"{server}/network", wait_until="networkidle")
        page.locator("#network-chart").wait_for(state="visible")
        assert page.locator("table.edges tbody tr").count() >= 1
        screenshot(page, "network-page.png", tmp_path)
    finally:
        page.close()


QUADS = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict"}


def chart_data(page, server: str) -> tuple[dict[str, int], dict[str, int]]:
    """What the pair page's chart is drawn from, as the page links it: the events per QuadClass in the
    series (the figure's JSON download, the chart's own query) and the bars per QuadClass in the chart's SVG
    (the <img>'s source; each QuadClass and side of the line is a named group with one path per bar)."""
    series_link = page.locator("figure.chart a[href*='/series'][href*='format=json']").get_attribute("href")
    rows = page.request.get(server + series_link).json()["series"]
    counts = {quad: sum(row[quad] for row in rows) for quad in QUADS.values()}
    svg = page.request.get(server + page.locator("#pair-chart").get_attribute("src")).text()
    bars = {quad: sum(svg.count("<path", *group_span(svg, f'<g id="{quad}-{side}">'))
                      for side in ("above", "below")) for quad in QUADS.values()}
    return counts, bars


def group_span(svg: str, opening: str) -> tuple[int, int]:
    start = svg.find(opening)
    return (start, svg.index("</g>", start)) if start >= 0 else (0, 0)


def test_an_analyst_corrects_an_event_and_sees_it_corrected_in_the_pair_chart_and_the_export(browser, server):
    """Last in this file: it changes the store the other tests read. The correction moves an event from one
    QuadClass to another (cooperation to conflict, or back): the chart's series and its bars follow."""
    page = browser.new_page(viewport=VIEWPORT)
    try:
        page.goto(f"{server}/pairs/JPN/PHL?by=month", wait_until="networkidle")
        assert page.locator("form.review").count() == 0  # nobody signed in: no write form
        counts_before, bars_before = chart_data(page, server)
        page.goto(f"{server}/review/login?back=/pairs/JPN/PHL", wait_until="networkidle")
        page.fill("input[name=analyst]", "Ana Analyst")
        page.fill("input[name=token]", TOKEN)
        page.click("main form button[type=submit]")
        page.wait_for_url(f"{server}/pairs/JPN/PHL")
        dated = [c for c in page.locator("li.event").filter(has=page.locator("form.review")).all()
                 if c.locator("span.date").inner_text() != "undated"]
        card = dated[0]  # a dated event is in the chart
        event_id = card.get_attribute("id")
        coded = card.locator("a.what").inner_text()[:4].strip()
        coded_quad = int(card.get_attribute("class").split("quad")[1][0])
        new_code, new_quad = ("112", 3) if coded_quad in (1, 2) else ("036", 1)  # accuse; express intent to meet
        card.locator("summary").click()
        card.locator("input[name=code]").fill(new_code)
        card.locator("button[value=corrected]").click()
        page.wait_for_load_state("networkidle")
        card = page.locator(f"#{event_id}")
        assert card.locator("a.what").inner_text().startswith(new_code)
        assert card.locator("a.corrected").inner_text() == "corrected"
        assert f"cameo {coded}" in card.locator("a.corrected").get_attribute("title")
        counts_after, bars_after = chart_data(page, server)
        moved = {quad: counts_after[quad] - counts_before[quad] for quad in QUADS.values()}
        assert moved == {quad: {coded_quad: -1, new_quad: 1}.get(number, 0) for number, quad in QUADS.items()}
        assert bars_before[QUADS[coded_quad]] >= 1 and bars_after[QUADS[new_quad]] >= 1
        if counts_after[QUADS[coded_quad]] == 0:
            assert bars_after[QUADS[coded_quad]] == 0  # its only event moved: its bar is gone
        if counts_before[QUADS[new_quad]] == 0:
            assert bars_before[QUADS[new_quad]] == 0  # no bar before the correction
        download = page.locator("a[href^='/api/pairs/JPN/PHL/events'][href*='format=csv']").first.get_attribute("href")
        exported = page.request.get(server + download).text()
        (row,) = [line for line in exported.splitlines() if line.startswith(event_id.removeprefix("event-") + ",")]
        assert f",{new_code}," in row and coded in row  # the corrected code, and the coder's in "coded"
        from typer.testing import CliRunner

        from accord.cli import app

        result = CliRunner().invoke(app, ["corrections", "export", "--db", SERVED["db"]])
        (record,) = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
        assert [(e["cameo"], e["analyst"], e["verdict"]) for e in record["events"]] == \
            [(new_code, "Ana Analyst", "corrected")]
    finally:
        page.close()
