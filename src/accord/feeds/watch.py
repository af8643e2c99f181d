"""The watch loop: poll feeds, fetch the new articles, code them and store them, for weeks, unattended.

    poll feed (conditional GET) -> new links remembered as "pending" in the store
    -> each pending item (and each failed one whose retry is due):
       fetch (fetch.py) -> read the page (ingest.readers.from_html) -> English? (ingest.language)
       -> code (Pipeline) -> store (Store.add_document) -> the item is "coded", "skipped" or "failed"

Everything the watcher knows lives in the store, so a watcher killed at any moment and started again
neither refetches a handled article nor stores one twice (a document is stored by URL, in one
transaction). No failure stops the loop: each is recorded with its reason, and timeouts, 5xx and 429
are retried on a schedule (15 min, 30 min, 1 h, ... at most a day apart) up to ``max_attempts``. One poll
takes at most ``max_new`` new articles from a feed, newest first; the others are taken on the next polls.

The library never prints: what happens is reported to ``on_report`` (the CLI draws it).
"""
from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, UTC
from typing import Any

from ..errors import AccordError, InputError
from ..ingest.language import not_english
from ..ingest.readers import from_html
from .config import DEFAULT_MAX_NEW, FeedSpec
from .feed import parse_feed
from .fetch import Fetcher, FetchError, decode_html

RETRY_BASE = 15 * 60.0  # seconds before the first retry of a failed article
RETRY_CAP = 24 * 3600.0
STORE_RETRY = 60.0  # seconds to wait when the store cannot be reached


