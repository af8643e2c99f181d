"""Normalising one time expression to a TimeML (TIMEX3) type and value against a reference date.

``resolve("last week", date(2024, 4, 8))`` -> DATE 2024-W14; ``resolve("three years")`` -> DURATION P3Y;
``resolve("weekly")`` -> SET P1W; ``resolve("recently")`` -> DATE PAST_REF. Values are the ones TimeML and
MEANTIME use: days, ISO weeks (2024-W15), weekends (2024-W15-WE), months, quarters (2024-Q2), halves,
seasons (2024-SP), years, decades (197), centuries (19), parts of days (2024-04-08TMO) and clock times.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from .vocabulary import load

YEAR = r"((?:1[5-9]|20)\d\d)"
SEASON_STARTS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # the month each TimeML season code begins in
# precisions an event date can carry; finer or coarser ones are mapped onto these
EVENT_PRECISION = {"day": "day", "part-of-day": "day", "time": "day", "week": "week", "weekend": "week",
                   "month": "month", "quarter": "year", "half": "year", "season": "year", "year": "year"}


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A point or stretch on the calendar: ``value`` is its first day, ``precision`` its size."""

    value: date
    precision: str  # day | week | weekend | month | quarter | half | season | year | decade | century
    #                 | part-of-day | time
    detail: str = ""  # quarter or half number, season code (SP), part of day (MO), clock time (14:58Z)

    def iso(self) -> str:
        """The form events carry: YYYY-MM-DD (day; the Monday for a week), YYYY-MM or YYYY."""
        precision = EVENT_PRECISION.get(self.precision, "year")
        if precision == "year":
            return f"{self.value.year:04d}"
        if precision == "month":
            return f"{self.value.year:04d}-{self.value.month:02d}"
        if precision == "week":
            return _monday(self.value).isoformat()
        return self.value.isoformat()

    def shift_years(self, years: int) -> TimeValue:
        """The same period ``years`` later (earlier when negative): 1989-Q3 -> 1988-Q3."""
        value = self.value
        day = min(value.day, 28) if value.month == 2 else value.day  # 29 February
        return TimeValue(value.replace(year=value.year + years, day=day), self.precision, self.detail)

    def step(self, unit: str, n: int) -> TimeValue | None:
        """The day, week, month or year ``n`` of ``unit`` from the one this falls in ("the following month" of
        November); None when this is coarser than the unit (a month counted from a year)."""
        order = ("day", "week", "month", "year")
        grain = {"part-of-day": "day", "time": "day", "weekend": "week", "quarter": "year", "half": "year",
                 "season": "year"}.get(self.precision, self.precision)
        if grain not in order or order.index(grain) > order.index(unit):
            return None
        d = self.value
        if unit == "day":
            return TimeValue(d + timedelta(days=n), "day")
        if unit == "week":
            return TimeValue(_monday(d) + timedelta(weeks=n), "week")
        if unit == "month":
            return TimeValue(_shift_month(d, n), "month")
        return TimeValue(date(d.year + n, 1, 1), "year")

    @property
    def event_precision(self) -> str | None:
        return EVENT_PRECISION.get(self.precision)

    def timex(self) -> str:
        """The TIMEX3 value."""
        d, p = self.value, self.precision
        if p in ("week", "weekend"):
            year, week, _ = d.isocalendar()
            return f"{year:04d}-W{week:02d}" + ("-WE" if p == "weekend" else "")
        if p == "month":
            return f"{d.year:04d}-{d.month:02d}"
        if p == "quarter":
            return f"{d.year:04d}-Q{self.detail}"
        if p == "half":
            return f"{d.year:04d}-H{self.detail}"
        if p == "season":
            return f"{d.year:04d}-{self.detail}"
        if p == "year":
            return f"{d.year:04d}"
        if p == "decade":
            return f"{d.year // 10:03d}"
        if p == "century":
            return f"{d.year // 100:02d}"
        if p in ("part-of-day", "time"):  # "2024-04-08TMO", "2024-04-08T14:30"
            return f"{d.isoformat()}T{self.detail}"
        return d.isoformat()


