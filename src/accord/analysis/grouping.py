"""Reports into events: the event reports of the store (one per coded event mention, across articles, sources
and days) grouped into one record per real-world event.

Two reports may be one event only when their actors agree at the country level (a sector may differ), their
CAMEO roots are the same, their days are within a window, and nothing keeps them apart: two named places
that differ, or figures (casualties, sums) given by both with none in common. Of the groups a report may
join, it joins the one whose evidence is most like its own (TF-IDF cosine), if that is like enough; a report
without an event day of its own needs more likeness. The parameters are in ``data/grouping/grouping.yaml``.

``group`` is a pure function of the reports, deterministic (reports taken in the order of their day and
id); ``summarise`` makes a group's record: what the reports agree on (the majority, ties to the earliest
report) and the disagreement kept as counts. ``group_store`` groups a store (``accord group``), only from
what changed since its last run on (``regroup``).
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..datafile import read_yaml, validate

PARAMETERS = "data/grouping/grouping.yaml"
_WORD = re.compile(r"[^\W_]+(?:[.,]\d+)*")
_YEAR = re.compile(r"^(19|20)\d\d$")
# record fields that take the majority of the reports; "day" counts only reports with an event day
AGREED = ("source_code", "target_code", "cameo", "status", "day", "place_name")


class Parameters(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    window_days: int = Field(ge=0, le=60)
    publication_lag_days: int = Field(ge=0, le=30)
    same_day_similarity: float = Field(ge=0, le=1)
    window_similarity: float = Field(ge=0, le=1)
    undated_similarity: float = Field(ge=0, le=1)
    one_country_similarity: float = Field(ge=0, le=1)
    unknown_sides_similarity: float = Field(ge=0, le=1)
    figure_tolerance: float = Field(ge=0, lt=1)
    place_km: float = Field(ge=0)
    min_figure: int = Field(ge=0)
    symmetric_roots: tuple[str, ...]
    number_words: dict[str, int]
    stop_words: frozenset[str]

    @model_validator(mode="after")
    def _roots(self) -> Parameters:
        for root in self.symmetric_roots:
            if not (len(root) == 2 and root.isdigit() and 1 <= int(root) <= 20):
                raise ValueError(f"symmetric_roots: {root!r} is not a CAMEO root (01 to 20)")
        return self


def read_parameters(text: str, source: str) -> Parameters:
    data, lines = read_yaml(text, source)
    return validate(Parameters, data, source=source, lines=lines)


@lru_cache(maxsize=1)
def parameters() -> Parameters:
    """The grouping parameters of data/grouping/grouping.yaml (a DictionaryError with file and line when wrong)."""
    return read_parameters(resources.files("accord").joinpath(PARAMETERS).read_text("utf-8"), PARAMETERS)


@dataclass
class _Report:
    row: dict[str, Any]
    root: str
    sides: tuple[str | None, str | None]  # country (else code) of source and target; None when unknown
    codes: tuple[str | None, str | None]  # their full codes (JPNGOV); None when unknown
    day: date | None  # its own event day (a day-precise date)
    when: date | None  # its event day, else its article's publication day
    place: tuple[str | None, str | None, bool, float | None, float | None]  # name, country, whole country, lat, long
    figures: frozenset[float]
    vector: dict[str, float] = field(default_factory=dict)


def _side(row: dict[str, Any], side: str) -> str | None:
    """A side at the country level (an actor of no country: its code); None when the dictionary does not
    know it (no side, ``---``)."""
    value = row.get(f"{side}_country") or row.get(f"{side}_code")
    return None if not value or value.startswith("---") else value


def _code(row: dict[str, Any], side: str) -> str | None:
    value = row.get(f"{side}_code")
    return None if not value or value.startswith("---") else value


def _day(row: dict[str, Any]) -> date | None:
    value = row.get("event_day")
    if value is None or row.get("date_precision") not in (None, "day"):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _published(row: dict[str, Any]) -> date | None:
    value = row.get("published")
    if value is None:
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def figures(text: str, params: Parameters) -> frozenset[float]:
    """The figures a sentence gives: numbers in digits (not years) and number words, at least ``min_figure``."""
    found = set()
    for word in _WORD.findall(text.lower()):
        value: float | None = None
        if word[0].isdigit():
            if _YEAR.match(word):
                continue
            try:
                value = float(word.replace(",", ""))
            except ValueError:
                continue
        elif word in params.number_words:
            value = float(params.number_words[word])
        if value is not None and value >= params.min_figure:
            found.add(value)
    return frozenset(found)


def _words(text: str, params: Parameters) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in params.stop_words]


def period(report_day: date | None) -> str:
    """The period whose reports weigh a report's words (its month, ``2024-03``; ``undated``)."""
    return report_day.strftime("%Y-%m") if report_day else "undated"


