"""Finding time expressions in a parsed document and giving each its TimeML value.

Candidates are spaCy's DATE and TIME entities, plus what the entity recogniser leaves out and
TimeML counts: references to the present, past and future ("currently", "recently", "the future"),
repetitions ("weekly"), duration adjectives ("a 12-year contract", "annual"). Each is normalised
against the reference date; a weekday or a month without a year points ahead when its clause does
("will meet on Friday"), back otherwise, as news mostly reports what has happened.

Some words place an event ahead or back without being what TimeML marks as a time expression ("eventually",
"soon" + "after the vote": vocabulary ``unmarked_references``, ``relative_followers``). They are read like the
others but kept apart as *cues*: ``find_times`` leaves them out (what is reported, and scored against TimeML
gold), ``find_times_and_cues`` gives them too, for ``events.py`` to date events by them as before ("would
eventually seek": ahead, no date). Words that are no time at all in their syntax ("long-term" before a noun, "a
quarter of its staff", "the future of NATO") are not candidates.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..model import TimeExpression
from .values import YEAR, Timex, TimeValue, resolve
from .vocabulary import load

ANY_DAY = date(2000, 1, 1)  # a reference date for asking whether words are a time at all

# an age, a model year or a number that is not a time: "58-year-old", "the 747-400"
NOT_TIME = re.compile(r"\b(years?|months?|weeks?|days?)[- ]olds?\b|^(?!(?:1[5-9]|20)\d\d$)\d+$|^\W+$"
                      r"|^(the )?(one|two)$", re.I)


@lru_cache(maxsize=1)
def _phrases() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """The vocabulary's phrases by their first word, split as spaCy splits them ("short-term" -> short - term)."""
    vocabulary = load()
    by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    counted = [phrase for phrases in vocabulary.steps_from_named.values() for phrase in phrases]
    for label, entries in (("reference", vocabulary.references), ("set", vocabulary.sets),
                           ("duration", vocabulary.duration_adjectives), ("counted", counted)):
        for phrase in entries:
            words = tuple(re.findall(r"\w+|[^\w\s]", phrase.lower()))
            by_first.setdefault(words[0], []).append((label, words))
    return by_first


def _phrase_matches(lowers: list[str]) -> list[tuple[str, int, int]]:
    phrases = _phrases()
    found = []
    for i, low in enumerate(lowers):
        for label, words in phrases.get(low, ()):
            if tuple(lowers[i:i + len(words)]) == words:
                found.append((label, i, i + len(words)))
    return found


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
        if any(a.lower_ in vocabulary.future_auxiliaries for a in aux):
            return True
        if verb.lemma_ in ("go",) and any(c.dep_ == "xcomp" for c in verb.children) and verb.tag_ == "VBG":
            return True
        if verb.dep_ == "xcomp" or any(a.lower_ == "to" for a in aux):
            verb = verb.head
            if verb.lemma_ in vocabulary.future_verbs:
                return True
            continue
        if verb.dep_ in ("amod", "acomp") and verb.lemma_ in vocabulary.future_adjectives:
            return True
        break
    return False


def direction(span: Span) -> bool | None:
    """Which way a weekday, a month or a date without a year points: ahead (True) when its clause speaks of the
    future ("will meet on Friday") or in the present ("meet Monday", "is calling for redemption on Dec. 7",
    "the case is heard in May"), back (False) when in the past ("met on Friday", "had filed by Wednesday"),
    neither (None) when it belongs to a noun rather than a verb ("a pact effective June 1")."""
    if points_ahead(span):
        return True
    token = span.root
    for _ in range(6):
        head = token.head
        if head.i == token.i:
            return None
        if head.pos_ in ("VERB", "AUX"):
            return _tense(head)
        if head.pos_ not in ("ADP", "ADV", "PART", "SCONJ", "CCONJ") and not span.start <= head.i < span.end:
            return None  # "the redemption on Dec. 7", "effective Feb. 1": the noun's or adjective's time
        token = head
    return None


