"""Finding actor mentions in a parsed document.

Names come from the dictionary through spaCy's PhraseMatcher (case-sensitive for names, lower case
for sector words). Matches inside one noun phrase are composed into one actor:
"Japanese" + "Prime Minister" + "Fumio Kishida" -> the person, coded by the office held on the date;
"Chinese" + "coast guard" -> CHNCOP; "Japanese" + "occupation" -> nothing (an adjective alone names
no actor unless its noun is a sector word).
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from datetime import date
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .. import cache
from ..geo import gazetteer
from ..model import Actor, Mention
from .dictionary import ActorDictionary, NameEntry

# Dependencies that tie a modifier into the noun phrase of its head.
MODIFIER_DEPS = {"compound", "amod", "nmod", "flat", "nummod", "det"}
OWNER_PREPOSITIONS = {"of", "in", "from", "throughout", "across"}
COUNTRY_KINDS = {"country", "metonym", "demonym", "adjective"}
USER_KINDS = {"user", "person"}  # the kinds of a user dictionary's entries (fixed code; dated codes)
STANCE_PREFIXES = {"anti", "pro", "non"}  # "anti-Syria": the country is what one is for or against


def _hyphen_modifier(token: Token) -> bool:
    """"Vietnamese-led forces", "US-backed government": the first part modifies the phrase."""
    return token.dep_ == "npadvmod" and token.i + 1 < len(token.doc) and token.nbor(1).text == "-"


def entity_of(token: Token) -> Span | None:
    """The named-entity span a token belongs to (without scanning all of doc.ents)."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def entities_by_sentence(doc: Doc) -> dict[int, list[Span]]:
    """Sentence start -> the entities wholly inside that sentence, as ``sent.ents`` gives them. Read once
    per document: ``sent.ents`` rebuilds every entity of the document on each call, so calling it for
    each sentence costs the square of the document's length."""
    ents = doc.ents
    by_sentence: dict[int, list[Span]] = {}
    k = 0
    for sent in doc.sents:
        while k < len(ents) and ents[k].start < sent.start:
            k += 1  # an entity across a sentence boundary is in neither sentence
        inside = by_sentence[sent.start] = []
        while k < len(ents) and ents[k].end <= sent.end:
            inside.append(ents[k])
            k += 1
    return by_sentence


def _inside_a_name(span: Span) -> bool:
    """Whether the span is part of a longer person's name the entity recogniser found."""
    ent = entity_of(span.root)
    return ent is not None and span.root.ent_type_ == "PERSON" and len(ent) > len(span) \
        and ent.start <= span.start and span.end <= ent.end


def _for_or_against(span: Span) -> bool:
    """Whether a name is the object of a stance prefix: "anti-Syria", "pro-Moscow"."""
    doc = span.doc
    return span.start >= 2 and doc[span.start - 1].text == "-" and doc[span.start - 2].lower_ in STANCE_PREFIXES


DASHES = {"—", "–", "--", "-", "---"}
PLACE_LABELS = ("GPE", "LOC")


