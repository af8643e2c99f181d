"""Event dates: each event takes the time expression that governs it in the parse.

"Japan last year delivered ..." -> 2023: the expression whose path up the dependency tree reaches the
event's trigger (or the verb the trigger hangs from), not merely the nearest one. Without one, the
event gets the document's reference date (dateline, else publication date) and no ``date_text``, so a
reader can tell the report's date from a date the text gives.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..model import Document, TimeExpression
from .expressions import find_times
from .values import resolve

# relations through which a trigger hangs from the verb whose time expressions also govern it
CLIMB = ("xcomp", "conj", "pobj", "prep", "dobj", "nsubj", "nsubjpass", "advmod")
POINT_TYPES = ("DATE", "TIME")


def _path_to_verb(doc: Doc, time: TimeExpression) -> list[int]:
    """Token indices from the expression up to the nearest governing verb (inclusive)."""
    path = []
    token = doc[time.tokens[0]:time.tokens[1]].root
    for _ in range(8):
        head = token.head
        if head.i == token.i:
            break
        path.append(head.i)
        if head.pos_ in ("VERB", "AUX"):
            break
        token = head
    return path


def _governors(doc: Doc, trigger_index: int) -> list[int]:
    """The trigger, then the words it hangs from up to its clause's verb."""
    trigger = doc[trigger_index]
    chain = [trigger.i]
    head = trigger
    for _ in range(4):
        own_tense = head.dep_ == "conj" and any(c.dep_ == "aux" for c in head.children)
        if head.dep_ in CLIMB and head.head.i != head.i and not own_tense:
            head = head.head
            chain.append(head.i)
            if head.pos_ in ("VERB", "AUX"):
                break
        else:
            break
    return chain


def date_events(document: Document) -> None:
    """Find the document's time expressions; give each event the one that governs it, else the reference date."""
    ref = document.reference_date
    doc = document.spacy_doc
    if doc is None:
        return
    document.times = find_times(doc, ref)
    points = [(t, _path_to_verb(doc, t)) for t in document.times if t.type in POINT_TYPES and t.tokens[0] >= 0]
    for event in document.events:
        if event.trigger_token < 0:
            continue
        trigger = doc[event.trigger_token]
        chosen = None
        for candidate in _governors(doc, event.trigger_token):
            for time, path in points:
                if candidate in path and time.tokens[0] >= trigger.sent.start and time.tokens[1] <= trigger.sent.end:
                    chosen = time
                    break
            if chosen is not None:
                break
        if chosen is not None and ref is not None:
            # a planned event reads a bare weekday or month ahead, whatever the clause's tense says
            found = resolve(chosen.text, ref, future=event.status in ("planned", "intended"))
            point = found.point if found else None
            if point is not None and point.event_precision:
                event.date, event.date_precision, event.date_text = point.iso(), point.event_precision, chosen.text
                if point.value > ref and event.status == "occurred" and point.event_precision in ("day", "week"):
                    event.status = "planned"
                continue
        if ref is not None:
            event.date, event.date_precision, event.date_text = ref.isoformat(), "day", None
