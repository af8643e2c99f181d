"""accord news sentences: the project's own annotated corpus (``annotations/news-sentences/``).

The repository keeps ids and offsets only; the texts stay in ``../shared``. This module is the one
definition of the corpus's formats:

- ``Texts`` gives a document's canonical text for a (set, doc) pair, exactly as the sample's offsets were
  computed: ``corpus`` — a record of ``corpus/news.jsonl`` by its id, its ``text`` verbatim; ``bbc-news`` —
  a row of ``eval/bbc-news/train.tsv`` by its 1-based line number, the text column; ``tbaq`` — an article
  of ``eval/tbaq`` by its path without ``.tml`` (``TimeBank/ABC19980108.1830.0711``), the ``TEXT`` element
  with its tags stripped and its entities read; ``event-location`` — a record of
  ``eval/event-location/labeled_text_slim.jsonl`` by its id (as a string), the text of the first record
  with that id.
- ``load_sample`` reads ``sample.jsonl`` (``SampleRow``); ``load_annotations`` reads an annotator's file
  (``annotator-<x>.jsonl``, offsets relative to the sentence) into ``GoldSentence`` objects, checking every
  line and naming the file and line of each problem; ``from_authoring`` turns the authoring format (span
  texts, ``"text#2"`` for a second occurrence) into the stored one.
- ``score`` compares predicted events with gold ones; ``agreement`` compares two annotators.

The annotation guide is docs/annotation.md; how the sample was drawn is annotations/news-sentences/README.md.
"""
from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from ..errors import DictionaryError, InputError
from ..events import ontology
from .common import f1, ratio
from .split import HALVES, text_half

# Where the corpus lives in a checkout of the repository (it is not shipped with the package).
ANNOTATIONS = Path(__file__).resolve().parents[3] / "annotations" / "news-sentences"
SAMPLE_FILE = "sample.jsonl"
SETS = ("corpus", "bbc-news", "tbaq", "event-location")
# An event's status: the seven values of accord's output format (docs/output-format.md).
STATUSES = ("occurred", "ongoing", "planned", "intended", "conditional", "negated", "alleged")
FLAGS = ("no-event", "figurative", "non-political", "unclear")
STATEMENT = "STATEMENT"  # the type agreement counts CAMEO 01x statements under (their PLOVER type is null)
_ID = re.compile(r"ns-\d{4}")
_OCCURRENCE = re.compile(r"(.*\S)#([1-9]\d*)", re.DOTALL)
_BLOCK = re.compile(r"[A-Z0-9]{3}")
_DIGEST = re.compile(r"[0-9a-f]{10}")


class AnnotationError(DictionaryError):
    """A sample or annotation file has problems; ``problems`` lists each as ``file:line: reason``."""

    def __init__(self, path: str, problems: list[str]) -> None:
        super().__init__(path, None, f"{len(problems)} problem(s):\n  " + "\n  ".join(problems))
        self.problems = problems


