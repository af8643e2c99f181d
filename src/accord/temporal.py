"""Event dates: temporal expressions normalised against the dateline or publication date.

Each expression gets a value and a precision (day, week, month, year). An event takes the
expression that governs its trigger in the parse ("Japan last year delivered ..." -> 2023), not
merely the nearest one; without one, the document's reference date with a note that it is only the
report's date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Span

from .model import Document

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
UNIT_WORDS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
              "year": "year", "years": "year"}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "several": 3, "few": 3, "couple": 2}


@dataclass(frozen=True, slots=True)
class TimeValue:
    value: date
    precision: str  # day | week | month | year

    def iso(self) -> str:
        if self.precision == "year":
            return f"{self.value.year:04d}"
        if self.precision == "month":
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _shift_month(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def normalise(text: str, ref: date, future: bool = False) -> TimeValue | None:
    """A temporal expression's value relative to ``ref``; ``future`` picks "next Monday" for "Monday"."""
    t = text.lower().strip()
    t = re.sub(r"^(on|in|at|during|since|from|until|by|before|after|around|about|of)\s+", "", t)
    t = re.sub(r"^the\s+", "", t)
    if t in ("today", "tonight", "this morning", "this afternoon", "this evening", "now"):
        return TimeValue(ref, "day")
    if t in ("yesterday", "last night"):
        return TimeValue(ref - timedelta(days=1), "day")
    if t == "tomorrow":
        return TimeValue(ref + timedelta(days=1), "day")
    m = re.fullmatch(r"(earlier |later )?(this|last|next|past|coming) (week|month|year|weekend)", t)
    if m:
        which, unit = m.group(2), m.group(3)
        step = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[which]
        if unit in ("week", "weekend"):
            return TimeValue(_monday(ref) + timedelta(weeks=step), "week")
        if unit == "month":
            return TimeValue(_shift_month(ref, step), "month")
        return TimeValue(date(ref.year + step, 1, 1), "year")
    m = re.fullmatch(r"(end|beginning|start|middle) of (this|the|next|last) (week|month|year)", t)
    if m:
        step = {"this": 0, "the": 0, "next": 1, "last": -1}[m.group(2)]
        unit = m.group(3)
        if unit == "year":
            return TimeValue(date(ref.year + step, 1, 1), "year")
        if unit == "month":
            return TimeValue(_shift_month(ref, step), "month")
        return TimeValue(_monday(ref) + timedelta(weeks=step), "week")
    m = re.fullmatch(r"(last |next |this |coming |past )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                     r"( (morning|afternoon|evening|night))?", t)
    if m:
        target = WEEKDAYS.index(m.group(2))
        qualifier = (m.group(1) or "").strip()
        forward = qualifier in ("next", "coming") or (future and qualifier not in ("last", "past"))
        if forward:
            delta = (target - ref.weekday()) % 7 or 7
            return TimeValue(ref + timedelta(days=delta), "day")
        delta = (ref.weekday() - target) % 7
        if qualifier in ("last", "past") and delta == 0:
            delta = 7
        return TimeValue(ref - timedelta(days=delta), "day")
    m = re.fullmatch(r"(\w+) (day|days|week|weeks|month|months|year|years) (ago|earlier|before|later|from now)", t)
    if m:
        n = NUMBER_WORDS.get(m.group(1)) or (int(m.group(1)) if m.group(1).isdigit() else None)
        if n is not None:
            sign = -1 if m.group(3) in ("ago", "earlier", "before") else 1
            unit = UNIT_WORDS[m.group(2)]
            if unit == "day":
                return TimeValue(ref + timedelta(days=sign * n), "day")
            if unit == "week":
                return TimeValue(_monday(ref + timedelta(weeks=sign * n)), "week")
            if unit == "month":
                return TimeValue(_shift_month(ref, sign * n), "month")
            return TimeValue(date(ref.year + sign * n, 1, 1), "year")
    m = re.fullmatch(r"(?:early |late |mid-?)?((?:19|20)\d\d)(s)?", t)
    if m and not m.group(2):
        return TimeValue(date(int(m.group(1)), 1, 1), "year")
    m = re.fullmatch(r"(?:early |late |mid-?)?([a-z]+)\.?(?:,? ((?:19|20)\d\d))?", t)
    if m and (m.group(1) in MONTHS or m.group(1)[:4] in MONTH_ABBR or m.group(1)[:3] in MONTH_ABBR):
        name = m.group(1)
        month = MONTHS.index(name) + 1 if name in MONTHS else MONTH_ABBR.get(name[:4]) or MONTH_ABBR.get(name[:3])
        if month and (name in MONTHS or len(name) <= 4):
            year = int(m.group(2)) if m.group(2) else _year_for(month, ref, future)
            return TimeValue(date(year, month, 1), "month")
    m = re.fullmatch(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? ((?:19|20)\d\d))?", t) or re.fullmatch(
        r"(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)\.?(?:,? ((?:19|20)\d\d))?", t)
    if m:
        a, b, year_text = m.group(1), m.group(2), m.group(3)
        name, day_text = (a, b) if not a.isdigit() else (b, a)
        month = MONTHS.index(name) + 1 if name in MONTHS else MONTH_ABBR.get(name[:3])
        if month and day_text.isdigit():
            year = int(year_text) if year_text else _year_for(month, ref, future)
            try:
                return TimeValue(date(year, month, int(day_text)), "day")
            except ValueError:
                return None
    m = re.fullmatch(r"((?:19|20)\d\d)-(\d\d)-(\d\d)", t)
    if m:
        try:
            return TimeValue(date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "day")
        except ValueError:
            return None
    return None


