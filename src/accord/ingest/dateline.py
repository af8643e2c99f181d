"""Datelines: "TOKYO, April 8 ------", "MANILA, Philippines –", "Washington, March 18 (Jiji Press)--".

A dateline opens the first paragraph of a wire story. It is parsed into a place and a date and
removed from the text so that it does not become part of the first sentence.
"""
from __future__ import annotations

import re
from datetime import date

from ..model import Dateline

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = rf"(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?"
_UPPER_PLACE = r"[A-Z][A-Z.'\-]+(?:\s+[A-Z][A-Z.'\-]+){0,3}"
_TITLE_PLACE = r"[A-Z][a-z.'\-]+(?:\s+[A-Z][a-z.'\-]+){0,3}"
_REGION = rf"(?:,\s*(?!{_MONTH}\s+\d)(?P<region>[A-Z][A-Za-z.'\-]+(?:\s+[A-Z][A-Za-z.'\-]+){{0,2}}))?"
_AGENCY = r"(?:\s*\((?P<agency>[^)]{1,40})\))?"
_DASH = r"\s*(?:-{1,}|–|—|:)+\s*"
_STRONG_DASH = r"\s*(?:-{2,}|–|—)+\s*"  # a bare upper-case word before a lone hyphen is not a dateline

# A place in capitals may stand without a date (then it needs a real dash: "WASHINGTON (AP) —");
# a place in title case must be followed by a date ("Washington, March 18 (Jiji Press)--").
_PATTERNS = (
    re.compile(rf"^(?P<place>{_UPPER_PLACE}){_REGION},\s*{_DATE}{_AGENCY}{_DASH}"),
    re.compile(rf"^(?P<place>{_UPPER_PLACE}){_REGION}{_AGENCY}{_STRONG_DASH}"),
    re.compile(rf"^(?P<place>{_TITLE_PLACE}){_REGION},\s*{_DATE}{_AGENCY}{_DASH}"),
)


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")[:4] if name.lower().startswith("sept") else name.lower()[:3]]


def parse(text: str, published: date | None) -> tuple[Dateline | None, int, list[str]]:
    """Find a dateline at the start of ``text``.

    Returns the dateline (or None), how many characters it takes up, and warnings.
    """
    match = next((m for m in (p.match(text) for p in _PATTERNS) if m), None)
    if not match:
        return None, 0, []
    place = match.group("place").strip()
    if place.isupper():
        place = place.title()
    if match.group("region"):
        place = f"{place}, {match.group('region').strip()}"
    warnings: list[str] = []
    when = None
    if match.groupdict().get("month"):
        month, day = _month_number(match.group("month")), int(match.group("day"))
        year_text = match.group("year")
        if year_text:
            year = int(year_text)
        elif published:
            year = published.year
            # A December dateline on a January page belongs to the year before.
            if month - published.month > 6:
                year -= 1
        else:
            year = None
            warnings.append(f"dateline '{match.group(0).strip()}' has no year and no publication date is known")
        if year:
            try:
                when = date(year, month, day)
            except ValueError:
                warnings.append(f"dateline date is not a real date: {match.group(0).strip()}")
    return Dateline(place=place, date=when, text=match.group(0).strip()), match.end(), warnings
