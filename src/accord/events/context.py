"""One document's state while the coder reads it: made fresh for each document, so one coder can code any
number of documents at once (threads included) and nothing of one document leaks into the next."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc

from .. import places
from ..model import ActorRef, Document, Mention
from ..quotes import find_quotes
from .candidate import EventCandidate, Rejected


@dataclass(slots=True)
class CodingContext:
    doc: Doc
    mentions: dict[int, Mention]  # actor mentions by the token index of their head
    mention_starts: dict[int, Mention]  # ... by the token index where they start
    named: set[int]  # tokens inside an actor's name: "Cooperation" in "Asia-Pacific Economic Cooperation"
    quoted: list[tuple[int, int]]  # character spans inside quotation marks
    place_mentions: list[places.Mention]  # the places stage's reading of the text
    # the last sentence's named doers, for a clause subject the next sentence leaves implicit
    topic: tuple[int, list[ActorRef]] | None = None
    explain: bool = False
    candidates: list[EventCandidate] = field(default_factory=list)  # kept when explaining
    rejected: list[Rejected] = field(default_factory=list)  # kept when explaining
    scratch: dict = field(default_factory=dict)  # what a decision component computes once per document
    document_id: str = ""

    @classmethod
    def of(cls, document: Document, explain: bool = False) -> CodingContext:
        doc = document.spacy_doc
        mentions = {m.head: m for m in document.mentions}
        starts: dict[int, Mention] = {}
        named: set[int] = set()
        for m in document.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                starts[span.start] = m
                named.update(range(span.start, span.end))
        # where events happen decides a missing side ("a bomb near Samarra killed ..."): the places stage's
        # own reading of the text, so the coder and the event's location never disagree
        return cls(doc, mentions, starts, named, find_quotes(document.text), places.document_places(document),
                   explain=explain, document_id=document.id)

    def in_quote(self, char: int) -> bool:
        """Whether the character is inside quotation marks: the quoted spans are disjoint and in text order
        (``find_quotes``), so only the last one starting at or before it can hold it."""
        at = bisect_right(self.quoted, (char, float("inf"))) - 1
        return at >= 0 and char < self.quoted[at][1]

    def reject(self, rejected: Rejected) -> None:
        if self.explain:
            self.rejected.append(rejected)