def place_named_not_an_actor(span: Span) -> str | None:
    """Why a place name in the text stands for no actor, or None when it may: a dateline left in the text
    ("WASHINGTON (AP) — ..." opening a paragraph), a place that only says where another place is ("San
    Bernardino, Calif."), or a member's state in a label ("Duncan Hunter (R-Calif.)")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start else None
    if span.text.isupper() and len(span.text) > 2 and (before is None or "\n" in before.text or
                                                        before.text.isspace()):
        after = span.end
        if after < len(doc) and doc[after].text == "(":  # "(AP)", "(Reuters)"
            close = next((t.i for t in doc[after:min(after + 8, len(doc))] if t.text == ")"), None)
            after = close + 1 if close is not None else after
        if after < len(doc) and doc[after].text in DASHES:
            return f"{span.text!r} is a dateline, not an actor"
    root = span.root
    if root.dep_ == "appos" and root.head.i < span.start:
        owner = entity_of(root.head)  # a plain span: its kind is its tokens' entity type
        if owner is not None and root.head.ent_type_ in PLACE_LABELS:  # a town or a state, never "Iran, Syria"
            place = gazetteer().resolve(owner.text) if gazetteer().knows(owner.text) else None
            if place is not None and place.feature != "country":
                return f"{span.text!r} says where {owner.text!r} is, it is no actor of its own"
        if owner is not None and root.head.ent_type_ == "PERSON":
            return f"{span.text!r} is part of a label on {owner.text!r} (a member's state), not an actor"
    return None


def news_country(names: list[Span], dictionary: ActorDictionary, dateline: str | None) -> str | None:
    """Whose news a document is: the country of its dateline's place, else the country its built-in names
    (``names``, where the name matcher found them) name most (as a country, a capital standing for it, an
    adjective or a demonym; a tie goes to the one named first); None when it names none."""
    if dateline:
        place = gazetteer().resolve(dateline)
        if place is not None and place.country:
            return place.country
    counts: Counter[str] = Counter()
    for span in filter_spans(names):
        counts.update(e.key for e in dictionary.names.get(span.text, ()) if e.kind in COUNTRY_KINDS)
    return counts.most_common(1)[0][0] if counts else None


def phrase_head(token: Token) -> Token:
    """The head noun of the noun phrase a token modifies ("Japanese" -> "Kishida")."""
    seen = 0
    while (token.dep_ in MODIFIER_DEPS or _hyphen_modifier(token)) and token.head.i != token.i and seen < 8:
        token = token.head
        seen += 1
    return token


def phrase_keys(nlp: Any, dictionary: ActorDictionary) -> dict[str, list[tuple[int, ...]]]:
    """The dictionary's phrases as PhraseMatcher keys: the hash of each token's text (names, matched
    case-sensitively) or of its lower case (sector words, user names), as ``PhraseMatcher.add`` would
    read them from the phrase's Doc."""
    def keys(phrases, attr: str) -> list[tuple[int, ...]]:
        return [tuple(getattr(t, attr) for t in nlp.make_doc(p)) for p in phrases]

    return {"names": keys(dictionary.names, "orth"), "sector_words": keys(dictionary.sector_words, "lower"),
            "user_names": keys(dictionary.lower_names, "lower")}


def phrases_depend_on(nlp: Any, dictionary: ActorDictionary) -> tuple[str, ...]:
    """What the phrase keys depend on besides accord itself: the tokenizer (spaCy and the model) and the
    phrases (a user dictionary adds its own)."""
    import spacy

    digest = hashlib.sha256()
    for phrases in (dictionary.names, dictionary.sector_words, dictionary.lower_names):
        digest.update("\x00".join(phrases).encode() + b"\x01")
    meta = nlp.meta
    return spacy.__version__, nlp.lang, meta.get("name", ""), meta.get("version", ""), digest.hexdigest()