def digest(text: str) -> str:
    """A short fingerprint of a sentence, kept in the sample so a changed text is noticed (not the text)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


# ------------------------------------------------------------------------------------------- texts


class Texts:
    """Canonical document texts of the four sets, read from the shared folder once each."""

    def __init__(self, shared: Path, documents: Mapping[str, dict[str, str]] | None = None) -> None:
        """``documents`` (set -> key -> text) stands in for sets of the shared folder, as in tests."""
        self.shared = Path(shared)
        self._sets: dict[str, dict[str, str]] = dict(documents or {})

    def documents(self, set_name: str) -> dict[str, str]:
        """Every document of a set, key -> text, in the set's own order (file order; tbaq by path)."""
        if set_name not in SETS:
            raise InputError(set_name, f"not a set of accord news sentences (known: {', '.join(SETS)})")
        if set_name not in self._sets:
            reader = {"corpus": self._corpus, "bbc-news": self._bbc, "tbaq": self._tbaq,
                      "event-location": self._event_location}[set_name]
            self._sets[set_name] = reader()
        return self._sets[set_name]

    def text(self, set_name: str, doc: str) -> str:
        try:
            return self.documents(set_name)[doc]
        except KeyError:
            raise InputError(f"{set_name}/{doc}", f"no such document in {self.shared}") from None

    def sentence(self, row: SampleRow) -> str:
        return self.text(row.set, row.doc)[row.start:row.end]

    def _path(self, *parts: str) -> Path:
        path = self.shared.joinpath(*parts)
        if not path.exists():
            raise InputError(str(path), "missing: accord news sentences need the shared material")
        return path

    def _jsonl(self, path: Path) -> Iterable[dict[str, Any]]:
        # split on "\n" only: str.splitlines would also break inside texts holding U+2028 and the like
        for line in path.read_text("utf-8").split("\n"):
            if line.strip():
                yield json.loads(line)

    def _corpus(self) -> dict[str, str]:
        return {r["id"]: r["text"] for r in self._jsonl(self._path("corpus", "news.jsonl"))}

    def _bbc(self) -> dict[str, str]:
        lines = self._path("eval", "bbc-news", "train.tsv").read_text("utf-8").split("\n")
        return {str(n): line.rstrip("\r").rsplit("\t", 1)[0] for n, line in enumerate(lines, start=1) if line}

    def _tbaq(self) -> dict[str, str]:
        folder = self._path("eval", "tbaq")
        texts = {}
        for path in sorted(folder.glob("*/*.tml")):
            element = ET.parse(path).getroot().find("TEXT")
            if element is not None:
                texts[path.relative_to(folder).with_suffix("").as_posix()] = "".join(element.itertext())
        return texts

    def _event_location(self) -> dict[str, str]:
        texts: dict[str, str] = {}
        for record in self._jsonl(self._path("eval", "event-location", "labeled_text_slim.jsonl")):
            texts.setdefault(str(record["id"]), record["text"])
        return texts


# ------------------------------------------------------------------------------------------- model


@dataclass(frozen=True, slots=True)
class SampleRow:
    id: str
    set: str
    doc: str
    start: int
    end: int
    half: str
    sha1: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "set": self.set, "doc": self.doc, "start": self.start, "end": self.end,
                "half": self.half, "sha1": self.sha1}


class ActorSpan(NamedTuple):
    start: int
    end: int
    code: str


@dataclass(frozen=True, slots=True)
class GoldEvent:
    cameo: str
    status: str
    trigger: tuple[int, int]
    sources: tuple[ActorSpan, ...]
    targets: tuple[ActorSpan, ...]
    mutual: bool = False

    @property
    def plover_type(self) -> str | None:
        return ontology.load()[self.cameo].plover_type

    def to_dict(self) -> dict[str, Any]:
        return {"cameo": self.cameo, "status": self.status, "trigger": list(self.trigger),
                "source": [list(s) for s in self.sources], "target": [list(t) for t in self.targets],
                "mutual": self.mutual}


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One annotated sentence; every offset is relative to ``text``."""

    id: str
    half: str
    text: str
    events: tuple[GoldEvent, ...]
    flags: tuple[str, ...] = ()
    note: str = ""
    set: str = ""
    doc: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The stored record (no text)."""
        return {"id": self.id, "events": [e.to_dict() for e in self.events], "flags": list(self.flags),
                "note": self.note}


# ------------------------------------------------------------------------------------- actor codes


@dataclass(frozen=True)
class ActorCodes:
    countries: frozenset[str]
    unknown_country: str
    roles: frozenset[str]
    international: frozenset[str]
    known: frozenset[str]  # every code accord's dictionary gives

    def problem(self, code: object) -> str | None:
        """Why ``code`` is not a well-formed actor code, or None when it is."""
        if not isinstance(code, str) or not code:
            return f"actor code {code!r} is not a non-empty string"
        if code in self.known:
            return None
        head, rest = code[:3], code[3:]
        blocks = [rest[i:i + 3] for i in range(0, len(rest), 3)]
        if head in self.international:
            if all(_BLOCK.fullmatch(b) for b in blocks):
                return None
            return f"actor code {code!r}: after {head}, blocks of three capitals or digits"
        if head not in self.countries and head != self.unknown_country:
            return (f"actor code {code!r} does not start with a country accord knows, {self.unknown_country!r}, "
                    f"or one of {', '.join(sorted(self.international))}")
        unknown = [b for b in blocks if b not in self.roles]
        if unknown:
            return f"actor code {code!r}: {', '.join(unknown)} is not a role (known: {', '.join(sorted(self.roles))})"
        return None


