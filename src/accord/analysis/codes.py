"""Actors as analysts type them — a code or a name — turned into the code a query needs.

A three-letter code is a country and stands for every actor of that country: ``JPN`` counts the events
of JPN, JPNGOV, JPNMIL and so on. A longer code (``JPNGOV``, ``IGOUNO``) matches that actor exactly.
A name the actor dictionary knows stands for its code ("Japan", "Japanese" -> JPN; "United Nations" ->
IGOUNO). One function, :func:`actor_code`, does this for the command line, the web pages and the
JSON API alike, and when nothing matches it says what might have been meant.
"""
from __future__ import annotations

import difflib
import re
from datetime import date
from functools import lru_cache

from ..errors import AccordError

CODE_PATTERN = re.compile(r"[A-Z]{3}[A-Z0-9]{0,29}")
MAX_NAME = 100
RULE = ("three letters for a country (JPN), a full CAMEO actor code of letters and digits (JPNGOV, IGOUNO), "
        "or a name (Japan)")


class AnalysisError(AccordError, ValueError):
    """A request the analyst views cannot answer: a malformed code, period or range."""


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Lower-case names -> codes, codes -> names, and sector codes -> names, from the built-in actor
    dictionary (countries with their names, adjectives, demonyms and capitals; organisations, groups and
    peoples)."""
    from ..actors.dictionary import load_builtin

    dictionary = load_builtin(people=False)
    names: dict[str, str] = {}
    labels: dict[str, str] = {}
    for country in dictionary.countries.values():
        labels[country.code] = country.name
        for name in (country.name, *country.aliases, *country.adjectives, *country.demonyms, *country.metonyms):
            names.setdefault(" ".join(name.lower().split()), country.code)
    for actor in dictionary.organisations.values():
        labels.setdefault(actor.code, actor.name)
    for surface, entries in dictionary.names.items():
        for entry in entries:
            if entry.kind in ("organisation", "group", "people"):
                names.setdefault(" ".join(surface.lower().split()), dictionary.organisations[entry.key].code)
    return names, labels, dict(dictionary.sectors)


def _known_code(code: str) -> bool:
    """A country, an organisation's code, or a country followed by sector codes (JPNGOV, USAMILGOV)."""
    _names, labels, sectors = _vocabulary()
    rest = code[3:]
    return code in labels or (code[:3] in labels and len(rest) % 3 == 0
                              and all(rest[i:i + 3] in sectors for i in range(0, len(rest), 3)))


def describe(code: str) -> str:
    """"JPN (Japan)", "JPNGOV (Japan, government)", or the code alone when the dictionary has no name for it."""
    _names, labels, sectors = _vocabulary()
    rest = [code[i:i + 3] for i in range(3, len(code), 3)]
    if len(code) > 3 and code[:3] in labels and all(part in sectors for part in rest):  # not "Bank of Japan"
        return f"{code} ({labels[code[:3]]}, {', '.join(sectors[part] for part in rest)})"
    return f"{code} ({labels[code]})" if code in labels else code


def suggestions(value: str, limit: int = 3) -> list[str]:
    """Codes whose code or name is close to the value, best first, each described."""
    names, labels, _sectors = _vocabulary()
    text = " ".join(value.lower().split())
    found: list[str] = []
    for close in difflib.get_close_matches(text, [*names, *(c.lower() for c in labels)], n=limit * 3, cutoff=0.6):
        code = names.get(close) or close.upper()
        if code not in found:
            found.append(code)
    return [describe(code) for code in found[:limit]]


def actor_code(value: str | None, what: str = "actor", store=None) -> str:
    """The code an actor stands for, or an AnalysisError naming the value, the rule and the likely codes.

    In order: a code the dictionary knows (JPN, JPNGOV, IGOUNO; any case); a name it knows ("Japan",
    "japanese", "UN"); a code the store holds events for (codes from user dictionaries). ``store`` is the
    Store to ask; without one, a well-formed code is taken as it is."""
    text = (value or "").strip()
    code = text.upper()
    well_formed = CODE_PATTERN.fullmatch(code) is not None
    if well_formed and _known_code(code):
        return code
    if len(text) <= MAX_NAME:
        words = " ".join(text.lower().split())
        named = _vocabulary()[0].get(words) or _vocabulary()[0].get(words.removeprefix("the "))
        if named:  # "the Philippines" is "Philippines"
            return named
    if well_formed and (store is None or store.has_actor(code)):
        return code
    close = suggestions(text) if text and len(text) <= MAX_NAME else []
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    shown = text if len(text) <= MAX_NAME else text[:MAX_NAME] + "..."
    raise AnalysisError(f"{shown!r} is not an actor code or a name accord knows ({what}): {RULE}{hint}")


def pair_codes(a: str, b: str, store=None) -> tuple[str, str]:
    first = actor_code(a, "first of the pair", store)
    second = actor_code(b, "second of the pair", store)
    if first == second:
        raise AnalysisError(f"a pair needs two different actors, not {first} twice")
    return first, second


def check_range(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise AnalysisError(f"the period starts ({since}) after it ends ({until})")


def is_country(code: str) -> bool:
    return len(code) == 3