def _tense(verb: Token) -> bool | None:
    """A verb's clause: in the past (False), present (True) or neither, read from its tag and auxiliaries."""
    for _ in range(3):
        aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        tags = {verb.tag_} | {a.tag_ for a in aux}
        if tags & {"VBD"} or verb.tag_ == "VBN" and not aux and verb.dep_ in ("advcl", "acl"):
            return False  # "met", "had filed", "was closed", "Rescued on Nov. 25, he ...", "talks held on Monday"
        if any(a.lemma_ == "have" for a in aux):  # the present perfect takes no date of its own: "has been
            return None  # closed since Monday", "have fallen from mid-October", "has given them until Tuesday"
        if tags & {"VBP", "VBZ"}:  # "meet Monday", "is calling for redemption on Dec. 7"
            return True
        if verb.tag_ in ("VB", "VBG", "VBN") and verb.dep_ in ("xcomp", "advcl", "conj", "ccomp") \
                and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head  # "decided to leave Monday", "left, saying ...": the clause above
            continue
        return None
    return None


def _outermost(spans: list[Span]) -> list[Span]:
    """The spans no longer span holds, in their order (one pass over them sorted by start, longest first: a
    span is held by a longer one when one before it in that order ends at or after its end)."""
    held: set[tuple[int, int]] = set()
    furthest = -1
    for start, end in sorted({(s.start, s.end) for s in spans}, key=lambda k: (k[0], -k[1])):
        if furthest >= end:
            held.add((start, end))
        furthest = max(furthest, end)
    return [s for s in spans if (s.start, s.end) not in held]


def _candidates(doc: Doc) -> tuple[list[Span], set[tuple[int, int]]]:
    """The expressions' spans in text order, and the bounds of those that are cues only (``_cue``)."""
    vocabulary = load()
    spans: list[Span] = []
    rejected: set[int] = set()  # tokens of entities judged not to be times ("58-year-old")
    for ent in (line for e in doc.ents if e.label_ in ("DATE", "TIME") for line in _lines(doc, e)):
        after = doc[ent.end].lower_ if ent.end < len(doc) else ""
        before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if NOT_TIME.search(ent.text) or after == "old" or ent.text.lower().endswith("-old") or before == "age" \
                or ent.text.lower().startswith("the age") or not re.search(r"[A-Za-z]|\d[:/]|^\d{4}$|'\d\d", ent.text) \
                or _quality_or_share(ent):  # "a quarterly dividend", "about a quarter of its dealers"
            rejected.update(range(ent.start, ent.end))
            continue
        spans.append(_fit(doc, ent))
    spans = _outermost(spans)
    tokens = list(doc)  # spaCy makes a new Token object on every access: once is enough
    lowers = [t.lower_ for t in tokens]
    extra: list[tuple[Span, bool]] = []  # (span, a cue only)
    for label, start, end in _phrase_matches(lowers) + _token_matches(tokens, lowers):
        span = doc[start:end]
        text = span.text.lower()
        if label == "reference" and text in vocabulary.ambiguous_references and not _reads_as_time(span):
            continue
        if _quality_or_share(span):
            continue  # "long-term debt", "a quarterly dividend": a quality of a thing; "a quarter of its staff"
        if text in vocabulary.owned_references and end < len(doc) and lowers[end] == "of":
            continue  # "the future of NATO": NATO's fate, not a time
        if any(i in rejected for i in range(start, end)) or label == "hyphenated" and any(
                t.lower_ in ("old", "-old") for t in doc[end:end + 2]):
            continue
        if label == "set" and text == "a year" and not (start > 0 and doc[start - 1].like_num is False
                                                        and doc[start - 1].pos_ in ("NOUN", "NUM", "SYM")):
            continue
        if label == "year" and (span[0].dep_ == "nummod" and span[0].head.tag_ == "NNS"  # "2000 jobs"
                                or not re.fullmatch(r"(1[89]|20)\d\d|'\d\ds?|((1[89]|20)\d)?\d0'?s", text)):
            continue
        extra.append((span, label == "reference" and _cue(span)))
    taken = {i for s in spans for i in range(s.start, s.end)}
    cues: set[tuple[int, int]] = set()
    for span, cue in sorted(((_fit(doc, s), cue) for s, cue in extra),
                            key=lambda pair: (pair[0].start, -(pair[0].end - pair[0].start))):
        if not any(i in taken for i in range(span.start, span.end)):
            spans.append(span)
            taken.update(range(span.start, span.end))
            if cue:
                cues.add((span.start, span.end))
    return sorted(spans, key=lambda s: s.start), cues


