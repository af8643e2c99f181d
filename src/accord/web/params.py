"""Request parameters shared by the views: parsed and checked before any query runs.

Malformed input becomes an AnalysisError, which the app answers with 400 and the reason.
"""
from __future__ import annotations

from enum import Enum
from urllib.parse import urlencode

from fastapi import Query

from ..analysis import filters
from ..analysis.codes import AnalysisError, actor_code
from ..analysis.legend import statuses as status_names
from ..store import database

STATUSES = status_names()  # data/events/statuses.tsv
QUOTE_KINDS = ("direct", "partial", "indirect")  # quotes.py

SINCE = Query(None, description="From this day (YYYY-MM-DD), inclusive.", max_length=10)
UNTIL = Query(None, description="Up to this day (YYYY-MM-DD), inclusive.", max_length=10)
LIMIT = Query(50, ge=1, le=500, description="Events per page (1-500).")
OFFSET = Query(0, ge=0, le=1_000_000, description="Skip this many events (offset + limit at most 10,000).")
PAGE = Query(1, ge=1, le=10_000, alias="page", description="Page number (from 1).")
STATUS = Query(None, max_length=100,
               description="The statuses counted: repeat the parameter or give a comma list "
                           f"({', '.join(STATUSES)}; all for every one). Default: the asserted ones (occurred, "
                           "ongoing), the events the text says happened.")
MIN_CONFIDENCE = Query(None, max_length=20, alias="min_confidence",
                       description="Count only events whose confidence (the probability that their type and both "
                                   "sides are right) is at least this number from 0 to 1. Default 0: every event.")


class By(str, Enum):
    week = "week"
    month = "month"
    year = "year"


BY = Query(By.month, description="Period of the series: week, month or year.")


class Format(str, Enum):
    json = "json"
    csv = "csv"


class ListFormat(str, Enum):
    json = "json"
    csv = "csv"
    jsonl = "jsonl"


FORMAT = Query(Format.json, description="json, or csv to download the same table as a CSV file.")
LIST_FORMAT = Query(ListFormat.json, description="json: one page (limit, offset); csv or jsonl: every match as a "
                                                 "file to download (CSV, or JSON Lines: one JSON object a line).")

period = filters.period  # the checks the command line shares (analysis/filters.py)
root = filters.root


def optional_code(value: str | None, name: str, store=None) -> str | None:
    """An actor's code from a code or a name ("Japan" -> JPN), None when not given."""
    return actor_code(value, name, store) if value else None


def statuses(values: list[str] | None) -> tuple[str, ...] | None:
    """The statuses chosen (``status`` repeated or a comma list), None for the default (asserted)."""
    return filters.statuses(values, "status")


def min_confidence(value: str | None) -> float:
    """The least confidence chosen (``min_confidence``), 0 (every event) when not given."""
    return filters.min_confidence(value, "min_confidence")


def depth(offset: int, limit: int, asked: str) -> None:
    """Refuse a page past the newest MAX_DEPTH matching events (deep pages would sort huge key lists)."""
    deepest = database.MAX_DEPTH
    if offset + limit > deepest:
        raise AnalysisError(f"{asked} is too deep: only the newest {deepest:,} matching events are paged; "
                            "narrow the period (since/until) or the search to reach older ones")


def pages(total: int, per_page: int) -> int:
    """How many pages of per_page events a page's pager offers (at least 1; never past MAX_DEPTH)."""
    return max(1, min(-(-total // per_page), database.MAX_DEPTH // per_page))


def paged_only(total: int) -> int | None:
    """MAX_DEPTH when more events match than are paged (the page says so), else None."""
    return database.MAX_DEPTH if total > database.MAX_DEPTH else None


def download_link(path: str, query: str, fmt: str) -> str:
    """The URL of a download: the list's own query and the format (the template escapes it for the attribute)."""
    return f"{path}?{query}&format={fmt}" if query else f"{path}?format={fmt}"


def query_string(**values) -> str:
    """A URL query from the values that are set (encoded; the template escapes it again for the attribute)."""
    return urlencode({k: v for k, v in values.items() if v not in (None, "")})