def _vectors(reports: list[_Report], params: Parameters) -> None:
    """TF-IDF of each report's evidence (IDF over the reports given), unit length."""
    counts = [Counter(_words(r.row.get("evidence") or "", params)) for r in reports]
    frequency = Counter(word for c in counts for word in c)
    total = len(reports)
    for report, count in zip(reports, counts):
        vector = {w: (1 + math.log(n)) * (math.log((1 + total) / (1 + frequency[w])) + 1) for w, n in count.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        report.vector = {w: v / norm for w, v in vector.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def _figures_agree(a: frozenset[float], b: frozenset[float], tolerance: float) -> bool:
    if not a or not b:
        return True
    return any(abs(x - y) <= tolerance * max(x, y) for x in a for y in b)


def _kilometres(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lat1, lon1), (lat2, lon2) = ((math.radians(x), math.radians(y)) for x, y in (a, b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def _places_agree(a: tuple, b: tuple, params: Parameters) -> bool:
    """Two places agree when either is not named, or is a whole country that holds the other, or they are
    the same name or within ``place_km`` of each other (a city and a district of it)."""
    (name_a, country_a, whole_a, *at_a), (name_b, country_b, whole_b, *at_b) = a, b
    if not name_a or not name_b:
        return True
    if country_a and country_b and country_a != country_b:
        return False
    if whole_a or whole_b or name_a == name_b:
        return True
    return None not in (*at_a, *at_b) and _kilometres(tuple(at_a), tuple(at_b)) <= params.place_km


def _one_country(a: _Report, b: _Report) -> bool:
    """Whether every known side of the two reports is of one country (a country's own affairs)."""
    return len({side for side in (*a.sides, *b.sides) if side}) == 1


def _same_actor(p: str, q: str) -> bool:
    """Two full codes of one actor: the same, or a country and an actor of it (IND and INDGOV)."""
    return p == q or (len(p) == 3 and q.startswith(p)) or (len(q) == 3 and p.startswith(q))


def _sides_agree(a: _Report, b: _Report, params: Parameters) -> bool:
    """Each side the same, or unknown on one report (``_needed`` asks more likeness when no side is known on
    both). Sides are compared
    by country (a sector may differ), unless every known side of the two reports is of one country (news of
    one country's own affairs: the government and a party of it are two actors), then by full code, a
    country agreeing with its actors. Sides of a symmetric root may be given in either order."""
    domestic = _one_country(a, b)
    x, y = (a.codes, b.codes) if domestic else (a.sides, b.sides)
    same = _same_actor if domestic else (lambda p, q: p == q)

    def agree(x: tuple, y: tuple) -> bool:
        return all(p is None or q is None or same(p, q) for p, q in zip(x, y))

    return agree(x, y) or (a.root in params.symmetric_roots and agree(x, y[::-1]))


def _known_on_both(a: _Report, b: _Report) -> bool:
    """Whether some side is known on both reports (and so, when they agree, the same)."""
    pairs = list(zip(a.sides, b.sides)) + list(zip(a.sides, b.sides[::-1]))
    return any(p is not None and q is not None for p, q in pairs)


def _apart(a: _Report, b: _Report, params: Parameters) -> bool:
    return not (_sides_agree(a, b, params) and _places_agree(a.place, b.place, params)
                and _figures_agree(a.figures, b.figures, params.figure_tolerance))


def _corroborated(a: _Report, b: _Report, params: Parameters) -> bool:
    """Whether both name the same place (not a whole country) or give the same figure."""
    same_place = bool(a.place[0]) and a.place[0] == b.place[0] and not a.place[2]
    return same_place or (bool(a.figures and b.figures)
                          and _figures_agree(a.figures, b.figures, params.figure_tolerance))


def _needed(a: _Report, b: _Report, params: Parameters) -> float | None:
    """The likeness two reports need to be one event, or None when their days keep them apart. A place or a
    figure both give counts as a day less apart (the next day's report of the same toll needs the likeness
    of one on the same day). Between reports of one country's own affairs, never less than
    ``one_country_similarity``: one pair of countries has few events a day, one country's politics many;
    between reports with no side known on both, ``unknown_sides_similarity`` (the same sentence twice)."""
    corroborated = _corroborated(a, b, params)
    floor = params.one_country_similarity if _one_country(a, b) else 0.0
    if not _known_on_both(a, b):
        floor = params.unknown_sides_similarity
    if a.day and b.day:
        gap = abs((a.day - b.day).days)
        if gap > params.window_days:
            return None
        return max(floor, params.same_day_similarity if gap == 0 or corroborated else params.window_similarity)
    if a.when and b.when and abs((a.when - b.when).days) > params.window_days + params.publication_lag_days:
        return None
    return max(floor, params.window_similarity if corroborated else params.undated_similarity)


def _prepare(rows: Iterable[dict[str, Any]], params: Parameters) -> list[_Report]:
    reports = []
    for row in rows:
        day = _day(row)
        place = (row.get("place_name"), row.get("place_country"), row.get("place_feature") == "country",
                 row.get("place_latitude"), row.get("place_longitude"))
        reports.append(_Report(row, row["root"], (_side(row, "source"), _side(row, "target")),
                               (_code(row, "source"), _code(row, "target")), day, day or _published(row), place,
                               figures(row.get("evidence") or "", params)))
    by_period: dict[str, list[_Report]] = {}
    for report in reports:  # words are weighed by the reports of the same month, so that adding reports
        by_period.setdefault(period(report.when), []).append(report)  # changes no other month's weights
    for members in by_period.values():
        _vectors(members, params)
    reports.sort(key=lambda r: (r.when is None, r.when or date.min, r.row["id"]))
    return reports


@dataclass
class _Group:
    members: list[_Report]
    last: date | None
    number: int  # the order it was opened in
    countries: frozenset[str] = frozenset()  # the known sides (countries, else codes) of its reports


class _OpenGroups:
    """One root's open groups, in the order they were opened, and the same groups by the known sides of their
    reports, so that a report with both sides known reads only the groups it could join."""

    def __init__(self) -> None:
        self.groups: dict[int, _Group] = {}
        self.opened = 0
        self.by_sides: dict[frozenset[str], dict[int, _Group]] = {}

    def close_before(self, day: date) -> None:
        for number in [n for n, g in self.groups.items() if g.last is not None and g.last < day]:
            del self.by_sides[self.groups.pop(number).countries][number]

    def candidates(self, report: _Report) -> list[_Group]:
        """The open groups the report may join, in the order they were opened. With both its sides known, only
        those whose known sides are among its own: any other holds a report with a side it does not have, at
        the country level (a country's own affairs, compared by full code, have no other country), which
        keeps them apart (``_sides_agree``, in either order)."""
        known = frozenset(side for side in report.sides if side)
        if None in report.sides:
            return list(self.groups.values())
        wanted = {frozenset(), known, *(frozenset([side]) for side in known)}
        return sorted((g for sides in wanted for g in self.by_sides.get(sides, {}).values()), key=lambda g: g.number)

    def add(self, report: _Report, joined: _Group | None) -> _Group:
        """Put the report in the group it joins (None: a new one, opened now); that group."""
        if joined is None:
            joined = _Group([], None, self.opened)
            self.groups[joined.number] = joined
            self.opened += 1
        else:
            del self.by_sides[joined.countries][joined.number]
        joined.members.append(report)
        joined.countries |= {side for side in report.sides if side}
        self.by_sides.setdefault(joined.countries, {})[joined.number] = joined
        if report.when is not None:
            joined.last = max(joined.last or report.when, report.when)
        return joined


def group(rows: Iterable[dict[str, Any]], params: Parameters | None = None) -> list[list[dict[str, Any]]]:
    """The reports (rows with ``id``, sides, ``root``, ``event_day``/``date_precision``, ``published``,
    ``place_*`` and ``evidence``) in groups, one per event: each group's reports in order of day and id, the
    groups in order of their first report (``_grouped`` says how)."""
    params = params or parameters()
    return [[r.row for r in g.members] for g in _grouped(_prepare(rows, params), params)]


def _grouped(reports: list[_Report], params: Parameters, open_groups: dict[str, _OpenGroups] | None = None
             ) -> list[_Group]:
    """Reports (prepared, in order) in groups: the groups opened, in the order they were opened. ``open_groups``:
    per root, the groups as they stood before the first of these reports (none: no group yet).

    Reports are taken in order of their day; a report is compared with the open groups of its root (those
    with a report in reach of its day) it may join (``_OpenGroups.candidates``), and joins the one its
    evidence is most like on average, among those none of whose reports keeps it apart and whose reports it
    is, on average, as like as their days require (so a group does not grow by a chain of reports each like
    only the last)."""
    reach = _reach(params)
    open_groups = {} if open_groups is None else open_groups
    ordered: list[_Group] = []
    for report in reports:
        root = open_groups.setdefault(report.root, _OpenGroups())
        if report.when is not None:  # groups whose last report is out of reach stay closed from now on
            root.close_before(report.when - reach)
        best, best_likeness = None, -1.0
        for candidate in root.candidates(report):
            margins: list[float] = []
            likeness = 0.0
            for member in candidate.members:
                needed = _needed(report, member, params)
                if needed is None or _apart(report, member, params):
                    break
                cosine = _cosine(report.vector, member.vector)
                margins.append(cosine - needed)
                likeness += cosine
            else:  # kept apart from none: alike enough on average to its reports?
                likeness /= len(candidate.members)
                if sum(margins) >= 0 and likeness > best_likeness:
                    best, best_likeness = candidate, likeness
        joined = root.add(report, best)
        if best is None:
            ordered.append(joined)
    return ordered


def _reach(params: Parameters) -> timedelta:
    """How far apart two reports' days may be and the reports still be one event."""
    return timedelta(days=params.window_days + params.publication_lag_days)


def period_digests(rows: Iterable[dict[str, Any]], params: Parameters | None = None) -> dict[str, str]:
    """Per period (``period``), a digest of the ids of its reports and of the parameters: when it differs
    from the last grouping's, the period's word weights, and so its reports' groups, may have changed."""
    params = params or parameters()
    ids: dict[str, list[int]] = {}
    for row in rows:
        ids.setdefault(period(_day(row) or _published(row)), []).append(int(row["id"]))
    settings = json.dumps({key: sorted(value) if isinstance(value, frozenset) else value  # the same in every
                           for key, value in params.model_dump().items()}, sort_keys=True)  # process
    return {key: hashlib.sha256(f"{settings}|{sorted(found)}".encode()).hexdigest() for key, found in ids.items()}


@dataclass
class Regrouping:
    """What an incremental regrouping found to do: the records to remove, the groups to write in their place
    (each record and its reports' ids), and the digests of every period."""

    removed: set[int]
    records: list[tuple[dict[str, Any], list[int]]]
    periods: dict[str, str]


def regroup(rows: list[dict[str, Any]], links: dict[int, int], sizes: dict[int, int], digests: dict[str, str],
            params: Parameters | None = None) -> Regrouping:
    """Regroup, root by root, only from the first report that changed since the last grouping on, given what
    that grouping left: ``links`` (report id -> its record), ``sizes`` (record -> how many reports it had)
    and ``digests`` (``period_digests`` then). A report changed when it is in no record (new, re-coded,
    corrected), in a record that lost reports, or in a period whose reports changed (its words weigh
    differently). Reports are grouped in order, each by the groups before it, so the groups up to the
    first changed report are the last grouping's: they are taken from its records, as they stood then,
    and the reports from there on are grouped again, as grouping every report would group them. The
    records of the groups that change are removed and written again, with every record that lost reports."""
    params = params or parameters()
    periods = period_digests(rows, params)
    touched = {key for key, digest in periods.items() if digests.get(key) != digest}
    linked = Counter(links.values())
    damaged = {record for record, size in sizes.items() if linked[record] != size}
    by_root: dict[str, list[_Report]] = {}
    for report in _prepare(rows, params):
        by_root.setdefault(report.root, []).append(report)
    reach = _reach(params)
    removed: set[int] = set(damaged)
    written: list[_Group] = []
    kept: dict[int | None, _Group]
    for root, reports in by_root.items():
        record_of = [links.get(r.row["id"]) for r in reports]
        cut = next((i for i, (r, record) in enumerate(zip(reports, record_of))
                    if record is None or record in damaged or period(r.when) in touched), None)
        if cut is None:
            continue
        state, kept = _OpenGroups(), {}  # the groups as they stood before the first changed report (no record
        # is None here: every report before it has one)
        for report, record in zip(reports[:cut], record_of[:cut]):
            kept[record] = state.add(report, kept.get(record))
        days = [r.when for r in reports[:cut + 1] if r.when is not None]
        if days:  # those out of reach of the first changed report (else of the last day before it) are closed
            state.close_before(days[-1] - reach)
        sizes_then = {record: len(group.members) for record, group in kept.items()}
        spilled = {record for record in record_of[cut:] if record is not None}
        new = _grouped(reports[cut:], params, {root: state})
        changed = [g for record, g in kept.items()
                   if record in spilled or record in damaged or len(g.members) != sizes_then[record]]
        removed |= spilled | {record for record, g in kept.items()
                              if record is not None and len(g.members) != sizes_then[record]}
        written += changed + new
    records = [[r.row for r in g.members] for g in written]
    return Regrouping(removed, [(summarise(g, params), [m["id"] for m in g]) for g in records], periods)


def baseline(rows: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The baseline grouping: the same actors (country level, else code), CAMEO root and day (the event day,
    else the article's publication day), as a one-a-day filter groups."""
    out: dict[tuple, list[dict[str, Any]]] = {}
    for row in rows:
        key = (row.get("source_country") or row.get("source_code"), row.get("target_country") or row.get("target_code"),
               row["root"], _day(row) or _published(row))
        out.setdefault(key, []).append(row)
    return list(out.values())


def _majority(values: Sequence[Any]) -> tuple[Any, dict[str, int]]:
    """The most frequent value (ties: the one seen first) and the counts of every value, most first."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None, {}
    first = {v: i for i, v in reversed(list(enumerate(values)))}
    ranked = sorted(counts, key=lambda v: (-counts[v], first[v]))
    return ranked[0], {str(v): counts[v] for v in ranked}


def summarise(members: Sequence[dict[str, Any]], params: Parameters | None = None) -> dict[str, Any]:
    """One event's record from its reports: actors, code, status, day and place as most reports have them,
    how many reports, distinct sources (outlets; an article without one is its own) and articles, the first
    and last report (publication days), and ``agreement``: the counts of every value of each of those and
    of the figures given ("190": 3, "193": 1)."""
    params = params or parameters()
    first = members[0]
    agreement: dict[str, dict[str, int]] = {}
    chosen: dict[str, Any] = {}
    for name in AGREED:
        values = [_day(m) for m in members] if name == "day" else [m.get(name) for m in members]
        chosen[name], agreement[name] = _majority(values)
    figure_counts = Counter(f for m in members for f in figures(m.get("evidence") or "", params))
    agreement["figures"] = {f"{f:g}": n for f, n in sorted(figure_counts.items(), key=lambda kv: (-kv[1], kv[0]))}
    def like(name: str, value: Any) -> dict[str, Any]:
        """The first report giving the agreed value (its other columns go with it: the code's QuadClass)."""
        return next(m for m in members if m.get(name) == value)

    source, target = like("source_code", chosen["source_code"]), like("target_code", chosen["target_code"])
    code = like("cameo", chosen["cameo"])
    place = like("place_name", chosen["place_name"])
    published = sorted(p for p in (_published(m) for m in members) if p)
    return {
        "first_event_id": min(m["id"] for m in members),
        "source_code": source.get("source_code"), "source_country": source.get("source_country"),
        "source_name": source.get("source_name"),
        "target_code": target.get("target_code"), "target_country": target.get("target_country"),
        "target_name": target.get("target_name"),
        "cameo": code["cameo"], "root": first["root"], "quad_class": code["quad_class"], "goldstein": code["goldstein"],
        "plover_type": code.get("plover_type"), "status": chosen["status"], "event_day": chosen["day"],
        "place_name": place.get("place_name"), "place_country": place.get("place_country"),
        "reports": len(members),
        "sources": len({m.get("outlet") or f"document {m.get('document_id')}" for m in members}),
        "articles": len({m.get("document_id") for m in members}),
        "first_report": published[0] if published else None, "last_report": published[-1] if published else None,
        "agreement": agreement,
    }


def group_store(store, params: Parameters | None = None, full: bool = False) -> tuple[int, int]:
    """Group the store's reports into event records: (reports, events). Only from what changed since the
    last grouping on (``regroup``), unless ``full`` (every report grouped again, every record replaced) or
    the store keeps no digests of a last grouping; either way the records are those grouping every report
    makes."""
    params = params or parameters()
    rows = list(store.reports_to_group())
    links, sizes, digests = store.grouping_state()
    if full or not digests:
        groups = group(rows, params)
        store.replace_event_records([(summarise(members, params), [m["id"] for m in members]) for members in groups],
                                    period_digests(rows, params))
        return len(rows), len(groups)
    done = regroup(rows, links, sizes, digests, params)
    store.update_event_records(done.removed, done.records, done.periods)
    return len(rows), len(sizes) - len(done.removed) + len(done.records)


def ensure_grouped(store, params: Parameters | None = None) -> tuple[int, int] | None:
    """Regroup the store when its event records no longer match its reports (what a view counting events
    needs first): (reports, events) when it regrouped, None when the records were current."""
    if not store.grouping_stale():
        return None
    return group_store(store, params)