def _cue(span: Span) -> bool:
    """Is a reference to the present, past or future one TimeML does not mark: one of ``unmarked_references``
    ("eventually", "formerly"), or an adverb that is a distance from another event ("soon" + "after the vote")
    or the first part of a compound adjective ("the now-defunct board")?"""
    vocabulary = load()
    doc = span.doc
    following = doc[span.end] if span.end < len(doc) else None
    return span.text.lower() in vocabulary.unmarked_references or following is not None and len(span) == 1 and (
        following.lower_ in vocabulary.relative_followers
        or following.text == "-" and not span[-1].whitespace_ and not following.whitespace_)


CLOCK_SHAPES = {"d:dd", "dd:dd"}
HOUR_SHAPES = {"d", "dd", "d.dd", "dd.dd"}
YEAR_SHAPES = {"'dd", "'dds", "dds", "dddds"}
NUMERIC_SHAPES = {f"{a}/{b}/{c}" for a in ("d", "dd") for b in ("d", "dd") for c in ("dd", "dddd")}
BARE_UNIT_ROLES = {"pobj", "npadvmod", "dobj", "nsubj"}


def _token_matches(tokens: list[Token], lowers: list[str]) -> list[tuple[str, int, int]]:
    """Years, clock times, numeric dates, weekdays, months, seasons, '12-year', 'recent years': one pass over
    the tokens with set lookups (spaCy's Matcher calls Python for every IN predicate on every token)."""
    vocabulary = load()
    numbers = set(vocabulary.numbers) | {"single"}
    units = {u for name in vocabulary.units for u in (name, name + "s")} | {"centuries"}
    seasons = set(vocabulary.seasons)
    ambiguous_months = vocabulary.ambiguous_months
    months = set(vocabulary.months) - ambiguous_months
    weekdays = set(vocabulary.weekdays)
    found = []
    n = len(tokens)
    for i, token in enumerate(tokens):
        low, shape = lowers[i], token.shape_
        following = lowers[i + 1] if i + 1 < n else ""
        if following == "-" and i + 2 < n and lowers[i + 2] in units and (low in numbers or token.like_num):
            found.append(("hyphenated", i, i + 3))
        elif low in vocabulary.vague_counts and following in vocabulary.vague_units:
            found.append(("vague", i, i + 2))
        elif low in vocabulary.bare_units and token.dep_ in BARE_UNIT_ROLES:
            found.append(("vague", i, i + 1))
        elif shape == "dddd" and following in ("utc", "gmt"):
            found.append(("clock", i, i + 2))
        elif shape == "dddd" and token.tag_ == "CD" or shape in YEAR_SHAPES:
            found.append(("year", i, i + 1))
        elif shape in CLOCK_SHAPES:
            found.append(("clock", i, i + 2 if following in vocabulary.clock_zones else i + 1))
        elif shape in HOUR_SHAPES and following in ("a.m.", "p.m."):
            found.append(("clock", i, i + 2))
        elif shape in NUMERIC_SHAPES:
            found.append(("numeric", i, i + 1))
        elif token.is_title and (low in weekdays or low in months):
            found.append(("weekday" if low in weekdays else "month", i, i + 1))
        elif low in vocabulary.month_signals and following in ambiguous_months and tokens[i + 1].is_title:
            found.append(("month", i + 1, i + 2))
        elif low in vocabulary.season_words and following in seasons:
            found.append(("season", i + 1 if low == "in" else i, i + 2))
        elif low in ("recent", "later") and token.dep_ in ("amod", "advmod"):
            found.append(("recent", i, i + 1))
    return found