class MentionFinder:
    """Finds and composes actor mentions; built once per dictionary, used for many documents."""

    def __init__(self, nlp: Any, dictionary: ActorDictionary) -> None:
        self.nlp = nlp
        self.dictionary = dictionary
        # the phrases as the tokenizer cuts them, kept between runs (tokenising them all takes a second)
        phrases = cache.load("name-phrases", lambda: phrase_keys(nlp, dictionary),
                             depends=phrases_depend_on(nlp, dictionary))
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.names.add("NAME", phrases["names"])  # type: ignore[arg-type]  # keys as add reads a Doc
        self.sector_words = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.sector_words.add("SECTOR", phrases["sector_words"])  # type: ignore[arg-type]  # (the same)
        self.user_names = PhraseMatcher(nlp.vocab, attr="LOWER")
        if phrases["user_names"]:
            self.user_names.add("USER", phrases["user_names"])  # type: ignore[arg-type]  # (the same)

    def matches(self, doc: Doc, dateline: str | None = None) -> list[tuple[Span, list[NameEntry]]]:
        """The names found, each with its entries. A user entry limited to one country's news (``news_of``)
        is left out unless that country is the document's (``news_country``); its words are then read as
        if it were not there."""
        names = [doc[s:e] for _, s, e in self.names(doc)]
        spans = names + [doc[s:e] for matcher in (self.sector_words, self.user_names) for _, s, e in matcher(doc)]
        limited = self.dictionary.news_of
        country = news_country(names, self.dictionary, dateline) if limited and any(
            e.key in limited for span in spans for e in self.dictionary.lookup(span.text) if e.kind in USER_KINDS) \
            else None

        def entries_of(span: Span) -> list[NameEntry]:
            entries = self.dictionary.lookup(span.text)
            if not limited:
                return entries
            return [e for e in entries if not (e.kind in USER_KINDS and limited.get(e.key, country) != country)]

        if limited:  # a name whose every entry holds elsewhere is no name here: a shorter one inside it may be
            spans = [span for span in spans if entries_of(span) or not self.dictionary.lookup(span.text)]
        found = []
        for span in filter_spans(spans):
            entries = entries_of(span)
            if _inside_a_name(span) or _for_or_against(span) or self.part_of_a_longer_place(span) \
                    or place_named_not_an_actor(span):
                # "Michael Jordan" is a person; an "anti-Syria" or "pro-Kremlin" journalist is not Syria's;
                # "New Jersey" is no Jersey; "Atlanta, Georgia" is a place in a place
                entries = [e for e in entries if e.kind not in COUNTRY_KINDS]
            if entries:
                found.append((span, entries))
        return found

    @staticmethod
    def part_of_a_longer_place(span: Span) -> str | None:
        """Why a name is part of a longer place name the gazetteer knows below country level ("New
        Jersey", "Jersey City"), or None."""
        doc = span.doc
        for start, end, added in ((span.start - 1, span.end, span.start - 1), (span.start, span.end + 1, span.end)):
            if start < 0 or end > len(doc) or not doc[added].text[:1].isupper() or doc[added].is_stop \
                    or not doc[added].is_alpha:
                continue  # "New Jersey", "Jersey City"; never "The White House"
            name = doc[start:end].text
            place = gazetteer().resolve(name) if gazetteer().knows(name) else None
            if place is not None and place.feature != "country":
                return f"{span.text!r} is part of {name!r}, a {place.feature} of {place.country}"
        return None

    def find(self, doc: Doc, when: date | None, dateline: str | None = None) -> list[Mention]:
        """The actor mentions of a document; ``dateline``: its dateline's place, which says whose news it is
        (``news_country``)."""
        self._text = doc.text  # Doc.text joins every token on each access: read it once
        groups: dict[int, list[tuple[Span, list[NameEntry]]]] = defaultdict(list)
        named: dict[int, set[str]] = defaultdict(set)  # sentence start -> countries named in any way
        for span, entries in self.matches(doc, dateline):
            groups[phrase_head(span.root).i].append((span, entries))
            named[span.sent.start].update(e.key for e in entries if e.kind in COUNTRY_KINDS)
        mentions = []
        homonyms = HomonymReading(doc, self.dictionary, groups)
        for head_i, group in groups.items():
            mention = self._compose(doc, doc[head_i], group, when)
            if mention:
                homonyms.reread(mention, group)
                mentions.append(mention)
        self._attach_countries(doc, mentions)
        self._coordinated_countries(doc, mentions)
        mentions.extend(self._places(doc, mentions))
        self._roles_in_appositions(doc, mentions)
        self._countries_from_sentence(doc, mentions, named)
        mentions.sort(key=lambda m: m.start)
        return mentions

    @staticmethod
    def _roles_in_appositions(doc: Doc, mentions: list[Mention]) -> None:
        """"Kenzo Oshima, the United Nations Emergency Relief Coordinator": the person acts for the UN."""
        by_head = {m.head: m for m in mentions}
        for m in mentions:
            if m.actor.kind not in ("person", "unknown"):
                continue
            for child in doc[m.head].children:
                role = by_head.get(child.i) if child.dep_ == "appos" else None
                if role is not None and role.actor.kind in ("organisation", "group", "people"):
                    m.actor = Actor(role.actor.code, role.actor.country, m.actor.name, "person")
                    m.how += f"; described as {role.text!r}"

    def _countries_from_sentence(self, doc: Doc, mentions: list[Mention], named: dict[int, set[str]]) -> None:
        """"Judge <Name> opened investigations against Chilean officials": a sector actor with no country
        of its own belongs to the one country its sentence names, and so does a place no gazetteer knows
        ("lifted the emergency in West Darfur" in a sentence about Sudan). With two or more countries
        they stay unknown: guessing between them would be worse than saying nothing. Adjectives count as
        naming a country here ("Druze inhabitants of the Syrian Golan" names Syria) though alone they
        make no actor."""
        by_sentence: dict[int, list[Mention]] = defaultdict(list)
        taken: set[int] = set()
        for m in mentions:
            by_sentence[doc[m.head].sent.start].append(m)
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                taken.update(range(span.start, span.end))
        ents_by_sentence = entities_by_sentence(doc)
        for sent in doc.sents:
            group = by_sentence.get(sent.start, [])
            countries = {m.actor.country for m in group if m.actor.country} | named.get(sent.start, set())
            if len(countries) != 1:
                continue
            (country,) = countries
            if country not in self.dictionary.countries:
                continue
            why = f"the only country its sentence names is {country}"
            for m in group:
                if m.actor.code.startswith("---"):
                    actor = self.dictionary.country_actor(country, m.actor.code[3:])
                    if m.actor.kind == "person":  # "President <Name>": still the person, now of a country
                        actor = Actor(actor.code, country, m.actor.name, "person")
                    m.actor = actor
                    m.how += "; " + why
                elif m.actor.kind == "people" and m.actor.country is None:
                    # "Kurds in the north demanded ...": a people spread over several states, here in one
                    m.actor = Actor(country + m.actor.code, country, m.actor.name, "group")
                    m.how += "; " + why
            for ent in ents_by_sentence.get(sent.start, ()):
                if ent.label_ not in PLACE_LABELS or any(t.i in taken for t in ent) or place_named_not_an_actor(ent):
                    continue
                head = phrase_head(ent.root)
                if head.i != ent.root.i and ent.root.dep_ != "poss":
                    continue  # a place used as a modifier names no actor
                if gazetteer().knows(ent.text):  # a known place is where the gazetteer says: Hawaii is not in Israel
                    place = gazetteer().resolve(ent.text, {country})
                    if place is None or place.country != country:
                        continue
                    how = f"gazetteer: {ent.text!r} is a {place.feature} of {country}"
                else:
                    how = f"{ent.text!r} is a place no gazetteer knows; {why}"
                mentions.append(Mention(ent.start_char, ent.end_char, ent.text, self.dictionary.country_actor(country),
                                        how, head.i, via="gazetteer"))

    def _places(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Places the dictionary does not know (cities, provinces, regions), coded as their country:
        "attacked Basra" -> IRQ."""
        taken: set[int] = set()
        by_head = {m.head: m for m in mentions}
        for m in mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                taken.update(range(span.start, span.end))
        found = []
        countries = {m.actor.country for m in mentions if m.actor.country}
        for ent in doc.ents:
            if ent.label_ not in PLACE_LABELS or any(t.i in taken for t in ent) or place_named_not_an_actor(ent):
                continue
            if any(c.dep_ == "compound" and c.pos_ == "PROPN" and not c.ent_type_ and c.i < ent.start
                   for c in ent.root.children):
                continue  # "Kenzo Oshima": a first name before it makes it a person's name, not a town
            # the reading that fits the countries the document names: "Africa" is the continent (no
            # country), not the Tunisian town; "Tripoli" next to Lebanese actors is Lebanon's
            place = gazetteer().resolve(ent.text, countries)
            if place is None or place.feature == "country" or place.country not in self.dictionary.countries:
                continue
            head = phrase_head(ent.root)
            how = f"gazetteer: {ent.text!r} is a {place.feature} of {place.country}"
            existing = by_head.get(head.i)
            if existing is not None:
                if existing.actor.code.startswith("---"):  # "Basra residents"
                    existing.actor = self.dictionary.country_actor(place.country, existing.actor.code[3:])
                    existing.how += "; " + how
                continue
            if head.i != ent.root.i and ent.root.dep_ != "poss":
                continue  # "Genoa summit": a city used as a modifier
            found.append(Mention(ent.start_char, ent.end_char, ent.text,
                                 self.dictionary.country_actor(place.country), how, head.i, via="gazetteer"))
        return found

    # ------------------------------------------------------------------ composing a phrase
    def _compose(self, doc: Doc, head: Token, group: list[tuple[Span, list[NameEntry]]],
                 when: date | None) -> Mention | None:
        kinds: dict[str, tuple[Span, NameEntry]] = {}
        for span, entries in group:
            for entry in entries:
                kinds.setdefault(entry.kind, (span, entry))
        start = min(span.start_char for span, _ in group)
        end = max(span.end_char for span, _ in group)
        head_is_matched = any(span.start <= head.i < span.end for span, _ in group)
        text = self._text[start:end]
        sectors = [e.key for _, entries in group for e in entries if e.kind == "sector"]
        sector = next((s for s in sectors if s != self.dictionary.SECTOR_PRECEDENCE_LOW),
                      sectors[0] if sectors else None)

        if "user" in kinds:  # a user dictionary's fixed code wins over everything built in
            span, entry = kinds["user"]
            actor = self.dictionary.user_actors[entry.key]
            source = self.dictionary.user_sources.get(entry.key, "user dictionary")
            return Mention(start, end, text, actor, f"user dictionary ({source}): {span.text!r} is {actor.code}",
                           head.i, via="user dictionary")
        if "person" in kinds:
            span, _ = kinds["person"]
            candidates = [e for e in self.dictionary.lookup(span.text) if e.kind == "person"]
            resolution = self._best_person(candidates, when)
            return Mention(start, end, text, resolution.actor, "dictionary: " + resolution.why, head.i)
        for kind in ("organisation", "group", "people"):
            if kind in kinds:
                span, entry = kinds[kind]
                actor = self.dictionary.organisations[entry.key]
                how = f"dictionary: {span.text!r} is {actor.name}"
                home = next((kinds[k] for k in COUNTRY_KINDS if k in kinds), None)
                if kind == "people" and actor.country is None and home is not None:
                    # "Iraqi Kurds": a people spread over several states, here those of one of them
                    country = home[1].key
                    actor = Actor(country + actor.code, country, actor.name, actor.kind)
                    how += f", of {country} ({home[0].text!r})"
                return Mention(start, end, text, actor, how, head.i)
        country_entry = next((kinds[k] for k in ("country", "metonym", "demonym", "adjective") if k in kinds), None)
        if country_entry:
            span, entry = country_entry
            if entry.kind in ("adjective", "demonym") and not sector and not head_is_matched:
                return None  # "Japanese occupation": an adjective of a thing, not an actor
            if entry.kind == "country" and not sector and not head_is_matched and head.dep_ != "poss":
                return None  # "China policy": a country name used as a modifier
            actor = self.dictionary.country_actor(entry.key, sector)
            how = f"dictionary: {span.text!r} is {entry.kind} of {entry.key}"
            if sector:
                how += f", with sector {sector}"
            person_name = self._name_in_phrase(doc, head, start, end)
            if person_name and entry.kind != "metonym":
                actor = Actor(actor.code, actor.country, person_name, "person")
                end = max(end, head.idx + len(head.text))
                text = self._text[start:end]
            adjective = (span.start_char, span.end_char) if entry.kind in ("adjective", "demonym") else None
            return Mention(start, end, text, actor, how, head.i, adjective=adjective)
        # "the military", "opposition groups" and "President <name>" name actors; "military exercises" does not
        titled = any(e.kind == "sector" and e.role_word for _, entries in group for e in entries) \
            and head.pos_ == "PROPN" and not head_is_matched  # "Vice-President <Name>", whatever NER says
        if sector and (head_is_matched or head.ent_type_ == "PERSON" or titled
                       or head.lower_ in self.dictionary.collective_nouns):
            actor = Actor(code="---" + sector, country=None, name=self.dictionary.sectors.get(sector, sector),
                          kind="sector")
            person_name = self._name_in_phrase(doc, head, start, end) or (
                self._titled_name(doc, head, end) if titled else None)
            if person_name:  # "President Yoweri Museveni": a titled person the dictionary does not know
                actor = Actor(actor.code, None, person_name, "person")
                end = max(end, head.idx + len(head.text))
                text = self._text[start:end]
            return Mention(start, end, text, actor, f"sector word {text!r} with no country", head.i, via="sector word")
        return None

    def _best_person(self, candidates: list[NameEntry], when: date | None):
        resolutions = [self.dictionary.resolve_person(e.key, when) for e in candidates]
        for resolution in resolutions:  # prefer someone in office on the date
            if not resolution.actor.code.endswith("ELI"):
                return resolution
        return resolutions[0]

    @staticmethod
    def _name_in_phrase(doc: Doc, head: Token, start: int, end: int) -> str | None:
        """An unknown person named in a titled phrase: "Philippine President <Name>"."""
        if head.ent_type_ == "PERSON" and head.idx >= end - 1:
            ent = entity_of(head)
            if ent is not None:
                return ent.text
        return None

    @staticmethod
    def _titled_name(doc: Doc, head: Token, end: int) -> str | None:
        """The proper nouns after a title up to the head: "Vice-President Moody Awori" -> "Moody Awori"."""
        names = [t for t in doc[head.left_edge.i:head.i + 1] if t.idx >= end and t.pos_ == "PROPN"]
        return " ".join(t.text for t in names) or None

    def _coordinated_countries(self, doc: Doc, mentions: list[Mention]) -> None:
        """"Indian and Pakistani troops", "US and British forces": one phrase, an actor for each country."""
        for m in mentions:
            if m.plural or not m.actor.country or m.actor.kind not in ("sector", "country"):
                continue
            sector = m.actor.code[3:] if m.actor.code.startswith(m.actor.country) else ""
            head = doc[m.head]
            countries = [m.actor.country]
            for modifier in (c for c in head.children if c.dep_ in ("amod", "compound", "nmod")):
                for other in modifier.conjuncts:
                    if other.i >= head.i:
                        continue
                    keys = [e.key for e in self.dictionary.lookup(other.text) if e.kind in COUNTRY_KINDS]
                    if keys and keys[0] not in countries:
                        countries.append(keys[0])
            if len(countries) > 1:
                m.plural = tuple(self.dictionary.country_actor(c, sector or None) for c in countries)
                m.how += f"; coordinated: {', '.join(countries)}"

    def _attach_countries(self, doc: Doc, mentions: list[Mention]) -> None:
        """A sector phrase with its country after it: "the government of Japan", "police in Manila"."""
        by_head = {m.head: m for m in mentions}
        for m in mentions:
            stateless_people = m.actor.kind == "people" and m.actor.country is None
            if not m.actor.code.startswith("---") and not stateless_people:
                continue
            head = doc[m.head]
            owners = [(c, c.text) for c in head.children if c.dep_ == "poss"]  # "Sudan's government"
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in OWNER_PREPOSITIONS:
                    owners += [(obj, f"{prep.text} {obj.text}") for obj in prep.children if obj.dep_ == "pobj"]
            for token, words in owners:
                owner = by_head.get(token.i)
                if owner is None or not owner.actor.country:
                    continue
                if stateless_people:  # "Druze inhabitants of the Syrian Golan Heights": Syria's Druze
                    country = owner.actor.country
                    m.actor = Actor(country + m.actor.code, country, m.actor.name, "people")
                elif owner.actor.kind == "country":
                    actor = self.dictionary.country_actor(owner.actor.country, m.actor.code[3:])
                    if m.actor.kind == "person":  # "President <Name> of Kenya" stays the person
                        actor = Actor(actor.code, actor.country, m.actor.name, "person")
                    m.actor = actor
                elif m.actor.kind == "sector":  # "positions of the Palestinian security forces"
                    m.actor = owner.actor
                m.how += f"; belongs to '{words}'"
                break


class HomonymReading:
    """Country names that are also a place of another country (data/actors/homonyms.yaml: Georgia, the US
    state). In a document that names other places of that other country and gives no other sign of the
    first — no adjective, capital or place of its own — the name is that place, coded as its country as
    places are: "the senator carried Georgia, Ohio and Texas" is the US state; "Russia accused Georgia",
    or Georgia beside Tbilisi, is the country. The document is read only when it holds such a name."""

    def __init__(self, doc: Doc, dictionary: ActorDictionary,
                 groups: dict[int, list[tuple[Span, list[NameEntry]]]]) -> None:
        self.doc = doc
        self.dictionary = dictionary
        self.groups = groups
        self.homonyms = {span.start for group in groups.values() for span, entries in group
                         if span.text in dictionary.homonyms and any(e.kind == "country" for e in entries)}
        self._context: tuple[dict[str, str], set[str]] | None = None

    def context(self) -> tuple[dict[str, str], set[str]]:
        """Countries the document names places of (below the country: a city, a state), with one such
        place each; and the countries it names in words other than the homonyms."""
        if self._context is None:
            places: dict[str, str] = {}
            for ent in self.doc.ents:
                if ent.label_ in PLACE_LABELS and ent.text not in self.dictionary.homonyms:
                    place = gazetteer().resolve(ent.text)
                    if place is not None and place.feature != "country" and place.country:
                        places.setdefault(place.country, ent.text)
            named = {e.key for group in self.groups.values() for span, entries in group
                     if span.text not in self.dictionary.homonyms for e in entries if e.kind in COUNTRY_KINDS}
            self._context = places, named
        return self._context

    def place_reading(self, span: Span) -> tuple[str, str, str] | None:
        """(the other country, what the place is there, a place of it the document names) when the name
        reads as that place here."""
        country, what = self.dictionary.homonyms[span.text]
        places, named = self.context()
        key = next(e.key for e in self.dictionary.lookup(span.text) if e.kind == "country")
        if country in places and key not in places and key not in named:
            return country, what, places[country]
        return None

    def reread(self, mention: Mention, group: list[tuple[Span, list[NameEntry]]]) -> None:
        """Code the mention as the place when the homonym in its phrase reads as one (its phrase's sector
        kept: "Georgia officials" of the US state are USAGOV)."""
        for span, entries in group:
            if span.start not in self.homonyms or mention.actor.country not in {e.key for e in entries}:
                continue
            reading = self.place_reading(span)
            if reading is None:
                continue
            country, what, other = reading
            sector = mention.actor.code[3:] if mention.actor.code.startswith(mention.actor.country) else ""
            actor = self.dictionary.country_actor(country, sector or None)
            if mention.actor.kind == "person":
                actor = Actor(actor.code, country, mention.actor.name, "person")
            mention.actor, mention.via, mention.adjective = actor, "gazetteer", None
            mention.how = (f"{span.text!r} is the {what} ({country}): the document names other places of "
                           f"{country} ({other!r}) and nothing else of the country {span.text}")
