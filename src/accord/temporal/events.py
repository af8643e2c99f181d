"""Event dates: each event takes the date the text gives it, or none.

"Japan last year delivered ..." -> 2023: the time expression whose path up the dependency tree reaches the
event's trigger (or the verb the trigger hangs from, or the main clause of a "when" clause), not merely the
nearest one; the event takes that expression's value as the temporal stage read it (against the reference
date, or against the date the text named before: "the following month"). An expression that places the
event in the past or the future without a date ("in the past", "decades ago", "in the 1990s", "soon") gives
it no date. An event the text places before the time it reports without naming when — the past perfect
("had expelled"), a noun marked as past ("North Korea's past abductions", "the former occupation") — has no
date either. Only an event the text does not place in time at all takes the document's reference date
(dateline, else publication date), with no ``date_text``, so a reader can tell the report's date from a date
the text gives. Words TimeML does not mark as time expressions but which place an event ahead or back without a
date ("would eventually seek", the cues of ``expressions.py``) date events as the expressions do; they are not
listed among the document's times.
"""
from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Token

from ..model import Document, Event, TimeExpression
from .expressions import find_times_and_cues
from .values import resolve
from .vocabulary import load

# relations through which a trigger hangs from the verb whose time expressions also govern it
CLIMB = ("xcomp", "conj", "pobj", "prep", "dobj", "nsubj", "nsubjpass", "advmod")
POINT_TYPES = ("DATE", "TIME")
UNDATED_VALUES = ("PAST_REF", "FUTURE_REF")  # a time named without a date: the event gets none


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


def _at_same_time(token: Token) -> bool:
    """A clause that happened at the time of the one it hangs from: "when Soviet tanks rolled in"."""
    return token.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in load().same_time_conjunctions
                                         for c in token.children)


def _governors(doc: Doc, trigger_index: int) -> list[int]:
    """The trigger, then the words it hangs from up to its clause's verb, on to the main clause's verb when
    its clause says it happened at the same time ("when Soviet tanks rolled in, ..."), and last the verbs of
    such clauses below it ("when Iraq invaded Kuwait in 1990, Iran condemned ...")."""
    trigger = doc[trigger_index]
    chain = [trigger.i]
    head = trigger
    for _ in range(5):
        own_tense = head.dep_ == "conj" and any(c.dep_ == "aux" for c in head.children)
        same_time = _at_same_time(head)
        if (head.dep_ in CLIMB and not own_tense or same_time) and head.head.i != head.i:
            head = head.head
            chain.append(head.i)
            if head.pos_ in ("VERB", "AUX") and not same_time:
                break
        else:
            break
    return chain + [c.i for i in chain for c in doc[i].children if _at_same_time(c) and c.i not in chain]


def _placed_before(doc: Doc, chain: list[int]) -> bool:
    """Does the text place the event before the time it reports, without saying when: the past perfect
    ("Russia had expelled two diplomats"), or a noun marked as past ("North Korea's past abductions")?"""
    past_markers = load().past_markers
    trigger = doc[chain[0]]
    if trigger.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "amod" and c.lower_ in past_markers
                                                 for c in trigger.children):
        return True
    verb = next((doc[i] for i in chain if doc[i].pos_ in ("VERB", "AUX")), None)
    return verb is not None and verb.tag_ == "VBN" and any(
        c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" and c.tag_ == "VBD" for c in verb.children)


def _governing(chain: list[int], points: list[tuple[TimeExpression, list[int]]]) -> TimeExpression | None:
    """The first of the sentence's time points (``points``, in text order) whose path to its verb passes
    through the chain, its words nearest the trigger first."""
    for candidate in chain:
        for time, path in points:
            if candidate in path:
                return time
    return None


def _set_date(event: Event, value: str | None, precision: str | None, text: str | None) -> None:
    event.date, event.date_precision, event.date_text = value, precision, text


def date_events(document: Document) -> None:
    """Find the document's time expressions; give each event the date its text gives it, none when the text
    places it in the past or the future without one, else the reference date."""
    ref = document.reference_date
    doc = document.spacy_doc
    if doc is None:
        return
    document.times, cues = find_times_and_cues(doc, ref)
    # each sentence's time points, cues among them ("eventually": ahead, no date): an event looks only at its
    # own sentence's (looking at every point of the document for every event grew with the square of a long
    # document's length)
    points: dict[int, list[tuple[TimeExpression, list[int]]]] = {}
    for time in sorted(document.times + cues, key=lambda t: (t.start, -t.end)):
        if time.type in POINT_TYPES and time.tokens[0] >= 0:
            sent = doc[time.tokens[0]].sent
            if time.tokens[1] <= sent.end:
                points.setdefault(sent.start, []).append((time, _path_to_verb(doc, time)))
    for event in document.events:
        if event.trigger_token < 0 or ref is None:
            continue
        chain = _governors(doc, event.trigger_token)
        chosen = _governing(chain, points.get(doc[chain[0]].sent.start, []))
        if chosen is not None and _date_from(event, chosen, ref):
            continue
        if _placed_before(doc, chain):
            _set_date(event, None, None, None)
        else:
            _set_date(event, ref.isoformat(), "day", None)


def _date_from(event: Event, time: TimeExpression, ref: date) -> bool:
    """Date the event from the expression that governs it; False when the expression says nothing of when."""
    if time.date and event.status in ("planned", "intended") and time.date < ref.isoformat()[:len(time.date)]:
        found = resolve(time.text, ref, future=True)  # a planned event reads a weekday or month ahead
        if found is not None and found.point is not None and found.point.event_precision:
            _set_date(event, found.point.iso(), found.point.event_precision, time.text)
            return True
    if time.date:
        _set_date(event, time.date, time.precision, time.text)
        if event.status == "occurred" and time.precision in ("day", "week") and time.date > ref.isoformat():
            event.status = "planned"
        return True
    if time.value == "PRESENT_REF":
        _set_date(event, ref.isoformat(), "day", time.text)
        return True
    if time.value in UNDATED_VALUES or time.type == "DATE" and time.value and time.value.isdigit():
        _set_date(event, None, None, time.text)  # "in the past", "soon", "in the 1960s" (decade 196, century 19)
        return True
    return False