def _fit(doc: Doc, span: Span) -> Span:
    """Take in the words just outside that belong ("this" + "year", "Friday" + "morning", "14:58" + "UTC"),
    leave out the ones inside that do not (a trailing "and", punctuation)."""
    vocabulary = load()
    left_words, right_words = vocabulary.left_words, vocabulary.right_words
    calendar_names = vocabulary.months + vocabulary.weekdays
    weekdays = vocabulary.weekdays
    units = {u for name in vocabulary.units for u in (name, name + "s")}
    start, end = _inside(doc, span)
    modifier = _modifies_outside(doc, start, end)  # "the" + "two-week" + "crisis": the article is the noun's
    count_words, numbers = vocabulary.count_words, vocabulary.numbers
    while start > 0 and (doc[start - 1].lower_ in left_words or doc[start - 1].lower_ in count_words
                         and (doc[start].like_num or doc[start].lower_ in numbers)) \
            and doc[start].lower_ not in ("the",) \
            and not (modifier and doc[start - 1].pos_ == "DET") \
            and not (doc[start - 1].lower_ in ("the", "that") and (doc[start].pos_ not in ("NOUN", "NUM")
                                                         or doc[start].lower_ in calendar_names
                                                         or re.fullmatch(r"\d{4}", doc[start].text))) \
            and doc[start - 1].sent.start == doc[start].sent.start:
        start -= 1
    if doc[start].lower_ in units:  # "two and a half" + "years"
        while start > 0 and (doc[start - 1].like_num or doc[start - 1].lower_ in numbers
                             or doc[start - 1].lower_ == "half"
                             or doc[start - 1].lower_ == "and" and start > 1 and (doc[start - 2].like_num
                                                                                or doc[start - 2].lower_ in numbers)):
            start -= 1
        while start > 0 and doc[start - 1].lower_ in (left_words | count_words) - {"the", "that"}:
            start -= 1
    if start > 0 and doc[start - 1].lower_ in ("from", "between") and any(
            t.lower_ in vocabulary.range_links for t in doc[start + 1:end - 1]):  # "from" + "2009 to 2011"
        start -= 1
    while start > 0 and doc[start].lower_ in ("morning", "afternoon", "evening", "night") \
            and doc[start - 1].lower_ in weekdays + ("yesterday", "today", "tomorrow"):
        start -= 1
    while end < len(doc) and doc[end].lower_ in right_words and (
            doc[end].lower_ not in ("morning", "afternoon", "evening", "night")
            or doc[end - 1].lower_ in weekdays + ("yesterday", "tomorrow")):
        end += 1
    days = weekdays + ("yesterday", "today", "tomorrow")
    if end < len(doc) and doc[end].lower_ in days and _clock_word(doc[end - 1]):  # "9 a.m." + "Tuesday"
        end += 1
    if start > 0 and doc[start].lower_ in days and _clock_word(doc[start - 1]) and not doc[start - 1].like_num:
        start -= 1  # "noon" + "Thursday"
    if start > 0 and doc[start].lower_ in calendar_names and doc[start - 1].lower_ in ("every", "each"):
        start -= 1  # "each" + "Thursday": a repetition
    return doc[start:end]


def _clock_word(token: Token) -> bool:
    """The last word of a clock time: "noon", "midnight", "a.m.", "14:58", "GMT"."""
    return token.lower_ in ("noon", "midnight") or token.lower_ in load().clock_zones or token.shape_ in CLOCK_SHAPES