@dataclass(frozen=True, slots=True)
class Timex:
    """A normalised expression: TimeML type and value, the calendar point (if any), mod and range ends."""

    type: str  # DATE | TIME | DURATION | SET
    value: str
    point: TimeValue | None = None
    mod: str | None = None
    interval: tuple[str, str] | None = None
    last: TimeValue | None = None  # a range's end ("2011" of "from 2009 to 2011"); its start is ``point``


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _shift_month(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def _year_for(month: int, ref: date, future: bool | None) -> int:
    """A month without a year: the nearest one in the direction the text points (``future`` None: the text
    points neither way, so the nearest one, ahead or back)."""
    if future is None:
        return min((ref.year - 1, ref.year, ref.year + 1), key=lambda y: abs((y - ref.year) * 12 + month - ref.month))
    if future and month < ref.month - 1:
        return ref.year + 1
    if not future and month > ref.month + 1:
        return ref.year - 1
    return ref.year


def _names(words) -> str:
    """A regular-expression alternative of vocabulary words: "monday|tuesday|..."."""
    return _alternatives(tuple(words))


@lru_cache(maxsize=64)
def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(word) for word in words)


def _month_number(name: str) -> int | None:
    vocabulary = load()
    months, abbreviations = vocabulary.months, vocabulary.month_abbreviations
    name = name.rstrip(".")
    if name in months:
        return months.index(name) + 1
    if len(name) <= 4:
        return abbreviations.get(name) or abbreviations.get(name[:3]) if name[:3] in abbreviations else None
    return None


def clean(text: str) -> str:
    t = text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    t = re.sub(r"\s*-\s*", "-", t)
    t = re.sub(r"\s*,\s*", ", ", t)
    t = re.sub(r"'s$", "", t.strip())
    return _spoken_years(re.sub(r"\s+", " ", t).strip(" ,.;:"))


def _spoken_years(t: str) -> str:
    """Years and decades in words, as broadcast transcripts write them, in digits: 'nineteen ninety-one' ->
    1991, 'the year two thousand' -> 2000, 'the nineties' -> the 1990s."""
    if not re.search(r"nineteen|eighteen|twenty|thousand|ties\b", t):
        return t
    vocabulary = load()
    hundreds, thousands, decades_pattern, decades = _spoken_patterns()

    def century(m: re.Match) -> str:
        rest = number(m.group(2))
        if rest is None or rest >= 100:
            return m.group(0)
        return str(int(vocabulary.numbers[m.group(1)]) * 100 + int(rest))

    def millennium(m: re.Match) -> str:
        rest = number(m.group(1)) if m.group(1) else 0
        return str(2000 + int(rest)) if rest is not None and rest < 100 else m.group(0)

    t = thousands.sub(millennium, hundreds.sub(century, t))
    return decades_pattern.sub(lambda m: f"19{decades[m.group(1)]}s", t)


@lru_cache(maxsize=1)
def _spoken_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, dict[str, int]]:
    vocabulary = load()
    words = "|".join(sorted(vocabulary.numbers, key=len, reverse=True))
    count = r"((?:" + words + r")(?:-(?:" + words + r"))?)"
    hundreds = re.compile(r"\b(nineteen|eighteen|twenty) " + count + r"\b(?! (?:years?|days?|months?))")
    thousands = re.compile(r"\b(?:the year )?two thousand(?: and " + count + r")?\b(?! years?)")
    tens = [word for word, value in vocabulary.numbers.items() if 20 <= value < 100 and value % 10 == 0]
    decades = {word[:-1] + "ies" if word.endswith("y") else word + "s": int(vocabulary.numbers[word]) for word in tens}
    return hundreds, thousands, re.compile(r"\b(" + "|".join(decades) + r")\b"), decades


def number(words: str) -> float | None:
    """'three' -> 3, 'twenty-one' -> 21, '2.5' -> 2.5, 'two and a half' -> 2.5; None if not a number."""
    vocabulary = load()
    words = words.strip().replace(",", "")
    if re.fullmatch(r"\d+(\.\d+)?", words):
        return float(words)
    half = 0.0
    m = re.fullmatch(r"(.+?) and (a )?half", words)
    if m:
        words, half = m.group(1), 0.5
    if re.search(r"(?<!hundred) and ", words):  # "60 and 90" is two numbers, "a hundred and ten" one
        return None
    total = 0.0
    for part in re.split(r"[- ]", words):
        if part in ("and", ""):
            continue
        if part == "hundred" and total:
            total *= 100
            continue
        if part.isdigit():
            total += float(part)
            continue
        value = vocabulary.numbers.get(part)
        if value is None:
            return None
        total += value
    return total + half if total or half else None


