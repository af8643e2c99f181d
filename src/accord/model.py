"""The document model that every stage takes and returns.

A reader makes a :class:`Document`; each stage fills in more of it (sentences, actor mentions,
events, quotes). ``Document.to_dict`` gives the output format documented in docs/output-format.md.
Offsets are character offsets into ``Document.text``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

# An event's place in flat rows (the store's events table): place_text, place_start, ...
PLACE_COLUMNS = ("text", "start", "end", "name", "country", "feature", "latitude", "longitude",
                 "geonames_id", "admin1")


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor: a CAMEO-style code and what it stands for."""

    code: str  # "JPNGOV", "PHL", "IGOUNO"
    country: str | None  # ISO 3166 alpha-3; None for international organisations
    name: str  # canonical name: "Fumio Kishida", "Japan", "United Nations"
    kind: str = "country"  # country | person | organisation | group (armed) | people (ethnic) | sector

    @property
    def sector(self) -> str | None:
        """The sector part of the code ("GOV" in "JPNGOV"), if any."""
        if self.country and self.code.startswith(self.country) and len(self.code) > len(self.country):
            return self.code[len(self.country):]
        return None


@dataclass(slots=True)
class Mention:
    """A stretch of text that names or refers to an actor."""

    start: int
    end: int
    text: str
    actor: Actor
    how: str  # why it resolved, for people: "dictionary: 'Kishida' is ...", "coreference: he -> Fumio Kishida"
    head: int = -1  # spaCy token index of the noun phrase's head (document-wide)
    plural: tuple[Actor, ...] = ()  # "the two leaders" -> each actor it stands for
    # for programs (never parse ``how``): how it was found, one of MENTION_SOURCES
    via: str = "dictionary"
    adjective: tuple[int, int] | None = None  # the country adjective or demonym it was read from ("Japanese")


# How a mention was found: the built-in dictionary, a user's dictionary, the gazetteer (a place standing for
# its country), a sector word with no country, or coreference with an earlier mention.
MENTION_SOURCES = ("dictionary", "user dictionary", "gazetteer", "sector word", "coreference")


@dataclass(slots=True)
class Dateline:
    place: str | None
    date: date | None
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"place": self.place, "date": self.date.isoformat() if self.date else None}


@dataclass(slots=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class ActorRef:
    """An event's source or target: the actor and the words that name it."""

    actor: Actor
    text: str | None  # None when the actor is inferred, not named ("protests" aimed at their government)
    start: int | None
    end: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.actor.code,
            "country": self.actor.country,
            "name": self.actor.name,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(slots=True)
class PlaceRef:
    """A place named in the text and what the gazetteer resolved it to (``name`` and the rest are None
    when the words look like a place the gazetteer does not know)."""

    text: str
    start: int
    end: int
    name: str | None = None
    country: str | None = None  # ISO 3166 alpha-3
    feature: str | None = None  # city | adm1 | region | country | continent
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    admin1: str | None = None
    how: str = ""  # why this place: "in Nablus" (preposition on the trigger), "dateline", ...

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "name": self.name,
                "country": self.country, "feature": self.feature, "latitude": self.latitude,
                "longitude": self.longitude, "geonames_id": self.geonames_id, "admin1": self.admin1,
                "how": self.how}


@dataclass(slots=True)
class Event:
    sentence: int
    evidence: str
    source: ActorRef | None
    target: ActorRef | None
    trigger: Span
    cameo: str
    root: str
    quad_class: int
    goldstein: float
    plover: dict[str, Any]
    status: str = "occurred"
    date: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    location: PlaceRef | None = None  # where the event happened (places.py)
    rule: str = ""  # the pattern entry that proposed it and each decision that changed its code
    confidence: float = 0.0  # how likely its type and both sides are right (see docs/output-format.md)
    id: str = ""
    trigger_token: int = -1  # spaCy token index of the trigger; not serialised

    def flat(self) -> dict[str, Any]:
        """The event as one flat row (the store's and the tabular exports' columns)."""
        row: dict[str, Any] = {"event_key": self.id, "sentence": self.sentence, "evidence": self.evidence}
        for side, ref in (("source", self.source), ("target", self.target)):
            row[f"{side}_code"] = ref.actor.code if ref else None
            row[f"{side}_country"] = ref.actor.country if ref else None
            row[f"{side}_name"] = ref.actor.name if ref else None
            row[f"{side}_text"] = ref.text if ref else None
            row[f"{side}_start"] = ref.start if ref else None
            row[f"{side}_end"] = ref.end if ref else None
        row.update({
            "trigger_text": self.trigger.text, "trigger_start": self.trigger.start, "trigger_end": self.trigger.end,
            "cameo": self.cameo, "root": self.root, "quad_class": self.quad_class, "goldstein": self.goldstein,
            "plover_type": self.plover.get("type"), "plover_mode": self.plover.get("mode"),
            "plover_context": json.dumps(self.plover.get("context") or []), "status": self.status,
            "date": self.date, "date_precision": self.date_precision, "date_text": self.date_text,
            "rule": self.rule, "confidence": self.confidence,
        })
        place = self.location
        row.update({f"place_{name}": getattr(place, name) if place else None for name in PLACE_COLUMNS})
        return row

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sentence": self.sentence,
            "evidence": self.evidence,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "trigger": {"text": self.trigger.text, "start": self.trigger.start, "end": self.trigger.end},
            "cameo": self.cameo,
            "root": self.root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": self.plover,
            "status": self.status,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_text": self.date_text,
            "location": self.location.to_dict() if self.location else None,
            "rule": self.rule,
            "confidence": self.confidence,
        }