def _lines(doc: Doc, span: Span) -> list[Span]:
    """An entity the recogniser ran over a line break ("November" + a date line under it): one piece a line."""
    breaks = [t.i for t in span if t.is_space and "\n" in t.text]
    bounds = zip([span.start] + [b + 1 for b in breaks], breaks + [span.end])
    return [doc[a:b] for a, b in bounds if b > a]


def _inside(doc: Doc, span: Span) -> tuple[int, int]:
    """The span without the words at its edges that are not part of a time expression: punctuation and
    conjunctions, a possessive ending ("last year's"), possessives and the words of ``outside_words`` before it
    ("its fourth quarter", "both 1990"), and what the entity recogniser took in before it that the parse puts
    elsewhere and that is no time on its own ("coup d'etat" + "last year", "seven" + "a year ago", the article
    of the noun a "20th century" modifies)."""
    outside_words = load().outside_words
    start, end = span.start, span.end
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("and", "or", "to")
                               or doc[end - 1].tag_ == "POS" and not doc[end - 2].like_num):  # not "1980's"
        end -= 1
    while start < end - 1 and (_loose_punct(doc, start)
                               or doc[start].lower_ in ("and", "or") or doc[start].tag_ == "PRP$"
                               or doc[start].lower_ in outside_words
                               or doc[start].lower_ in ("a", "an") and _names_a_date(doc[start + 1])):
        start += 1
    while end - start > 1:
        while start < end - 1 and _loose_punct(doc, start):
            start += 1
        roots = [t for t in doc[start:end] if not start <= t.head.i < end or t.head.i == t.i]
        if len(roots) < 2:
            break
        second = min(t.i for t in roots[1].subtree if t.i >= start)
        rest = doc[second:end]
        if second <= start or roots[0].pos_ not in ("DET", "NUM", "X") or roots[0].is_punct \
                or any(start <= t.head.i < second for t in rest) \
                or resolve(doc[start:second].text, ANY_DAY) is not None:
            break
        start = second
    return start, end


def _loose_punct(doc: Doc, i: int) -> bool:
    """Punctuation at the start of an expression that is not part of it (the apostrophe of "'82" is)."""
    return doc[i].is_punct and not (doc[i].text in ("'", "\u2019") and i + 1 < len(doc) and doc[i + 1].shape_ == "dd")


def _names_a_date(token: Token) -> bool:
    """A month, a weekday or a year: words no article stands before in a time expression ("an Aug. 10, 1988,
    agreement": the article is the agreement's)."""
    vocabulary = load()
    word = token.lower_.rstrip(".")
    return word in vocabulary.months or word in vocabulary.month_abbreviations or word in vocabulary.weekdays \
        or token.shape_ == "dddd"


def _modifies_outside(doc: Doc, start: int, end: int) -> bool:
    """Is the expression a modifier of a noun after it ("a two-week crisis", "the 30-day rate")?"""
    heads = [t.head for t in doc[start:end] if not start <= t.head.i < end]
    return bool(heads) and all(h.i >= end and h.pos_ in ("NOUN", "PROPN") for h in heads) \
        and all(t.dep_ in ("compound", "amod", "nummod", "nmod") for t in doc[start:end] if t.head.i >= end)


def _quality_or_share(span: Span) -> bool:
    """Is the span no time in its syntax: a word of ``unmarked_modifiers`` before a noun ("long-term debt"), or a
    share (``_fraction``)?"""
    return span.text.lower() in load().unmarked_modifiers and _modifies_noun(span) or _fraction(span)


def _modifies_noun(span: Span) -> bool:
    """Does the span modify a noun after it ("long-term" debt, "quarterly" dividend)?"""
    root = span.root
    return root.dep_ in ("amod", "compound", "nmod") and root.head.i >= span.end and root.head.pos_ in ("NOUN", "PROPN")


