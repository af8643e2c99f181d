"""Readers: furniture, titles, datelines, HTML, JSON Lines and bad input."""
from __future__ import annotations

import json
from datetime import date

from accord.errors import InputError
from accord.ingest import read_bytes
from accord.ingest.cleaning import is_furniture
from accord.ingest.dateline import parse as parse_dateline
from accord.model import Document

from .conftest import ROOT


def only_document(items):
    items = list(items)
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


def test_page_furniture_lines_are_dropped_but_prose_is_kept():
    assert is_furniture("top of page") and is_furniture("Bottom of page") and is_furniture("Share this article")
    assert is_furniture("We use cookies to improve your experience on this site.")
    assert not is_furniture("Japan said it would share intelligence with Manila.")
    text = b"top of page\n\nHeadline about talks\n\nTOKYO, April 8 -- Japan and China held talks.\n\nbottom of page"
    doc = only_document(read_bytes(text, "t.txt", published=date(2024, 4, 8)))
    assert "top of page" not in doc.text and "bottom of page" not in doc.text
    assert doc.title == "Headline about talks"
    assert doc.text.startswith("Japan and China held talks")


def test_datelines_give_place_and_date_and_leave_the_first_sentence():
    cases = {
        "TOKYO, April 8 ------Japanese Prime Minister said": ("Tokyo", date(2024, 4, 8), "Japanese Prime"),
        "MANILA, Philippines – The coast guard said": ("Manila, Philippines", None, "The coast guard"),
        "Washington, March 18 (Jiji Press)--Japan and the US": ("Washington", date(2024, 3, 18), "Japan and"),
    }
    for text, (place, when, rest) in cases.items():
        dateline, used, _ = parse_dateline(text, date(2024, 4, 8))
        assert dateline is not None, text
        assert dateline.place == place and dateline.date == when
        assert text[used:].startswith(rest)
    assert parse_dateline("Japan said on Monday it would", date(2024, 4, 8))[0] is None
    assert parse_dateline("NATO - the alliance said", date(2024, 4, 8))[0] is None


def test_dateline_year_comes_from_publication_date_and_december_rolls_back():
    dateline, _, _ = parse_dateline("BEIJING, Dec. 30 (Xinhua) -- China said", date(2025, 1, 2))
    assert dateline.date == date(2024, 12, 30)


def test_undatable_document_says_so():
    doc = only_document(read_bytes(b"Japan and China held talks on trade in Beijing.", "t.txt"))
    assert any("no publication date" in w for w in doc.warnings)


def test_html_page_gives_text_title_url_and_date_without_furniture():
    data = (ROOT / "examples" / "manila-coast-guard.html").read_bytes()
    doc = only_document(read_bytes(data, "page.html", kind="html"))
    assert doc.title.startswith("Philippines and Japan agree")
    assert doc.url == "https://example.org/news/2024/07/09/philippines-japan-coast-guard"
    assert doc.published == date(2024, 7, 9)
    assert doc.dateline is not None and doc.dateline.place == "Manila"
    for furniture in ("cookies", "Share on", "newsletter", "Related articles", "All rights reserved"):
        assert furniture not in doc.text
    assert doc.text.startswith("Philippine President Ferdinand Marcos Jr. met")


def test_jsonl_with_a_malformed_line_keeps_the_good_ones():
    lines = [
        json.dumps({"id": "a", "text": "Japan and China held talks in Beijing on Monday.", "published": "2024-04-08"}),
        '{"id": "b", "text": ',
        json.dumps({"id": "c", "html": "<html><body><p>China protested to Japan over the visit of a minister "
                                       "to the shrine.</p></body></html>"}),
        json.dumps({"id": "d"}),
    ]
    items = list(read_bytes("\n".join(lines).encode(), "batch.jsonl", kind="jsonl"))
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "Document", "InputError"]
    assert items[0].published == date(2024, 4, 8)
    assert items[1].source == "batch.jsonl:2" and "malformed JSON" in items[1].reason
    assert items[3].source == "batch.jsonl:4" and "no 'text' or 'html'" in items[3].reason


def test_bad_bytes_are_refused_with_a_reason():
    cases = {b"": "empty", b"   \n": "empty", b"\x00\x01\x02binary\x00": "binary", b"caf\xe9 au lait is nice": "UTF-8"}
    for data, reason in cases.items():
        (item,) = list(read_bytes(data, "bad.txt"))
        assert isinstance(item, InputError) and reason in item.reason and item.source == "bad.txt"


def test_a_headline_ending_in_a_full_stop_is_known_by_the_dateline_after_it():
    text = (b"Senate passes the budget; the House may follow.\n\n"
            b"WASHINGTON (AP) \xe2\x80\x94 The Senate approved the budget.")
    doc = only_document(read_bytes(text, "t.txt", published=date(2024, 4, 8)))
    assert doc.title == "Senate passes the budget; the House may follow."
    assert doc.dateline.place == "Washington" and doc.text.startswith("The Senate approved")
    plain = b"The Senate approved the budget.\n\nThe House may follow next week, members said."
    kept = only_document(read_bytes(plain, "t.txt", published=date(2024, 4, 8)))
    assert kept.title is None and kept.text.startswith("The Senate approved")  # no dateline: no headline