def _count(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


# ----------------------------------------------------------------------------- points on the calendar
def point(t: str, ref: date, future: bool | None = False) -> TimeValue | None:  # noqa: C901 - one case per form
    """A calendar expression (already cleaned, signals removed) relative to ``ref``."""
    vocabulary = load()
    step, weekdays, months = vocabulary.steps, vocabulary.weekdays, vocabulary.months
    weekday = "(" + _names(weekdays) + ")"
    t = re.sub(r"^the ", "", t)
    t = re.sub(r"^(earlier|later) (?=today|tonight|this|that)", "", t)
    t = re.sub(r"^(?:fiscal|financial) (?=\S+[- ]quarter|\S+ half|(?:\S+ )?year$)", "", t)  # "fiscal second-quarter"
    # the year before a quarter, half or season: "this year's third quarter", "the 1988 second quarter"
    m = re.fullmatch(r"(this|last|next) year's ([a-z][a-z -]*)|" + YEAR + r" ([a-z][a-z -]*)", t)
    if m:
        part = point(f"{m.group(2)} of {m.group(1)} year" if m.group(1) else f"{m.group(4)} {m.group(3)}", ref, future)
        if part is not None and part.precision in ("quarter", "half", "season", "month"):
            return part
    unit = vocabulary.current_periods.get(t)
    if unit:  # "the year" is the current one; "the quarter" the one just ended, whose results news reports
        return _unit_point(unit, -1 if unit == "quarter" else 0, ref)
    if t in ("today", "this day", "day", "same day", "very day", "that day", "date", "day's", "its date"):
        return TimeValue(ref, "day")
    if t in ("yesterday", "the day before", "day before", "previous day"):
        return TimeValue(ref - timedelta(days=1), "day")
    if t in ("tomorrow", "next day", "following day", "day after"):
        return TimeValue(ref + timedelta(days=1), "day")
    if t in ("tonight", "last night", "overnight"):
        return TimeValue(ref - timedelta(days=1 if t == "last night" else 0), "part-of-day", "NI")
    m = re.fullmatch(r"(this|today|yesterday|tomorrow|" + _names(weekdays)
                     + r")(?: |-)?(morning|afternoon|evening|night)", t)
    if m:
        base = point(m.group(1) if m.group(1) != "this" else "today", ref, future)
        if base is not None:
            return TimeValue(base.value, "part-of-day", vocabulary.parts_of_day[m.group(2)])
    if t in vocabulary.parts_of_day:
        return TimeValue(ref, "part-of-day", vocabulary.parts_of_day[t])
    m = re.fullmatch(r"(" + _names(vocabulary.parts_of_day) + r") of (.+)", t)  # "the night of Jan. 5"
    if m:
        day = point(m.group(2), ref, future)
        if day is not None and day.precision == "day":
            return TimeValue(day.value, "part-of-day", vocabulary.parts_of_day[m.group(1)])
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", t)  # "on the 10th": that day of the month, back or ahead
    if m and 1 <= int(m.group(1)) <= 31:
        shift = 1 if future and int(m.group(1)) < ref.day else -1 if not future and int(m.group(1)) > ref.day else 0
        try:
            return TimeValue(_shift_month(ref, shift).replace(day=int(m.group(1))), "day")
        except ValueError:  # "the 31st" of a shorter month
            return None
    m = re.fullmatch(r"(this|last|next|past|coming|previous|current|same|latest) (?:fiscal |financial )?(week|weekend|"
                     r"month|year|quarter|decade|century)", t) \
        or re.fullmatch(r"(week|weekend|month|year|quarter)( previous)", t)
    if m:
        which, unit = (m.group(1), m.group(2)) if m.group(1) in step else ("previous", m.group(1))
        return _unit_point(unit, step[which], ref)
    m = re.fullmatch(r"(beginning|start|end|middle|close|turn) of (?:(this|the|next|last|that) )?(week|month|year)", t)
    if m:
        return _unit_point(m.group(3), step.get(m.group(2) or "this", 0), ref)
    m = re.fullmatch(r"(first|second|third|fourth|final|last|1st|2nd|3rd|4th|q1|q2|q3|q4)[- ]quarter"
                     r"(?:(?: of)? (this|last|next|the) (?:fiscal |financial )?year"
                     r"|,? (?:of )?(?:fiscal )?" + YEAR + ")?",
                     t) or re.fullmatch(r"(q[1-4])(?: |-)?" + r"()" + YEAR + "?", t)
    if m:
        word = m.group(1)
        quarter = int(word[1]) if word.startswith("q") else vocabulary.ordinals[word]
        if m.group(3):
            year = int(m.group(3))
        elif m.group(2) in step and m.group(2) != "the":
            year = ref.year + step[m.group(2)]
        elif not future and (quarter - 1) * 3 + 1 > ref.month + 4:  # "the fourth quarter" said in January
            year = ref.year - 1
        else:
            year = ref.year
        return TimeValue(date(year, (quarter - 1) * 3 + 1, 1), "quarter", str(quarter))
    m = re.fullmatch(r"(first|second|1st|2nd|last|latter) (?:half|two quarters)"
                     r"(?:(?: of)? (this|last|next|the) year|,? (?:of )?" + YEAR + ")?", t)
    if m:
        half = 1 if m.group(1) in ("first", "1st") else 2
        year = int(m.group(3)) if m.group(3) else ref.year + step.get(m.group(2) or "this", 0)
        return TimeValue(date(year, 1 if half == 1 else 7, 1), "half", str(half))
    seasons = _names(vocabulary.seasons)
    m = re.fullmatch(r"(?:(this|last|next|past|coming) )?(" + seasons + r")(?:,? (?:of )?" + YEAR + ")?", t)
    if m:
        code = vocabulary.seasons[m.group(2)]
        begins = SEASON_STARTS[code]
        if m.group(3):
            year = int(m.group(3))
        elif m.group(1) in ("last", "past"):  # the latest one begun: "last spring" said in October is this year's
            year = ref.year if begins < ref.month else ref.year - 1
        elif m.group(1) in ("next", "coming"):
            year = ref.year if begins > ref.month else ref.year + 1
        else:
            year = ref.year
        return TimeValue(date(year, 1, 1), "season", code)
    m = re.fullmatch(r"(last |next |this |coming |past )?" + weekday, t)
    if m:
        target = weekdays.index(m.group(2))
        qualifier = (m.group(1) or "").strip()
        forward = qualifier in ("next", "coming") or (future and qualifier not in ("last", "past"))
        if forward:  # "will meet on Monday" written on a Monday is that day, as "met on Monday" is
            delta = (target - ref.weekday()) % 7 or (7 if qualifier in ("next", "coming") else 0)
            return TimeValue(ref + timedelta(days=delta), "day")
        delta = (ref.weekday() - target) % 7
        if qualifier in ("last", "past") and delta == 0:
            delta = 7
        return TimeValue(ref - timedelta(days=delta), "day")
    m = re.fullmatch(r"(\S+(?: and a half)?) (day|days|week|weeks|month|months|year|years|decade|decades) "
                     r"(ago|earlier|before|previously|later|from now|hence|on)", t)
    if m:
        n = number(m.group(1))
        if n is not None and n == int(n):
            sign = -1 if m.group(3) in ("ago", "earlier", "before", "previously") else 1
            unit = m.group(2).rstrip("s")
            n = int(n)
            if unit == "day":
                return TimeValue(ref + timedelta(days=sign * n), "day")
            if unit == "week":
                return TimeValue(_monday(ref + timedelta(weeks=sign * n)), "week")
            if unit == "month":
                return TimeValue(_shift_month(ref, sign * n), "month")
            if unit == "decade":
                return TimeValue(date(ref.year + sign * 10 * n, 1, 1), "year")
            return TimeValue(date(ref.year + sign * n, 1, 1), "year")
    m = re.fullmatch(r"(?:fiscal |financial |fy ?|calendar )?(?:year )?" + YEAR, t)
    if m:
        return TimeValue(date(int(m.group(1)), 1, 1), "year")
    m = re.fullmatch(r"'(\d\d)", t)
    if m:
        return TimeValue(date(1900 + int(m.group(1)) if int(m.group(1)) > 30 else 2000 + int(m.group(1)), 1, 1), "year")
    m = re.fullmatch(r"((?:1[5-9]|20)\d)0'?s", t) or re.fullmatch(r"'?(\d)0'?s", t)
    if m:
        digits = m.group(1)
        decade = int(digits) if len(digits) == 3 else 190 + int(digits)
        return TimeValue(date(decade * 10, 1, 1), "decade")
    m = re.fullmatch(r"([1-9]\d?)(?:st|nd|rd|th) century", t)
    if m:
        return TimeValue(date(max((int(m.group(1)) - 1) * 100, 1), 1, 1), "century")
    m = re.fullmatch(r"(last|next|this|past|coming) ([a-z]+)|([a-z]+),? (?:of )?(this|next|last) year", t)
    if m:
        qualifier, name = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        month = _month_number(name) if name in months else None
        if month:
            if m.group(3):  # "October of next year"
                year = ref.year + step[qualifier]
            elif qualifier in ("last", "past"):
                year = ref.year if month < ref.month else ref.year - 1
            elif qualifier in ("next", "coming"):
                year = ref.year if month > ref.month else ref.year + 1
            else:
                year = ref.year
            return TimeValue(date(year, month, 1), "month")
    if t in ("weekend", "this weekend", "the weekend"):
        return TimeValue(_monday(ref), "weekend")
    m = re.fullmatch(r"([a-z]+\.?)(?:,? (?:of )?" + YEAR + ")?", t)
    if m:
        month = _month_number(m.group(1))
        if month and (m.group(1).rstrip(".") in months or m.group(2) or len(m.group(1)) <= 5 and m.group(1) != "may"):
            year = int(m.group(2)) if m.group(2) else _year_for(month, ref, future)
            return TimeValue(date(year, month, 1), "month")
    t = re.sub(r"^" + weekday + r",? (?=\S*\d|[a-z]+\.? \d)", "", t)  # "Monday, April 8"
    m = re.fullmatch(r"(last|past|this past|next|coming) ((?:[a-z]+\.? \d{1,2}|\d{1,2} [a-z]+)(?:st|nd|rd|th)?)", t)
    if m:  # "last Oct. 23": the latest one gone; "next June 1": the coming one
        return point(m.group(2), ref, m.group(1) in ("next", "coming"))
    m = re.fullmatch(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? " + YEAR + ")?", t) or re.fullmatch(
        r"(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)\.?(?:,? " + YEAR + ")?", t)
    if m:
        a, b, year_text = m.group(1), m.group(2), m.group(3)
        name, day_text = (a, b) if not a.isdigit() else (b, a)
        month = _month_number(name)
        if month and day_text.isdigit():
            year = int(year_text) if year_text else _year_for(month, ref, future)
            try:
                return TimeValue(date(year, month, int(day_text)), "day")
            except ValueError:
                return None
    m = re.fullmatch(YEAR + r"-(\d\d)-(\d\d)", t)
    if m:
        try:
            return TimeValue(date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "day")
        except ValueError:
            return None
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", t)  # the US order, as English news writes it
    if m:
        year = int(m.group(3)) + (2000 if len(m.group(3)) == 2 else 0)
        try:
            return TimeValue(date(year, int(m.group(1)), int(m.group(2))), "day")
        except ValueError:
            return None
    return _clock(t, ref, future)