def _fraction(span: Span) -> bool:
    """Is a count of one of ``fraction_units`` a share of what follows "of" rather than a time ("about
    three-quarters of its food", "789, or about a quarter, of its dealers")? Not with an ordinal ("the first two
    quarters of 1990"), a word of durations ("two consecutive quarters of growth") or a time after "of"."""
    vocabulary = load()
    doc = span.doc
    if span[-1].lower_ not in vocabulary.fraction_units or any(t.lower_ in vocabulary.ordinals for t in span) \
            or len(span) > 1 and span[-2].lower_ in vocabulary.duration_fillers:
        return False
    after = span.end + (span.end < len(doc) and doc[span.end].text == ",")
    if after >= len(doc) or doc[after].lower_ != "of":
        return False
    share_of = next((c for c in doc[after].children if c.dep_ == "pobj"), None)
    return share_of is not None and share_of.ent_type_ not in ("DATE", "TIME") \
        and vocabulary.unit(share_of.text) is None and share_of.lower_ not in vocabulary.months \
        and share_of.shape_ != "dddd"


def _reads_as_time(span: Span) -> bool:
    """'current' before a noun of office or a figure, 'once' as an adverb, 'the moment' as a time."""
    text = span.text.lower()
    root = span.root
    if text == "once":
        return root.dep_ == "advmod" and root.head.pos_ in ("VERB", "AUX") and root.head.i > root.i
    if text in ("current", "recent"):
        return root.dep_ == "amod"
    if text == "later":
        return root.dep_ == "advmod" and root.head.pos_ in ("VERB", "AUX")
    if text in ("long-term", "short-term", "near-term"):
        return root.dep_ in ("amod", "compound") or span[-1].dep_ in ("amod", "compound")
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
    return find_times_and_cues(doc, ref)[0]


def find_times_and_cues(doc: Doc, ref: date | None) -> tuple[list[TimeExpression], list[TimeExpression]]:
    """The time expressions in ``doc`` (``find_times``), and the cues: references TimeML does not mark
    ("eventually", "once", "soon" + "after the vote", "now-defunct"), which still place an event ahead or back."""
    sentence_of = {sent.start: index for index, sent in enumerate(doc.sents)}
    found: list[tuple[TimeExpression, Timex | None]] = []
    candidates, cues = _candidates(doc)
    for span in _with_ranges(doc, candidates):
        timex = _resolve_span(doc, span, ref)
        parts = _split(doc, span, ref) if timex is None else []
        if parts:
            found.extend((_expression(doc, part, t, sentence_of), t) for part, t in parts)
            continue
        if timex is None:
            timex = _resolve_tail(doc, span, ref)
        found.append((_expression(doc, span, timex, sentence_of), timex))
        if timex is not None and timex.interval:  # a range's two ends are expressions of their own
            found.extend((_expression(doc, part, t, sentence_of), t) for part, t in _range_ends(doc, span, timex))
    if ref is not None:
        _resolve_anaphora(found)
    ordered = sorted((e for e, _ in found), key=lambda e: (e.start, -e.end))
    return [e for e in ordered if e.tokens not in cues], [e for e in ordered if e.tokens in cues]


def _resolve_span(doc: Doc, span: Span, ref: date | None) -> Timex | None:
    if ref is None:
        return None
    signal = _signal(doc, span)
    future = True if _after_ahead_phrase(doc, span) else direction(span)
    if future is None and signal in ("until", "till", "by"):  # a deadline: "payable by Friday"
        future = True
    elif future is None and signal in ("since", "from"):  # a beginning: "closed since Monday"
        future = False
    timex = resolve(span.text, ref, future)
    if timex is None and signal:
        timex = resolve(f"{signal} {span.text}", ref, future)
    if timex is not None and timex.point is not None and timex.point.precision == "year" \
            and span.end < len(doc) and doc[span.end].lemma_ == "end" and not any(t.like_num for t in span):
        return Timex("DURATION", "P1Y")  # "the year ended Sept. 30": the twelve months up to that day
    return timex


