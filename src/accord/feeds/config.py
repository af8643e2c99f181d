"""The feeds file for ``accord watch --config`` (YAML), and durations and sizes as people write them.

    every: 15m              # how often to poll each feed (s, m, h, d; a plain number is seconds)
    timeout: 20s            # per request, from connecting to the last byte
    max_size: 5MB           # larger articles are refused (counted after decompression)
    rate_limit: 2s          # between two requests to one host
    retries: 2              # immediate retries of a timeout, 5xx or 429, with backoff
    max_attempts: 5         # polls that may retry a failed article before it is given up
    max_new: 100            # new articles taken from one feed in one poll (newest first; the rest next poll)
    allow_private: false    # true: fetch from loopback, private and link-local addresses too;
                            # or a list of such networks to allow: [10.20.0.0/16, 192.168.1.5]
    user_agent: "my-lab-bot/1.0 (+mailto:me@example.org)"
    feeds:
      - https://news.example.org/world.rss
      - url: https://wire.example.com/atom.xml
        every: 1h
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import AccordError
from .fetch import FetchSettings

UNITS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}
SIZES = {"": 1, "b": 1, "kb": 1000, "k": 1000, "kib": 1024, "mb": 1000**2, "m": 1000**2, "mib": 1024**2,
         "gb": 1000**3, "g": 1000**3, "gib": 1024**3}
DEFAULT_EVERY = 15 * 60.0
DEFAULT_MAX_NEW = 100  # new articles per feed per poll


class FeedConfigError(AccordError):
    """A feeds file or a --every / --max-size value that cannot be used."""


def parse_duration(value: Any, what: str = "duration") -> float:
    """'15m' -> 900.0; '90s', '2h', '1d', or a number of seconds."""
    if isinstance(value, bool):
        raise FeedConfigError(f"{what}: {value!r} is not a duration")
    if isinstance(value, (int, float)):
        seconds = float(value)
    else:
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", str(value))
        unit = match.group(2).lower() if match else None
        if not match or unit not in UNITS and unit != "":
            raise FeedConfigError(f"{what}: {value!r} is not a duration (write 90s, 15m, 2h or 1d)")
        seconds = float(match.group(1)) * UNITS.get(unit, 1)
    if seconds < 0:
        raise FeedConfigError(f"{what}: {value!r} is negative")
    return seconds


def parse_size(value: Any, what: str = "size") -> int:
    """'5MB' -> 5_000_000; '512KiB', '2000000', or a number of bytes."""
    if isinstance(value, bool):
        raise FeedConfigError(f"{what}: {value!r} is not a size")
    if isinstance(value, int):
        size = value
    else:
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", str(value))
        if not match or match.group(2).lower() not in SIZES:
            raise FeedConfigError(f"{what}: {value!r} is not a size (write 500kB, 5MB or a number of bytes)")
        size = int(float(match.group(1)) * SIZES[match.group(2).lower()])
    if size <= 0:
        raise FeedConfigError(f"{what}: {value!r} must be more than 0")
    return size


@dataclass(frozen=True)
class FeedSpec:
    url: str
    every: float | None = None  # None: the watcher's default


@dataclass(frozen=True)
class WatchConfig:
    feeds: tuple[FeedSpec, ...] = ()
    every: float = DEFAULT_EVERY
    max_attempts: int = 5
    max_new: int = DEFAULT_MAX_NEW
    fetch: FetchSettings = field(default_factory=FetchSettings)


def load_config(path: Path) -> WatchConfig:
    """Read a feeds file; every problem names the file and the key."""
    import yaml

    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FeedConfigError(f"{path}: cannot be read ({exc.strerror})") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise FeedConfigError(f"{path}: not valid YAML ({exc})") from None
    if isinstance(raw, list):
        raw = {"feeds": raw}
    if not isinstance(raw, dict):
        raise FeedConfigError(f"{path}: expected a mapping with a 'feeds' list")
    known = {"feeds", "every", "timeout", "max_size", "rate_limit", "retries", "max_attempts", "max_redirects",
             "user_agent", "respect_robots", "max_new", "allow_private"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise FeedConfigError(f"{path}: unknown setting {unknown[0]!r} (known: {', '.join(sorted(known))})")
    where = lambda key: f"{path}: {key}"  # noqa: E731
    fetch = FetchSettings()
    changes: dict[str, Any] = {}
    if "timeout" in raw:
        changes["timeout"] = parse_duration(raw["timeout"], where("timeout")) or fetch.timeout
    if "max_size" in raw:
        changes["max_bytes"] = parse_size(raw["max_size"], where("max_size"))
    if "rate_limit" in raw:
        changes["rate_limit"] = parse_duration(raw["rate_limit"], where("rate_limit"))
    for key in ("retries", "max_redirects"):
        if key in raw:
            changes[key] = _count(raw[key], where(key))
    if "user_agent" in raw:
        if not isinstance(raw["user_agent"], str) or not raw["user_agent"].strip():
            raise FeedConfigError(f"{where('user_agent')}: must be a non-empty string")
        changes["user_agent"] = raw["user_agent"].strip()
    if "respect_robots" in raw:
        if not isinstance(raw["respect_robots"], bool):
            raise FeedConfigError(f"{where('respect_robots')}: must be true or false")
        changes["respect_robots"] = raw["respect_robots"]
    if "allow_private" in raw:
        changes.update(allow_private_setting(raw["allow_private"], where("allow_private")))
    feeds = []
    for number, item in enumerate(raw.get("feeds") or [], start=1):
        if isinstance(item, str):
            item = {"url": item}
        if not isinstance(item, dict) or not isinstance(item.get("url"), str):
            raise FeedConfigError(f"{path}: feed {number} needs a 'url'")
        every = parse_duration(item["every"], where(f"feed {number} every")) if "every" in item else None
        feeds.append(FeedSpec(check_feed_url(item["url"], f"{path}: feed {number}"), every))
    if not feeds:
        raise FeedConfigError(f"{path}: no feeds listed (a 'feeds' list of URLs)")
    return WatchConfig(
        feeds=tuple(feeds),
        every=parse_duration(raw["every"], where("every")) if "every" in raw else DEFAULT_EVERY,
        max_attempts=_count(raw["max_attempts"], where("max_attempts")) if "max_attempts" in raw else 5,
        max_new=_at_least_one(raw["max_new"], where("max_new")) if "max_new" in raw else DEFAULT_MAX_NEW,
        fetch=replace(fetch, **changes),
    )


def allow_private_setting(value: Any, what: str) -> dict[str, Any]:
    """allow_private: true / false, or a list of networks ("10.20.0.0/16", "192.168.1.5") to allow."""
    import ipaddress

    if isinstance(value, bool):
        return {"allow_private": value}
    if not isinstance(value, list) or not value:
        raise FeedConfigError(f"{what}: must be true, false or a list of networks (10.20.0.0/16, 192.168.1.5)")
    networks = []
    for item in value:
        try:
            networks.append(str(ipaddress.ip_network(str(item), strict=False)))
        except ValueError:
            raise FeedConfigError(f"{what}: {item!r} is not an IP address or network") from None
    return {"private_networks": tuple(networks)}


def check_feed_url(url: str, what: str = "feed") -> str:
    from urllib.parse import urlsplit

    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FeedConfigError(f"{what}: {url!r} is not an http or https URL")
    return url


def _count(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise FeedConfigError(f"{what}: {value!r} must be a whole number, 0 or more")
    return value


def _at_least_one(value: Any, what: str) -> int:
    if _count(value, what) < 1:
        raise FeedConfigError(f"{what}: {value!r} must be 1 or more")
    return value