@dataclass(slots=True)
class TimeExpression:
    """A time expression in the text with its TimeML (TIMEX3) type and value, relative to the reference date."""

    text: str
    start: int
    end: int
    sentence: int
    type: str  # DATE | TIME | DURATION | SET
    value: str | None  # "2024-04-08", "2024-W15", "2024-Q2", "P3Y", "PAST_REF"; None when not understood
    date: str | None = None  # the date an event takes from it: YYYY-MM-DD (day, or a week's Monday), YYYY-MM, YYYY
    precision: str | None = None  # day | week | month | year (None for durations, sets and references)
    mod: str | None = None  # TimeML mod: START (early, since), END (late, by the end of), MID, APPROX, ...
    signal: str | None = None  # the preposition before it: in, on, since, by, until, ...
    interval: list[str] | None = None  # a range's two ends: "from 2009 to 2011" -> ["2009", "2011"]
    tokens: tuple[int, int] = (-1, -1)  # spaCy token range; not serialised

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "sentence": self.sentence,
                "type": self.type, "value": self.value, "date": self.date, "precision": self.precision,
                "mod": self.mod, "signal": self.signal, "interval": self.interval}


@dataclass(slots=True)
class Quote:
    text: str
    start: int
    end: int
    sentence: int
    speaker: Actor | None = None
    speaker_text: str | None = None
    kind: str = "direct"  # direct | partial | indirect
    speaker_start: int | None = None  # the words naming the speaker ("a campaign spokesman", "he")
    speaker_end: int | None = None
    cue_text: str | None = None  # the words that attribute it: "said", "told reporters", "according to"
    cue_start: int | None = None
    cue_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "kind": self.kind,
            "speaker": (
                {"code": self.speaker.code, "country": self.speaker.country, "name": self.speaker.name}
                if self.speaker
                else None
            ),
            "speaker_text": self.speaker_text,
            "speaker_start": self.speaker_start,
            "speaker_end": self.speaker_end,
            "cue": (
                {"text": self.cue_text, "start": self.cue_start, "end": self.cue_end}
                if self.cue_text is not None
                else None
            ),
        }


@dataclass(slots=True)
class Document:
    """One news item on its way through the pipeline."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    dateline: Dateline | None = None
    warnings: list[str] = field(default_factory=list)
    # filled in by the stages
    spacy_doc: Any = None  # the parsed spaCy Doc; not serialised
    place_mentions: Any = None  # places.document_places(): read once, used by the coder and the places stage
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    places: list[PlaceRef] = field(default_factory=list)  # every place mention (places.py)

    @property
    def reference_date(self) -> date | None:
        """The date relative expressions count from: the dateline's, else the publication date."""
        if self.dateline and self.dateline.date:
            return self.dateline.date
        return self.published

    def actors(self) -> list[dict[str, Any]]:
        """Distinct actors with all their mentions, in order of first mention."""
        grouped: dict[tuple[str, str], dict[str, Any]] = {}
        for m in self.mentions:
            for actor in m.plural or (m.actor,):
                key = (actor.code, actor.name)
                entry = grouped.setdefault(
                    key, {"name": actor.name, "code": actor.code, "country": actor.country, "mentions": []}
                )
                entry["mentions"].append([m.start, m.end])
        return list(grouped.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "text": self.text,
            "warnings": list(self.warnings),
            "actors": self.actors(),
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "times": [t.to_dict() for t in self.times],
            "places": [p.to_dict() for p in self.places],
        }
