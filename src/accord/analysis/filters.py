"""Filter values as analysts type them — statuses, a least confidence, a CAMEO root, days and periods —
checked once, with the
same rules and the same messages for the command line, the web pages and the JSON API.

A bad value is an AnalysisError naming the parameter (``status``, ``--status``), the value and what would
do instead; nothing reaches a query unchecked.
"""
from __future__ import annotations

import difflib
import math
from collections.abc import Collection, Iterable
from datetime import date

from ..store.database import known_statuses
from .codes import AnalysisError, check_range

EVERY_STATUS = "all"


def every_status() -> tuple[str, ...]:
    """Every status an event may have (data/events/statuses.tsv), in its order."""
    return known_statuses()[0]


def asserted() -> tuple[str, ...]:
    """The statuses that say the event happened or is happening (occurred, ongoing): counted by default."""
    return known_statuses()[1]


def statuses(values: str | Iterable[str] | None, name: str = "status") -> tuple[str, ...] | None:
    """The statuses chosen, in the table's order; None — asserted events (occurred, ongoing), what
    every view counts by default — when none is chosen or just those. Each value may be a comma list
    ("occurred,planned"); ``all`` chooses every status."""
    if values is None:
        return None
    every = every_status()
    chosen: set[str] = set()
    for value in [values] if isinstance(values, str) else values:
        for part in (value or "").split(","):
            word = part.strip().lower()
            if not word:
                continue
            if word == EVERY_STATUS:
                chosen.update(every)
            elif word in every:
                chosen.add(word)
            else:
                close = difflib.get_close_matches(word, every, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise AnalysisError(f"{name}={part.strip()[:40]!r} is not a status: use one or more of "
                                    f"{', '.join(every)} (a comma list), or {EVERY_STATUS}{hint}")
    if not chosen or chosen == set(asserted()):
        return None
    return tuple(s for s in every if s in chosen)


def selected(chosen: Collection[str] | None) -> Collection[str]:
    """The statuses a selection stands for (None: the asserted ones)."""
    return chosen or asserted()


def status_words(chosen: Collection[str] | None, floor: float = 0.0) -> str:
    """How a selection reads in a caption: "occurred, ongoing" or "every status", and the least confidence
    when one is chosen ("occurred, ongoing; confidence at least 0.5")."""
    words = "every status" if set(selected(chosen)) == set(every_status()) else ", ".join(selected(chosen))
    return f"{words}; confidence at least {floor:g}" if floor else words


def not_counted(counts: dict[str, int], chosen: tuple[str, ...] | None) -> dict[str, int]:
    """Of the events per status (Store.status_counts), those a selection leaves out: what a view shows
    apart ("not counted: 2 negated")."""
    return {status: n for status, n in counts.items() if status not in selected(chosen)}


def widened(chosen: tuple[str, ...] | None, others: dict[str, int]) -> str:
    """The selection with the statuses left out added: the link that counts them too."""
    return ",".join(s for s in every_status() if s in selected(chosen) or s in others)


def status_query(chosen: tuple[str, ...] | None) -> str | None:
    """A selection as one query value ("occurred,planned"), None for the default."""
    return ",".join(chosen) if chosen else None


def min_confidence(value: str | float | None, name: str = "min_confidence") -> float:
    """The least confidence an event must have to be kept: a number from 0 to 1 ("0.5"); 0, every event
    (those stored without a confidence too), when not given."""
    if value is None or value == "":
        return 0.0
    try:
        floor = float(value)
    except (TypeError, ValueError):
        floor = math.nan
    if not 0.0 <= floor <= 1.0:  # NaN too
        raise AnalysisError(f"{name}={str(value)[:40]!r} is not a confidence: use a number from 0 to 1 (0.5 keeps "
                            "the events at least as likely to be right as wrong)")
    return floor


def confidence_query(floor: float) -> str | None:
    """A least confidence as a query value ("0.5"), None for the default (0: every event)."""
    return str(floor) if floor else None


def root(value: str | None, name: str = "root") -> str | None:
    """A CAMEO root, 01 to 20 ("4" is "04")."""
    if value is None or value == "":
        return None
    text = value.strip()
    if not (text.isdigit() and len(text) <= 2 and 1 <= int(text) <= 20):
        raise AnalysisError(f"{name}={value[:40]!r} is not a CAMEO root: use 01 to 20")
    return text.zfill(2)


def day(value: str | None, name: str) -> date | None:
    """A day written YYYY-MM-DD."""
    if value is None or value == "":
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise AnalysisError(f"{name}={value[:40]!r} is not a day in the form YYYY-MM-DD")


def period(since: str | None, until: str | None, names: tuple[str, str] = ("since", "until")
           ) -> tuple[date | None, date | None]:
    """Two days that bound a period, the first not after the second."""
    first, last = day(since, names[0]), day(until, names[1])
    check_range(first, last)
    return first, last