def _unit_point(unit: str, step: int, ref: date) -> TimeValue | None:
    if unit in ("week", "weekend"):
        return TimeValue(_monday(ref) + timedelta(weeks=step), unit)
    if unit == "month":
        return TimeValue(_shift_month(ref, step), "month")
    if unit == "quarter":
        first = _shift_month(date(ref.year, (ref.month - 1) // 3 * 3 + 1, 1), 3 * step)
        return TimeValue(first, "quarter", str((first.month - 1) // 3 + 1))
    if unit == "decade":
        return TimeValue(date((ref.year // 10 + step) * 10, 1, 1), "decade")
    if unit == "century":
        return TimeValue(date(max((ref.year // 100 + step) * 100, 1), 1, 1), "century")
    return TimeValue(date(ref.year + step, 1, 1), "year")


def _clock(t: str, ref: date, future: bool | None) -> TimeValue | None:
    """'14:58 UTC', '0800 GMT', '6:40 p.m.', '12:00 UTC Monday', 'noon today'."""
    day = ref
    rest = t
    m = re.search(r"\b(today|tonight|yesterday|tomorrow|" + _names(load().weekdays) + r")\b", rest)
    if m:
        found = point(m.group(1), ref, future)
        if found is not None:
            day = found.value
        rest = (rest[:m.start()] + rest[m.end():]).strip(" ,")
    rest = re.sub(r"\s*\(.*\)$", "", rest)
    zone = ""
    m = re.search(r"\s*\b(utc|gmt|z)\b.*$", rest)
    if m:
        zone, rest = "Z", rest[:m.start()].strip()
    if rest in ("noon", "midday"):
        return TimeValue(day, "time", "12:00" + zone)
    if rest == "midnight":
        return TimeValue(day, "time", "00:00" + zone)
    m = re.fullmatch(r"(\d{1,2})(?:[:.](\d\d))?(?: ?(a\.?m\.?|p\.?m\.?))?", rest) \
        or re.fullmatch(r"(\d\d)(\d\d)()", rest)
    if not m or not (m.group(2) or m.group(3) or zone):
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if m.group(3) and m.group(3).startswith("p") and hour < 12:
        hour += 12
    if m.group(3) and m.group(3).startswith("a") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return TimeValue(day, "time", f"{hour:02d}:{minute:02d}{zone}")


# ----------------------------------------------------------------------------- durations and the rest


def duration(t: str) -> str | None:
    """'three years' -> P3Y, '12-year' -> P12Y, 'thirty minutes' -> PT30M, 'years' -> PXY; None otherwise."""
    vocabulary = load()
    t = re.sub(r"^(?:each|all|any|most|much|part) of ", "", t)  # "each of the past three years"
    t = re.sub(r"^(?:the |a |an )?(?:past|last|next|coming|previous|first|following|remaining|another|over) ", "", t)
    t = re.sub(r"^the (?=\S+ )", "", t)  # "the nine months", "the four days"
    t = t.replace("-", " ")
    words = t.split()
    if not words:
        return None
    if words[-1] in ("long", "old"):
        if words[-1] == "old":
            return None
        words = words[:-1]
    found = vocabulary.unit(words[-1]) if words else None
    if found is None:
        return None
    name, unit = found
    amount_words = " ".join(w for w in words[:-1] if w not in vocabulary.duration_fillers)
    amount_words = re.sub(r"^(?:over|nearly|almost|about|around|some|more than|less than|at least|just|only|"
                          r"roughly|approximately|up to) (?=\S)", "", amount_words)
    n: float | None = None
    if amount_words in ("", "the", "a", "an"):
        if not amount_words and words[-1] == name:
            return None  # "week" alone is a point, not a duration
        if words[-1] == name:
            n = 1
    elif set(amount_words.split()) & vocabulary.vague_numbers or re.fullmatch(r"\S+ (?:to|or) \S+", amount_words):
        n = None  # "a few", "12 to 18": an unknown count
    else:
        n = number(amount_words)
        if n is None:
            return None
    letter = unit["letter"]
    times = unit.get("times", 1)
    if n is not None and name in ("decade", "century"):  # counted decades are years: "over a decade" -> P10Y
        letter, times = "Y", 10 if name == "decade" else 100
    count = "X" if n is None else _count(n * times)
    if unit.get("clock"):
        return f"PT{count}{letter}"
    return f"P{count}{letter}"


def resolve(text: str, ref: date, future: bool | None = False) -> Timex | None:
    """The TimeML type and value of ``text`` relative to ``ref``. ``future``: the clause points ahead (True),
    back (False), or neither (None: a date or month is the nearest one, a weekday the one just past)."""
    try:
        return _resolve(text, ref, future)
    except (ValueError, OverflowError):  # a day or year off the calendar ("February 30", a reference date in year 1)
        return None


def _resolve(text: str, ref: date, future: bool | None) -> Timex | None:
    vocabulary = load()
    t = re.sub(r"\b(week|month|year)(?:'s |-| )end$", r"end of the \1", clean(text))  # "by year-end"
    mod = None
    m = re.fullmatch(r"between (.+) and (.+)|from (.+) (?:to|until|through|till) (.+)", t)
    if m:
        a, b = [g for g in m.groups() if g is not None]
        span = _range(a, b, ref, future)
        if span is not None:
            return span
    while True:
        first, _, rest = t.partition(" ")
        words = t.split()
        # a modifier of several words before a signal that begins it: "at least", "no more than"
        phrase = next((" ".join(words[:n]) for n in (3, 2) if len(words) > n
                       and " ".join(words[:n]) in vocabulary.modifiers), None)
        if phrase:
            mod, t = vocabulary.modifiers[phrase] or mod, t[len(phrase) + 1:]
            continue
        if first in vocabulary.signals and rest:
            mod = vocabulary.signals[first] or mod
            t = rest
            continue
        if first in vocabulary.modifiers and rest and first not in ("end", "start", "beginning", "middle"):
            mod, t = vocabulary.modifiers[first] or mod, rest
            continue
        m = re.match(r"^(?:the )?(early|late|mid)(?:-| )(?=\S)", t)
        if m and not re.match(r"^(?:the )?(early|late|mid)(?:-| )(morning|afternoon|evening|night)$", t):
            mod, t = vocabulary.modifiers[m.group(1)], t[m.end():]
            continue
        m = re.match(r"^(?:the (?:very )?)?(beginning|start|end|middle|close|turn) of "
                     r"(?=(?:19|20)\d\d|[a-z]+ (?:19|20)\d\d|"
                     r"(?:" + _names(vocabulary.months) + ")$)", t)
        if m:
            mod, t = vocabulary.modifiers.get(m.group(1), "END"), t[m.end():]
            continue
        break
    m = re.match(r"^(?:the (?:very )?)?(beginning|start|end|middle|close|turn) of ", t)
    if m:
        mod = vocabulary.modifiers.get(m.group(1), "END")
    t = re.sub(r"^this past ", "past ", t)
    t = re.sub(r" or so\b", "", t)  # "a week or so ago"
    m = re.fullmatch(r"(earlier|later) (?:in |on )?(.+)", t)  # "earlier Sunday", "later in the day"
    if m and not re.match(r"(?:today|tonight|this|that)\b", m.group(2)):
        inner = _resolve(m.group(2), ref, future)
        if inner is not None and inner.point is not None:
            return inner
    m = re.fullmatch(r"(\S+(?: \S+)?) (?:years|months|weeks|days|decades) (?:ago|earlier|before)", t)
    if m and set(m.group(1).split()) & vocabulary.vague_numbers:  # "several years ago": some time back
        return Timex("DATE", "PAST_REF", None, mod)
    m = re.fullmatch(r"(?:.+ )?(?:a|per|each|every) (year|month|week|day|hour)", t)
    if m and (t.split()[0] not in ("a", "per", "each", "every") or t in ("per year", "per month")):
        return Timex("SET", "P1" + {"year": "Y", "month": "M", "week": "W", "day": "D", "hour": "TH"}[m.group(1)]
                     .replace("P1TH", "PT1H"), None, None)
    if t in vocabulary.references:
        return Timex("DATE", vocabulary.references[t], None, mod)
    if t in vocabulary.sets:
        return Timex("SET", vocabulary.sets[t], None, mod)
    m = re.fullmatch(r"(?:every|each) (" + _names(vocabulary.weekdays) + "|" + _names(vocabulary.months) + ")", t)
    if m:  # "each Thursday" XXXX-WXX-4, "every July" XXXX-07
        name = m.group(1)
        value = f"XXXX-WXX-{vocabulary.weekdays.index(name) + 1}" if name in vocabulary.weekdays \
            else f"XXXX-{vocabulary.months.index(name) + 1:02d}"
        return Timex("SET", value, None, mod)
    if t in vocabulary.duration_adjectives:
        return Timex("DURATION", vocabulary.duration_adjectives[t], None, mod)
    m = re.fullmatch(r"(?:between (.+) and (.+))|(?:from (.+) (?:to|until|through|till) (.+))|(.+?)-(.+)|"
                     r"(.+) (?:to|through|until|and) (.+)", t)
    if m:
        a, b = [g for g in m.groups() if g is not None]
        if not (t.count("-") == 1 and duration(t) is not None):
            span = _range(a, b, ref, future)
            if span is not None:
                return span
    m = re.fullmatch(r"(?:the )?(?:comparable |same )?(" + _names(vocabulary.year_before_words) + r")(?: (.+))?", t)
    if m:  # "the year-ago third quarter": the period a year back; "the year-earlier nine months": the duration
        rest = m.group(2)
        inner = _resolve(rest, ref, future) if rest and rest not in vocabulary.same_period_nouns \
            else rest and _resolve(f"the {rest}", ref, future) or _resolve("the year", ref, future)
        if inner is not None and inner.point is not None:
            back = inner.point.shift_years(-1)
            return Timex("DATE", back.timex(), back, mod)
        return inner if inner is not None and inner.type == "DURATION" else None
    m = re.fullmatch(r"(?:the )?(first|second|latter|last) half of (?:the )?(.+)", t)
    if m and not re.fullmatch(YEAR + "|(?:this|last|next) year|year", m.group(2)):  # of a decade or century
        whole = point(m.group(2), ref, future)
        if whole is not None and whole.precision in ("decade", "century"):
            return Timex("DATE", whole.timex(), whole, "START" if m.group(1) == "first" else "END")
    found = point(t, ref, future)
    if found is not None:
        kind = "TIME" if found.precision in ("time", "part-of-day") and not t.startswith(("this", "today")) \
            else "DATE"
        return Timex(kind, found.timex(), found, mod)
    if re.search(r"\b(recent|coming|past|last|next) (days|weeks|months|years|decades)$", t):
        kind = "PAST_REF" if re.search(r"recent|past|last", t) else "FUTURE_REF"
        return Timex("DURATION", duration(t) or kind, None, mod)
    length = duration(t)
    if length is not None:
        return Timex("DURATION", length, None, mod)
    return _dateparser(t, ref, future, mod)


def _range(a: str, b: str, ref: date, future: bool | None) -> Timex | None:
    """'2009 to 2011', 'March 3-5', 'Monday and Tuesday' read as a stretch: DURATION with both ends."""
    start = point(a, ref, future)
    if start is None:
        return None
    end = point(b, ref, future)
    if end is None and b.isdigit() and start.precision == "day":  # "March 3-5"
        end = point(f"{start.value:%B} {b} {start.value.year}".lower(), ref, future)
    if end is None and re.fullmatch(r"\d\d", b) and start.precision == "year":  # "2009-11"
        end = point(f"{str(start.value.year)[:2]}{b}", ref, future)
    if end is None or end.value < start.value:
        return None
    if start.precision == "year" and end.precision == "year":
        value = f"P{end.value.year - start.value.year}Y"
    elif start.precision == "month" and end.precision == "month":
        value = f"P{(end.value.year - start.value.year) * 12 + end.value.month - start.value.month}M"
    elif start.precision == "day" and end.precision == "day":
        value = f"P{(end.value - start.value).days + 1}D"
    else:
        value = "PX" + {"year": "Y", "month": "M"}.get(start.precision, "D")
    return Timex("DURATION", value, start, None, (start.timex(), end.timex()), end)


def _dateparser(t: str, ref: date, future: bool | None, mod: str | None) -> Timex | None:
    """What the rules above do not know, if it names a month or has digits: dateparser's reading."""
    if not (re.search(r"\d", t) or any(m in t for m in load().months)) or re.search(
            r"\b(second|minute|hour|day|week|month|quarter|year|decade)s?\b", t):
        return None
    from dateparser.date import DateDataParser

    settings = {"RELATIVE_BASE": datetime(ref.year, ref.month, ref.day),
                "PREFER_DATES_FROM": "future" if future else "past", "STRICT_PARSING": False}
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(t)
    except Exception:  # dateparser raises a variety of errors on odd text; not a time expression then
        return None
    if data is None or data.date_obj is None:
        return None
    period = {"day": "day", "week": "week", "month": "month", "year": "year", "time": "day"}.get(data.period or "day",
                                                                                             "day")
    found = TimeValue(data.date_obj.date(), period)
    return Timex("DATE", found.timex(), found, mod)
