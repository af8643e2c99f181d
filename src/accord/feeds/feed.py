"""RSS and Atom feeds (feedparser) -> the article links in them.

feedparser only ever parses bytes fetched here; it is never given a URL, so it never goes to the network
itself. A feed it cannot read at all is an :class:`~accord.errors.InputError`; a feed with broken XML from
which it still recovers entries is read leniently and the problem is reported beside the entries.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, UTC
from urllib.parse import urldefrag, urljoin, urlsplit

from ..errors import InputError

MAX_URL = 2048


@dataclass(frozen=True, slots=True)
class Entry:
    url: str
    title: str | None = None
    published: date | None = None

    def as_row(self) -> dict:
        return {"url": self.url, "title": self.title, "published": self.published}


@dataclass(slots=True)
class ParsedFeed:
    title: str | None
    entries: list[Entry] = field(default_factory=list)
    problem: str | None = None  # malformed XML read leniently, or entries without a usable link


def parse_feed(data: bytes, source: str, base: str | None = None) -> ParsedFeed:
    """The entries of an RSS or Atom document, with absolute http(s) links, each link once, in feed order.

    ``source`` names the feed in errors; relative links are resolved against ``base`` (the URL the feed
    was finally fetched from), else against ``source``.
    """
    import feedparser

    try:
        parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # feedparser is third-party code meeting untrusted bytes
        raise InputError(source, f"malformed feed (feedparser failed: {exc.__class__.__name__})") from None
    problem = None
    if parsed.get("bozo"):
        problem = f"malformed XML ({_describe(parsed.get('bozo_exception'))})"
    if not parsed.get("version"):
        raise InputError(source, problem and f"malformed feed: {problem}" or "not an RSS or Atom feed")
    feed_info = parsed.get("feed") or {}
    title = feed_info.get("title") if isinstance(feed_info.get("title"), str) else None
    entries: list[Entry] = []
    seen: set[str] = set()
    unusable = 0
    for raw in parsed.get("entries") or []:
        url = _entry_url(raw, base or source)
        if url is None:
            unusable += 1
            continue
        if url in seen:
            continue
        seen.add(url)
        title_value = raw.get("title")
        entries.append(Entry(url=url, title=title_value.strip() or None if isinstance(title_value, str) else None,
                             published=_entry_date(raw)))
    if parsed.get("bozo") and not entries and not unusable:
        raise InputError(source, f"malformed feed: {problem}")
    if unusable:
        note = f"{unusable} entries without a usable http(s) link"
        problem = f"{problem}; {note}" if problem else note
    return ParsedFeed(title=title, entries=entries, problem=problem)


def _describe(exc: object) -> str:
    if exc is None:
        return "unknown problem"
    text = str(exc).strip() or exc.__class__.__name__
    return text[:200]


def _entry_url(raw: dict, base: str) -> str | None:
    candidates = [raw.get("link")]
    candidates += [link.get("href") for link in raw.get("links") or [] if isinstance(link, dict)
                   and link.get("rel", "alternate") == "alternate"]
    candidates.append(raw.get("id"))
    for candidate in candidates:
        if not isinstance(candidate, str) or not candidate.strip():
            continue
        try:
            url = urldefrag(urljoin(base, candidate.strip()))[0]
            parts = urlsplit(url)
        except ValueError:  # e.g. an invalid IPv6 literal
            continue
        if parts.scheme in ("http", "https") and parts.netloc and len(url) <= MAX_URL \
                and not any(ch.isspace() for ch in url):
            return url
    return None


def _entry_date(raw: dict) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = dict.get(raw, key)  # plain lookup: feedparser's aliasing of these keys warns
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), tz=UTC).date()
            except (TypeError, ValueError, OverflowError, OSError):
                continue
    return None
