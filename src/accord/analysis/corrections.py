"""An analyst's correction as they type it — a verdict, a CAMEO code, sides, a status, a date, a place —
checked and turned into the event columns the store sets; and the precision a reviewed sample gives.

One function, :func:`correction`, does this for the web form, the JSON API and the command line, so a bad
value is the same AnalysisError, naming the field, everywhere. The store keeps every correction and applies
the newest (store/database.py, ``Store.correct_event``).
"""
from __future__ import annotations

import datetime
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..store.database import VERDICTS, WRONG
from .codes import AnalysisError, _vocabulary, actor_code
from .filters import every_status

DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
PRECISION = {1: "year", 2: "month", 3: "day"}
MAX_PLACE = 200
MAX_ANALYST = 200
Z95 = 1.959964  # the normal quantile of a two-sided 95% interval


def _code_fields(value: str) -> dict[str, Any]:
    from ..events import ontology

    table = ontology.load()
    code = value.strip()
    if code not in table:
        raise AnalysisError(f"code={code[:10]!r} is not a CAMEO event code (three or four digits, e.g. 042)")
    entry = table[code]
    return {"cameo": entry.code, "root": entry.root, "quad_class": entry.quad_class, "goldstein": entry.goldstein,
            "plover_type": entry.plover_type, "plover_mode": entry.plover_mode}


def _side_fields(side: str, value: str, store) -> dict[str, Any]:
    code = actor_code(value, side, store)
    labels = _vocabulary()[1]
    country = code[:3] if code[:3] in labels else None  # a country's code, or an organisation's (none)
    return {f"{side}_code": code, f"{side}_country": country, f"{side}_name": labels.get(code, code)}


def _date_fields(value: str) -> dict[str, Any]:
    match = DATE.fullmatch(value.strip())
    if match is None:
        raise AnalysisError(f"date={value[:20]!r} is not a date: YYYY-MM-DD, YYYY-MM or YYYY")
    parts = [p for p in match.groups() if p]
    try:
        datetime.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        raise AnalysisError(f"date={value[:20]!r} is not a day that exists") from None
    return {"date": value.strip(), "date_precision": PRECISION[len(parts)]}


def correction(*, verdict: str, code: str | None = None, source: str | None = None, target: str | None = None,
               status: str | None = None, date: str | None = None, place: str | None = None,
               place_country: str | None = None, store=None) -> tuple[str, dict[str, Any]]:
    """The verdict and the columns a correction sets, from what the analyst gave (an empty value: not
    corrected). ``verdict`` is right, wrong or corrected; a correction that sets a field is "corrected"
    unless it says "wrong". ``source``/``target``: a code or a name (analysis/codes.py); ``status``: one of
    statuses.tsv; ``date``: YYYY-MM-DD, YYYY-MM or YYYY; ``place``: a place name, ``place_country`` its
    country's code."""
    verdict = (verdict or "").strip().lower()
    if verdict not in VERDICTS:
        raise AnalysisError(f"verdict={verdict[:20]!r} is not one of {', '.join(VERDICTS)}")
    fields: dict[str, Any] = {}
    if code and code.strip():
        fields.update(_code_fields(code))
    for side, value in (("source", source), ("target", target)):
        if value and value.strip():
            fields.update(_side_fields(side, value, store))
    if status and status.strip():
        word = status.strip().lower()
        if word not in every_status():
            raise AnalysisError(f"status={word[:20]!r} is not a status: one of {', '.join(every_status())}")
        fields["status"] = word
    if date and date.strip():
        fields.update(_date_fields(date))
    if place and place.strip():
        if len(place.strip()) > MAX_PLACE:
            raise AnalysisError(f"place: at most {MAX_PLACE} characters")
        fields["place_name"] = " ".join(place.split())
    if place_country and place_country.strip():
        country = place_country.strip().upper()
        if country not in _vocabulary()[1] or len(country) != 3:
            raise AnalysisError(f"place_country={country[:10]!r} is not a country's three-letter code")
        fields["place_country"] = country
    if fields and verdict == "right":
        verdict = "corrected"
    return verdict, fields


def analyst_name(value: str | None) -> str:
    name = " ".join((value or "").split())
    if not name:
        raise AnalysisError("analyst: say who makes the correction")
    if len(name) > MAX_ANALYST:
        raise AnalysisError(f"analyst: at most {MAX_ANALYST} characters")
    return name