@lru_cache(maxsize=1)
def actor_codes() -> ActorCodes:
    """The codes annotations may use: ``data/annotation/actor_codes.yaml`` with accord's dictionary."""
    from ..actors.dictionary import load_builtin

    name = "data/annotation/actor_codes.yaml"
    spec = yaml.safe_load(resources.files("accord").joinpath(name).read_text("utf-8")) or {}
    roles, international = spec.get("roles") or {}, spec.get("international") or {}
    for key in (*roles, *international):
        if not (isinstance(key, str) and re.fullmatch(r"[A-Z]{3}", key)):
            raise DictionaryError(name, None, f"{key!r} is not three capitals")
    unknown = spec.get("unknown_country")
    if not isinstance(unknown, str) or len(unknown) != 3:
        raise DictionaryError(name, None, "unknown_country must be a three-character code")
    dictionary = load_builtin()
    known = {actor.code for actor in dictionary.organisations.values()}
    for person in dictionary.people.values():
        known.update(role.code for role in person.roles)
        if person.default_code:
            known.add(person.default_code)
    return ActorCodes(countries=frozenset(dictionary.countries), unknown_country=unknown,
                      roles=frozenset(roles) | frozenset(dictionary.sectors),
                      international=frozenset(international), known=frozenset(known))


# ------------------------------------------------------------------------------------------ reading


def _lines(path: Path) -> Iterable[tuple[int, str]]:
    for n, line in enumerate(path.read_text("utf-8").split("\n"), start=1):
        if line.strip():
            yield n, line


