"""Places: every place the text names, resolved offline, and the place where each event happened.

    find_places(doc, countries)      -> the place mentions of a parsed text
    locate(doc, trigger, mentions)   -> the mention naming where the event on that trigger happened
    read_places(document)            -> the stage before events: Document.place_mentions from the parse
    document_places(document)        -> those mentions (read now if the stage did not run)
    locate_events(document)          -> the stage after events: Document.places and each Event.location

A place mention is a spaCy GPE, LOC or FAC entity, or a proper noun that its syntax marks as a place
although the entity recogniser missed it ("Khanasir town", "the town of Bakwa", "killed in Aziziyah").
Each mention is resolved by the gazetteer (``geo.py``), preferring readings in the countries the article
is about: its actors' countries, its dateline's and the countries it names.

An event's place is found from its trigger token through the dependency parse: a locative prepositional
phrase on the trigger ("killed in Nablus"), on a phrase below it ("in clashes in Idlib") or on the clause
it depends on ("shelling hit a bus in Donetsk, killing eight"); for material events, a place that is the
trigger's object or passive subject ("captured Badme", "Grozny's streets were patrolled"). The cheapest
such path wins (see ``locate``); a broad place costs more than a precise one, and a place named to say
where another is ("Taji, north of Baghdad") more than that one. A place reached only through a reporting
clause is not the event's ("said in Geneva that ...").

When the sentence names no place for the event, the dateline's place is used only when it is clearly the
scene: the event is on the ground (protest, force, violence), it is in the article's first two sentences,
and its sentence names no other place.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from typing import Any

import yaml

from .geo import Place, gazetteer
from .model import Document, PlaceRef

PLACE_LABELS = ("GPE", "LOC", "FAC")
MAX_PATH_COST = 6
DATELINE_ROOTS = ("14", "15", "17", "18", "19", "20")  # protest, force posture, coerce, assault, fight, mass violence
DATELINE_SENTENCES = 2
MATERIAL_QUAD_CLASSES = (2, 4)  # material cooperation and conflict: their objects can be places
# Links that climb from the trigger to the clause it depends on, and what each costs. A reporting clause
# (ccomp) is never climbed: "said in Geneva that ... were killed" does not place the killing in Geneva.
UP_COSTS = {"conj": 1, "advcl": 1, "xcomp": 1, "acl": 1, "relcl": 2, "pcomp": 1, "pobj": 1, "prep": 0,
            "dobj": 1, "nsubj": 1, "nsubjpass": 1, "compound": 1, "amod": 1, "nmod": 1, "appos": 1, "attr": 1,
            "oprd": 1, "npadvmod": 1, "dep": 2}
# Links from the event down to the locative preposition ("during clashes in Idlib", "hit a bus in Donetsk");
# a preposition listed as non-locative in data/places/syntax.yaml ends the path ("according to").
OUTER_COSTS = {"prep": 1, "pobj": 0, "acl": 1, "dobj": 1, "nsubjpass": 2, "nsubj": 2, "agent": 1, "xcomp": 1,
               "npadvmod": 1, "advmod": 1, "advcl": 2, "conj": 2, "appos": 2, "compound": 1, "pcomp": 1}
OUTER_OF_COST = 1.0  # "a series of raids in Tikrit": further than "raids in Tikrit"
# Links below the locative preposition, down to the place.
INNER_COSTS = {"pobj": 0, "compound": 0, "amod": 0, "nmod": 0, "conj": 0, "prep": 0, "poss": 1,
               "appos": 0.5, "npadvmod": 1, "advmod": 0, "pcomp": 0, "dobj": 1, "nummod": 1, "acl": 3, "relcl": 3}
# Links from the event to an argument that is the place or a feature noun over it: "captured Badme",
# "liberated the cities of Palmyra and Quaryatayn", "Grozny's streets were patrolled".
ARGUMENT_COSTS = {"dobj": 0.5, "nsubjpass": 1, "attr": 2, "oprd": 2}
ARGUMENT_INNER = frozenset({"compound", "poss", "prep", "pobj", "amod", "nmod", "conj", "appos"})
# How much less a broad place is worth than a precise one when both are as close to the event. An
# unresolved name's breadth comes from the feature noun it qualifies ("Shaba province"), with the costs
# data/places/syntax.yaml gives broad feature nouns.
BREADTH_COSTS = {"country": 1.0, "continent": 1.5, "region": 0.25, "adm1": 0.25}
REFERENCE_COST = 1.5  # a place named to say where another place is: "Taji, just north of Baghdad"
ACTOR_KINDS_NOT_PLACES = ("person", "organisation", "group", "people")
NAMED_ONLY_LABELS = ("PERSON", "NORP", "DATE", "TIME", "ORDINAL", "CARDINAL", "MONEY", "PERCENT", "QUANTITY",
                     "LANGUAGE", "EVENT", "WORK_OF_ART", "LAW")


@dataclass(frozen=True)
class PlaceWords:
    locative_prepositions: frozenset[str]
    directions: frozenset[str]
    feature_nouns: frozenset[str]
    name_suffixes: tuple[str, ...]  # longest first
    name_prefixes: tuple[str, ...]  # each with the "of" after it: "city of "
    non_locative_prepositions: frozenset[str]
    broad_feature_nouns: dict[str, float]  # noun -> breadth cost


@lru_cache(maxsize=1)
def place_words() -> PlaceWords:
    """``data/places/syntax.yaml``: the words the place rules look for."""
    text = resources.files("accord").joinpath("data/places/syntax.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    suffixes = sorted(data["name_suffixes"], key=len, reverse=True)
    prefixes = tuple(f"{noun} of " for noun in data["name_prefixes"])
    return PlaceWords(frozenset(data["locative_prepositions"]), frozenset(data["directions"]),
                      frozenset(data["feature_nouns"]), tuple(suffixes), prefixes,
                      frozenset(data["non_locative_prepositions"]),
                      {noun: float(cost) for noun, cost in data["broad_feature_nouns"].items()})


@dataclass
class Mention:
    """A place mention in a parsed text: tokens [start, end) and what they resolve to."""

    start: int
    end: int
    root: int
    text: str
    char_start: int
    char_end: int
    place: Place | None

    def ref(self, how: str = "") -> PlaceRef:
        p = self.place
        return PlaceRef(self.text, self.char_start, self.char_end, p.name if p else None, p.country if p else None,
                        p.feature if p else None, p.latitude if p else None, p.longitude if p else None,
                        p.geonames_id if p else None, p.admin1 if p else None, how)


# ---------------------------------------------------------------------- mentions
def _strip_article(span) -> Any:
    while len(span) > 1 and span[0].lower_ in ("the", "a", "an") or len(span) > 1 and span[0].is_punct:
        span = span[1:]
    while len(span) > 1 and (span[-1].is_punct or span[-1].lower_ in ("'s", "\u2019s")):
        span = span[:-1]
    return span


def _lookup_names(text: str, words: PlaceWords) -> list[str]:
    """"Homs province" -> ["Homs province", "Homs"]: the name as written, then without a feature noun
    ("city of Palmyra" -> "Palmyra")."""
    names = [text]
    lowered = text.lower()
    for suffix in words.name_suffixes:
        if lowered.endswith(" " + suffix):
            names.append(text[: -len(suffix) - 1].strip())
            break
    for prefix in words.name_prefixes:
        if lowered.startswith(prefix):
            names.append(text[len(prefix):])
    return names


def _resolve(text: str, countries: set[str]) -> Place | None:
    words = place_words()
    for name in _lookup_names(text, words):
        place = gazetteer().resolve(name, countries)
        if place is not None:
            return place
    return None


def _proper_chunk(doc, token) -> tuple[int, int]:
    """The run of proper nouns (and the hyphens inside them) around ``token``: "Al - Bayaa" -> one name."""
    start = end = token.i
    while start > 0 and (doc[start - 1].pos_ == "PROPN" or doc[start - 1].text == "-" and start > 1
                         and doc[start - 2].pos_ == "PROPN"):
        start -= 1
    while end + 1 < len(doc) and (doc[end + 1].pos_ == "PROPN" or doc[end + 1].text == "-"
                                  and end + 2 < len(doc) and doc[end + 2].pos_ == "PROPN"):
        end += 1
    return start, end + 1


def _is_feature(token, words: PlaceWords) -> bool:
    return token.lemma_.lower() in words.feature_nouns or token.lower_ in words.feature_nouns


def _marked_as_place(token, words: PlaceWords) -> bool | None:
    """Does the syntax call this proper noun a place? True: by a feature noun ("Khanasir town", "the town
    of Bakwa", "the capital, Grozny"); None: by its position only ("killed in Aziziyah", "captured Jaffna"),
    which needs the gazetteer to agree unless the entity recogniser saw no name there; False: no."""
    head = token.head
    if token.dep_ in ("compound", "amod", "nmod", "poss", "appos") and _is_feature(head, words):
        return True
    if token.dep_ == "pobj" and head.lower_ == "of" and _is_feature(head.head, words):
        return True
    if token.dep_ == "pobj" and head.lower_ in words.locative_prepositions:
        return None
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ == "pobj" \
            and head.head.head.lower_ in words.locative_prepositions:
        return None  # "in the main rebel stronghold of Donetsk"
    if token.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB":
        return None
    return False


def find_places(doc, countries: set[str] | frozenset[str] = frozenset()) -> list[Mention]:
    """The place mentions of a parsed text, resolved with a preference for ``countries``."""
    return resolve_spans(place_spans(doc), countries)


def actor_names(document: Document) -> list[tuple[int, int]]:
    """Character spans of the people, organisations and groups the actor stage named from its
    dictionary ("Islamic State" is an armed group there, not a place), and of the country adjectives and
    demonyms it read ("a Ugandan rebel group")."""
    spans = []
    for m in document.mentions:
        if m.actor.kind in ACTOR_KINDS_NOT_PLACES and m.via == "dictionary":
            spans.append((m.start, m.end))
        elif m.adjective is not None:
            spans.append(m.adjective)
    return spans


def place_spans(doc, actors: list[tuple[int, int]] | tuple = ()) -> list:
    """The spans of a parsed text that name places, in order; none inside an ``actors`` span."""
    words = place_words()
    spans = []
    taken: set[int] = {t.i for start, end in actors for t in doc.char_span(start, end, alignment_mode="expand") or ()}
    for ent in doc.ents:
        if any(t.i in taken for t in ent):
            continue
        if ent.label_ in PLACE_LABELS and ent.root.pos_ != "ADJ":  # not "a Slovak mountain hut"
            span = _strip_article(ent)
            spans.append(span)
            taken.update(range(span.start, span.end))
    for token in doc:
        if token.i in taken or token.pos_ != "PROPN":
            continue
        marked = _marked_as_place(token, words)
        if marked is False:
            continue
        start, end = _proper_chunk(doc, token)
        if any(i in taken for i in range(start, end)):
            continue
        span = doc[start:end]
        label = token.ent_type_
        if label in NAMED_ONLY_LABELS[2:]:
            continue  # dates and numbers are never places
        if marked is None and label == "PERSON" and token.dep_ in ("dobj", "nsubjpass") and not any(
                c.dep_ == "appos" and _is_feature(c, words) for c in token.children):
            continue  # "Castro was shot": a person's name that is also a town's ("captured X, the capital" is not)
        if marked is None or label in NAMED_ONLY_LABELS and marked is not True:
            # position alone, or a name the recogniser calls a person or a people: the gazetteer must know it
            if label and not gazetteer().knows(span.text):
                continue
            if marked is None and not label and token.dep_ in ("dobj", "nsubjpass") \
                    and not gazetteer().knows(span.text):
                continue
        spans.append(span)
        taken.update(range(start, end))
    spans.sort(key=lambda s: s.start)
    return spans


def resolve_spans(spans: list, countries: set[str] | frozenset[str]) -> list[Mention]:
    """Place spans to mentions, each resolved by the gazetteer, preferring readings in ``countries`` and
    in the countries the spans themselves name."""
    known = set(countries)
    for span in spans:
        place = gazetteer().resolve(span.text)
        if place is not None and place.feature == "country" and place.country:
            known.add(place.country)
    return [Mention(s.start, s.end, s.root.i, s.text, s.start_char, s.end_char, _resolve(s.text, known))
            for s in spans]


# ---------------------------------------------------------------------- event places
def _ancestors(token) -> list:
    chain = [token]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def _down_cost(path: list, words: PlaceWords, argument_allowed: bool) -> float | None:
    """The cost of reaching a place down ``path`` (the tokens below the common ancestor, top first), or
    None when the path does not say that the place is where something happened."""
    first = path[0]
    if argument_allowed and first.dep_ in ARGUMENT_COSTS and (len(path) == 1 or all(
            t.dep_ in ARGUMENT_INNER and (t.dep_ != "prep" or t.lower_ == "of") for t in path[1:])):
        unmarked = 0 if len(path) == 1 or _is_feature(first, words) else 1  # "patrolled X's oil installations"
        return ARGUMENT_COSTS[first.dep_] + unmarked + sum(INNER_COSTS.get(t.dep_, 1) for t in path[1:])
    cost = 0.0
    locative = False
    for n, token in enumerate(path):
        dep, lower = token.dep_, token.lower_
        if not locative:
            after_direction = n > 0 and path[n - 1].lower_ in words.directions
            if dep == "prep" and (lower in words.locative_prepositions or lower == "of" and after_direction):
                locative = True
            elif dep in ("advmod", "npadvmod", "amod") and lower in words.directions:
                continue
            elif dep not in OUTER_COSTS or dep == "prep" and lower in words.non_locative_prepositions:
                return None
            else:
                cost += OUTER_COSTS[dep] + (OUTER_OF_COST if dep == "prep" and lower == "of" else 0)
        else:
            if dep not in INNER_COSTS:
                return None
            cost += INNER_COSTS[dep]
            if dep == "prep" and lower not in words.locative_prepositions and lower != "of":
                cost += 1
    return cost if locative else None


def _path_cost(doc, trigger: int, mention: Mention, words: PlaceWords, arguments: bool = True) -> float | None:
    """How far the place is from the event in the parse (lower is closer); None when unrelated."""
    if mention.start <= trigger < mention.end:
        return None
    root = doc[mention.root]
    broad = mention.place is not None and mention.place.feature in ("country", "continent")
    if broad and root.dep_ in ("compound", "amod", "nmod") and not _is_feature(root.head, words):
        return None  # a country as a modifier is not a location: "a U.S. airstrike", "US forces"
    up = _ancestors(doc[trigger])
    up_index = {t.i: n for n, t in enumerate(up)}
    down = []
    node = root
    while node.i not in up_index:
        down.append(node)
        if node.head.i == node.i:
            return None
        node = node.head
    top = up_index[node.i]
    if not down:  # the place is above the trigger ("the Manbij campaign" with the trigger "campaign" below)
        return None
    cost = 0.0
    for token in up[:top]:
        if token.dep_ not in UP_COSTS:
            return None
        cost += UP_COSTS[token.dep_]
    down_cost = _down_cost(list(reversed(down)), words, argument_allowed=arguments and top == 0)
    if down_cost is None:
        return None
    return cost + down_cost


def locate(doc, trigger: int, mentions: list[Mention], arguments: bool = True) -> tuple[Mention, float] | None:
    """The place mention that says where the event on token ``trigger`` happened, with its cost: the
    cheapest path in the parse, a broad place (a country) costing more than a precise one, and a place
    named only to say where another is ("Taji, north of Baghdad") more than that place.

    ``arguments``: may the trigger's object be its place? Yes for material events ("captured Kandahar"),
    no for verbal ones, whose object is the actor they address ("accused the Philippines").
    ``mentions`` are in text order, as ``find_places`` and ``document_places`` give them."""
    words = place_words()
    inside = _in_sentence(mentions, doc[trigger].sent)
    best: tuple[float, int, Mention] | None = None
    for mention in inside:
        cost = _path_cost(doc, trigger, mention, words, arguments)
        if cost is None or cost > MAX_PATH_COST:
            continue
        root = doc[mention.root]
        if mention.place is not None:
            cost += BREADTH_COSTS.get(mention.place.feature, 0.0)
        else:
            cost += words.broad_feature_nouns.get(root.head.lemma_.lower(), 0.0)
        ancestors = {t.i for t in _ancestors(root)[1:]}
        relative = root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in words.directions
        if relative or any(other.root in ancestors and other is not mention for other in inside):
            cost += REFERENCE_COST
        rank = (cost, abs(mention.root - trigger))
        if best is None or rank < best[:2]:
            best = (cost, abs(mention.root - trigger), mention)
    return (best[2], best[0]) if best else None


def _in_sentence(mentions: list[Mention], sentence) -> list[Mention]:
    """The mentions (in text order) whose root is in ``sentence``, found by bisection: an event's
    sentence is looked up without reading every place of the document."""
    first = bisect_left(mentions, sentence.start, key=lambda m: m.root)
    last = bisect_left(mentions, sentence.end, lo=first, key=lambda m: m.root)
    return mentions[first:last]


def _how(doc, trigger: int, mention: Mention) -> str:
    """"'in Tripoli' on 'clashed'", or "'Badme', argument of 'captured'"."""
    words = place_words()
    above = {t.i for t in _ancestors(doc[trigger])}
    for token in _ancestors(doc[mention.root])[1:]:
        if token.i in above:
            break
        if token.dep_ == "prep" and token.lower_ in words.locative_prepositions:
            return f"{token.text} {mention.text!r} on {doc[trigger].text!r}"
    return f"{mention.text!r}, argument of {doc[trigger].text!r}"


def _overlap_test(spans: list[tuple[int, int]]):
    """A test of whether [start, end) overlaps any of ``spans``, in O(log n) each: the spans sorted by
    start, with the largest end up to each of them."""
    spans = sorted(spans)
    starts = [start for start, _ in spans]
    reach = list(accumulate((end for _, end in spans), max))

    def overlaps(start: int, end: int) -> bool:
        before = bisect_left(starts, end)  # spans starting before ``end``
        return before > 0 and reach[before - 1] > start

    return overlaps


def article_countries(document: Document, spans: list | tuple = ()) -> set[str]:
    """The countries an article is about: its actors' and its dateline's. Actors named by a place
    (``spans``: "Tripoli" coded as Libya's government) are left out: their country is the reading in
    question."""
    overlaps = _overlap_test([(s.start_char, s.end_char) for s in spans])
    countries = {m.actor.country for m in document.mentions if m.actor.country and not overlaps(m.start, m.end)}
    if document.dateline and document.dateline.place:
        place = gazetteer().resolve(document.dateline.place)
        if place is not None and place.country:
            countries.add(place.country)
    return countries


def _dateline_place(document: Document) -> PlaceRef | None:
    dateline = document.dateline
    if not dateline or not dateline.place:
        return None
    place = gazetteer().resolve(dateline.place, article_countries(document))
    if place is None:
        return None
    return PlaceRef(dateline.place, -1, -1, place.name, place.country, place.feature, place.latitude,
                    place.longitude, place.geonames_id, place.admin1, "dateline: the scene of an event on the ground")


def read_places(document: Document) -> None:
    """The stage before events: the place mentions of the parse, outside its actors' names, resolved by the
    countries the article is about. The coder reads them to infer a missing side from where an event
    happened, and ``locate_events`` to place each event, so the two never disagree."""
    spans = place_spans(document.spacy_doc, actor_names(document))
    document.place_mentions = resolve_spans(spans, article_countries(document, spans))


def document_places(document: Document) -> list[Mention]:
    """A parsed document's place mentions: those the places stage read, else read now."""
    if document.place_mentions is None:
        read_places(document)
    return document.place_mentions


def locate_events(document: Document) -> None:
    """The stage: every place mention into ``document.places``; each event's place into ``event.location``."""
    doc = document.spacy_doc
    if doc is None:
        return
    mentions = document_places(document)
    document.places = [m.ref() for m in mentions]
    dateline = _dateline_place(document)
    sentence_number = {s.start: n for n, s in enumerate(doc.sents)}
    for event in document.events:
        if event.trigger_token < 0:
            continue
        found = locate(doc, event.trigger_token, mentions, arguments=event.quad_class in MATERIAL_QUAD_CLASSES)
        if found is not None:
            mention, _ = found
            event.location = mention.ref(_how(doc, event.trigger_token, mention))
            continue
        sentence = doc[event.trigger_token].sent
        names_a_place = bool(_in_sentence(mentions, sentence))
        if (dateline is not None and sentence_number[sentence.start] < DATELINE_SENTENCES and not names_a_place
                and event.root in DATELINE_ROOTS):
            event.location = dateline