def _year_for(month: int, ref: date, future: bool) -> int:
    """A month without a year: the nearest one in the direction the text points."""
    if future and month < ref.month - 1:
        return ref.year + 1
    if not future and month > ref.month + 1:
        return ref.year - 1
    return ref.year


def _path_to_verb(ent: Span) -> list[int]:
    """Token indices from the expression up to the nearest governing verb (inclusive)."""
    path = []
    token = ent.root
    for _ in range(8):
        head = token.head
        if head.i == token.i:
            break
        path.append(head.i)
        if head.pos_ in ("VERB", "AUX"):
            break
        token = head
    return path


def date_events(document: Document) -> None:
    """Give each event the date of the expression that governs it, else the reference date."""
    ref = document.reference_date
    doc = document.spacy_doc
    if doc is None:
        return
    expressions: list[tuple[Span, list[int]]] = [
        (ent, _path_to_verb(ent)) for ent in doc.ents if ent.label_ in ("DATE", "TIME")
    ]
    for event in document.events:
        if event.trigger_token < 0:
            continue
        trigger = doc[event.trigger_token]
        candidates = [trigger]
        head = trigger
        for _ in range(4):  # the verb the trigger hangs from, through "to"-clauses and nouns
            own_tense = head.dep_ == "conj" and any(c.dep_ == "aux" for c in head.children)
            if head.dep_ in ("xcomp", "conj", "pobj", "prep", "dobj", "nsubj", "nsubjpass", "advmod") \
                    and head.head.i != head.i and not own_tense:
                head = head.head
                candidates.append(head)
                if head.pos_ in ("VERB", "AUX"):
                    break
            else:
                break
        chosen = None
        # the expression whose path to its verb passes through the trigger (or the verbs it hangs from)
        for candidate in candidates:
            for ent, path in expressions:
                if candidate.i in path and ent.sent.start == trigger.sent.start:
                    chosen = ent
                    break
            if chosen is not None:
                break
        if chosen is not None and ref is not None:
            value = normalise(chosen.text, ref, future=event.status in ("planned", "intended"))
            if value is not None:
                event.date, event.date_precision, event.date_text = value.iso(), value.precision, chosen.text
                if value.value > ref and event.status == "occurred" and value.precision in ("day", "week"):
                    event.status = "planned"
                continue
        if ref is not None:
            event.date, event.date_precision, event.date_text = ref.isoformat(), "day", None
