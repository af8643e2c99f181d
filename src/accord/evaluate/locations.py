"""Event locations (``eval/event-location/labeled_text_slim.jsonl``, Halterman 2019).

Each record is one sentence with one marked event verb (a VERB span) and the place(s) where that event
happened (LOCATION spans), or none. How accord is scored:

1. accord codes the sentence on its own (no headline, no dateline, no publication date).
2. accord's answer for the marked verb is the place of the event whose trigger overlaps the verb; when
   accord codes no event there, the place that the locator (``places.locate``) attaches to the verb's
   token. Either may be "no place".
3. A record whose gold has a LOCATION is *right* when accord's place overlaps any gold LOCATION span
   (by at least one character); *wrong place* when accord names another place; *missed* when it names none.
   The headline figure is right / records with a gold LOCATION.
4. A record whose gold has no LOCATION is a *false place* when accord names one; the false-place rate is
   false places / records without a gold LOCATION.

Figures are given for the RELABEL records (the upstream's gold-standard re-annotation; the pass mark,
>= 0.70 right, applies to them) and for all records (single-annotator labels, reported only).

The slim file's LOCATION offsets are character offsets in most records, but in some (215 of RELABEL's
372 spans) they are token indices with an inclusive end (spaCy's English tokenisation). A span is read as
characters when its character slice is non-empty and starts and ends on word boundaries; otherwise as
token indices, mapped to characters through accord's own tokenisation of the sentence. VERB offsets are
always characters.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Document
from ..places import document_places, locate
from .common import PARTS, SetResult
from .split import text_half

GOLD_SOURCE = "RELABEL"
CHUNK = 256


@dataclass
class LocationResult:
    with_gold: int = 0
    right: int = 0
    wrong: int = 0
    missed: int = 0
    without_gold: int = 0
    false_places: int = 0
    from_events: int = 0  # answers taken from a coded event (the rest from the locator on the verb)
    token_offsets: int = 0  # gold spans read as token indices
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.with_gold if self.with_gold else 0.0

    @property
    def false_rate(self) -> float:
        return self.false_places / self.without_gold if self.without_gold else 0.0

    @property
    def precision(self) -> float:
        named = self.right + self.wrong
        return self.right / named if named else 0.0

    def line(self) -> str:
        return (f"right {self.accuracy:.3f} ({self.right}/{self.with_gold} sentences naming the event's place; "
                f"wrong place {self.wrong}, none {self.missed}; precision {self.precision:.3f}), "
                f"false places {self.false_rate:.3f} ({self.false_places}/{self.without_gold} sentences without one)")


def _on_word_boundaries(text: str, start: int, end: int) -> bool:
    if end <= start or end > len(text):
        return False
    if start > 0 and text[start - 1].isalnum():
        return False
    if end < len(text) and text[end].isalnum():
        return False
    return text[start].isalnum()


def gold_locations(record: dict, doc) -> tuple[list[tuple[int, int]], int]:
    """The record's LOCATION spans as character offsets, and how many were read as token indices."""
    text = record["text"]
    spans, tokens = [], 0
    for span in record["spans"]:
        if span["label"] != "LOCATION":
            continue
        start, end = span["start"], span["end"]
        if _on_word_boundaries(text, start, end):
            spans.append((start, end))
        elif 0 <= start <= end < len(doc):
            spans.append((doc[start].idx, doc[end].idx + len(doc[end])))
            tokens += 1
    return spans, tokens


def _verb(record: dict) -> tuple[int, int] | None:
    for span in record["spans"]:
        if span["label"] == "VERB":
            return span["start"], span["end"]
    return None


def answer(document: Document, verb: tuple[int, int]) -> tuple[tuple[int, int, str] | None, bool]:
    """accord's place for the verb: (start, end, text) or None, and whether it came from a coded event."""
    events = [e for e in document.events if e.trigger.start < verb[1] and verb[0] < e.trigger.end]
    if events:
        for event in events:
            if event.location is not None and event.location.start >= 0:
                return (event.location.start, event.location.end, event.location.text), True
        return None, True
    doc = document.spacy_doc
    span = doc.char_span(verb[0], verb[1], alignment_mode="expand")
    if span is None:
        return None, False
    found = locate(doc, span.root.i, document_places(document))
    if found is None:
        return None, False
    mention, _ = found
    return (mention.char_start, mention.char_end, mention.text), False


def _score(result: LocationResult, record: dict, document: Document) -> None:
    verb = _verb(record)
    if verb is None:
        return
    gold, tokens = gold_locations(record, document.spacy_doc)
    result.token_offsets += tokens
    got, from_event = answer(document, verb)
    result.from_events += from_event
    text = record["text"]
    verb_text = text[verb[0]:verb[1]]
    if gold:
        result.with_gold += 1
        if got and any(got[0] < end and start < got[1] for start, end in gold):
            result.right += 1
            return
        if got:
            result.wrong += 1
        else:
            result.missed += 1
        wanted = " | ".join(text[s:e] for s, e in gold)
        result.misses.append(f"{record['source']} {verb_text!r}: gold {wanted!r}, got {got[2] if got else None!r}"
                             f" | {text.strip()[:200]}")
    else:
        result.without_gold += 1
        if got:
            result.false_places += 1
            result.misses.append(f"{record['source']} {verb_text!r}: gold none, got {got[2]!r} | {text.strip()[:200]}")


def score_locations(pipeline, path: Path) -> dict[str, tuple[LocationResult, LocationResult]]:
    """For each part (tune, check, all): (RELABEL result, all-records result)."""
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    results = {part: (LocationResult(), LocationResult()) for part in PARTS}
    by_text: dict[str, list[dict]] = {}
    for record in records:
        by_text.setdefault(record["text"], []).append(record)
    unique = list(by_text)
    ids = {text: str(n) for n, text in enumerate(unique)}
    for begin in range(0, len(unique), CHUNK):
        chunk = unique[begin:begin + CHUNK]
        documents = [Document(id=ids[t], text=t) for t in chunk]
        for document in pipeline.code_documents(documents, keep_parse=True):
            if not isinstance(document, Document):
                continue
            for part in (text_half(document.text), "all"):
                gold_set, everything = results[part]
                for record in by_text[document.text]:
                    _score(everything, record, document)
                    if record["source"] == GOLD_SOURCE:
                        _score(gold_set, record, document)
            document.spacy_doc = None
    return results


def evaluate(pipeline, shared: Path) -> SetResult | None:
    """The event's place right, and false places, for the RELABEL records on each half (all records too)."""
    path = shared / "eval" / "event-location" / "labeled_text_slim.jsonl"
    if not path.is_file():
        return None
    out = SetResult("locations", f"Event location ({path}): {GOLD_SOURCE} records; all records in the notes",
                    lower_is_better={"false places"})
    for part, (gold_set, everything) in score_locations(pipeline, path).items():
        out.sizes[part] = gold_set.with_gold + gold_set.without_gold
        out.add_rate("place right", part, gold_set.right, gold_set.with_gold)
        out.add("place precision", part, gold_set.precision)
        out.add_rate("false places", part, gold_set.false_places, gold_set.without_gold)
        out.notes.append(f"all records, {part}: {everything.line()}")
        if part == "tune":
            out.details = [f"miss: {m}" for m in gold_set.misses]
    return out
