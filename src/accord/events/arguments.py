"""Reading an event's possible sides off the dependency parse: who a noun phrase stands for, a verb's
subjects, objects and prepositional objects, a noun event's doer (``nouns.py``), and the country of the
place where it happened. Pure reading: nothing here decides which of them the event keeps (that is ``resolve.py``).
"""
from __future__ import annotations

from spacy.tokens import Token

from .. import places
from ..actors.dictionary import ActorDictionary
from ..actors.matcher import entity_of, phrase_head
from ..model import Actor, ActorRef, Mention
from .candidate import Trigger
from .context import CodingContext
from .nouns import NounReader
from .patterns import PatternSet
from .schema import TARGET_SLOTS
from .sides import governing_verb, same_token

SUBJECT_DEPS = ("nsubj",)
MAX_DEPTH = 6


class ArgumentReader:
    """The argument readers for one document (``ctx``)."""

    def __init__(self, patterns: PatternSet, dictionary: ActorDictionary, ctx: CodingContext) -> None:
        self.patterns = patterns
        self.dictionary = dictionary
        self.ctx = ctx
        self.nouns = NounReader(self)  # an event noun's doers and undergoers (nouns.py)

    def refs(self, token: Token | None) -> list[ActorRef]:
        """The actors a noun phrase stands for, following "and" / "or" conjunctions."""
        if token is None:
            return []
        refs: list[ActorRef] = []
        for tok in [token, *token.conjuncts]:
            refs.extend(self.refs_one(tok))
        return refs

    def refs_one(self, token: Token) -> list[ActorRef]:
        mention = self.ctx.mentions.get(token.i) or self.ctx.mentions.get(phrase_head(token).i)
        if mention is not None:
            return self.to_refs(mention)
        if token.lemma_.lower() in self.patterns.syntax.relational_nouns:
            return []  # "Greece's creditors", "critics of the government": others than the one named
        # "the leaders of China", "officials from Japan", "Kim, the leader", "a camp for Congolese refugees"
        syntax = self.patterns.syntax
        owners = syntax.owner_prepositions
        if token.lemma_.lower() in places.place_words().feature_nouns:
            owners = owners | syntax.place_owner_prepositions
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in owners:
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.i in self.ctx.mentions:
                        return self.to_refs(self.ctx.mentions[obj.i])
                    if obj.dep_ == "pobj" and obj.lemma_.lower() not in self.patterns.syntax.relational_nouns:
                        owner = self.owner_of(obj)  # "a group of Iranian hackers", "a team of Chinese experts"
                        if owner:
                            return owner
            if child.dep_ in ("appos", "poss") and child.i in self.ctx.mentions:
                return self.to_refs(self.ctx.mentions[child.i])
        return self.facility(token) or self.owner_of(token) or self.unknown(token)

    def facility(self, token: Token) -> list[ActorRef]:
        """A facility, post or vehicle stands for its owner: "a police headquarters", "a military vehicle",
        "an Afghan naval base": the sector its modifier names, of the country its adjective names (else of no
        country yet: placed where the event happens). The span is the facility's words."""
        if token.lemma_.lower() not in self.patterns.syntax.facility_nouns:
            return []
        for child in (c for c in token.children if c.dep_ in ("amod", "compound", "nmod")):
            actor = self.nouns.sector_actor(child)
            if actor is None:
                continue
            owner = next((r.actor.country for r in self.owner_of(token) if r.actor.kind == "country"), None)
            if owner is not None:
                actor = self.dictionary.country_actor(owner, actor.code[3:])
            start = min(c.left_edge.i for c in token.children if c.dep_ in ("amod", "compound", "nmod"))
            span = token.doc[start:token.i + 1]
            return [ActorRef(actor, span.text, span.start_char, span.end_char)]
        return []

    def unknown(self, token: Token) -> list[ActorRef]:
        """A named actor the dictionary does not know ("Pete Wilson", "the Ogaden National Liberation
        Front"): kept with the code "---" so the event is not lost; its name says who it is."""
        if token.ent_type_ not in self.patterns.syntax.unknown_actor_entities or token.pos_ != "PROPN":
            return []
        ent = entity_of(token)
        if ent is None:
            return []
        place = self.country_of_place(token)  # "bombed Aleppo", Aleppo read as a nationality: the place's country
        if place:
            return place
        country = self.sentence_country(token)
        if country is not None:  # "Kevin Cramer endorsed Trump in Fargo": of the one country its sentence names
            actor = Actor(code=self.dictionary.country_actor(country).code, country=country, name=ent.text,
                          kind="unknown")
        else:
            actor = Actor(code="---", country=None, name=ent.text, kind="unknown")
        return [ActorRef(actor, ent.text, ent.start_char, ent.end_char)]

    def sentence_country(self, token: Token) -> str | None:
        """The one country the actors and places named in a word's sentence belong to, or None when they name
        none or several (the rule the actor finder applies to sector words with no country of their own)."""
        known = self.ctx.scratch.get("sentence countries")
        if known is None:  # every sentence's at once, in one pass over the document's mentions
            named: dict[int, set[str]] = {}
            for m in self.ctx.mentions.values():
                if m.actor.country:
                    named.setdefault(token.doc[m.head].sent.start, set()).add(m.actor.country)
            known = self.ctx.scratch["sentence countries"] = {
                start: next(iter(countries)) for start, countries in named.items()
                if len(countries) == 1 and countries <= set(self.dictionary.countries)}
        return known.get(token.sent.start)

    def owner_of(self, token: Token, depth: int = 0) -> list[ActorRef]:
        """A thing's owner stands for it: "a U.S. request", "an Australian ultimatum", "German goods",
        and one modifier further in, "US Predator attacks"."""
        for child in token.children:
            if child.dep_ in ("amod", "compound", "nmod"):
                if child.i in self.ctx.mentions:
                    return self.to_refs(self.ctx.mentions[child.i])
                if child.ent_type_ == "PERSON":
                    continue  # "Chad Smith": a first name, not a country that owns Smith
                for entry in self.dictionary.names.get(child.text, ()):
                    if entry.kind in ("adjective", "country", "demonym"):
                        actor = self.dictionary.country_actor(entry.key)
                        return [ActorRef(actor, child.text, child.idx, child.idx + len(child.text))]
                if depth == 0 and child.dep_ == "compound":
                    inner = self.owner_of(child, depth + 1)
                    if inner:
                        return inner
        return []

    @staticmethod
    def to_refs(mention: Mention) -> list[ActorRef]:
        actors = mention.plural or (mention.actor,)
        return [ActorRef(a, mention.text, mention.start, mention.end) for a in actors]

    def subjects(self, verb: Token, depth: int = 0, raised: bool = False) -> list[ActorRef]:
        """Who does what the verb says; ``raised`` when reached from a "to"-clause ("is expected to")."""
        if depth > MAX_DEPTH:
            return []
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.tag_ == "VBG":  # "The Red Cross operating in Iraq said": parsed as a clause subject
                    inner = next((c for c in child.children if c.dep_ == "nsubj"), None)
                    if inner is not None:
                        return self.refs(inner)
                return self.refs(child)
            if child.dep_ == "nsubjpass":
                # "China is scheduled to visit": the passive subject does the embedded act
                return self.refs(child) if raised else self.agent(verb)
        if verb.tag_ == "VBG":
            # "killed in firing by security forces": a gerund's "by" phrase names its doer; "died in police
            # firing", however it is parsed, the noun it follows in the phrase that says how, or the sector
            # its modifier names
            by = [r for o in self.prep_objects(verb, self.patterns.syntax.agent_prepositions) for r in self.refs(o)]
            before = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
            if not by and before is not None and before.dep_ == "pobj" and before.head.i != verb.i \
                    and before.head.lower_ in self.patterns.syntax.means_prepositions:
                by = self.refs(before)
            if not by and verb.dep_ == "pobj":  # "in army firing" parsed as a gerund with "army" its compound
                by = self.nouns.sector_doers(verb)
            if by:
                return by
        for aux in (c for c in verb.children if c.dep_ == "aux"):  # "France however have opposed": the
            subject = next((c for c in aux.children if c.dep_ == "nsubj"), None)  # parser hangs it on "have"
            if subject is not None:
                return self.refs(subject)
        head = verb.head
        if head.i == verb.i:
            return []
        if verb.dep_ == "xcomp" or (verb.dep_ == "acomp"):
            if head.lemma_.lower() in self.patterns.syntax.object_control_verbs:
                for child in head.children:
                    if child.dep_ in ("dobj",):
                        return self.refs(child)
                    if child.dep_ == "prep" and child.lower_ in self.patterns.syntax.control_prepositions:
                        return self.refs(next((p for p in child.children if p.dep_ == "pobj"), None))
            if head.pos_ == "ADJ":  # "is willing to meet" -> the subject of "is"
                return self.subjects(head.head, depth + 1, raised=True) if head.head.i != head.i else []
            return self.subjects(head, depth + 1, raised=True)
        if verb.dep_ == "conj" and not any(c.dep_ == "auxpass" for c in verb.children):
            # "the minister was indicted by the court and will resign": the minister resigns
            passive_subject = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
            if passive_subject is not None:
                return self.refs(passive_subject)
        if verb.dep_ in ("conj", "advcl"):
            return self.subjects(head, depth + 1)
        if verb.dep_ == "relcl":
            return self.refs(head)
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            # "reached a consensus to exchange information": those who reached it
            governor = governing_verb(head)
            return self.subjects(governor, depth + 1) if governor is not None else []
        if verb.dep_ == "pcomp" and head.dep_ == "prep":  # "accused Japan of violating"
            governor = head.head
            if governor.lemma_.lower() in self.patterns.syntax.object_control_verbs:
                return self.refs(next((c for c in governor.children if c.dep_ == "dobj"), None))
            return self.subjects(governor, depth + 1) if governor.pos_ in ("VERB", "AUX") else []
        return []

    def agent(self, verb: Token) -> list[ActorRef]:
        for child in verb.children:
            if child.dep_ == "agent":
                return self.refs(next((p for p in child.children if p.dep_ == "pobj"), None))
        return []

    def prep_objects(self, token: Token, words: set[str] | frozenset[str]) -> list[Token]:
        found = []
        for child in token.children:
            if child.dep_ in ("prep", "dative") and child.lower_ in words:
                objects = [p for p in child.children if p.dep_ == "pobj"]
                if not objects:  # "outside of Basra", "close to the border": the object hangs one deeper
                    objects = [p for inner in child.children if inner.dep_ == "prep"
                               for p in inner.children if p.dep_ == "pobj"]
                if not objects:  # the parser lost the object: take a name that starts right after
                    for offset in (1, 2):
                        mention = self.ctx.mention_starts.get(child.i + offset)
                        if mention is not None:
                            objects = [child.doc[mention.head]]
                            break
                found.extend(objects)
        return found

    def prep_targets(self, trigger: Trigger) -> list[ActorRef]:
        words = {s for s in trigger.pattern.targets if s not in TARGET_SLOTS and s != "between"}
        return [r for o in self.prep_objects(trigger.head, words) for r in self.refs(o)]

    def targets(self, trigger: Trigger, passive: bool) -> tuple[list[ActorRef], list[ActorRef]]:
        """Targets, and a 'between' group (all members of which are mutual participants)."""
        token, pattern = trigger.head, trigger.pattern
        if pattern.is_noun:
            undergoers = self.predicated(token)
            if undergoers:  # "used Palestinian civilians as human shields": the civilians
                return undergoers, []
        slots = set(pattern.targets)
        preps = {s for s in slots if s not in TARGET_SLOTS}
        heads = [token] + ([trigger.obj] if trigger.obj is not None else [])
        if not pattern.is_noun:  # "negotiating an agreement with Manila"
            heads += [c for c in token.children if c.dep_ == "dobj" and not same_token(c, trigger.obj)]
        if pattern.is_adjective:  # "critical of Washington": the phrase hangs on the adjective, not its copula
            heads.append(trigger.token)
        targets: list[ActorRef] = []
        between: list[ActorRef] = []
        if "dobj" in slots:
            for child in token.children:
                if child.dep_ == "dobj" and not same_token(child, trigger.obj):
                    targets.extend(self.refs(child))
                if passive and child.dep_ == "nsubjpass" and not same_token(child, trigger.obj):
                    targets.extend(self.refs(child))
        if "dative" in slots:
            for child in token.children:
                if child.dep_ == "dative" and child.pos_ != "ADP":
                    targets.extend(self.refs(child))
        if trigger.obj is not None and not pattern.is_noun:
            # "expelled two Russian diplomats", "expelled inspectors of the IAEA": whose they are is the
            # target; a bare sector word ("fired artillery") is an instrument, not a target
            targets.extend(r for r in self.refs(trigger.obj) if not r.actor.code.startswith("---"))
        if "ccomp_subject" in slots:
            targets.extend(self.complement_subjects(token))
        if "xcomp_object" in slots:
            for clause in (c for c in token.children if c.dep_ == "xcomp"):
                for child in clause.children:
                    if child.dep_ == "dobj":
                        targets.extend(self.refs(child))
        if "poss" in slots and trigger.obj is not None:  # "rejected a U.S. offer", "Iran's request"
            owner = [r for c in trigger.obj.children if c.dep_ == "poss" for r in self.refs(c)]
            # "rejected calls by Kofi Annan", "an offer from Tokyo": who made it
            makers = self.patterns.syntax.maker_prepositions
            owner = owner or [r for o in self.prep_objects(trigger.obj, makers) for r in self.refs(o)]
            targets.extend(owner or self.owner_of(trigger.obj))
        for head in heads:
            for obj in self.prep_objects(head, preps - {"between"}):
                targets.extend(self.refs(obj) or self.act_targets(obj))
            if "between" in preps:
                for obj in self.prep_objects(head, {"between"}):
                    between.extend(self.refs(obj))
        if pattern.is_noun and not targets and not between:
            # "a summit next week with Biden", where the parser hangs "with" on the verb
            verb = governing_verb(token)
            if verb is not None:
                # "issued a reminder Saturday to Iraq that ...": also between the noun and its clause
                near = [c for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ in preps
                        and token.i < c.i <= token.right_edge.i + 3]
                for prep in near:
                    for obj in (p for p in prep.children if p.dep_ == "pobj"):
                        (between if prep.lower_ == "between" else targets).extend(self.refs(obj))
        return targets, between

    def act_targets(self, noun: Token) -> list[ActorRef]:
        """Whom an act named by a noun is done to, when the phrase names the act rather than an actor:
        "claimed responsibility for the attack on the army's sites", "apologised for the raid on Gaza"."""
        entries = self.patterns.noun_entries(noun.lemma_.lower(), noun.lower_)
        if not entries:
            return []
        preps = {s for s in entries[0].targets if s not in TARGET_SLOTS} - {"between"}
        return [r for o in self.prep_objects(noun, preps) for r in self.refs(o)]

    def predicated(self, noun: Token) -> list[ActorRef]:
        """Whom an event noun is said of by an "as" phrase: the object of its verb ("used civilians as human
        shields", "held the villagers as hostages")."""
        head = noun.head
        if noun.dep_ != "pobj" or head.lower_ not in self.patterns.syntax.predicative_prepositions:
            return []
        verb = head.head
        if verb.pos_ not in ("VERB", "AUX"):
            return []
        return [r for c in verb.children if c.dep_ == "dobj" for r in self.refs(c)]

    def doers_of(self, trigger: Trigger) -> list[ActorRef]:
        """Who does what a trigger names: as a noun's own phrase says (its possessor, modifier or "by" phrase),
        a verb's subject."""
        if trigger.pattern.is_noun:
            return self.nouns.noun_doers(trigger.token, trigger.pattern, own=True)[0]
        return self.subjects(trigger.token)

    def nearest_subject(self, token: Token) -> list[ActorRef]:
        """The subject of the nearest enclosing clause that has one naming an actor."""
        node = token
        for _ in range(MAX_DEPTH):
            if node.head.i == node.i:
                return []
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                for child in node.children:
                    if child.dep_ == "nsubj":
                        refs = self.refs(child)
                        if refs:
                            return refs
        return []

    # ------------------------------------------------------------------ events
    def complement_subjects(self, verb: Token) -> list[ActorRef]:
        """"demanded that the US cancel ...", "its demand that the US cancel ...": the subject of the
        that-clause of a verb or a noun."""
        refs: list[ActorRef] = []
        deps = ("ccomp", "acl") if verb.pos_ in ("NOUN", "PROPN") else ("ccomp",)
        for clause in (c for c in verb.children if c.dep_ in deps):
            for child in clause.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    refs.extend(self.refs(child))
        return refs

    def makers(self, verb: Token) -> list[ActorRef]:
        """Who made what the verb's object names: "rejected Iran's offer", "rejected calls by Annan"."""
        refs: list[ActorRef] = []
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            refs += [r for c in obj.children if c.dep_ == "poss" for r in self.refs(c)]
            refs += [r for o in self.prep_objects(obj, self.patterns.syntax.maker_prepositions) for r in self.refs(o)]
        return refs

    def places_of(self, trigger: Trigger) -> list[ActorRef]:
        """The country of the place where the event happened, as the places stage finds it ("in Gaza",
        "at a checkpoint in Kandahar", "a bombing near Samarra killed ..."): an inferred actor whose
        span is the place's name."""
        found = places.locate(trigger.token.doc, trigger.token.i, self.ctx.place_mentions)
        if found is None:
            return []
        mention, _ = found
        country = mention.place.country if mention.place is not None else None
        if country is None or country not in self.dictionary.countries:
            return []
        return [ActorRef(self.dictionary.country_actor(country), mention.text, mention.char_start, mention.char_end)]

    def destination(self, token: Token) -> list[ActorRef]:
        """Where a to-clause of purpose happens: where its verb sends someone ("sent experts to Saudi Arabia to
        investigate the attacks" -> Saudi Arabia's country), the place's name as its span."""
        if token.dep_ not in ("advcl", "xcomp") or not any(c.dep_ == "aux" and c.lower_ == "to"
                                                           for c in token.children):
            return []
        for obj in self.prep_objects(token.head, self.patterns.syntax.destination_prepositions):
            place = self.country_of_place(obj)
            if place:
                return place
        return []

    def country_of_place(self, token: Token) -> list[ActorRef]:
        """The country of the place mention a word stands in, its span the place's name; none when the word
        names no place of a known country."""
        for place in self.ctx.place_mentions:
            country = place.place.country if place.place is not None else None
            if place.char_start <= token.idx < place.char_end and country in self.dictionary.countries:
                return [ActorRef(self.dictionary.country_actor(country), place.text, place.char_start, place.char_end)]
        return []

    def located(self, sources: list[ActorRef], trigger: Trigger) -> list[ActorRef]:
        """"People blocked streets in Hong Kong": a sector with no country acts (or is acted on) where the
        event happens."""
        place = next(iter(self.places_of(trigger)), None)
        if place is None or not place.actor.country:
            return sources
        return [self.placed(r, place.actor.country)
                if r.actor.country is None and r.actor.kind in ("sector", "people") else r for r in sources]

    def placed(self, ref: ActorRef, country: str) -> ActorRef:
        """A sector, or a people spread over several states, of the country where it acts."""
        if ref.actor.kind == "people":  # "ethnic Albanians ... near Macedonia's border": MKDALN
            actor = Actor(country + ref.actor.code, country, ref.actor.name, "people")
        else:
            actor = self.dictionary.country_actor(country, ref.actor.code[3:])
        return ActorRef(actor, ref.text, ref.start, ref.end)

    def alleged_content(self, token: Token) -> bool:
        """"accused the army of ethnic cleansing": what an accusation says was done is an event of its own,
        alleged, as it is when a verb says it ("accused the army of attacking")."""
        allege = self.patterns.modalities.get("allege")
        head = token.head
        return allege is not None and token.dep_ == "pobj" and \
            head.lower_ in self.patterns.syntax.accusation_prepositions and head.head.lemma_.lower() in allege.verbs