def _after_ahead_phrase(doc: Doc, span: Span) -> bool:
    """Does "as early as" or "as soon as" stand just before the expression or begin it?"""
    before = " ".join(t.lower_ for t in doc[max(span.start - 3, 0):span.start])
    inside = " ".join(t.lower_ for t in span[:4])
    return any(before.endswith(phrase) or inside.startswith(phrase + " ") for phrase in load().ahead_phrases)


def _resolve_tail(doc: Doc, span: Span, ref: date | None) -> Timex | None:
    """The value of an expression not understood whole, from its end without its first one to three words
    ("that today", "the second day" of an offensive, "a third straight day"): words the entity recogniser took
    in with a time that say nothing of its value."""
    for start in range(span.start + 1, min(span.start + 4, span.end)):
        timex = _resolve_span(doc, doc[start:span.end], ref)
        if timex is not None:
            return timex
    return None


def _expression(doc: Doc, span: Span, timex: Timex | None, sentence_of: dict[int, int]) -> TimeExpression:
    expression = TimeExpression(text=span.text, start=span.start_char, end=span.end_char,
                                sentence=sentence_of.get(span.sent.start, 0),
                                type=timex.type if timex else _guess_type(span), value=timex.value if timex else None,
                                mod=timex.mod if timex else None, signal=_signal(doc, span),
                                interval=list(timex.interval) if timex and timex.interval else None,
                                tokens=(span.start, span.end))
    _set_point(expression, timex.point if timex and timex.type in ("DATE", "TIME") else None)
    return expression


def _set_point(expression: TimeExpression, point: TimeValue | None) -> None:
    if point is not None and point.event_precision:
        expression.date, expression.precision = point.iso(), point.event_precision


def _split(doc: Doc, span: Span, ref: date | None) -> list[tuple[Span, Timex]]:
    """An entity that is not one expression but several, when each part is understood: parts joined by a verb,
    "of", "to" or "and" ("the year ended Sept. 30", "the first nine months of 1997", "Friday to December's"),
    each of them whole or in comma-separated parts ("June 17, two days after ...")."""
    joining = [t.i for t in span if t.tag_ in ("VBN", "VBG", "VBD") or t.lower_ in load().joining_words]
    found: list[tuple[Span, Timex]] = []
    for part, timex in _parts(doc, span, ref, joining):
        pieces = [(part, timex)] if timex is not None else _parts(doc, part, ref, [
            t.i for t in part if t.text in (",", ";")])
        if len(pieces) < 2 and timex is None or any(t is None for _, t in pieces):
            return []
        found.extend((p, t) for p, t in pieces if t is not None)  # all of them: a None returned above
    return found if len(found) > 1 else []


def _parts(doc: Doc, span: Span, ref: date | None, separators: list[int]) -> list[tuple[Span, Timex | None]]:
    """The span cut at the separator tokens, each part fitted and resolved (the span itself when none)."""
    if not separators:
        return [(span, None)]
    bounds = zip([span.start] + [i + 1 for i in separators], separators + [span.end])
    parts = [_fit(doc, doc[a:b]) for a, b in bounds if b > a]
    return [(part, _resolve_span(doc, part, ref)) for part in parts]


def _with_ranges(doc: Doc, spans: list[Span]) -> list[Span]:
    """Two expressions joined as a range ("from 2009 to 2011", "between April and June") become one more."""
    range_links = load().range_links
    out = list(spans)
    for a, b in zip(spans, spans[1:]):
        if b.start == a.end + 1 and doc[a.end].lower_ in range_links and a.start > 0 \
                and doc[a.start - 1].lower_ in ("from", "between"):
            out.append(doc[a.start - 1:b.end])
    return sorted(out, key=lambda s: (s.start, -len(s)))


