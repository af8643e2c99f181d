"""Actor codes as analysts type them, checked before they reach a query.

A three-letter code is a country and stands for every actor of that country: ``JPN`` counts the events
of JPN, JPNGOV, JPNMIL and so on. A longer code (``JPNGOV``, ``IGOUNO``) matches that actor exactly.
"""
from __future__ import annotations

import re
from datetime import date

from ..errors import AccordError

CODE_PATTERN = re.compile(r"[A-Z]{3}[A-Z0-9]{0,29}")


class AnalysisError(AccordError, ValueError):
    """A request the analyst views cannot answer: a malformed code, period or range."""


def actor_code(value: str, what: str = "actor code") -> str:
    """The code in upper case, or an AnalysisError naming the value and the rule it breaks."""
    code = (value or "").strip().upper()
    if not CODE_PATTERN.fullmatch(code):
        raise AnalysisError(f"{value!r} is not an {what}: three letters for a country (JPN), "
                            "or a full CAMEO actor code of letters and digits (JPNGOV, IGOUNO), at most 32")
    return code


def pair_codes(a: str, b: str) -> tuple[str, str]:
    first, second = actor_code(a, "actor code (first of the pair)"), actor_code(b, "actor code (second of the pair)")
    if first == second:
        raise AnalysisError(f"a pair needs two different actors, not {first} twice")
    return first, second


def check_range(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise AnalysisError(f"the period starts ({since}) after it ends ({until})")


def is_country(code: str) -> bool:
    return len(code) == 3