@dataclass(frozen=True, slots=True)
class Precision:
    """Of ``reviewed`` events, ``right`` were right as coded: the share and its 95% interval (Wilson)."""

    reviewed: int
    right: int

    @property
    def share(self) -> float:
        return self.right / self.reviewed if self.reviewed else 0.0

    def interval(self) -> tuple[float, float]:
        """The Wilson score interval: sensible for small samples and shares near 0 or 1."""
        n, p = self.reviewed, self.share
        if not n:
            return 0.0, 1.0
        centre = (p + Z95 ** 2 / (2 * n)) / (1 + Z95 ** 2 / n)
        half = Z95 * math.sqrt(p * (1 - p) / n + Z95 ** 2 / (4 * n * n)) / (1 + Z95 ** 2 / n)
        return max(0.0, centre - half), min(1.0, centre + half)

    def __str__(self) -> str:
        if not self.reviewed:
            return "no event reviewed yet"
        low, high = self.interval()
        return (f"of {self.reviewed} reviewed, {self.right} right: precision {self.share:.2f} "
                f"(95% interval {low:.2f}–{high:.2f})")


# ---------------------------------------------------------------------- `accord corrections export`
def _side(row: dict[str, Any], side: str) -> list[dict[str, Any]]:
    code = row.get(f"{side}_code")
    return [{"text": row.get(f"{side}_text") or "", "code": code}] if code else []


def _reviewed(store) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Each event with corrections (as every read shows it, with ``coded`` read) and its corrections."""
    by_event: dict[int, list[dict[str, Any]]] = {}
    for found in store.corrections():
        if found["event_id"] is not None:
            by_event.setdefault(found["event_id"], []).append(found)
    for event_id, trail in sorted(by_event.items()):
        row = store.event(event_id)
        if row is not None:
            yield {**row, "coded": json.loads(row["coded"]) if row["coded"] else {}}, trail


def annotation_records(store) -> Iterator[dict[str, Any]]:
    """The corrections as sentences in the annotation format (docs/annotation.md) that ``accord train
    --corrections`` reads: one record per evidence sentence with a reviewed event, its ``events`` the
    events as the analysts say they are (right as coded, or corrected), ``wrong`` the events marked wrong
    as the coder had them. Only reviewed events are there: the flag ``partial`` says the sentence's other
    words are not annotated. Corrections whose event is gone (``accord recode``) are left out."""
    sentences: dict[tuple[int, int], dict[str, Any]] = {}
    for row, trail in _reviewed(store):
        key = (row["document_id"], row["sentence"])
        record = sentences.setdefault(key, {
            "id": f"correction-{row['document_id']}-{row['sentence']}", "text": row["evidence"], "events": [],
            "wrong": [], "flags": ["partial"], "note": "", "document": row["doc_id"], "url": row["url"]})
        latest = trail[-1]
        who = {"analyst": latest["analyst"], "at": latest["created_at"].isoformat(timespec="seconds"),
               "corrections": [c["id"] for c in trail]}
        if latest["verdict"] == WRONG:
            coder = {**row, **row["coded"]}
            record["wrong"].append({"cameo": coder["cameo"], "status": coder["status"],
                                    "trigger": row["trigger_text"], "source": _side(coder, "source"),
                                    "target": _side(coder, "target"), "mutual": False, **who})
        else:
            record["events"].append({"cameo": row["cameo"], "status": row["status"], "trigger": row["trigger_text"],
                                     "source": _side(row, "source"), "target": _side(row, "target"),
                                     "mutual": False, "verdict": latest["verdict"], **who})
    yield from (sentences[key] for key in sorted(sentences))


def dictionary_entries(store) -> list[dict[str, str]]:
    """Actor corrections as user-dictionary entries (docs/dictionaries.md, YAML): the words that named a side
    and the code an analyst gave it ("the Palace" -> PHLGOV). A side the coder inferred (no words) gives no
    entry; when analysts coded the same words differently, the newest correction wins."""
    entries: dict[str, dict[str, str]] = {}
    for row, trail in _reviewed(store):
        for side in ("source", "target"):
            words = row.get(f"{side}_text")
            corrected = [c for c in trail if f"{side}_code" in c["fields"]]
            if words and corrected:
                entries[" ".join(words.lower().split())] = {"name": " ".join(words.split()),
                                                            "code": corrected[-1]["fields"][f"{side}_code"]}
    return [entries[key] for key in sorted(entries)]
