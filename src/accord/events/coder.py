"""The event coder: triggers, their source and target actors, CAMEO code and status.

For each sentence: find trigger words (verbs and nouns from data/events/patterns/), read the trigger's
arguments off the dependency parse (subject, object, prepositional objects, passive agents,
"between X and Y"), map them to actor mentions, and emit one event per source-target pair (both
directions for symmetric events). Governing words decide status and may rewrite the code
("wanted to cooperate" -> intended 030; "urged Japan to withdraw" -> an appeal by the urger).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..actors.dictionary import ActorDictionary
from ..actors.matcher import entity_of, phrase_head
from .. import places
from ..model import Actor, ActorRef, Document, Event, Mention, Span
from ..quotes import find_quotes
from .ontology import Ontology
from .patterns import Pattern, PatternSet
from .status import Modal, after_background, status_of

SUBJECT_DEPS = ("nsubj",)
MAX_DEPTH = 6
# Dependencies by which an event word is the content or circumstance of another event word.
CONTENT_DEPS = {"pobj", "prep", "dobj", "advcl", "acl", "relcl", "npadvmod", "agent", "attr"}


@dataclass(slots=True)
class Trigger:
    token: Token
    pattern: Pattern
    obj: Token | None  # the object noun of a light verb ("held talks")
    anchor: Token | None = None  # for "a mediation effort": the noun whose syntax gives the arguments

    @property
    def head(self) -> Token:
        return self.anchor if self.anchor is not None else self.token


class EventCoder:
    def __init__(self, ontology: Ontology, patterns: PatternSet, dictionary: ActorDictionary) -> None:
        self.ontology = ontology
        self.patterns = patterns
        self.dictionary = dictionary

    # ------------------------------------------------------------------ entry point
    def code(self, document: Document) -> None:
        doc = document.spacy_doc
        self._mentions = {m.head: m for m in document.mentions}
        self._mention_starts = {}
        self._named = set()  # tokens inside an actor's name: "Cooperation" in "Asia-Pacific Economic Cooperation"
        for m in document.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                self._mention_starts[span.start] = m
                self._named.update(range(span.start, span.end))
        self._topic: tuple[int, list[ActorRef]] | None = None
        self._quoted = find_quotes(document.text)
        # where events happen decides a missing side ("a bomb near Samarra killed ..."): the places stage's
        # own reading of the text, so the coder and the event's location never disagree
        self._place_mentions = places.document_places(document)
        events: list[Event] = []
        seen: set[tuple] = set()
        for index, sent in enumerate(doc.sents):
            triggers = self._triggers(sent)
            sentence_events = [e for trigger in triggers for e in self._events(trigger, index, sent)]
            _promise_targets(sentence_events, doc)
            for event in sentence_events:
                key = (event.source.actor.code if event.source else None,
                       event.target.actor.code if event.target else None, event.cameo, event.trigger.start)
                if key not in seen:
                    seen.add(key)
                    events.append(event)
        for n, event in enumerate(events, start=1):
            event.id = f"{document.id}#e{n}"
        document.events = events

    # ------------------------------------------------------------------ triggers
    def _triggers(self, sent: SpacySpan) -> list[Trigger]:
        found: dict[int, Trigger] = {}
        consumed: set[int] = set()
        for token in sent:
            if token.i in consumed:
                continue
            trigger = self._match(token)
            if trigger:
                found[token.i] = trigger
                # "held talks", "host talks", "rejected an offer of talks": the object's nouns are
                # part of the verb's event, not events of their own
                objects = [trigger.obj] if trigger.obj is not None else []
                if not trigger.pattern.is_noun:
                    objects += [c for c in token.children if c.dep_ == "dobj"]
                for obj in objects:
                    for inner in obj.subtree:
                        consumed.add(inner.i)
                        found.pop(inner.i, None)
        # a governing word that sets an embedded event's status or code is not an event of its own:
        # "agreed to hold drills" is one event (intent to cooperate militarily), not two
        for trigger in list(found.values()):
            modal = status_of(trigger.token, self.patterns)
            if modal.modal_word is not None and modal.status != "alleged":  # an accusation stays an event
                found.pop(modal.modal_word.i, None)
        # "Brazil said Argentina should withdraw": the withdrawal is what the demand asks for, not an event
        # that happened; the demand (said + should) stands for it
        for trigger in list(found.values()):
            for clause in self._obligation_clauses(trigger.token, trigger.pattern):
                for inner in clause.subtree:
                    if inner.i != trigger.token.i:
                        found.pop(inner.i, None)
        # an event named only as the content or circumstance of another ("complained over two air raids",
        # "staged demonstrations to demand reforms", "the attack, which killed ...") is part of that one
        # the verb of a noun event stands for it: "staged demonstrations to demand reforms"
        light_verbs = {t.token.head.i: i for i, t in found.items() if t.pattern.is_noun and t.token.dep_ == "dobj"}
        secondary = [i for i, t in found.items() if (self._inside_other(t.head, found, light_verbs)
                     and not self._alleged_content(t.head)) or self._in_condition(t.head, found)]
        for i in secondary:
            found.pop(i, None)
        return [found[i] for i in sorted(found)]

    @staticmethod
    def _inside_other(token: Token, found: dict[int, Trigger], light_verbs: dict[int, int]) -> bool:
        node = token
        for _ in range(4):
            if node.dep_ not in CONTENT_DEPS or node.head.i == node.i:
                return False
            node = node.head
            if node.i in found or light_verbs.get(node.i, token.i) != token.i:
                return True
        return False

    def _people_count(self, trigger: Trigger) -> int:
        """The largest number of people an event's object names ("more than 1,000 refugees", "hundreds of")."""
        number_words = self.patterns.number_words
        token = trigger.head
        objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        objects += [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                    for p in c.children if p.dep_ == "pobj"]
        best = 0
        for obj in objects:
            for word in obj.subtree:
                if word.like_num:
                    try:
                        best = max(best, int(float(word.text.replace(",", ""))))
                    except ValueError:
                        best = max(best, number_words.get(word.lower_, 0))
                else:
                    best = max(best, number_words.get(word.lower_, 0))
        return best

    def _holders(self, trigger: Trigger) -> list[ActorRef]:
        """Who holds the people an event is about: "a journalist held in Iran", "workers held by rebels"."""
        scope = trigger.obj if trigger.obj is not None else trigger.token
        for word in scope.subtree:
            if word.dep_ == "acl" and word.lemma_.lower() in self.patterns.syntax.captivity_verbs:
                by = [r for o in self._prep_objects(word, {"in"}) for r in self._refs(o)]
                agent = self._agent(word)
                if agent or by:
                    return agent or by
        return []

    def _alleged_content(self, token: Token) -> bool:
        """"accused the army of ethnic cleansing": what an accusation says was done is an event of its own,
        alleged, as it is when a verb says it ("accused the army of attacking")."""
        allege = self.patterns.modalities.get("allege")
        head = token.head
        return bool(allege) and token.dep_ == "pobj" and head.lower_ == "of" and \
            head.head.lemma_.lower() in allege.verbs

    def _in_condition(self, token: Token, found: dict[int, Trigger]) -> bool:
        """"will boycott the elections unless the president agrees to step down": what must happen to
        avert (or bring about) an event is its condition, not an event of its own."""
        cond = self.patterns.modalities.get("conditional")
        node = token
        for _ in range(MAX_DEPTH):
            if node.head.i == node.i:
                return False
            if node.dep_ == "advcl" and cond and any(
                    c.dep_ == "mark" and c.lower_ in cond.marks for c in node.children):
                return any(a.i in found for a in [node.head, *list(node.head.ancestors)[:2]])
            node = node.head
        return False

    def _match(self, token: Token) -> Trigger | None:
        lemma = token.lemma_.lower()
        if token.tag_ in ("VBD", "VBN") and lemma not in self.patterns.verbs and token.lower_.endswith("ed") \
                and token.lower_[:-1] in self.patterns.verbs:
            lemma = token.lower_[:-1]  # the lemmatiser's "stag" for "staged": the verb is "stage"
        if token.tag_.startswith("VB") and token.dep_ == "amod":
            return None  # "the Israeli-occupied West Bank", "a Saudi-led coalition": a description, no event
        if token.tag_.startswith("VB"):
            for pattern in self.patterns.verbs.get(lemma, ()):
                obj = self._object_for(token, pattern)
                if pattern.objects and obj is None:
                    continue
                if pattern.particle is not None and not any(
                        c.dep_ == "prt" and c.lower_ == pattern.particle for c in token.children):
                    continue
                if pattern.requires_word and not any(t.lower_ in pattern.requires_word for t in token.subtree):
                    continue
                if pattern.requires_target and not self._has_target_slot(token, pattern):
                    continue  # "farmers protested in Paris": not a protest to someone (114) but a rally (141)
                if pattern.no_clause and self._names_content(token):
                    continue  # "agreed with Japan on a deal" is an agreement, "agreed with the report" is not
                if pattern.subject_sectors and not self._doer_in(token, pattern.subject_sectors):
                    continue  # "rebels bombed a market" is a bombing (183); "warplanes bombed Gaza" an air strike
                if pattern.complement_aux and not self._obligation_clauses(token, pattern):
                    continue
                return Trigger(token, pattern, obj)
            return None
        if token.pos_ in ("NOUN", "PROPN"):
            anchor = None
            if token.dep_ == "compound":  # "a mediation effort": only before a noun with no event of its own
                if token.head.lemma_.lower() not in self.patterns.light_nouns:
                    return None
                anchor = token.head
            if token.i in self._mentions or token.i in self._named:  # "the military" is an actor, not an event
                return None
            if token.ent_type_ in ("DATE", "TIME"):  # "last March" is a month, not a protest march
                return None
            if self._in_quote(token):  # '"Cooperation between A and B is vital"'
                return None
            compounds = [c for c in token.children if c.dep_ in ("compound", "amod")]
            for c in compounds:
                for pattern in self.patterns.multiword_nouns.get(f"{c.lower_} {lemma}", ()):
                    return Trigger(token, pattern, None, anchor)
            for pattern in self.patterns.nouns.get(lemma, ()) or self.patterns.nouns.get(token.lower_, ()):
                if pattern.complement_aux and not self._obligation_clauses(token, pattern):
                    continue  # "a reminder that Iraq must cooperate" is a demand; a plain reminder is not
                if pattern.subject_sectors and not any(
                        _sector(d.actor) in pattern.subject_sectors for d in self._noun_sources(token)[0]):
                    continue  # "Russia's bombing of Aleppo" is an air strike, "a bombing by rebels" a bombing
                return Trigger(token, pattern, None, anchor)
        return None

    def _mutual(self, trigger: Trigger) -> bool:
        """Whether the wording makes an act a joint one: "exchanged", "joint", "jointly", "each other"."""
        words = self.patterns.syntax.mutual_words
        nodes = [trigger.token] + ([trigger.obj] if trigger.obj is not None else [])
        return trigger.token.lemma_.lower() in words or any(
            c.lower_ in words for node in nodes for c in node.children if c.dep_ in ("amod", "advmod", "dobj"))

    def _names_content(self, verb: Token) -> bool:
        """Whether a verb names what is to be done or agreed on: a to-clause, an object, "on a deal"."""
        words = self.patterns.syntax.content_prepositions
        return any(c.dep_ in ("xcomp", "dobj") or (c.dep_ == "prep" and c.lower_ in words) for c in verb.children)

    @staticmethod
    def _obligation_clauses(token: Token, pattern: Pattern) -> list[Token]:
        """The that-clauses of a word that carry one of the pattern's auxiliaries ("said China must drop
        barriers", "a warning that Iraq must comply")."""
        if not pattern.complement_aux:
            return []
        deps = ("ccomp", "acl") if pattern.is_noun else ("ccomp",)
        return [c for c in token.children if c.dep_ in deps
                and any(a.dep_ == "aux" and a.lower_ in pattern.complement_aux for a in c.children)]

    def _doer_in(self, verb: Token, sectors: frozenset[str]) -> bool:
        """Whether who does what the verb says (as the coder will read it) is of one of these sectors."""
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        doers = self._agent(verb) if passive else self._subjects(verb) or self._nearest_subject(verb)
        return any(_sector(d.actor) in sectors for d in doers)

    @staticmethod
    def _has_target_slot(token: Token, pattern: Pattern) -> bool:
        """Whether anything stands where the pattern looks for its target (a cheap test before coding)."""
        for child in token.children:
            if child.dep_ in ("dobj", "dative", "nsubjpass") and {"dobj", "dative"} & set(pattern.targets):
                return True  # a passive's subject stands where the object would
            if child.dep_ in ("prep", "dative") and child.lower_ in pattern.targets:
                return True
        # slots found only through deeper syntax: leave the decision to the coder
        return any(slot in pattern.targets for slot in ("poss", "ccomp_subject", "xcomp_object", "between"))

    @staticmethod
    def _object_phrases(obj: Token) -> set[str]:
        words = {obj.lemma_.lower(), obj.lower_}
        for child in obj.children:
            if child.dep_ in ("compound", "amod"):
                words.add(f"{child.lower_} {obj.lemma_.lower()}")
                words.add(f"{child.lower_} {obj.lower_}")
        return words

    def _object_for(self, verb: Token, pattern: Pattern) -> Token | None:
        if not pattern.objects:
            return None
        candidates = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")]
        if not candidates:  # "go on hunger strike"; but "hosted X for a meeting" hosts X
            for prep in (c for c in verb.children if c.dep_ in ("prep", "prt")):
                candidates.extend(p for p in prep.children if p.dep_ == "pobj")
        for cand in candidates:
            for obj in [cand, *[c for c in cand.conjuncts]]:
                if self._object_phrases(obj) & pattern.objects:
                    return obj
                # "a state of emergency", "four air defense radars"
                if any(t.lemma_.lower() in pattern.objects for t in obj.subtree if t.dep_ in ("pobj", "compound")):
                    return obj
        return None

    # ------------------------------------------------------------------ arguments
    def _refs(self, token: Token | None) -> list[ActorRef]:
        """The actors a noun phrase stands for, following "and" / "or" conjunctions."""
        if token is None:
            return []
        refs: list[ActorRef] = []
        for tok in [token, *token.conjuncts]:
            refs.extend(self._refs_one(tok))
        return refs

    def _refs_one(self, token: Token) -> list[ActorRef]:
        mention = self._mentions.get(token.i) or self._mentions.get(phrase_head(token).i)
        if mention is not None:
            return self._to_refs(mention)
        if token.lemma_.lower() in self.patterns.syntax.relational_nouns:
            return []  # "Greece's creditors", "critics of the government": others than the one named
        # "the leaders of China", "officials from Japan", "Kim, the leader", "a camp for Congolese refugees"
        owners = {"of", "from", "by"}
        if token.lemma_.lower() in places.place_words().feature_nouns:
            owners = owners | {"for"}
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in owners:
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.i in self._mentions:
                        return self._to_refs(self._mentions[obj.i])
            if child.dep_ in ("appos", "poss") and child.i in self._mentions:
                return self._to_refs(self._mentions[child.i])
        return self._owner_of(token) or self._unknown(token)

    def _unknown(self, token: Token) -> list[ActorRef]:
        """A named actor the dictionary does not know ("Pete Wilson", "the Ogaden National Liberation
        Front"): kept with the code "---" so the event is not lost; its name says who it is."""
        if token.ent_type_ not in self.patterns.syntax.unknown_actor_entities or token.pos_ != "PROPN":
            return []
        ent = entity_of(token)
        if ent is None:
            return []
        for place in self._place_mentions:  # "bombed Aleppo", Aleppo read as a nationality: the place's country
            country = place.place.country if place.place is not None else None
            if place.char_start <= token.idx < place.char_end and country in self.dictionary.countries:
                return [ActorRef(self.dictionary.country_actor(country), place.text, place.char_start,
                                 place.char_end)]
        actor = Actor(code="---", country=None, name=ent.text, kind="unknown")
        return [ActorRef(actor, ent.text, ent.start_char, ent.end_char)]

    def _owner_of(self, token: Token, depth: int = 0) -> list[ActorRef]:
        """A thing's owner stands for it: "a U.S. request", "an Australian ultimatum", "German goods",
        and one modifier further in, "US Predator attacks"."""
        for child in token.children:
            if child.dep_ in ("amod", "compound", "nmod"):
                if child.i in self._mentions:
                    return self._to_refs(self._mentions[child.i])
                if child.ent_type_ == "PERSON":
                    continue  # "Chad Smith": a first name, not a country that owns Smith
                for entry in self.dictionary.names.get(child.text, ()):
                    if entry.kind in ("adjective", "country", "demonym"):
                        actor = self.dictionary.country_actor(entry.key)
                        return [ActorRef(actor, child.text, child.idx, child.idx + len(child.text))]
                if depth == 0 and child.dep_ == "compound":
                    inner = self._owner_of(child, depth + 1)
                    if inner:
                        return inner
        return []

    @staticmethod
    def _to_refs(mention: Mention) -> list[ActorRef]:
        actors = mention.plural or (mention.actor,)
        return [ActorRef(a, mention.text, mention.start, mention.end) for a in actors]

    def _subjects(self, verb: Token, depth: int = 0, raised: bool = False) -> list[ActorRef]:
        """Who does what the verb says; ``raised`` when reached from a "to"-clause ("is expected to")."""
        if depth > MAX_DEPTH:
            return []
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.tag_ == "VBG":  # "The Red Cross operating in Iraq said": parsed as a clause subject
                    inner = next((c for c in child.children if c.dep_ == "nsubj"), None)
                    if inner is not None:
                        return self._refs(inner)
                return self._refs(child)
            if child.dep_ == "nsubjpass":
                # "China is scheduled to visit": the passive subject does the embedded act
                return self._refs(child) if raised else self._agent(verb)
        for aux in (c for c in verb.children if c.dep_ == "aux"):  # "France however have opposed": the
            subject = next((c for c in aux.children if c.dep_ == "nsubj"), None)  # parser hangs it on "have"
            if subject is not None:
                return self._refs(subject)
        head = verb.head
        if head.i == verb.i:
            return []
        if verb.dep_ == "xcomp" or (verb.dep_ == "acomp"):
            if head.lemma_.lower() in self.patterns.syntax.object_control_verbs:
                for child in head.children:
                    if child.dep_ in ("dobj",):
                        return self._refs(child)
                    if child.dep_ == "prep" and child.lower_ in ("on", "upon"):
                        return self._refs(next((p for p in child.children if p.dep_ == "pobj"), None))
            if head.pos_ == "ADJ":  # "is willing to meet" -> the subject of "is"
                return self._subjects(head.head, depth + 1, raised=True) if head.head.i != head.i else []
            return self._subjects(head, depth + 1, raised=True)
        if verb.dep_ == "conj" and not any(c.dep_ == "auxpass" for c in verb.children):
            # "the minister was indicted by the court and will resign": the minister resigns
            passive_subject = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
            if passive_subject is not None:
                return self._refs(passive_subject)
        if verb.dep_ in ("conj", "advcl"):
            return self._subjects(head, depth + 1)
        if verb.dep_ == "relcl":
            return self._refs(head)
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            # "reached a consensus to exchange information": those who reached it
            governor = _governing_verb(head)
            return self._subjects(governor, depth + 1) if governor is not None else []
        if verb.dep_ == "pcomp" and head.dep_ == "prep":  # "accused Japan of violating"
            governor = head.head
            if governor.lemma_.lower() in self.patterns.syntax.object_control_verbs:
                return self._refs(next((c for c in governor.children if c.dep_ == "dobj"), None))
            return self._subjects(governor, depth + 1) if governor.pos_ in ("VERB", "AUX") else []
        return []

    def _prep_targets(self, trigger: Trigger) -> list[ActorRef]:
        words = {s for s in trigger.pattern.targets if s not in ("dobj", "dative", "poss", "ccomp_subject",
                                                                 "xcomp_object", "between")}
        return [r for o in self._prep_objects(trigger.head, words) for r in self._refs(o)]

    def _condition_subjects(self, token: Token, modal: Modal) -> list[ActorRef]:
        """A threat's target is whoever must act to avert it: the subject of its if/unless clause."""
        cond = self.patterns.modalities.get("conditional")
        marks = cond.marks if cond else frozenset()
        for word in [token, modal.governor, *list(token.ancestors)[:3]]:
            if word is None:
                continue
            for clause in (c for c in word.children if c.dep_ == "advcl"):
                if any(m.dep_ == "mark" and m.lower_ in marks for m in clause.children):
                    subjects = [r for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") for r in self._refs(c)]
                    if subjects:
                        return subjects
        return []

    def _places_of(self, trigger: Trigger) -> list[ActorRef]:
        """The country of the place where the event happened, as the places stage finds it ("in Gaza",
        "at a checkpoint in Kandahar", "a bombing near Samarra killed ..."): an inferred actor whose
        span is the place's name."""
        found = places.locate(trigger.token.doc, trigger.token.i, self._place_mentions)
        if found is None:
            return []
        mention, _ = found
        country = mention.place.country if mention.place is not None else None
        if country is None or country not in self.dictionary.countries:
            return []
        return [ActorRef(self.dictionary.country_actor(country), mention.text, mention.char_start, mention.char_end)]

    def _located(self, sources: list[ActorRef], trigger: Trigger) -> list[ActorRef]:
        """"People blocked streets in Hong Kong": a sector with no country acts (or is acted on) where the
        event happens."""
        place = next(iter(self._places_of(trigger)), None)
        if place is None or not place.actor.country:
            return sources
        return [self._placed(r, place.actor.country)
                if r.actor.country is None and r.actor.kind in ("sector", "people") else r for r in sources]

    def _placed(self, ref: ActorRef, country: str) -> ActorRef:
        """A sector, or a people spread over several states, of the country where it acts."""
        if ref.actor.kind == "people":  # "ethnic Albanians ... near Macedonia's border": MKDALN
            actor = Actor(country + ref.actor.code, country, ref.actor.name, "people")
        else:
            actor = self.dictionary.country_actor(country, ref.actor.code[3:])
        return ActorRef(actor, ref.text, ref.start, ref.end)

    def _named_in_clause(self, token: Token, sources: list[ActorRef]) -> list[ActorRef]:
        """The party an event's clause names anywhere but in its subject, for an event whose target slots are
        empty: "blocked a road to show their anger at Israel's policies" -> Israel; "demanded independence
        from Indonesian rule" -> Indonesia (a country adjective counts)."""
        subject = {t.i for c in token.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        for inner in token.subtree:
            if inner.i in subject:
                continue
            mention = self._mentions.get(inner.i)
            if mention is not None and mention.actor.country:
                refs = self._to_refs(mention)
            elif mention is None and inner.dep_ in ("amod", "compound") and inner.head.i not in self._mentions:
                refs = self._owner_of(inner.head)  # "independence from Indonesian rule" -> Indonesia
            else:
                continue
            # the place they stand in is their own country, not whom they protest against
            refs = [r for r in refs if not any(_same(r, s) or r.actor.code == s.actor.country for s in sources)]
            if refs:
                return refs
        return []

    def _own_government(self, sources: list[ActorRef]) -> list[ActorRef]:
        """Protest with no one named is aimed at the protesters' own government (an inferred target:
        its text and offsets are null)."""
        countries = {s.actor.country for s in sources if s.actor.country and s.actor.sector != "GOV"}
        return [ActorRef(self.dictionary.country_actor(c, "GOV"), None, None, None) for c in sorted(countries)]

    def _complement_subjects(self, verb: Token) -> list[ActorRef]:
        """"demanded that the US cancel ...", "its demand that the US cancel ...": the subject of the
        that-clause of a verb or a noun."""
        refs: list[ActorRef] = []
        deps = ("ccomp", "acl") if verb.pos_ in ("NOUN", "PROPN") else ("ccomp",)
        for clause in (c for c in verb.children if c.dep_ in deps):
            for child in clause.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    refs.extend(self._refs(child))
        return refs

    def _makers(self, verb: Token) -> list[ActorRef]:
        """Who made what the verb's object names: "rejected Iran's offer", "rejected calls by Annan"."""
        refs: list[ActorRef] = []
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            refs += [r for c in obj.children if c.dep_ == "poss" for r in self._refs(c)]
            refs += [r for o in self._prep_objects(obj, {"by", "from"}) for r in self._refs(o)]
        return refs

    def _agent(self, verb: Token) -> list[ActorRef]:
        for child in verb.children:
            if child.dep_ == "agent":
                return self._refs(next((p for p in child.children if p.dep_ == "pobj"), None))
        return []

    def _prep_objects(self, token: Token, words: set[str]) -> list[Token]:
        found = []
        for child in token.children:
            if child.dep_ in ("prep", "dative") and child.lower_ in words:
                objects = [p for p in child.children if p.dep_ == "pobj"]
                if not objects:  # "outside of Basra", "close to the border": the object hangs one deeper
                    objects = [p for inner in child.children if inner.dep_ == "prep"
                               for p in inner.children if p.dep_ == "pobj"]
                if not objects:  # the parser lost the object: take a name that starts right after
                    for offset in (1, 2):
                        mention = self._mention_starts.get(child.i + offset)
                        if mention is not None:
                            objects = [child.doc[mention.head]]
                            break
                found.extend(objects)
        return found

    def _targets(self, trigger: Trigger, passive: bool) -> tuple[list[ActorRef], list[ActorRef]]:
        """Targets, and a 'between' group (all members of which are mutual participants)."""
        token, pattern = trigger.head, trigger.pattern
        slots = set(pattern.targets)
        preps = {s for s in slots if s not in ("dobj", "dative", "poss", "ccomp_subject", "xcomp_object")}
        places = [token] + ([trigger.obj] if trigger.obj is not None else [])
        if not pattern.is_noun:  # "negotiating an agreement with Manila"
            places += [c for c in token.children if c.dep_ == "dobj" and not _same_token(c, trigger.obj)]
        targets: list[ActorRef] = []
        between: list[ActorRef] = []
        if "dobj" in slots:
            for child in token.children:
                if child.dep_ == "dobj" and not _same_token(child, trigger.obj):
                    targets.extend(self._refs(child))
                if passive and child.dep_ == "nsubjpass" and not _same_token(child, trigger.obj):
                    targets.extend(self._refs(child))
        if "dative" in slots:
            for child in token.children:
                if child.dep_ == "dative" and child.pos_ != "ADP":
                    targets.extend(self._refs(child))
        if trigger.obj is not None and not pattern.is_noun:
            # "expelled two Russian diplomats", "expelled inspectors of the IAEA": whose they are is the
            # target; a bare sector word ("fired artillery") is an instrument, not a target
            targets.extend(r for r in self._refs(trigger.obj) if not r.actor.code.startswith("---"))
        if "ccomp_subject" in slots:
            targets.extend(self._complement_subjects(token))
        if "xcomp_object" in slots:
            for clause in (c for c in token.children if c.dep_ == "xcomp"):
                for child in clause.children:
                    if child.dep_ == "dobj":
                        targets.extend(self._refs(child))
        if "poss" in slots and trigger.obj is not None:  # "rejected a U.S. offer", "Iran's request"
            owner = [r for c in trigger.obj.children if c.dep_ == "poss" for r in self._refs(c)]
            # "rejected calls by Kofi Annan", "an offer from Tokyo": who made it
            owner = owner or [r for o in self._prep_objects(trigger.obj, {"by", "from"}) for r in self._refs(o)]
            targets.extend(owner or self._owner_of(trigger.obj))
        for place in places:
            for obj in self._prep_objects(place, preps - {"between"}):
                targets.extend(self._refs(obj))
            if "between" in preps:
                for obj in self._prep_objects(place, {"between"}):
                    between.extend(self._refs(obj))
        if pattern.is_noun and not targets and not between:
            # "a summit next week with Biden", where the parser hangs "with" on the verb
            verb = _governing_verb(token)
            if verb is not None:
                # "issued a reminder Saturday to Iraq that ...": also between the noun and its clause
                near = [c for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ in preps
                        and token.i < c.i <= token.right_edge.i + 3]
                for prep in near:
                    for obj in (p for p in prep.children if p.dep_ == "pobj"):
                        (between if prep.lower_ == "between" else targets).extend(self._refs(obj))
        return targets, between

    def _noun_sources(self, token: Token) -> tuple[list[ActorRef], bool]:
        """Who does what a noun names: "China's drills", "Chinese drills", "drills by China", else the
        subject of the clause the noun stands in ("X launched an offensive"). The flag says the last."""
        sources: list[ActorRef] = []
        for child in token.children:
            if child.dep_ == "poss":
                sources.extend(self._refs(child))
            elif child.dep_ in ("amod", "compound", "nmod") and not sources:
                if child.i in self._mentions:
                    sources.extend(self._refs(child))
                else:
                    for entry in self.dictionary.names.get(child.text, ()):
                        if entry.kind in ("adjective", "country", "demonym"):
                            actor = self.dictionary.country_actor(entry.key)
                            sources.append(ActorRef(actor, child.text, child.idx, child.idx + len(child.text)))
                            break
        for obj in self._prep_objects(token, {"by"}):
            sources.extend(self._refs(obj))
        if not sources and self._alleged_content(token):
            # "accused India of an attack", "the army was accused of ethnic cleansing": the accused did it
            accuser = token.head.head
            sources = [r for c in accuser.children if c.dep_ in ("dobj", "nsubjpass") for r in self._refs(c)]
            return sources, False
        if sources or token.dep_ in ("nsubj", "nsubjpass"):
            return sources, False
        verb = _governing_verb(token)
        if verb is None or verb.lemma_.lower() in self.patterns.syntax.reporting_verbs:
            return [], False
        return self._subjects(verb), True

    def _in_quote(self, token: Token) -> bool:
        return any(s <= token.idx < e for s, e in self._quoted)

    def _nearest_subject(self, token: Token) -> list[ActorRef]:
        """The subject of the nearest enclosing clause that has one naming an actor."""
        node = token
        for _ in range(MAX_DEPTH):
            if node.head.i == node.i:
                return []
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                for child in node.children:
                    if child.dep_ == "nsubj":
                        refs = self._refs(child)
                        if refs:
                            return refs
        return []

    # ------------------------------------------------------------------ events
    def _events(self, trigger: Trigger, index: int, sent: SpacySpan) -> list[Event]:
        token, pattern = trigger.head, trigger.pattern  # the syntax of "effort" in "a mediation effort"
        modal = status_of(token, self.patterns)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
        from_clause = False
        victims: list[ActorRef] = []
        if pattern.is_noun:
            sources, from_clause = self._noun_sources(token)
            verb = _governing_verb(token) if from_clause else None
            if verb is not None and verb.lemma_.lower() in self.patterns.syntax.undergoer_verbs:
                # "a prisoner died as a result of torture", "drew international condemnation": the one who
                # undergoes the event is its target, not its doer
                victims, sources, from_clause = sources, [], False
        elif passive:
            sources = self._agent(token)
        else:
            sources = self._subjects(token)
            if not sources and not self._in_quote(token):  # the parser may hang a clause off a noun
                sources = self._nearest_subject(token)
        targets, between = self._targets(trigger, passive)
        if victims and not targets:
            targets = victims
        if passive and not sources and not pattern.is_noun:
            # "Israel is opposed to French mediation": a passive form with no agent but an object
            # through its preposition reads as a state of its subject
            by_preposition = self._prep_targets(trigger)
            if by_preposition:
                sources = [r for c in token.children if c.dep_ == "nsubjpass" for r in self._refs(c)]
                targets = by_preposition
        if any(r.actor.kind in ("sector", "people") and r.actor.country is None for r in sources):
            sources = self._located(sources, trigger)
        if any(r.actor.kind in ("sector", "people") and r.actor.country is None for r in targets):
            targets = self._located(targets, trigger)  # "killed 23 people in Tel Aviv": Israelis
        code = self._refine(trigger)
        mass = self.patterns.mass_events.get(code)
        if mass is not None and self._people_count(trigger) >= mass[1]:
            code = mass[0]  # "forced more than 1,000 refugees out of their homes": a mass expulsion (201)
        symmetric = pattern.symmetric
        # "the two sides agreed to meet", "Thailand and Malaysia exchanged intelligence", "joint manoeuvres"
        mutual = pattern.symmetric or bool(pattern.requires_word) or self._mutual(trigger)
        shown = trigger.token

        embedded_targets = targets
        kept = False  # an order whose act keeps its own code: the orderer's act
        if modal.governor is not None and modal.modality is not None:
            # "urged Japan to withdraw": the urger appeals to Japan; the embedded action gives the code
            if modal.inner_transform:  # "demanded that they refuse to recognize": refuse first, then demand
                code = self.patterns.transform(modal.inner_transform, code)
            embedded_code = code
            code = self.patterns.transform(modal.transform or "", code)
            gov_sources = self._subjects(modal.governor) or self._nearest_subject(modal.governor)
            gov_targets: list[ActorRef] = []
            for slot in modal.modality.target_from:
                if slot == "ccomp_subject":  # "insisted on its demands that the government grant ..."
                    gov_targets += self._complement_subjects(modal.governor) or (
                        self._complement_subjects(modal.modal_word) if modal.modal_word is not None else [])
                elif slot == "dobj":
                    gov_targets += [r for c in modal.governor.children if c.dep_ == "dobj" for r in self._refs(c)]
                else:
                    gov_targets += [r for o in self._prep_objects(modal.governor, {slot}) for r in self._refs(o)]
            if modal.transform == "refuse":
                # "rejected calls by Kofi Annan to adopt reforms": the refusal answers whoever made the call
                gov_targets = gov_targets or self._makers(modal.governor) or targets
            kept = modal.transform == "order" and code == embedded_code
            if kept and any(t.actor.country and t.actor.country not in {s.actor.country for s in gov_sources}
                            for t in gov_targets):
                # "the Security Council ordered Iraq to allow inspectors": an order to another state is a demand
                code, kept = self.patterns.transform("demand", embedded_code), False
            if kept:
                # "ordered troops to attack Kabul": the orderer's own act, at its own target; its forces act for it
                force = self.patterns.syntax.force_sectors
                targets = embedded_targets or [t for t in gov_targets if _sector(t.actor) not in force]
            elif gov_targets or modal.transform in ("appeal", "demand", "order"):
                targets = gov_targets or targets
            sources = gov_sources or sources
            if code[:2] == "11" and embedded_targets:  # "called for sanctions against Turkey"
                targets = embedded_targets
            symmetric = mutual = False
            between = []
            shown = modal.governor
        elif modal.transform:
            transformed = self.patterns.transform(modal.transform, code)
            if transformed != code:  # an intention is one party's: "Japan wants to meet Korea"
                code, symmetric = transformed, False
            pledge = modal.modality is not None and modal.modality.name == "pledge" and modal.modal_word is not None
            if pledge:
                # "agreed with Turkey on a ceasefire in Idlib": the agreement is with Turkey
                partners = [r for o in self._prep_objects(modal.modal_word, {"with"}) for r in self._refs(o)]
                if partners:
                    targets, between = partners, []
            if pledge and pattern.is_noun and sources:
                # "Israel agreed to US mediation": Israel agrees with the US, whose mediation it is
                agreers = self._subjects(modal.modal_word)
                if agreers and not any(_same(a, s) for a in agreers for s in sources):
                    sources, targets, between = agreers, sources, []

        failed = modal.status == "negated" and modal.modal_word is not None and \
            code[:2] in self.patterns.syntax.failed_cooperation_roots
        if failed:  # "failed to reach agreement": a failure to cooperate is a rejection (CAMEO 12, as FAIL is)
            code = self.patterns.transform("refuse", code)
            shown = modal.modal_word
        if pattern.requires_target and not targets:
            return []
        # "reneged on his commitment to the Zambian people": its own subject is no target of an event
        targets = [t for t in targets if not any(_same(t, s) for s in sources)]
        if pattern.subject_sectors and not any(
                _sector(s.actor) in pattern.subject_sectors for s in sources):
            return []

        if not sources and pattern.clause_subject and targets and len(between) < 2 and self._topic:
            topic_sentence, topic_refs = self._topic
            if index - topic_sentence <= 2:
                sources = topic_refs
        if not targets and len(between) < 2 and mutual and len(_unique(sources)) >= 2:
            between = sources  # a plural subject of a joint act acts on each other
        if from_clause and modal.modal_word is None and not targets and len(between) < 2 and token.dep_ == "pobj" \
                and token.head.lower_ in self.patterns.syntax.circumstantial_prepositions:
            return []  # "X spoke after the meeting": a meeting nobody is named in is no event of X's
        if from_clause and code[:2] in self.patterns.syntax.background_own_doer_roots and \
                after_background(token, self.patterns.syntax.background_prepositions):
            return []  # "settlers torched offices following the killing of an Israeli": not the settlers' killing
        if not sources and code[:2] in self.patterns.syntax.domestic_target_roots:
            # "protests erupted in Tehran", "thousands protested in Paris": the people of the place protest
            # (an inferred source); the place itself is not whom they protest against
            places_here = {r.actor.country for r in self._places_of(trigger) if r.actor.country}
            sources = [ActorRef(self.dictionary.country_actor(c, "CVL"), None, None, None) for c in sorted(places_here)]
            targets = [t for t in targets if t.actor.code not in places_here]
        if not targets and len(between) < 2 and code[:2] in self.patterns.syntax.domestic_target_roots:
            targets = (self._named_in_clause(token, sources) if sources else []) or self._own_government(sources)
        if not targets and len(between) < 2 and sources and code[:2] in self.patterns.syntax.clause_target_roots:
            # "would not meet the kidnappers' demands to free prisoners in Iraq": what is rejected names its party;
            # "declined to resign despite pressure by the Kenyan commission": the refusal's own clause
            targets = self._named_in_clause(token, sources) or (
                self._named_in_clause(modal.governor, sources) if modal.governor is not None else [])
        if not targets and code[:2] == "13":  # "threatened to quit the talks if the US deploys ..."
            targets = self._condition_subjects(token, modal)
        named_sources = sources
        if not targets and len(between) < 2 and code[:2] in self.patterns.syntax.place_target_roots:
            # force used "in Gaza" with no one named is used against Gaza's country
            targets = [r for r in self._places_of(trigger) if not any(_same(r, s) for s in sources)]
        elif not sources and len(between) < 2 and code[:2] in self.patterns.syntax.place_source_roots:
            # its victims named, its perpetrator not: "a bomb near Samarra killed a US soldier"
            sources = [ActorRef(r.actor, None, None, None) for r in self._places_of(trigger)
                       if not any(t.actor.code == r.actor.code for t in targets)]
        if code in self.patterns.syntax.release_request_codes:
            # "demanded the release of a journalist held in Iran": the demand is made of whoever holds them
            holders = self._holders(trigger)
            if holders:
                targets = holders
        if code[:2] in self.patterns.syntax.own_forces_roots or kept:
            # "Ethiopia deployed riot police", "ordered troops to attack": its forces act for it, not on it
            if not sources and passive:  # "riot police were deployed across the capital": they are the ones
                sources = [t for t in targets if _sector(t.actor) in self.patterns.syntax.force_sectors]
            own = {s.actor.country for s in sources if s.actor.country} | {None}
            targets = [t for t in targets if not (t.actor.country in own
                                                  and _sector(t.actor) in self.patterns.syntax.force_sectors)]
        pairs = self._pairs(sources, targets, between, symmetric)
        if named_sources:
            self._topic = (index, named_sources)
        if not pairs:
            return []
        entry = self.ontology[code]
        events = []
        claim = modal.modality
        if claim is not None and claim.own_act_code and modal.modal_word is not None:
            events.extend(self._claim_of_own_act(modal.modal_word, claim.own_act_code, sources, targets,
                                                 index, sent, trigger))
        status = self._status(modal, code, trigger, failed)
        for source, target in pairs:
            events.append(Event(
                sentence=index,
                evidence=sent.text.strip(),
                source=source,
                target=target,
                trigger=Span(shown.text, shown.idx, shown.idx + len(shown.text)),
                cameo=entry.code,
                root=entry.root,
                quad_class=entry.quad_class,
                goldstein=entry.goldstein,
                plover=entry.plover(),
                status=status,
                trigger_token=trigger.token.i,
            ))
        return events

    @staticmethod
    def _status(modal: Modal, code: str, trigger: Trigger, failed: bool) -> str:
        """The event's status: the governing words' (status.py), corrected by what the final code says."""
        status = modal.status
        if failed or (modal.modality is not None and code[:2] in modal.modality.happened_roots):
            status = "occurred"  # "failed to reach agreement" (a rejection); "prepared to resume shelling"
        pattern = trigger.pattern
        if status == "occurred" and pattern.code[:2] == "03" and not pattern.is_noun and any(
                c.dep_ == "xcomp" for c in trigger.token.children):
            return "intended"  # "promised to ease visa rules": an intention, whatever it is to do
        if status == "conditional" and pattern.code[:2] == "13":
            return "occurred"  # "warned Syria of consequences if it used ...": a threat names its condition
        return status

    def _claim_of_own_act(self, word: Token, code: str, doers: list[ActorRef], targets: list[ActorRef],
                          index: int, sent: SpacySpan, trigger: Trigger) -> list[Event]:
        """"X claimed (that) it had attacked Y": X claims responsibility (CAMEO 015) toward Y."""
        claimants = self._subjects(word)
        if not claimants or not doers:
            return []
        doer_names = {d.actor.name for d in doers}
        if not any(c.actor.name in doer_names for c in claimants) and not any(
                t.dep_ == "nsubj" and t.tag_ == "PRP" for t in trigger.head.children):
            return []
        entry = self.ontology[code]
        return [Event(sentence=index, evidence=sent.text.strip(), source=c, target=t,
                      trigger=Span(word.text, word.idx, word.idx + len(word.text)), cameo=entry.code,
                      root=entry.root, quad_class=entry.quad_class, goldstein=entry.goldstein,
                      plover=entry.plover(), status="occurred", trigger_token=word.i)
                for c in claimants for t in (targets or [None])]

    def _pairs(self, sources: list[ActorRef], targets: list[ActorRef], between: list[ActorRef],
               symmetric: bool) -> list[tuple[ActorRef | None, ActorRef | None]]:
        pairs: list[tuple[ActorRef | None, ActorRef | None]] = []
        if between and sources and not symmetric:  # "mediate between X and Y": X and Y are targets
            targets, between = targets + between, []
        group = _unique(sources + between) if between else []
        if len(group) >= 2 and not targets:
            for a in group:
                for b in group:
                    if not _same(a, b):
                        pairs.append((a, b))
            return pairs
        sources = _unique(sources or between)
        targets = _unique(targets)
        for s in sources:
            for t in targets:
                if _same(s, t):
                    continue
                pairs.append((s, t))
                if symmetric:
                    pairs.append((t, s))
        if sources and not pairs:  # no target, or only the source itself ("reneged on his commitment")
            pairs.extend((s, None) for s in sources)
        if targets and not sources:  # "a journalist was killed": the victim is known, the killer not
            pairs.extend((None, t) for t in targets)
        return pairs

    def _refine(self, trigger: Trigger) -> str:
        pattern = trigger.pattern
        if not pattern.refine:
            return pattern.code
        words: set[str] = set()
        scope = trigger.obj if trigger.obj is not None else trigger.token
        for tok in scope.subtree:
            words.add(tok.lemma_.lower())
            words.add(tok.lower_)
        if not pattern.is_noun and trigger.obj is None:
            for child in trigger.token.children:
                if child.dep_ == "dobj":
                    words.update(t.lemma_.lower() for t in child.subtree)
        for code, lemmas in pattern.refine:
            if words & lemmas:
                return code
        return pattern.code


def _promise_targets(events: list[Event], doc: Doc) -> None:
    """"Britain promised to continue military aid to Kenya": a promise or an agreement (03x) with no
    target of its own is made to whoever its embedded action is for."""
    for event in events:
        if event.target is not None or event.root != "03" or event.trigger_token < 0:
            continue
        for other in events:
            if other is event or other.target is None or other.trigger_token < 0:
                continue
            node, hops = doc[other.trigger_token], 0
            while node.i != event.trigger_token and node.head.i != node.i and hops < 4:
                node, hops = node.head, hops + 1
            if node.i == event.trigger_token and hops:
                event.target = other.target
                break


def _governing_verb(token: Token) -> Token | None:
    """The verb a noun hangs from ("spoke ahead of a summit" -> spoke)."""
    node = token
    for _ in range(4):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def _sector(actor: Actor) -> str:
    """An actor's sector, also for a sector of no known country ("---MIL": "troops"); "" for none."""
    if actor.code.startswith("---"):
        return actor.code[3:]
    return actor.sector or ""


def _same_token(a: Token, b: Token | None) -> bool:
    return b is not None and a.i == b.i


def _same(a: ActorRef, b: ActorRef) -> bool:
    return a.actor.code == b.actor.code and a.actor.name == b.actor.name


def _unique(refs: list[ActorRef]) -> list[ActorRef]:
    seen: set[tuple[str, str]] = set()
    out = []
    for ref in refs:
        key = (ref.actor.code, ref.actor.name)
        if key not in seen:
            seen.add(key)
            out.append(ref)
    return out
