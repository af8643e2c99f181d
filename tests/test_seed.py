"""The page accord grew from, and the project's own example, through the real pipeline."""
from __future__ import annotations

import json
from datetime import date

from accord.evaluate.seed import check_expected, score_seed
from accord.ingest import read_paths

from .conftest import FIXTURES, ROOT


def test_seed_page_reads_as_the_human_coder_read_it(pipeline, shared):
    folder = shared / "examples" / "kishida-2024-04-08"
    result = score_seed(pipeline, folder)
    assert result.passed, result.problems
    assert result.required == result.found == 9 and result.quotes_found == 5


def test_seed_page_details(pipeline, shared):
    path = shared / "examples" / "kishida-2024-04-08" / "article.txt"
    (document,) = list(pipeline.code_paths([str(path)], published=date(2024, 4, 8)))
    assert "top of page" not in document.text and "bottom of page" not in document.text
    assert document.dateline.place == "Tokyo" and document.dateline.date == date(2024, 4, 8)
    assert document.text.startswith("Japanese Prime Minister Fumio Kishida said")
    radars = next(e for e in document.events if e.trigger.text == "delivered")
    assert (radars.date, radars.date_precision, radars.status) == ("2023", "year", "occurred")
    summit = next(e for e in document.events if e.trigger.text == "summit" and e.target
                  and e.target.actor.country == "USA")
    assert summit.status == "planned" and summit.date in ("2024-04-10", "2024-04-15")
    assert all(q.speaker and q.speaker.code == "JPNGOV" for q in document.quotes)


def _own_example(pipeline, path):
    expected = json.loads((FIXTURES / "manila-coast-guard.expected.json").read_text())
    (document,) = list(pipeline.code_documents(read_paths([str(path)])))
    return check_expected(document, expected)


def test_own_example_page_is_coded_as_expected(pipeline):
    result = _own_example(pipeline, ROOT / "examples" / "manila-coast-guard.html")
    assert result.passed, result.problems


def test_same_article_as_plain_text_and_as_html_gives_the_same_events(pipeline):
    html = list(pipeline.code_documents(read_paths([str(ROOT / "examples" / "manila-coast-guard.html")])))[0]
    text = list(pipeline.code_documents(read_paths([str(FIXTURES / "manila-coast-guard.txt")],
                                                   published=date(2024, 7, 9))))[0]
    def key(doc):
        return sorted(str((e.source and e.source.actor.code, e.cameo, e.target and e.target.actor.code, e.status))
                      for e in doc.events)
    assert key(html) == key(text)
    assert html.text == text.text


def test_seed_page_wrapped_in_html_furniture_codes_to_the_same_events(pipeline, shared):
    from html import escape

    from accord.ingest import read_bytes

    article = (shared / "examples" / "kishida-2024-04-08" / "article.txt").read_text("utf-8")
    lines = [ln for ln in article.splitlines() if ln.strip() and ln.strip() not in ("top of page", "bottom of page")]
    title, paragraphs = lines[0], lines[1:]
    page = (
        "<!DOCTYPE html><html><head><title>" + escape(title) + "</title>"
        '<meta property="article:published_time" content="2024-04-08"></head><body>'
        '<div id="cookies">We use cookies on this site. <button>Accept all cookies</button></div>'
        '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/asia">Asia</a></nav>'
        "<main><article><h1>" + escape(title) + "</h1>"
        + "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        + "</article></main><footer><p>Privacy policy</p><p>© 2024 Example. All rights reserved.</p></footer>"
        "</body></html>"
    )
    (from_html,) = list(pipeline.code_documents(read_bytes(page.encode(), "seed.html", kind="html")))
    (from_text,) = list(pipeline.code_paths([str(shared / "examples" / "kishida-2024-04-08" / "article.txt")],
                                            published=date(2024, 4, 8)))

    def key(doc):
        return sorted(str((e.source and e.source.actor.code, e.cameo, e.target and e.target.actor.code, e.status,
                           e.date)) for e in doc.events)

    assert from_html.text == from_text.text
    assert key(from_html) == key(from_text)
    assert "cookies" not in from_html.text and "Privacy" not in from_html.text