def _object(line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    return record


def _int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def parse_sample_row(record: dict[str, Any]) -> SampleRow:
    """A sample row from its JSON object; ValueError names what is wrong."""
    missing = [k for k in ("id", "set", "doc", "start", "end", "half", "sha1") if k not in record]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    if not (isinstance(record["id"], str) and _ID.fullmatch(record["id"])):
        raise ValueError(f"id {record['id']!r} is not ns-NNNN")
    if record["set"] not in SETS:
        raise ValueError(f"set {record['set']!r} is not one of {', '.join(SETS)}")
    if not isinstance(record["doc"], str) or not record["doc"]:
        raise ValueError("doc must be a non-empty string")
    if not (_int(record["start"]) and _int(record["end"]) and 0 <= record["start"] < record["end"]):
        raise ValueError(f"offsets {record['start']!r}..{record['end']!r} are not 0 <= start < end")
    if record["half"] not in HALVES:
        raise ValueError(f"half {record['half']!r} is not one of {', '.join(HALVES)}")
    if not (isinstance(record["sha1"], str) and _DIGEST.fullmatch(record["sha1"])):
        raise ValueError(f"sha1 {record['sha1']!r} is not ten hexadecimal digits")
    return SampleRow(record["id"], record["set"], record["doc"], record["start"], record["end"], record["half"],
                     record["sha1"])


def load_sample(path: Path, texts: Texts | None = None) -> list[SampleRow]:
    """The sample's rows. With ``texts``, each row's sentence is read and checked against its fingerprint
    and half. Every problem is collected and raised together as an AnnotationError."""
    rows: list[SampleRow] = []
    problems: list[str] = []
    seen: set[str] = set()
    for n, line in _lines(path):
        try:
            row = parse_sample_row(_object(line))
            if row.id in seen:
                raise ValueError(f"{row.id} given twice")
            if texts is not None:
                document = texts.text(row.set, row.doc)
                if row.end > len(document):
                    raise ValueError(f"{row.id}: offsets beyond the end of {row.set}/{row.doc} ({len(document)})")
                sentence = document[row.start:row.end]
                if digest(sentence) != row.sha1:
                    raise ValueError(f"{row.id}: the text at {row.set}/{row.doc} {row.start}..{row.end} has "
                                     "changed since the sample was drawn")
                if text_half(sentence) != row.half:
                    raise ValueError(f"{row.id}: half {row.half} is not the sentence's half")
        except (ValueError, InputError) as exc:
            problems.append(f"{path}:{n}: {exc}")
            continue
        seen.add(row.id)
        rows.append(row)
    if problems:
        raise AnnotationError(str(path), problems)
    return rows


def _span(value: object, sentence: str, what: str) -> tuple[int, int]:
    if not (isinstance(value, (list, tuple)) and len(value) >= 2 and _int(value[0]) and _int(value[1])):
        raise ValueError(f"{what} must be [start, end]")
    start, end = value[0], value[1]
    if not 0 <= start < end <= len(sentence):
        raise ValueError(f"{what} {start}..{end} is outside the sentence (0..{len(sentence)})")
    if sentence[start].isspace() or sentence[end - 1].isspace():
        raise ValueError(f"{what} {start}..{end} begins or ends with a space")
    return start, end


def _actor_spans(value: object, sentence: str, what: str) -> tuple[ActorSpan, ...]:
    if not isinstance(value, list):
        raise ValueError(f"{what} must be a list of [start, end, code]")
    codes = actor_codes()
    spans = []
    for k, item in enumerate(value, start=1):
        if not (isinstance(item, (list, tuple)) and len(item) == 3):
            raise ValueError(f"{what} {k} must be [start, end, code]")
        start, end = _span(item, sentence, f"{what} {k}")
        reason = codes.problem(item[2])
        if reason:
            raise ValueError(f"{what} {k}: {reason}")
        spans.append(ActorSpan(start, end, item[2]))
    return tuple(spans)


def parse_event(record: object, sentence: str) -> GoldEvent:
    """One stored event, checked against its sentence; ValueError names what is wrong."""
    if not isinstance(record, dict):
        raise ValueError("an event must be a JSON object")
    extra = set(record) - {"cameo", "status", "trigger", "source", "target", "mutual"}
    if extra:
        raise ValueError(f"unknown field(s) {', '.join(sorted(extra))}")
    cameo = record.get("cameo")
    if not isinstance(cameo, str) or cameo not in ontology.load():
        raise ValueError(f"CAMEO code {cameo!r} is not one of accord's (src/accord/data/events/cameo_codes.tsv)")
    status = record.get("status")
    if status not in STATUSES:
        raise ValueError(f"status {status!r} is not one of {', '.join(STATUSES)}")
    mutual = record.get("mutual", False)
    if not isinstance(mutual, bool):
        raise ValueError(f"mutual must be true or false, not {mutual!r}")
    return GoldEvent(cameo=cameo, status=status, trigger=_span(record.get("trigger"), sentence, "trigger"),
                     sources=_actor_spans(record.get("source", []), sentence, "source"),
                     targets=_actor_spans(record.get("target", []), sentence, "target"), mutual=mutual)


def parse_record(record: dict[str, Any], row: SampleRow, sentence: str) -> GoldSentence:
    """One stored annotation of the sample row ``row``; ValueError names the first thing wrong."""
    extra = set(record) - {"id", "events", "flags", "note"}
    if extra:
        raise ValueError(f"unknown field(s) {', '.join(sorted(extra))}")
    events, flags, note = record.get("events"), record.get("flags", []), record.get("note", "")
    if not isinstance(events, list):
        raise ValueError("events must be a list (empty, with the flag no-event, when the sentence has none)")
    if not (isinstance(flags, list) and all(isinstance(f, str) for f in flags)):
        raise ValueError("flags must be a list of strings")
    unknown = [f for f in flags if f not in FLAGS]
    if unknown:
        raise ValueError(f"flag(s) {', '.join(unknown)} unknown (known: {', '.join(FLAGS)})")
    if len(set(flags)) != len(flags):
        raise ValueError("a flag is given twice")
    if not isinstance(note, str):
        raise ValueError("note must be a string")
    if not events and "no-event" not in flags:
        raise ValueError("no events: say so with the flag no-event")
    if events and "no-event" in flags:
        raise ValueError("the flag no-event goes with an empty event list")
    parsed = []
    for k, event in enumerate(events, start=1):
        try:
            parsed.append(parse_event(event, sentence))
        except ValueError as exc:
            raise ValueError(f"event {k}: {exc}") from None
    return GoldSentence(id=row.id, half=row.half, text=sentence, events=tuple(parsed), flags=tuple(flags),
                        note=note, set=row.set, doc=row.doc)


def read_annotations(path: Path, sample: Mapping[str, SampleRow],
                     texts: Texts) -> tuple[list[GoldSentence], list[str]]:
    """An annotator's file: the sentences that are right, and a ``file:line: id: reason`` for each that
    is not (a bad line never stops the others)."""
    sentences: list[GoldSentence] = []
    problems: list[str] = []
    seen: set[str] = set()
    for n, line in _lines(path):
        ident = "?"
        try:
            record = _object(line)
            ident = record.get("id", "?")
            row = sample.get(ident) if isinstance(ident, str) else None
            if row is None:
                raise ValueError(f"id {ident!r} is not in the sample")
            if ident in seen:
                raise ValueError("annotated twice in this file")
            sentences.append(parse_record(record, row, texts.sentence(row)))
            seen.add(ident)
        except (ValueError, InputError) as exc:
            problems.append(f"{path}:{n}: {ident}: {exc}")
    return sentences, problems


def load_annotations(shared: Path, annotator: str, folder: Path = ANNOTATIONS) -> list[GoldSentence]:
    """The sentences one annotator annotated (``annotator-<annotator>.jsonl``), with their texts from
    ``shared``; raises AnnotationError listing every problem of the sample or the file."""
    texts = Texts(shared)
    sample = {row.id: row for row in load_sample(folder / SAMPLE_FILE, texts)}
    path = folder / f"annotator-{annotator}.jsonl"
    if not path.exists():
        raise InputError(str(path), f"no annotations by {annotator!r}")
    sentences, problems = read_annotations(path, sample, texts)
    if problems:
        raise AnnotationError(str(path), problems)
    return sentences


# -------------------------------------------------------------------------------- authoring format


def locate(sentence: str, spec: object) -> tuple[int, int]:
    """Offsets of a span written as its text: ``"police"`` is the first occurrence as a whole word (or
    words), ``"police#2"`` the second. Spacing inside the text need not match the sentence's."""
    if not isinstance(spec, str) or not spec.strip():
        raise ValueError(f"span text {spec!r} is empty")
    match = _OCCURRENCE.fullmatch(spec.strip())
    words, nth = (match.group(1), int(match.group(2))) if match else (spec.strip(), 1)
    pattern = r"\s+".join(re.escape(w) for w in words.split())
    if words[0].isalnum() or words[0] == "_":
        pattern = r"(?<!\w)" + pattern
    if words[-1].isalnum() or words[-1] == "_":
        pattern += r"(?!\w)"
    found = list(re.finditer(pattern, sentence))
    if len(found) >= nth:
        return found[nth - 1].start(), found[nth - 1].end()
    if not found:
        other = re.search(pattern, sentence, re.IGNORECASE)
        hint = f" (it is written {other.group(0)!r} there)" if other else ""
        raise ValueError(f"{words!r} is not in the sentence{hint}")
    raise ValueError(f"{words!r} occurs {len(found)} time(s) in the sentence, not {nth}")


def from_authoring(record: dict[str, Any], sentence: str) -> dict[str, Any]:
    """The stored record (offsets) of an authoring record (span texts); ValueError names what is wrong.
    The result still needs ``parse_record`` for codes, statuses and flags."""
    extra = set(record) - {"id", "text", "events", "flags", "note", "accord"}
    if extra:
        raise ValueError(f"unknown field(s) {', '.join(sorted(extra))}")
    events = record.get("events")
    if not isinstance(events, list):
        raise ValueError("events must be a list (empty, with the flag no-event, when the sentence has none)")
    stored = []
    for k, event in enumerate(events, start=1):
        if not isinstance(event, dict):
            raise ValueError(f"event {k} must be a JSON object")
        try:
            converted = dict(event)
            converted["trigger"] = list(locate(sentence, event.get("trigger")))
            for side in ("source", "target"):
                items = event.get(side, [])
                if not isinstance(items, list):
                    raise ValueError(f"{side} must be a list of {{text, code}}")
                converted[side] = []
                for item in items:
                    if not (isinstance(item, dict) and set(item) == {"text", "code"}):
                        raise ValueError(f"each {side} is {{\"text\": ..., \"code\": ...}}, not {item!r}")
                    try:
                        converted[side].append([*locate(sentence, item["text"]), item["code"]])
                    except ValueError as exc:
                        raise ValueError(f"{side} {item['text']!r}: {exc}") from None
        except ValueError as exc:
            raise ValueError(f"event {k}: {exc}") from None
        stored.append(converted)
    return {"id": record.get("id"), "events": stored, "flags": record.get("flags", []), "note": record.get("note", "")}


def to_authoring(sentence: GoldSentence) -> dict[str, Any]:
    """The authoring record of a stored sentence (span texts, ``#n`` where a text occurs earlier too)."""

    def spec(start: int, end: int) -> str:
        words = sentence.text[start:end]
        for nth in range(1, sentence.text.count(words) + 2):
            if locate(sentence.text, f"{words}#{nth}") == (start, end):
                return words if nth == 1 else f"{words}#{nth}"
        return words

    return {"id": sentence.id, "text": sentence.text, "events": [
        {"cameo": e.cameo, "status": e.status, "trigger": spec(*e.trigger),
         "source": [{"text": spec(s.start, s.end), "code": s.code} for s in e.sources],
         "target": [{"text": spec(t.start, t.end), "code": t.code} for t in e.targets], "mutual": e.mutual}
        for e in sentence.events], "flags": list(sentence.flags), "note": sentence.note}


# ------------------------------------------------------------------------------------------ scoring


class Unit(NamedTuple):
    """One dyad of an event as scoring sees it: a gold event with two sources is two units."""

    type: str | None  # PLOVER type; None for CAMEO 01x statements
    source: str | None  # country: an actor code's first three letters; None for a side left open
    target: str | None
    mutual: bool
    status: str
    cameo: str


def country(code: str | None) -> str | None:
    """An actor's "country" for scoring: the code's first three letters (JPN of JPNGOV, IGO of IGOUNO)."""
    return code[:3] if code else None


def gold_units(event: GoldEvent) -> list[Unit]:
    """A gold event's dyads. A side with no actor, or only actors of no known country (---), is open."""
    unknown = actor_codes().unknown_country

    def side(spans: tuple[ActorSpan, ...]) -> list[str] | list[None]:
        named = sorted({c for s in spans if (c := country(s.code))} - {unknown})
        return named or [None]

    plover_type = event.plover_type
    return sorted({Unit(plover_type, s, t, event.mutual, event.status, event.cameo)
                   for s in side(event.sources) for t in side(event.targets)}, key=str)


def predicted_units(events: Iterable[Any]) -> list[Unit]:
    """accord's events as dyads; a symmetric pair (A->B and B->A, same code and trigger) counts once."""
    units, seen = [], set()
    for e in events:
        source = e.source.actor.code if e.source else None
        target = e.target.actor.code if e.target else None
        key = (e.cameo, e.trigger.start, frozenset((source, target)))
        if key in seen:
            continue
        seen.add(key)
        units.append(Unit(e.plover.get("type"), country(source), country(target), False, e.status, e.cameo))
    return units


def judged(gold: GoldSentence, events: list[Any]) -> list[tuple[float, bool]]:
    """Each of accord's dyads (statements apart) with its event's confidence and whether it matched a gold
    one (type and both sides' countries, one to one): what calibration is measured on."""
    units, confidences, seen = [], [], set()
    for e in events:
        unit = predicted_units([e])[0]
        key = (e.cameo, e.trigger.start, frozenset((unit.source, unit.target)))
        if key in seen or unit.type is None:
            continue
        seen.add(key)
        units.append(unit)
        confidences.append(e.confidence)
    golden = [u for event in gold.events for u in gold_units(event) if u.type is not None]
    matched = {o for _, o in _matching(golden, units, lambda g, o: g.type == o.type and _sides_match(g, o, False))}
    return [(confidences[n], n in matched) for n in range(len(units))]


def _sides_match(gold: Unit, other: Unit, strict: bool) -> bool:
    def same(g: str | None, o: str | None) -> bool:
        return g == o if strict else (g is None or g == o)

    if same(gold.source, other.source) and same(gold.target, other.target):
        return True
    return (gold.mutual or other.mutual) and same(gold.source, other.target) and same(gold.target, other.source)


def sides_match(gold: Unit, other: Unit) -> bool:
    """Whether a predicted dyad has a gold dyad's countries (a side the gold leaves open matches any)."""
    return _sides_match(gold, other, strict=False)


def _closeness(gold: Unit, other: Unit) -> tuple[bool, bool]:
    """Which partner a unit tries first: the same CAMEO code, then the same status."""
    return gold.cameo != other.cameo, gold.status != other.status


def _matching(gold: list[Unit], other: list[Unit], fits) -> list[tuple[int, int]]:
    """A largest one-to-one matching of gold to other units under ``fits`` (augmenting paths), each gold
    unit trying the closest partners first so that code and status are compared on like pairs."""
    owner: dict[int, int] = {}

    def augment(g: int, visited: set[int]) -> bool:
        for o in sorted(range(len(other)), key=lambda o: _closeness(gold[g], other[o])):
            if o not in visited and fits(gold[g], other[o]):
                visited.add(o)
                if o not in owner or augment(owner[o], visited):
                    owner[o] = g
                    return True
        return False

    for g in range(len(gold)):
        augment(g, set())
    return sorted((g, o) for o, g in owner.items())


@dataclass
class Counts:
    """Event counts over sentences. Headline figures leave CAMEO 01x statements out; these are counted
    under ``statements_*``. ``matched`` needs type and both sides' countries, ``type_matched`` the type."""

    sentences: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    type_matched: int = 0
    status_same: int = 0  # of the matched pairs, those with the same status
    cameo_same: int = 0  # of the matched pairs, those with the same CAMEO code
    statements_gold: int = 0
    statements_predicted: int = 0
    statements_matched: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return ratio(self.matched, self.predicted)

    @property
    def recall(self) -> float:
        return ratio(self.matched, self.gold)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    @property
    def type_precision(self) -> float:
        return ratio(self.type_matched, self.predicted)

    @property
    def type_recall(self) -> float:
        return ratio(self.type_matched, self.gold)

    @property
    def type_f1(self) -> float:
        return f1(self.type_precision, self.type_recall)

    @property
    def status_agreement(self) -> float:
        return ratio(self.status_same, self.matched)

    @property
    def cameo_agreement(self) -> float:
        return ratio(self.cameo_same, self.matched)

    @property
    def statements_f1(self) -> float:
        return f1(ratio(self.statements_matched, self.statements_predicted),
                  ratio(self.statements_matched, self.statements_gold))

    def add(self, sentence_id: str, gold: list[Unit], other: list[Unit], strict: bool = False) -> None:
        self.sentences += 1
        headline_gold = [u for u in gold if u.type is not None]
        headline_other = [u for u in other if u.type is not None]
        self.gold += len(headline_gold)
        self.predicted += len(headline_other)
        pairs = _matching(headline_gold, headline_other,
                          lambda g, o: g.type == o.type and _sides_match(g, o, strict))
        self.matched += len(pairs)
        self.status_same += sum(headline_gold[g].status == headline_other[o].status for g, o in pairs)
        self.cameo_same += sum(headline_gold[g].cameo == headline_other[o].cameo for g, o in pairs)
        self.type_matched += len(_matching(headline_gold, headline_other, lambda g, o: g.type == o.type))
        said_gold = [u for u in gold if u.type is None]
        said_other = [u for u in other if u.type is None]
        self.statements_gold += len(said_gold)
        self.statements_predicted += len(said_other)
        self.statements_matched += len(_matching(said_gold, said_other, lambda g, o: _sides_match(g, o, strict)))
        if len(pairs) < max(len(headline_gold), len(headline_other)):
            matched_gold = {g for g, _ in pairs}
            matched_other = {o for _, o in pairs}
            missed = [headline_gold[g] for g in range(len(headline_gold)) if g not in matched_gold]
            extra = [headline_other[o] for o in range(len(headline_other)) if o not in matched_other]
            self.misses.append(f"{sentence_id}: missed {_show(missed)}; extra {_show(extra)}")


def _show(units: list[Unit]) -> str:
    return ", ".join(f"{u.source or '*'} {u.cameo} {u.type} {u.target or '*'}" for u in units) or "-"


def score(gold: list[GoldSentence], predicted: Mapping[str, list[Any]]) -> Counts:
    """Precision, recall and F1 of accord's events (``predicted``: sentence id -> its ``model.Event``s)
    against the gold sentences, matched one to one within each sentence on PLOVER type and both sides'
    countries. A gold side left open matches any predicted side; a mutual gold event matches in either
    direction; a predicted symmetric pair counts once."""
    counts = Counts()
    for sentence in gold:
        units = [u for event in sentence.events for u in gold_units(event)]
        counts.add(sentence.id, units, predicted_units(predicted.get(sentence.id, [])))
    return counts


# ---------------------------------------------------------------------------------------- agreement


@dataclass
class Agreement:
    """Two annotators on the sentences both annotated."""

    sentences: int
    both_events: int  # sentences where both found an event
    neither: int  # sentences where neither did
    first_only: int
    second_only: int
    events: Counts  # the first annotator taken as gold, sides compared strictly, statements typed apart

    @property
    def has_event_agreement(self) -> float:
        return ratio(self.both_events + self.neither, self.sentences)

    @property
    def kappa(self) -> float:
        """Cohen's kappa of "the sentence has an event"."""
        n = self.sentences
        if not n:
            return 0.0
        observed = self.has_event_agreement
        first_yes = (self.both_events + self.first_only) / n
        second_yes = (self.both_events + self.second_only) / n
        expected = first_yes * second_yes + (1 - first_yes) * (1 - second_yes)
        return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def agreement(first: list[GoldSentence], second: list[GoldSentence]) -> Agreement:
    """Agreement of two annotators on the ids both annotated: whether a sentence has an event (with
    Cohen's kappa), and event F1 of type and of type with both sides' countries (sides must be the same,
    open only where both left them open). Statements (01x) count under the type STATEMENT here."""
    def units(s: GoldSentence) -> list[Unit]:
        return [u._replace(type=u.type or STATEMENT) for e in s.events for u in gold_units(e)]

    others = {s.id: s for s in second}
    counts = Counts()
    tally = {(True, True): 0, (False, False): 0, (True, False): 0, (False, True): 0}
    for sentence in first:
        other = others.get(sentence.id)
        if other is None:
            continue
        tally[(bool(sentence.events), bool(other.events))] += 1
        counts.add(sentence.id, units(sentence), units(other), strict=True)
    return Agreement(sentences=counts.sentences, both_events=tally[(True, True)], neither=tally[(False, False)],
                     first_only=tally[(True, False)], second_only=tally[(False, True)], events=counts)