def _range_ends(doc: Doc, span: Span, timex: Timex) -> list[tuple[Span, Timex]]:
    """A range's two ends as expressions of their own, with the values the range gave them ("March 3-5")."""
    range_links = load().range_links
    links = [t.i for t in span if t.lower_ in range_links and t.i > span.start]
    if not links or timex.point is None or timex.last is None:
        return []
    first_start = span.start + (1 if span[0].lower_ in ("from", "between") else 0)
    parts = [doc[first_start:links[0]], doc[links[0] + 1:span.end]]
    if not all(len(part) for part in parts):
        return []
    return [(part, Timex("TIME" if end.precision in ("time", "part-of-day") else "DATE", end.timex(), end))
            for part, end in zip(parts, (timex.point, timex.last))]


def _resolve_anaphora(found: list[tuple[TimeExpression, Timex | None]]) -> None:
    """Expressions read against what the text named before them rather than against the reference date:
    'the day', a bare 'morning' or '14:00 UTC' mean the last day named, 'the day after' the day after it; 'the
    year before', 'the following year' count from the last year named (or the year of the last date);
    'that quarter', 'the period' are the last quarter or half named; 'a year ago', 'year-earlier' that
    quarter or half a year back ("profit in the third quarter rose from a year ago": 1988-Q3); 'the same
    month a year ago' the month last named, a year back. What an expression comes to this way is no anchor for
    the next ('a year earlier ... a year earlier' are both the year before the one named, not two and three
    years back)."""
    vocabulary = load()
    steps = vocabulary.steps_from_named
    last_day: date | None = None
    last_point: TimeValue | None = None  # the last day, week, month (or finer) named
    period: TimeValue | None = None  # the last quarter or half named
    same_period = re.compile(r"(?:the|that|this) (?:same |comparable |" + YEAR + r" )?(?:"
                             + "|".join(sorted(vocabulary.same_period_nouns)) + ")")
    year_before = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(vocabulary.year_before_words)) + r")\b")
    ordinals = set(vocabulary.ordinals)
    for expression, timex in sorted(found, key=lambda pair: pair[0].start):
        text = expression.text.lower()
        point = timex.point if timex else None
        anchored = point
        backwards = text in vocabulary.year_before_phrases or year_before.search(text) and not ordinals & set(
            text.split())
        if last_point is not None and vocabulary.same_named_a_year_back.get(text) == last_point.precision:
            anchored = last_point.shift_years(-1)
        elif period is not None and backwards:
            anchored = period.shift_years(-1)
        elif period is not None and (m := same_period.fullmatch(text)) and (
                not m.group(1) or int(m.group(1)) == period.value.year):
            anchored = period
        elif last_point is not None and (unit := next((u for u in steps if text in steps[u]), None)):
            anchored = last_point.step(unit, steps[unit][text])
        elif last_day is not None and point is not None:
            if text in vocabulary.same_day_phrases:
                anchored = TimeValue(last_day, "day")
            elif point.precision in ("part-of-day", "time") and not re.search(
                    r"today|tonight|yesterday|tomorrow|this|day", text) \
                    and not any(w in text for w in vocabulary.weekdays):
                anchored = TimeValue(last_day, point.precision, point.detail)
        if anchored is not point and anchored is not None:
            expression.type, expression.value = ("DATE" if anchored.precision not in ("part-of-day", "time")
                                                 else expression.type), anchored.timex()
            _set_point(expression, anchored)
        if point is None or anchored is None or (
                anchored is not point and point.precision not in ("part-of-day", "time")):
            continue  # an expression read against an earlier one anchors nothing new
        if point.precision in ("day", "part-of-day", "time"):
            last_day = anchored.value
        if point.precision not in ("decade", "century") and anchored.value.year > 1:
            last_point = anchored
        if anchored.precision in ("quarter", "half"):
            period = anchored


def _guess_type(span: Span) -> str:
    return "TIME" if span.label_ == "TIME" else "DATE"


def _nearest(starts: list[int], index: int) -> int:
    return max((n for n, s in enumerate(starts) if s <= index), default=0)
