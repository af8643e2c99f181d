"""References within a document: pronouns, surnames, titles and plural references.

"he" -> the person last named; "the Japanese leader" -> the Japanese government figure last named;
"Kishida" after "Fumio Kishida" -> the same person; "the two leaders" / "both countries" -> the last
two persons / countries. The rules are deliberately conservative: a wrong link is worse than none.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy
from spacy.attrs import LOWER, POS, SENT_START
from spacy.strings import get_string_id
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Token

from ..model import Actor, Mention
from .dictionary import ActorDictionary
from .matcher import phrase_head

PERSON_PRONOUNS = {"he", "she", "him", "his", "her", "hers", "himself", "herself"}
PLURAL_NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4}
PLURAL_PERSON_NOUNS = {"leaders", "presidents", "ministers", "men", "sides", "heads"}
PLURAL_COUNTRY_NOUNS = {"countries", "nations", "states", "neighbours", "neighbors", "allies", "sides",
                        "governments", "capitals"}
SINGULAR_COUNTRY_NOUNS = {"country", "nation"}
REFERENCE_NOUNS = PLURAL_PERSON_NOUNS | PLURAL_COUNTRY_NOUNS | SINGULAR_COUNTRY_NOUNS
LOOKBACK_SENTENCES = 3


def _sentence_index(doc: Doc) -> list[int]:
    """Token index -> the number of its sentence, as ``doc.sents`` counts them (read from the array of
    sentence starts, without making a Token for each word)."""
    if not len(doc):
        return []
    starts = doc.to_array(SENT_START) == 1
    starts[0] = True
    return (numpy.cumsum(starts) - 1).tolist()


def _candidates(doc: Doc, heads: Iterable[int]) -> list[int]:
    """The tokens a reference can be, in order: mention heads, personal pronouns, proper nouns (surnames)
    and the nouns of plural or country references. Other words cannot be and are never read."""
    lower, pos = doc.to_array(LOWER), doc.to_array(POS)
    pronoun = numpy.isin(lower, [get_string_id(w) for w in PERSON_PRONOUNS])
    noun = (pos == NOUN) & numpy.isin(lower, [get_string_id(w) for w in REFERENCE_NOUNS])
    found = set(numpy.flatnonzero(pronoun | noun | (pos == PROPN)).tolist())
    return sorted(found.union(heads))


def resolve(doc: Doc, mentions: list[Mention], dictionary: ActorDictionary) -> list[Mention]:
    """Add mentions for references to actors already named; return all mentions in text order."""
    sentence_of = _sentence_index(doc)
    by_head = {m.head: m for m in mentions}
    persons_seen: list[tuple[int, Mention]] = []  # (token index, mention), in text order
    countries_seen: list[tuple[int, Mention]] = []
    surnames: dict[str, Mention] = {}
    added: list[Mention] = []
    replaced: set[int] = set()  # heads of sector mentions that are plural references ("the two leaders")

    def window(seen: list[tuple[int, Mention]], before: int) -> list[tuple[int, Mention]]:
        """The entries of ``seen`` (in text order) before token ``before`` and at most LOOKBACK_SENTENCES
        sentences back, nearest first. Read from the end and stopped at the limit, so each reference
        costs what its window holds, not what the document has seen so far."""
        limit = sentence_of[before] - LOOKBACK_SENTENCES
        found = []
        for i, m in reversed(seen):
            if i >= before:
                continue
            if sentence_of[i] < limit:
                break
            found.append((i, m))
        return found

    def recent(seen: list[tuple[int, Mention]], before: int) -> list[Mention]:
        return [m for _, m in window(seen, before)]

    def distinct(candidates: list[Mention], n: int) -> tuple[Actor, ...]:
        chosen: list[Actor] = []
        for m in candidates:
            for actor in m.plural or (m.actor,):
                if actor.name not in {a.name for a in chosen}:
                    chosen.append(actor)
        return tuple(chosen[:n]) if len(chosen) >= n else ()

    def by_surname(token: Token) -> None:
        """The person last named in full with this surname."""
        antecedent = surnames[token.text]
        added.append(_refer(token, antecedent.actor, f"coreference: surname {token.text!r} -> {antecedent.actor.name}"))
        persons_seen.append((token.i, added[-1]))

    for i in _candidates(doc, by_head):
        token = doc[i]
        mention = by_head.get(token.i)
        if mention is not None and mention.actor.country is None and _plural_reference(token):
            mention = None  # "the two leaders": a plural reference, not the sector itself
        if mention is not None and mention.actor.kind == "person" and mention.text == token.text \
                and token.text in surnames and surnames[token.text].actor.name != mention.actor.name:
            # a surname alone is the person last named with it ("Hillary Clinton ... Clinton's victory"),
            # not the dictionary's best-known bearer of it
            replaced.add(token.i)
            by_surname(token)
            continue
        if mention is not None:
            mention = _refine_definite(token, mention, recent(persons_seen, token.i), dictionary)
            if mention.actor.kind == "person":
                persons_seen.append((token.i, mention))
                surname = _surname(mention.actor.name)
                if len(surname) > 2 and surname[0].isupper() and mention.text != token.text:
                    surnames[surname] = mention  # named in full: the latest such person owns the surname
            elif mention.actor.kind == "country":
                countries_seen.append((token.i, mention))
            continue
        lower = token.lower_
        if lower in PERSON_PRONOUNS and token.tag_ in ("PRP", "PRP$"):
            candidates = recent(persons_seen, token.i)
            if candidates:
                antecedent = _prefer_subject(doc, candidates)
                added.append(_refer(token, antecedent.actor, f"coreference: {token.text!r} -> {antecedent.actor.name}"))
                persons_seen.append((token.i, added[-1]))
            continue
        if token.pos_ == "PROPN" and token.text in surnames and token.dep_ not in ("compound", "flat"):
            by_surname(token)
            continue
        if token.pos_ == "NOUN" and phrase_head(token).i == token.i:
            plural = _plural_reference(token)
            if plural and token.i in by_head:
                replaced.add(token.i)
            if plural:
                number, noun = plural
                if noun in PLURAL_PERSON_NOUNS and noun != "sides":
                    actors = distinct(recent(persons_seen, token.i), number)
                else:
                    # "the two countries" after "Marcos met Kamikawa": the countries of the people named
                    pool = sorted(window(persons_seen, token.i) + window(countries_seen, token.i),
                                  key=lambda x: x[0], reverse=True)
                    as_states = (_as_country(m, dictionary) for _, m in pool)
                    actors = distinct([m for m in as_states if m], number)
                if actors:
                    ref = _refer(token, actors[0], "coreference: '" + _phrase_text(token) + "' -> "
                                 + ", ".join(a.name for a in actors), span_start=token.left_edge)
                    ref.plural = actors
                    added.append(ref)
            elif lower in SINGULAR_COUNTRY_NOUNS and any(c.lower_ in ("the", "this") for c in token.lefts):
                candidates = recent(countries_seen, token.i)
                if candidates:
                    added.append(_refer(token, candidates[0].actor,
                                        f"coreference: 'the {lower}' -> {candidates[0].actor.name}",
                                        span_start=token.left_edge))
    kept = [m for m in mentions if m.head not in replaced]
    return sorted(kept + added, key=lambda m: m.start)


NAME_SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"}


def _surname(name: str) -> str:
    words = [w for w in name.split() if w.lower() not in NAME_SUFFIXES]
    return words[-1].rstrip(",") if words else ""


def _refine_definite(head: Token, mention: Mention, recent_persons: list[Mention],
                     dictionary: ActorDictionary) -> Mention:
    """"the Japanese leader" (a role word, no name) -> the matching person named before."""
    actor = mention.actor
    if actor.kind != "sector" or not any(t.lower_ in ("the", "that", "this") for t in head.lefts):
        return mention
    entry = dictionary.sector_words.get(head.lower_)
    if entry is None or not entry.role_word:
        return mention
    if head.tag_ in ("NNS", "NNPS"):
        return mention
    for candidate in recent_persons:
        c = candidate.actor
        same_country = actor.country is None or c.country == actor.country
        same_sector = actor.sector is None or (c.code.endswith(actor.sector) if actor.sector else True)
        if same_country and same_sector and c.code:
            mention.actor = c
            mention.how = f"coreference: {mention.text!r} -> {c.name}"
            mention.via, mention.adjective = "coreference", None
            break
    return mention


def _as_country(mention: Mention, dictionary: ActorDictionary) -> Mention | None:
    actor = mention.actor
    if actor.kind == "country":
        return mention
    if actor.country:
        return Mention(mention.start, mention.end, mention.text, dictionary.country_actor(actor.country),
                       mention.how, mention.head, via=mention.via, adjective=mention.adjective)
    return None


def _prefer_subject(doc: Doc, candidates: list[Mention]) -> Mention:
    """The most recent person, preferring one who was a subject in the nearest sentence."""
    nearest = candidates[0]
    for m in candidates[:4]:
        if doc[m.head].dep_ in ("nsubj", "nsubjpass") and m.actor.name == nearest.actor.name:
            return m
    return nearest


def _plural_reference(token: Token) -> tuple[int, str] | None:
    lower = token.lower_
    if lower not in PLURAL_PERSON_NOUNS | PLURAL_COUNTRY_NOUNS:
        return None
    lefts = [t.lower_ for t in token.lefts]
    for word, number in PLURAL_NUMBERS.items():
        if word in lefts:
            return number, lower
    if "the" in lefts and lower in ("allies", "sides", "neighbours", "neighbors") and len(lefts) == 1:
        return 2, lower
    return None


def _phrase_text(token: Token) -> str:
    return token.doc[token.left_edge.i: token.i + 1].text


def _refer(token: Token, actor: Actor, how: str, span_start: Token | None = None) -> Mention:
    start = (span_start or token).idx
    end = token.idx + len(token.text)
    return Mention(start, end, token.doc[(span_start or token).i: token.i + 1].text, actor, how, token.i,
                   via="coreference")
