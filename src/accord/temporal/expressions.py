"""Finding time expressions in a parsed document and giving each its TimeML value.

Candidates are spaCy's DATE and TIME entities, plus what the entity recogniser leaves out and
TimeML counts: references to the present, past and future ("currently", "recently", "the future"),
repetitions ("weekly"), duration adjectives ("a 12-year contract", "annual"). Each is normalised
against the reference date; a weekday or a month without a year points ahead when its clause does
("will meet on Friday"), back otherwise, as news mostly reports what has happened.
"""
from __future__ import annotations

import re
from datetime import date

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from ..model import TimeExpression
from .values import resolve
from .vocabulary import load

FUTURE_AUX = {"will", "shall", "'ll", "wo", "ll"}
UNIT_WORDS = r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade|century)s?"
# an age, a model year or a number that is not a time: "58-year-old", "the 747-400"
NOT_TIME = re.compile(r"\b(years?|months?|weeks?|days?)[- ]olds?\b|^\d+$|^\W+$|^(the )?(\d+|one|two)$", re.I)
_matchers: dict[int, tuple[Matcher, Matcher]] = {}


def _matchers_for(doc: Doc) -> tuple[Matcher, Matcher]:
    """The phrase and token matchers for the vocabulary (one pair per spaCy vocabulary)."""
    key = id(doc.vocab)
    if key not in _matchers:
        vocabulary = load()
        # token patterns hold only string hashes, so they outlive spaCy's memory zones
        phrases = Matcher(doc.vocab)
        for name, entries in (("reference", vocabulary.references), ("set", vocabulary.sets),
                              ("duration", vocabulary.duration_adjectives)):
            phrases.add(name, [[{"LOWER": w} for w in re.findall(r"\w+|[^\w\s]", p)] for p in entries])
        tokens = Matcher(doc.vocab)
        number = {"LIKE_NUM": True}
        unit = {"LOWER": {"REGEX": f"^{UNIT_WORDS}$"}}
        tokens.add("hyphenated", [[number, {"ORTH": "-"}, unit]])  # "a 12-year contract"
        tokens.add("hyphenated", [[{"LOWER": {"REGEX": rf"^[a-z0-9]+-{UNIT_WORDS}$"}}]])
        tokens.add("vague", [[{"LOWER": {"IN": ["recent", "several", "coming", "past", "many"]}},
                              {"LOWER": {"IN": ["years", "months", "weeks", "days", "decades"]}}],
                             [{"LOWER": {"IN": ["years", "decades", "months", "minutes", "hours"]},
                               "DEP": {"IN": ["pobj", "npadvmod", "dobj", "nsubj"]}}]])
        _matchers[key] = (phrases, tokens)
    return _matchers[key]


def points_ahead(span: Span) -> bool:
    """Does the clause the expression sits in speak of the future ("will meet", "plans to visit")?"""
    vocabulary = load()
    token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        token = token.head
    verb = token
    for _ in range(3):
        aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in FUTURE_AUX for a in aux):
            return True
        if verb.lemma_ in ("go",) and any(c.dep_ == "xcomp" for c in verb.children) and verb.tag_ == "VBG":
            return True
        if verb.dep_ == "xcomp" or any(a.lower_ == "to" for a in aux):
            verb = verb.head
            if verb.lemma_ in vocabulary.future_verbs:
                return True
            continue
        if verb.dep_ in ("amod", "acomp") and verb.lemma_ in ("due", "scheduled", "expected", "set"):
            return True
        break
    return False


def _candidates(doc: Doc) -> list[Span]:
    vocabulary = load()
    spans: list[Span] = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        after = doc[ent.end].lower_ if ent.end < len(doc) else ""
        if NOT_TIME.search(ent.text) or after == "old" or ent.text.lower().endswith("-old"):
            continue
        spans.append(ent)
    phrases, tokens = _matchers_for(doc)
    extra: list[Span] = []
    for match_id, start, end in list(phrases(doc)) + list(tokens(doc)):
        span = doc[start:end]
        label = doc.vocab.strings[match_id]
        text = span.text.lower()
        if label == "reference" and text in vocabulary.ambiguous_references and not _reads_as_time(span):
            continue
        if label == "hyphenated" and end < len(doc) and doc[end].lower_ in ("old", "-old"):
            continue
        if label == "set" and text == "a year" and not (start > 0 and doc[start - 1].like_num is False
                                                        and doc[start - 1].pos_ in ("NOUN", "NUM", "SYM")):
            continue
        extra.append(span)
    taken = {i for s in spans for i in range(s.start, s.end)}
    for span in sorted(extra, key=lambda s: (s.start, -(s.end - s.start))):
        if not any(i in taken for i in range(span.start, span.end)):
            spans.append(span)
            taken.update(range(span.start, span.end))
    return sorted(spans, key=lambda s: s.start)


def _reads_as_time(span: Span) -> bool:
    """'current' before a noun of office or a figure, 'once' as an adverb, 'the moment' as a time."""
    text = span.text.lower()
    root = span.root
    if text == "once":
        return root.dep_ == "advmod" and root.head.pos_ in ("VERB", "AUX") and root.head.i > root.i
    if text == "current":
        return root.dep_ == "amod"
    if text in ("this time", "the moment"):
        return root.dep_ in ("pobj", "npadvmod")
    return root.dep_ in ("advmod", "npadvmod", "pobj", "amod")


def _signal(doc: Doc, span: Span) -> str | None:
    if span.start == 0:
        return None
    before = doc[span.start - 1]
    return before.lower_ if before.lower_ in load().signals and before.dep_ == "prep" else None


def find_times(doc: Doc, ref: date | None) -> list[TimeExpression]:
    """Every time expression in ``doc``, normalised against ``ref`` (values stay None without one)."""
    sentence_of: dict[int, int] = {}
    for index, sent in enumerate(doc.sents):
        sentence_of[sent.start] = index
    starts = sorted(sentence_of)
    times = []
    for span in _candidates(doc):
        sentence = sentence_of[span.sent.start] if span.sent.start in sentence_of else _nearest(starts, span.start)
        signal = _signal(doc, span)
        text = span.text
        future = points_ahead(span)
        timex = resolve(text, ref, future) if ref is not None else None
        if timex is None and ref is not None and signal:
            timex = resolve(f"{signal} {text}", ref, future)
        expression = TimeExpression(text=text, start=span.start_char, end=span.end_char, sentence=sentence,
                                    type=timex.type if timex else _guess_type(span), value=timex.value if timex else None,
                                    mod=timex.mod if timex else None, signal=signal,
                                    interval=list(timex.interval) if timex and timex.interval else None,
                                    tokens=(span.start, span.end))
        if timex and timex.point and timex.type in ("DATE", "TIME") and timex.point.event_precision:
            expression.date, expression.precision = timex.point.iso(), timex.point.event_precision
        times.append(expression)
    return times


def _guess_type(span: Span) -> str:
    return "TIME" if span.label_ == "TIME" else "DATE"


def _nearest(starts: list[int], index: int) -> int:
    return max((n for n, s in enumerate(starts) if s <= index), default=0)
