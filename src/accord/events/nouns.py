"""Who does and who undergoes what an event noun names: its own phrase's doer ("China's drills", "a Taliban
attack", "drills by China", "police firing"), else the subject of the clause it stands in, and the subject of
a verb whose subject undergoes it ("died in police firing"). Reading only, as ``arguments.py`` is, whose
reader this one extends (``ArgumentReader.nouns``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..model import Actor, ActorRef, Mention
from .patterns import Pattern
from .sides import governing_verb

if TYPE_CHECKING:
    from .arguments import ArgumentReader


class NounReader:
    """The event-noun readers of one document, on top of its ``ArgumentReader``."""

    def __init__(self, reader: ArgumentReader) -> None:
        self.reader = reader
        self.patterns = reader.patterns
        self.dictionary = reader.dictionary
        self.ctx = reader.ctx

    def noun_sources(self, token: Token) -> tuple[list[ActorRef], bool]:
        """Who does what a noun names: "China's drills", "Chinese drills", "drills by China", else the
        subject of the clause the noun stands in ("X launched an offensive"). The flag says the last."""
        sources = self.own_doers(token)
        if not sources and self.reader.alleged_content(token):
            # "accused India of an attack", "the army was accused of ethnic cleansing": the accused did it
            accuser = token.head.head
            sources = [r for c in accuser.children if c.dep_ in ("dobj", "nsubjpass") for r in self.reader.refs(c)]
            return sources, False
        if sources or token.dep_ in ("nsubj", "nsubjpass"):
            return sources, False
        verb = governing_verb(token)
        if verb is None:
            return [], False
        lemma = verb.lemma_.lower()
        if lemma in self.patterns.syntax.reporting_verbs and not (
                lemma in self.patterns.syntax.performative_verbs and token.dep_ == "dobj" and token.head.i == verb.i):
            # "said the attack killed ten": who reports an act did not do it; but who announces a release or a
            # suspension of aid as its object makes it so
            return [], False
        return self.reader.subjects(verb), True

    def own_doers(self, token: Token) -> list[ActorRef]:
        """The doer a noun's own phrase names: its possessor ("China's drills"), an actor or country among its
        modifiers ("Chinese drills", "a Taliban attack", "the Israeli police crackdown"), its "by" phrase."""
        sources: list[ActorRef] = []
        mention = self.named_before(token)
        if mention is not None:
            sources.extend(self.reader.to_refs(mention))
        for child in token.children:
            if child.dep_ == "poss" or (child.dep_ == "nsubj" and token.pos_ != "VERB"):
                # a noun has no subject: one the parser gives it is what stands before it ("a regime offensive")
                sources.extend(self.reader.refs(child))
            elif child.dep_ in ("amod", "compound", "nmod") and not sources:
                if child.i in self.ctx.mentions:
                    sources.extend(self.reader.refs(child))
                else:
                    for entry in self.dictionary.names.get(child.text, ()):
                        if entry.kind in ("adjective", "country", "demonym"):
                            actor = self.dictionary.country_actor(entry.key)
                            sources.append(ActorRef(actor, child.text, child.idx, child.idx + len(child.text)))
                            break
        for obj in self.reader.prep_objects(token, self.patterns.syntax.agent_prepositions):
            sources.extend(self.reader.refs(obj))
        return sources

    def named_before(self, token: Token) -> Mention | None:
        """The actor a noun heads when its name stands wholly before it: "a Taliban attack", "the Israeli
        police crackdown" (the noun is what the actor does, not part of its name). A town or region so named
        is where it happened, not who did it: "the Paris attacks"."""
        mention = self.ctx.mentions.get(token.i)
        if mention is None or mention.end > token.idx:
            return None
        if any(p.char_start <= mention.start < p.char_end and p.place is not None and p.place.feature != "country"
               for p in self.ctx.place_mentions):
            return None
        return mention

    def noun_doers(self, token: Token, pattern: Pattern, own: bool = False) -> tuple[list[ActorRef], bool,
                                                                                     list[ActorRef]]:
        """A noun event's doers as ``noun_sources`` reads them (``own``: only what the noun's own phrase names,
        for a pattern's own_doer), whether they come from its clause, and who undergoes it: "a prisoner died
        as a result of torture", "drew international condemnation", "died in police firing" (the subject of
        an undergoer verb is the event's target, not its doer). Violence with no other doer is done by the
        sector its modifier names: "died in police firing"."""
        sources, from_clause = (self.own_doers(token), False) if own else self.noun_sources(token)
        victims: list[ActorRef] = []
        undergoer = self.undergoer(token)
        if undergoer is not None:
            victims = sources if from_clause else self.reader.subjects(undergoer)
            if from_clause:
                sources, from_clause = [], False
        if not sources and pattern.code[:2] in self.patterns.syntax.violence_roots:
            sources = self.sector_doers(token)
        return sources, from_clause, victims

    def undergoer(self, token: Token) -> Token | None:
        """The verb a word hangs from when its subject undergoes what the word names: "died in police firing",
        "drew condemnation"."""
        verb = governing_verb(token)
        return verb if verb is not None and verb.lemma_.lower() in self.patterns.syntax.undergoer_verbs else None

    def sector_doers(self, token: Token) -> list[ActorRef]:
        """"police firing", "the army shelling": a modifier that names a sector is the doer of the violence
        a noun names (a sector of no country, placed where the event happens)."""
        for child in token.children:
            if child.dep_ in ("amod", "compound", "nmod"):
                actor = self.sector_actor(child)
                if actor is not None:
                    span = token.doc[child.left_edge.i:child.i + 1]
                    return [ActorRef(actor, span.text, span.start_char, span.end_char)]
        return []

    def sector_actor(self, modifier: Token) -> Actor | None:
        """The sector a noun's modifier names ("police", "riot police", "naval"), as an actor of no country:
        the actor dictionary's sector words, else syntax.yaml's modifier_sectors."""
        phrase = modifier.doc[modifier.left_edge.i:modifier.i + 1].text.lower()
        entry = self.dictionary.sector_words.get(phrase) or self.dictionary.sector_words.get(modifier.lower_)
        sector = entry.key if entry is not None else next(
            (s for s, words in self.patterns.syntax.modifier_sectors.items() if modifier.lower_ in words), None)
        if sector is None:
            return None
        return Actor(code="---" + sector, country=None, name=self.dictionary.sectors.get(sector, sector),
                     kind="sector")