@dataclass(frozen=True)
class Report:
    """One thing that happened, for whoever shows progress.

    what: "feed", "item" (or "store" when the store cannot be reached); outcome: for a feed "polled",
    "not modified" or "failed"; for an item "started", "coded", "unchanged" (already stored from elsewhere),
    "skipped" or "failed".
    """

    what: str
    url: str
    outcome: str
    detail: str = ""
    events: int = 0
    new_items: int = 0
    retry_at: datetime | None = None


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Watcher:
    def __init__(self, store: Any, pipeline: Any, fetcher: Fetcher | None = None, *, max_attempts: int = 5,
                 max_new: int = DEFAULT_MAX_NEW, retry_base: float = RETRY_BASE,
                 on_report: Callable[[Report], None] | None = None, now: Callable[[], datetime] = utcnow) -> None:
        self.store = store
        self.pipeline = pipeline  # anything with code_documents(items) -> items, as accord.Pipeline
        self.fetcher = fetcher or Fetcher()
        self.max_attempts = max(1, max_attempts)
        self.max_new = max(1, max_new)
        self.retry_base = retry_base
        self.on_report = on_report or (lambda report: None)
        self.now = now
        self.tally: Counter[str] = Counter()

    def close(self) -> None:
        self.fetcher.close()

    # ------------------------------------------------------------------ feeds
    def poll(self, feed_url: str) -> Report:
        """Fetch a feed (conditionally) and remember the links not seen before."""
        etag, last_modified = self.store.feed_validators(feed_url)
        try:
            response = self.fetcher.get(feed_url, accept="feed", etag=etag, last_modified=last_modified)
            if response.not_modified:
                self.store.record_feed_poll(feed_url, "not modified")
                return self._report(Report("feed", feed_url, "not modified"))
            parsed = parse_feed(response.body, feed_url, base=response.url)
        except (FetchError, InputError) as exc:
            self.store.record_feed_poll(feed_url, "failed", error=exc.reason)
            self.store.record_failure(feed_url, f"feed: {exc.reason}")
            return self._report(Report("feed", feed_url, "failed", detail=exc.reason))
        newest_first = sorted(parsed.entries, key=lambda e: e.published or date.min, reverse=True)  # stable
        new, held = self.store.add_feed_items(feed_url, [entry.as_row() for entry in newest_first],
                                              limit=self.max_new)
        # with entries held back, the validators are not kept: the next poll must get the whole feed again
        self.store.record_feed_poll(feed_url, "ok", etag=None if held else response.headers.get("etag"),
                                    last_modified=None if held else response.headers.get("last-modified"),
                                    error=parsed.problem, new_items=new)
        detail = f"{len(parsed.entries)} entries, {new} new" + (f" ({held} more on the next polls)" if held else "")
        detail += f"; {parsed.problem}" if parsed.problem else ""
        return self._report(Report("feed", feed_url, "polled", detail=detail, new_items=new))

    # ------------------------------------------------------------------ items
    def work(self, stop: Callable[[], bool] = lambda: False) -> int:
        """Handle every pending item and every failed one whose retry is due; how many were handled."""
        handled = 0
        while not stop():
            due = self.store.due_feed_items(self.now(), limit=50)
            if not due:
                break
            for item in due:
                if stop():
                    break
                self.handle(item)
                handled += 1
        return handled

    def handle(self, item: dict[str, Any]) -> Report:
        """Fetch, read, check the language of, code and store one item; record what it came to."""
        url = item["url"]
        self._report(Report("item", url, "started"))
        try:
            return self._handle(item)
        except Exception as exc:  # a bug must cost one article, never the loop
            return self._fail(item, f"unexpected error: {exc.__class__.__name__}: {exc}", retryable=False)

    def _handle(self, item: dict[str, Any]) -> Report:
        url = item["url"]
        try:
            response = self.fetcher.get(url, accept="html")
        except FetchError as exc:
            if exc.kind == "skipped":
                return self._skip(item, exc.reason, fetched=False)
            return self._fail(item, exc.reason, retryable=exc.retryable, retry_after=exc.retry_after)
        try:
            html = decode_html(response)
            document = from_html(html, url, url[:512], url=url, published=item.get("published"),
                                 title=item.get("title"))
        except (FetchError, InputError) as exc:
            return self._fail(item, exc.reason, retryable=False, fetched=True)
        reason = not_english(document.text)
        if reason:
            return self._skip(item, reason, fetched=True)
        coded = next(iter(self.pipeline.code_documents([document])))
        if isinstance(coded, InputError):
            return self._fail(item, coded.reason, retryable=False, fetched=True)
        try:
            outcome = self.store.add_document(coded)
        except AccordError as exc:  # the store is busy or down: try the article again later
            return self._fail(item, f"cannot store: {exc}", retryable=True, fetched=True)
        self.store.finish_feed_item(url, "coded", fetched=True, document_id=outcome.document_id,
                                    events_=outcome.events)
        label = "unchanged" if outcome.action == "unchanged" else "coded"
        return self._report(Report("item", url, label, events=outcome.events,
                                   detail=f"{outcome.events} events" if label == "coded" else "already stored"))

    def _skip(self, item: dict[str, Any], reason: str, *, fetched: bool) -> Report:
        self.store.finish_feed_item(item["url"], "skipped", reason=reason, fetched=fetched)
        return self._report(Report("item", item["url"], "skipped", detail=reason))

    def _fail(self, item: dict[str, Any], reason: str, *, retryable: bool, retry_after: float | None = None,
              fetched: bool = False) -> Report:
        attempts = (item.get("attempts") or 0) + 1
        retry_at = None
        if retryable and attempts < self.max_attempts:
            wait = min(self.retry_base * 2 ** (attempts - 1), RETRY_CAP)
            if retry_after:
                wait = max(wait, min(retry_after, RETRY_CAP))
            retry_at = self.now() + timedelta(seconds=wait)
            note = f"{reason} (attempt {attempts} of {self.max_attempts}; retry at {retry_at:%Y-%m-%d %H:%M} UTC)"
        elif retryable:
            note = f"{reason} (gave up after {attempts} attempts)"
        else:
            note = reason
        self.store.finish_feed_item(item["url"], "failed", reason=note, next_attempt_at=retry_at, fetched=fetched)
        self.store.record_failure(item["url"], note)
        return self._report(Report("item", item["url"], "failed", detail=note, retry_at=retry_at))

    def _report(self, report: Report) -> Report:
        if report.outcome != "started":
            self.tally[f"{report.what} {report.outcome}"] += 1
        self.on_report(report)
        return report

    # ------------------------------------------------------------------ the loop
    def run_once(self, feeds: Sequence[FeedSpec | str], stop: Callable[[], bool] = lambda: False) -> None:
        """Poll every feed once, handling each feed's new items before the next feed; then due retries."""
        for feed in feeds:
            if stop():
                return
            self.poll(feed.url if isinstance(feed, FeedSpec) else feed)
            self.work(stop)
        self.work(stop)

    def run(self, feeds: Sequence[FeedSpec], every: float, *, stop: threading.Event | None = None,
            on_wait: Callable[[float], None] | None = None) -> None:
        """Poll each feed every ``every`` seconds (or its own interval) until ``stop`` is set."""
        stop = stop or threading.Event()
        next_poll = {feed.url: 0.0 for feed in feeds}
        while not stop.is_set():
            try:
                for feed in feeds:
                    if stop.is_set():
                        return
                    if next_poll[feed.url] <= time.monotonic():
                        next_poll[feed.url] = time.monotonic() + (feed.every or every)
                        self.poll(feed.url)
                        self.work(stop.is_set)
                self.work(stop.is_set)
                wake = min(next_poll.values()) - time.monotonic()
                retry = self.store.next_feed_retry()
                if retry is not None:
                    wake = min(wake, (retry - self.now()).total_seconds())
            except Exception as exc:  # the store went away (a database restart): wait and carry on
                self._report(Report("store", getattr(self.store, "url", "store"), "failed",
                                    detail=f"{exc.__class__.__name__}: {exc}; trying again in a minute"))
                wake = STORE_RETRY
            wake = max(wake, 1.0)
            if on_wait:
                on_wait(wake)
            stop.wait(wake)
