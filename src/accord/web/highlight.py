"""A document's text cut into pieces for highlighting: each event's trigger and actors, each quotation, its
speaker and its cue. The pieces are plain text; the template escapes every one of them."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..analysis.legend import cameo_label

Span = tuple[int, int, str, str, "str | None"]  # start, end, kind (a CSS class), title, link


@dataclass
class Piece:
    text: str
    kinds: list[str] = field(default_factory=list)  # trigger, actor, quote, speaker, cue
    titles: list[str] = field(default_factory=list)
    href: str | None = None  # an event's trigger links to the event's card under the text

    @property
    def classes(self) -> str:
        return " ".join(sorted(set(self.kinds)))

    @property
    def title(self) -> str:
        return "; ".join(dict.fromkeys(self.titles))


def _span(row: dict[str, Any], where: str, size: int, kind: str, title: str, href: str | None = None) -> Iterator[Span]:
    """The span whose offsets are ``{where}start``/``{where}end`` in the row, when the text holds it (a side
    the coder inferred has no words, and a place from the dateline is at -1)."""
    start, end = row.get(f"{where}start"), row.get(f"{where}end")
    if start is not None and end is not None and 0 <= start < end <= size:
        yield start, end, kind, title, href


def spans(size: int, events: list[dict[str, Any]], quotes: list[dict[str, Any]]) -> Iterator[Span]:
    for row in events:
        yield from _span(row, "trigger_", size, "trigger", f"{cameo_label(row['cameo'])} ({row['status']})",
                         f"#event-{row['id']}")
        for side in ("source", "target"):
            yield from _span(row, f"{side}_", size, "actor", row.get(f"{side}_code") or "unknown actor")
    for row in quotes:
        who = row.get("speaker_code") or row.get("speaker_text") or "no speaker found"
        yield from _span(row, "", size, "quote", f"{row['kind']} quotation: {who}")
        yield from _span(row, "speaker_", size, "speaker", f"speaker: {who}")
        yield from _span(row, "cue_", size, "cue", "the words that attribute it")


def pieces(text: str, events: list[dict[str, Any]], quotes: list[dict[str, Any]]) -> list[Piece]:
    """The text cut at every start and end of a highlighted span; each piece knows the spans it lies in."""
    found = list(spans(len(text), events, quotes))
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for number, (start, end, *_rest) in enumerate(found):
        opening.setdefault(start, []).append(number)
        closing.setdefault(end, []).append(number)
    cuts = sorted({0, len(text), *opening, *closing})
    active: dict[int, Span] = {}  # in the order the spans were found
    out: list[Piece] = []
    for start, end in zip(cuts, cuts[1:]):
        for number in closing.get(start, ()):
            active.pop(number, None)
        for number in opening.get(start, ()):
            active[number] = found[number]
        piece = Piece(text[start:end])
        for span_start, _end, kind, title, href in active.values():
            piece.kinds.append(kind)
            piece.titles.append(title)
            if href and piece.href is None and span_start == start:
                piece.href = href
        out.append(piece)
    return out
