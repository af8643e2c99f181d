"""Fuzzing the readers that meet untrusted bytes: HTML pages, feeds, JSON Lines (hypothesis).

Whatever comes in, a reader yields Documents or InputErrors with a reason, and the feed parser returns
entries or raises InputError; no other exception escapes. Inputs mix random bytes with fragments of the
real formats, so the generator reaches the parsers' deeper paths, not only their first refusal.
"""
from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.errors import InputError
from accord.feeds.feed import ParsedFeed, parse_feed
from accord.feeds.fetch import FetchError, Response, decode_html
from accord.ingest.language import not_english
from accord.ingest.readers import read_bytes
from accord.model import Document

# ACCORD_FUZZ_EXAMPLES=5000 for a long campaign; the suite runs a modest number
FUZZ = settings(max_examples=int(os.environ.get("ACCORD_FUZZ_EXAMPLES", "120")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

WORDS = st.sampled_from(["Japan", "met", "the", "President", "on Monday", "said", "«", "»", "—", "\u200b", "\x00",
                         "\ufeff", "&amp;", "&#0;", "&#xD800;", "&nbsp;", "<", ">", "\"", "'", "\r\n", "\n\n",
                         "TOKYO, April 8 --", "Reuters", "Cookie", "Share", "2024-04-08", "名前", "\U0001F600"])
TEXT = st.lists(st.one_of(WORDS, st.text(max_size=20)), max_size=40).map(" ".join)
TAGS = st.sampled_from(["html", "head", "body", "article", "p", "div", "script", "style", "title", "meta", "nav",
                        "h1", "table", "td", "br", "a", "![CDATA[", "!--", "?xml", "!DOCTYPE html", "svg", "math"])
ATTRS = st.sampled_from(["", " lang='fr'", " charset='utf-8'", " name='date' content='2024-13-45'",
                         " property='og:title' content='x'", " href='javascript:alert(1)'", " content='\x00'",
                         " name='date' content='yesterday'", " class=\"main\"", " id=<"])


@st.composite
def markup(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(TAGS)
        choice = draw(st.integers(0, 3))
        if choice == 0:
            parts.append(f"<{tag}{draw(ATTRS)}>")
        elif choice == 1:
            parts.append(f"</{tag}>")
        elif choice == 2:
            parts.append(f"<{tag}{draw(ATTRS)}>{draw(TEXT)}</{tag}>")
        else:
            parts.append(draw(TEXT))
    return "".join(parts)


def _only_documents_and_errors(items) -> None:
    for item in items:
        assert isinstance(item, (Document, InputError)), item
        if isinstance(item, InputError):
            assert item.reason


@FUZZ
@given(st.one_of(markup().map(lambda s: s.encode("utf-8", "surrogatepass")), st.binary(max_size=2000)))
def test_the_html_reader_never_raises(data):
    _only_documents_and_errors(read_bytes(data, "fuzz.html", kind="html"))


@FUZZ
@given(markup(), st.sampled_from(["utf-8", "latin-1", "utf-16", "shift_jis", "no-such-charset", None]))
def test_decoding_a_fetched_page_fails_only_with_a_reason(html, charset):
    body = html.encode("utf-8", "surrogatepass")
    headers = {"content-type": f"text/html; charset={charset}"} if charset else {}
    import httpx

    try:
        text = decode_html(Response(url="http://fuzz.example/page", status=200, headers=httpx.Headers(headers),
                                    body=body))
    except FetchError as exc:
        assert "bad encoding" in exc.reason and not exc.retryable
    else:
        assert isinstance(text, str)
        not_english(text)  # the language check takes any text


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)
RECORDS = st.fixed_dictionaries({}, optional={
    "id": JSON_VALUES, "text": st.one_of(TEXT, JSON_VALUES), "html": st.one_of(markup(), JSON_VALUES),
    "title": JSON_VALUES, "url": JSON_VALUES,
    "published": st.one_of(st.sampled_from(["2024-04-08", "2024-02-30", "yesterday", "8 April 2024", "Z", "",
                                            "2024-04-08T10:00:00+25:00", "99999-01-01"]), JSON_VALUES)})


@st.composite
def jsonl(draw) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            lines.append(json.dumps(draw(RECORDS)))
        elif kind == 1:
            lines.append(json.dumps(draw(JSON_VALUES)))
        elif kind == 2:
            line = json.dumps(draw(RECORDS))
            cut = draw(st.integers(0, len(line)))
            lines.append(line[:cut])
        else:
            lines.append(draw(TEXT))
    return "\n".join(lines).encode("utf-8", "surrogatepass")


@FUZZ
@given(st.one_of(jsonl(), st.binary(max_size=500)))
def test_the_jsonl_reader_never_raises(data):
    _only_documents_and_errors(read_bytes(data, "fuzz.jsonl", kind="jsonl"))


FEED_TAGS = st.sampled_from(["rss version='2.0'", "channel", "item", "title", "link", "guid", "pubDate",
                             "description", "entry", "feed xmlns='http://www.w3.org/2005/Atom'", "updated",
                             "link href='/a'/", "link href='javascript:x'/", "link href='http://[::1'/", "id",
                             "rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'", "content:encoded"])
FEED_TEXT = st.one_of(TEXT, st.sampled_from([
    "http://wire.example/a", "/relative/path", "https://wire.example/b#frag", "Mon, 06 May 2024 10:00:00 GMT",
    "2024-05-06T10:00:00Z", "Tue, 31 Feb 2024 99:99:99 XYZ", "<![CDATA[<p>x</p>]]>", "&undefined;", "ftp://x/y",
    "http://" + "a" * 3000]))


@st.composite
def feeds(draw) -> bytes:
    parts = [draw(st.sampled_from(["", '<?xml version="1.0" encoding="utf-8"?>',
                                   '<?xml version="1.0" encoding="koi8-r"?>',
                                   "<!DOCTYPE rss [<!ENTITY a 'aaaa'>]>"]))]
    for _ in range(draw(st.integers(0, 25))):
        tag = draw(FEED_TAGS)
        name = tag.split()[0].rstrip("/")
        choice = draw(st.integers(0, 3))
        if choice == 0:
            parts.append(f"<{tag}>")
        elif choice == 1:
            parts.append(f"</{name}>")
        elif choice == 2:
            parts.append(f"<{name}>{draw(FEED_TEXT)}</{name}>")
        else:
            parts.append(draw(FEED_TEXT))
    return "".join(parts).encode("utf-8", "surrogatepass")


@FUZZ
@given(st.one_of(feeds(), st.binary(max_size=1000)))
def test_the_feed_parser_returns_entries_or_a_reason(data):
    try:
        parsed = parse_feed(data, "http://fuzz.example/feed.xml")
    except InputError as exc:
        assert "feed" in exc.reason
        return
    assert isinstance(parsed, ParsedFeed)
    for entry in parsed.entries:
        assert entry.url.startswith(("http://", "https://")) and len(entry.url) <= 2048


@st.composite
def compressed_bodies(draw) -> tuple[str, list[bytes]]:
    import gzip
    import zlib

    encoding = draw(st.sampled_from(["gzip", "deflate", "identity", "x-gzip"]))
    payload = draw(st.binary(max_size=3000)) * draw(st.integers(1, 50))
    if encoding in ("gzip", "x-gzip"):
        body = gzip.compress(payload) * draw(st.integers(1, 2))  # one or two gzip members
    elif encoding == "deflate":
        body = zlib.compress(payload)
        if draw(st.booleans()):
            body = body[2:-4]  # raw deflate, as some servers send it
    else:
        body = payload
    if draw(st.booleans()):  # corrupt or cut it
        cut = draw(st.integers(0, len(body)))
        body = body[:cut] + draw(st.binary(max_size=20))
    sizes = draw(st.lists(st.integers(1, 700), min_size=1, max_size=8))
    chunks, start = [], 0
    while start < len(body):
        size = sizes[len(chunks) % len(sizes)]
        chunks.append(body[start:start + size])
        start += size
    return encoding, chunks


@FUZZ
@given(compressed_bodies(), st.integers(1, 60_000))
def test_decompressing_any_body_gives_bytes_within_the_limit_or_a_reason(body, limit):
    from accord.feeds.fetch import _BoundedDecoder

    encoding, chunks = body
    decoder = _BoundedDecoder(encoding, "http://fuzz.example/page", limit)
    produced = 0
    try:
        for chunk in chunks:
            produced += len(decoder.feed(chunk))
            assert produced <= limit
    except FetchError as exc:
        assert not exc.retryable and ("size limit" in exc.reason or "corrupt compressed body" in exc.reason)
