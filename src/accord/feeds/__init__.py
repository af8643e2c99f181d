"""Following news feeds: ``accord watch`` (see docs/feeds.md).

- ``config.py``: the feeds file, durations and sizes
- ``fetch.py``: polite, bounded HTTP (robots.txt, rate limit, retries, size and redirect limits)
- ``feed.py``: RSS and Atom (feedparser) -> article links
- ``watch.py``: the loop: poll, fetch, read, check the language, code, store; every failure recorded

Imports point one way: feeds -> pipeline, ingest, store; nothing below imports feeds.
"""
from .config import FeedConfigError, FeedSpec, WatchConfig, load_config, parse_duration, parse_size
from .feed import Entry, ParsedFeed, parse_feed
from .fetch import Fetcher, FetchError, FetchSettings
from .watch import Report, Watcher

__all__ = ["Entry", "FeedConfigError", "FeedSpec", "FetchError", "FetchSettings", "Fetcher", "ParsedFeed",
           "Report", "WatchConfig", "Watcher", "load_config", "parse_duration", "parse_feed", "parse_size"]
