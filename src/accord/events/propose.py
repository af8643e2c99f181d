"""Propose: the words of a sentence that name events, the pattern entry each matches, its status words, and
the sides the parse offers for it. Nothing here chooses a code or a side.

A word's pattern entries are tried most specific first (``PatternSet.add`` orders them); the first whose
conditions hold wins. Words that turn out to be part of another event ("held talks", "agreed to hold
drills", what an appeal asks for, a condition) are set aside with the reason.
"""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..model import ActorRef
from .arguments import ArgumentReader
from .sides import governing_verb, same, sector_of
from .candidate import Arguments, EventCandidate, Rejected, Trigger
from .context import CodingContext
from .patterns import Pattern, PatternSet
from .status import status_of

NOUN_SLOTS = ("nsubj", "nsubjpass", "dobj", "pobj")  # where a word the tagger calls an adjective is a noun
MAX_DEPTH = 6
# Dependencies by which an event word is the content or circumstance of another event word.
CONTENT_DEPS = {"pobj", "prep", "dobj", "advcl", "acl", "relcl", "npadvmod", "agent", "attr"}


class Proposer:
    def __init__(self, patterns: PatternSet, reader: ArgumentReader, ctx: CodingContext) -> None:
        self.patterns = patterns
        self.reader = reader
        self.ctx = ctx

    # ------------------------------------------------------------------ candidates
    def candidates(self, index: int, sent: SpacySpan) -> list[EventCandidate]:
        return [self.candidate(trigger, index, sent) for trigger in self.triggers(sent)]

    def candidate(self, trigger: Trigger, index: int, sent: SpacySpan) -> EventCandidate:
        """The trigger with its status words and the sides the parse offers."""
        token, pattern = trigger.head, trigger.pattern  # the syntax of "effort" in "a mediation effort"
        reader = self.reader
        modal = status_of(token, self.patterns)
        args = Arguments(passive=any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children))
        victims: list[ActorRef] = []
        steps: list[str] = []
        if pattern.is_noun:
            args.sources, args.from_clause, victims = reader.nouns.noun_doers(token, pattern, own=pattern.own_doer)
        elif args.passive:
            args.sources = reader.agent(token)
        else:
            args.sources = reader.subjects(token)
            if not args.sources and not self.ctx.in_quote(token.idx):  # the parser may hang a clause off a noun
                args.sources = reader.nearest_subject(token)
        args.targets, args.between = reader.targets(trigger, args.passive)
        undergoer = reader.nouns.undergoer(token) if token.tag_ == "VBG" and not args.targets else None
        if undergoer is not None:  # "twelve people died in police firing": they underwent the firing
            victims = [v for v in reader.subjects(undergoer) if not any(same(v, s) for s in args.sources)]
        how = trigger.means or trigger.cause
        if how is not None and not args.sources:
            # "were killed in an Israeli air strike", "killed when the police fired": who did it did this
            args.sources = [d for d in reader.doers_of(how) if not any(same(d, t) for t in args.targets)]
            if args.sources:
                steps.append(f"source: the doer of {how.token.text!r}, which says how it happened")
        if victims and not args.targets:
            args.targets = victims
        if args.passive and not args.sources and not pattern.is_noun:
            # "Israel is opposed to French mediation": a passive form with no agent but an object
            # through its preposition reads as a state of its subject
            by_preposition = reader.prep_targets(trigger)
            if by_preposition:
                args.sources = [r for c in token.children if c.dep_ == "nsubjpass" for r in reader.refs(c)]
                args.targets = by_preposition
        if any(r.actor.kind in ("sector", "people") and r.actor.country is None for r in args.sources):
            args.sources = reader.located(args.sources, trigger)
        if any(r.actor.kind in ("sector", "people") and r.actor.country is None for r in args.targets):
            args.targets = reader.located(args.targets, trigger)  # "killed 23 people in Tel Aviv": Israelis
        if modal.governor is not None and modal.modality is not None:
            # "urged Japan to withdraw": the urger and whom it urges
            governor = modal.governor
            args.governor_sources = reader.subjects(governor) or reader.nearest_subject(governor)
            for slot in modal.modality.target_from:
                if slot == "ccomp_subject":  # "insisted on its demands that the government grant ..."
                    args.governor_targets += reader.complement_subjects(governor) or (
                        reader.complement_subjects(modal.modal_word) if modal.modal_word is not None else [])
                elif slot == "dobj":
                    args.governor_targets += [r for c in governor.children if c.dep_ == "dobj"
                                              for r in reader.refs(c)]
                else:
                    args.governor_targets += [r for o in reader.prep_objects(governor, {slot})
                                              for r in reader.refs(o)]
        candidate = EventCandidate(trigger, index, sent, modal, args)
        candidate.note(f"pattern {pattern.id} wins: {pattern.kind} {pattern.word!r} -> "
                       f"{pattern.code}" + (" (the word's entries are tried most specific first; this is the first "
                                            "whose conditions hold)" if trigger.considered else ""))
        if modal.modal_word is not None or modal.status != "occurred":
            word = modal.modal_word.text if modal.modal_word is not None else "-"
            candidate.note(f"status words: {modal.status} (word {word!r}"
                           + (f", governed by {modal.governor.text!r}, transform {modal.transform}"
                              if modal.governor is not None else "") + ")")
        candidate.steps.extend(steps)
        return candidate

    # ------------------------------------------------------------------ triggers
    def triggers(self, sent: SpacySpan) -> list[Trigger]:
        found: dict[int, Trigger] = {}
        consumed: set[int] = set()
        for token in sent:
            if token.i in consumed:
                continue
            trigger = self.match(token)
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
                        self._set_aside(found, inner.i, f"part of the event of {token.text!r}")
        # a governing word that sets an embedded event's status or code is not an event of its own:
        # "agreed to hold drills" is one event (intent to cooperate militarily), not two
        for trigger in list(found.values()):
            modal = status_of(trigger.token, self.patterns)
            if modal.modal_word is not None and modal.status != "alleged":  # an accusation stays an event
                self._set_aside(found, modal.modal_word.i, f"sets the status of {trigger.token.text!r}")
        # "Brazil said Argentina should withdraw": the withdrawal is what the demand asks for, not an event
        # that happened; the demand (said + should) stands for it
        for trigger in list(found.values()):
            for clause in obligation_clauses(trigger.token, trigger.pattern):
                for inner in clause.subtree:
                    if inner.i != trigger.token.i:
                        self._set_aside(found, inner.i, f"what {trigger.token.text!r} asks for")
        # "three soldiers were killed in an Israeli air strike", "one person was killed when the police fired":
        # the violence that says how a casualty verb's victims were hurt, and by whom
        means_of = {}
        for trigger in found.values():
            if not trigger.pattern.is_noun and trigger.token.lemma_.lower() in self.patterns.syntax.casualty_verbs:
                trigger.means = self.means(trigger.token, found)
                if trigger.means is not None:
                    means_of[trigger.means.token.i] = trigger.token
                else:
                    trigger.cause = self.cause(trigger.token, found)
        # an event named only as the content or circumstance of another ("complained over two air raids",
        # "staged demonstrations to demand reforms", "the attack, which killed ...") is part of that one;
        # the verb of a noun event stands for it: "staged demonstrations to demand reforms"
        light_verbs = {t.token.head.i: i for i, t in found.items() if t.pattern.is_noun and t.token.dep_ == "dobj"}
        secondary: dict[int, str] = {}  # judged on the whole set first, then set aside
        for i, t in found.items():
            if i in means_of:
                secondary[i] = f"how {means_of[i].text!r} happened: its doer and code go to that event"
            elif inside_other(t.head, found, light_verbs) and not self.reader.alleged_content(t.head):
                secondary[i] = "content or circumstance of another event"
            elif self.in_condition(t.head, found):
                secondary[i] = "the condition of another event"
        for i, reason in secondary.items():
            self._set_aside(found, i, reason)
        return [found[i] for i in sorted(found)]

    def means(self, verb: Token, found: dict[int, Trigger]) -> Trigger | None:
        """The violence a casualty verb's victims were hurt by, named after a means preposition: "killed in an
        air strike", "by Israeli fire", "wounded in shelling by troops", "in police firing" (parsed as police
        who were firing)."""
        words = self.patterns.syntax.means_prepositions
        for prep in (c for c in verb.children if c.dep_ in ("prep", "agent") and c.lower_ in words):
            for obj in (c for c in prep.children if c.dep_ in ("pobj", "pcomp")):
                for word in [obj, *(c for c in obj.children if c.dep_ == "acl")]:
                    if self.violent(found.get(word.i)):
                        return found[word.i]
        return None

    def cause(self, verb: Token, found: dict[int, Trigger]) -> Trigger | None:
        """The violence a clause that says when a casualty verb's victims were hurt names: "one person was
        killed when the police fired to disperse the crowd", also for a verb joined to it ("was killed and
        five were injured when ...")."""
        marks = self.patterns.syntax.cause_marks
        for word in [verb, *verb.conjuncts]:
            for clause in (c for c in word.children if c.dep_ == "advcl"):
                if any(m.dep_ in ("mark", "advmod") and m.lower_ in marks for m in clause.children):
                    inner = next((found[t.i] for t in clause.subtree if self.violent(found.get(t.i))), None)
                    if inner is not None:
                        return inner
        return None

    def violent(self, trigger: Trigger | None) -> bool:
        """Violence done by one side (a clash is mutual: it names no doer)."""
        return trigger is not None and trigger.pattern.code[:2] in self.patterns.syntax.violence_roots \
            and not trigger.pattern.symmetric

    def _set_aside(self, found: dict[int, Trigger], i: int, reason: str) -> None:
        trigger = found.pop(i, None)
        if trigger is not None:
            self.ctx.reject(Rejected(trigger.token, trigger.pattern, reason))

    def in_condition(self, token: Token, found: dict[int, Trigger]) -> bool:
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

    def match(self, token: Token) -> Trigger | None:
        """The pattern entry a word matches, or None; with ``ctx.explain`` every entry tried is recorded."""
        lemma = token.lemma_.lower()
        if token.tag_ in ("VBD", "VBN") and lemma not in self.patterns.verbs and token.lower_.endswith("ed") \
                and token.lower_[:-1] in self.patterns.verbs:
            lemma = token.lower_[:-1]  # the lemmatiser's "stag" for "staged": the verb is "stage"
        if token.tag_.startswith("VB") and token.dep_ == "amod":
            return None  # "the Israeli-occupied West Bank", "a Saudi-led coalition": a description, no event
        if token.tag_.startswith("VB"):
            return self._first(token, self.patterns.verbs.get(lemma, ()), None, self._verb_fails)
        if token.dep_ == "acomp":  # "was critical of X", "is pessimistic about": the copula's clause is the event's
            entries = self.patterns.adjectives.get(lemma, ()) or self.patterns.adjectives.get(token.lower_, ())
            if not entries or token.head.lemma_.lower() not in self.patterns.syntax.copulas:
                return None
            return self._first(token, entries, token.head, self._verb_fails)
        if token.pos_ not in ("NOUN", "PROPN") and not (token.pos_ == "ADJ" and token.dep_ in NOUN_SLOTS):
            return None  # an adjective standing as a subject or object is a noun the tagger missed ("offensive")
        anchor = None
        if token.dep_ == "compound":  # "a mediation effort": only before a noun with no event of its own
            if token.head.lemma_.lower() not in self.patterns.light_nouns:
                return None
            anchor = token.head
        # "the military" is an actor, not an event; "a Taliban attack" is violence by the Taliban (a "Trump rally"
        # is no protest by Trump: only violence is read so)
        doer_before = token.i in self.ctx.mentions
        if token.i in self.ctx.named or (doer_before and self.reader.nouns.named_before(token) is None):
            return None
        if token.ent_type_ in self.patterns.syntax.non_event_entities:  # "last March" is a month, not a march
            return None
        if self.ctx.in_quote(token.idx):  # '"Cooperation between A and B is vital"'
            return None
        violence = self.patterns.syntax.violence_roots
        for c in (c for c in token.children if c.dep_ in ("compound", "amod")):
            entries = self.patterns.multiword_nouns.get(f"{c.lower_} {lemma}", ())
            if entries and (not doer_before or entries[0].code[:2] in violence):
                return Trigger(token, entries[0], None, anchor)
        entries = self.patterns.noun_entries(lemma, token.lower_)
        if doer_before:
            entries = [e for e in entries if e.code[:2] in violence]
        return self._first(token, entries, anchor, self._noun_fails)

    def _first(self, token: Token, entries, anchor: Token | None, fails) -> Trigger | None:
        """The first entry (most specific first) whose conditions hold."""
        considered: list[str] = []
        for pattern in entries:
            obj = self.object_for(token, pattern) if not pattern.is_noun else None
            reason = fails(token, pattern, obj)
            if reason is None:
                return Trigger(token, pattern, obj, anchor, tuple(considered))
            if self.ctx.explain:
                considered.append(f"{pattern.id} -> {pattern.code}: {reason}")
        if considered:
            self.ctx.reject(Rejected(token, None, "no entry's conditions hold: " + "; ".join(considered)))
        return None

    def _verb_fails(self, token: Token, pattern: Pattern, obj: Token | None) -> str | None:
        if pattern.objects and obj is None:
            return f"needs an object among {sorted(pattern.objects)[:5]}"
        if not pattern.objects:
            other = self.other_sense(token)
            if other is not None:
                return f"another sense of the word: {other}"
        if pattern.particle is not None and not any(
                c.dep_ == "prt" and c.lower_ == pattern.particle for c in token.children):
            return f"needs the particle {pattern.particle!r}"
        if pattern.requires_word and not any(t.lower_ in pattern.requires_word for t in token.subtree):
            return f"needs one of the words {sorted(pattern.requires_word)}"
        if pattern.requires_target and not has_target_slot(token, pattern) and not self.undergone(token):
            return "needs a target"  # "farmers protested in Paris": not a protest to someone (114) but a rally
        if pattern.no_clause and self.names_content(token):
            return "names what is agreed"  # "agreed with Japan on a deal" is an agreement, "with the report" not
        if pattern.subject_sectors and not self.doer_in(token, pattern.subject_sectors):
            return f"needs a doer of sector {sorted(pattern.subject_sectors)}"  # "warplanes bombed": air strike
        if pattern.complement_aux and not obligation_clauses(token, pattern):
            return f"needs a that-clause with {sorted(pattern.complement_aux)}"
        return None

    def _noun_fails(self, token: Token, pattern: Pattern, obj: Token | None) -> str | None:
        if pattern.complement_aux and not obligation_clauses(token, pattern):
            return f"needs a that-clause with {sorted(pattern.complement_aux)}"  # "a reminder that Iraq must"
        if pattern.own_doer or pattern.subject_sectors:
            doers = self.reader.nouns.noun_doers(token, pattern, own=pattern.own_doer)[0]
            if pattern.own_doer and not doers:
                return "needs its doer named in its own phrase"  # "police firing", not "the army put out the fire"
            if pattern.subject_sectors and not any(sector_of(d.actor) in pattern.subject_sectors for d in doers):
                return f"needs a doer of sector {sorted(pattern.subject_sectors)}"  # "Russia's bombing of Aleppo"
        return None

    def other_sense(self, verb: Token) -> str | None:
        """What gives a verb a sense other than its entries' ("shot footage": filmed; "hit a record": reached;
        "demonstrated a phone": showed), or None."""
        syntax = self.patterns.syntax
        lemma = verb.lemma_.lower()
        if lemma in syntax.transitive_other_senses and any(c.dep_ in ("dobj", "ccomp") for c in verb.children):
            return "it has an object"
        cause = self.cause_doer(verb)
        if cause is not None:
            return f"{cause.text!r} does it: a cause, not an attacker"
        words = syntax.other_senses.get(lemma)
        if words:
            for child in verb.children:
                if child.dep_ not in ("dobj", "nsubjpass"):
                    continue
                # "most of the footage was shot": the part's whole
                heads = [child] + [o for p in child.children if p.dep_ == "prep" and p.lower_ == "of"
                                   for o in p.children if o.dep_ == "pobj"]
                named = next((h for h in heads if h.lemma_.lower() in words or h.lower_ in words), None)
                if named is not None:
                    return f"{named.text!r}"
        return None

    def cause_doer(self, verb: Token) -> Token | None:
        """The doer of a verb of force when it is a thing that is no actor, person, weapon or act of force:
        "rising costs are hitting confidence", "was hit by a dip in demand" (syntax.yaml cause_doer_verbs)."""
        syntax = self.patterns.syntax
        if verb.lemma_.lower() not in syntax.cause_doer_verbs:
            return None
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
            doer = next((p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"),
                        None)
        else:
            doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if doer is not None and doer.lemma_.lower() in syntax.quantity_nouns:  # "a barrage of rockets"
            doer = next((p for c in doer.children if c.dep_ == "prep" and c.lower_ in syntax.quantity_prepositions
                         for p in c.children if p.dep_ == "pobj"), doer)
        if doer is None or doer.pos_ != "NOUN" or doer.ent_type_:
            return None
        lemma, word = doer.lemma_.lower(), doer.lower_
        compound = next((f"{c.lower_} {lemma}" for c in doer.children if c.dep_ == "compound"), None)
        if self.ctx.mentions.get(doer.i) is not None or self.patterns.noun_entries(lemma, word) or any(
                w in syntax.force_things or w in syntax.person_nouns for w in (lemma, word, compound) if w):
            return None
        return doer

    def undergone(self, verb: Token) -> bool:
        """Whether a gerund's target is who underwent it: the subject of a verb like "die" ("twelve people
        died in police firing"), or the victims of a casualty verb it says how they were hurt ("two villagers
        were killed in police firing": the casualty event takes them)."""
        if verb.tag_ != "VBG":
            return False
        if self.reader.nouns.undergoer(verb) is not None:
            return True
        casualty = governing_verb(verb)
        syntax = self.patterns.syntax
        return casualty is not None and casualty.lemma_.lower() in syntax.casualty_verbs and any(
            t.head.i == casualty.i and t.dep_ in ("prep", "agent") and t.lower_ in syntax.means_prepositions
            for t in verb.ancestors if t.i != casualty.i)

    def names_content(self, verb: Token) -> bool:
        """Whether a verb names what is to be done or agreed on: a to-clause, an object, "on a deal"."""
        words = self.patterns.syntax.content_prepositions
        return any(c.dep_ in ("xcomp", "dobj") or (c.dep_ == "prep" and c.lower_ in words) for c in verb.children)

    def doer_in(self, verb: Token, sectors: frozenset[str]) -> bool:
        """Whether who does what the verb says (as the coder will read it) is of one of these sectors."""
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        reader = self.reader
        doers = reader.agent(verb) if passive else reader.subjects(verb) or reader.nearest_subject(verb)
        return any(sector_of(d.actor) in sectors for d in doers)

    def object_for(self, verb: Token, pattern: Pattern) -> Token | None:
        if not pattern.objects:
            return None
        candidates = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")]
        if not candidates:  # "go on hunger strike"; but "hosted X for a meeting" hosts X
            for prep in (c for c in verb.children if c.dep_ in ("prep", "prt")):
                candidates.extend(p for p in prep.children if p.dep_ == "pobj")
        for cand in candidates:
            for obj in [cand, *[c for c in cand.conjuncts]]:
                if object_phrases(obj) & pattern.objects:
                    return obj
                # "a state of emergency", "four air defense radars"
                if any(t.lemma_.lower() in pattern.objects for t in obj.subtree if t.dep_ in ("pobj", "compound")):
                    return obj
        return None


def inside_other(token: Token, found: dict[int, Trigger], light_verbs: dict[int, int]) -> bool:
    node = token
    for _ in range(4):
        if node.dep_ not in CONTENT_DEPS or node.head.i == node.i:
            return False
        node = node.head
        if node.i in found or light_verbs.get(node.i, token.i) != token.i:
            return True
    return False


def obligation_clauses(token: Token, pattern: Pattern) -> list[Token]:
    """The that-clauses of a word that carry one of the pattern's auxiliaries ("said China must drop
    barriers", "a warning that Iraq must comply")."""
    if not pattern.complement_aux:
        return []
    deps = ("ccomp", "acl") if pattern.is_noun else ("ccomp",)
    return [c for c in token.children if c.dep_ in deps
            and any(a.dep_ == "aux" and a.lower_ in pattern.complement_aux for a in c.children)]


def has_target_slot(token: Token, pattern: Pattern) -> bool:
    """Whether anything stands where the pattern looks for its target (a cheap test before coding)."""
    for child in token.children:
        if child.dep_ in ("dobj", "dative", "nsubjpass") and {"dobj", "dative"} & set(pattern.targets):
            return True  # a passive's subject stands where the object would
        if child.dep_ in ("prep", "dative") and child.lower_ in pattern.targets:
            return True
    # slots found only through deeper syntax: leave the decision to the coder
    return any(slot in pattern.targets for slot in ("poss", "ccomp_subject", "xcomp_object", "between"))


def object_phrases(obj: Token) -> set[str]:
    words = {obj.lemma_.lower(), obj.lower_}
    for child in obj.children:
        if child.dep_ in ("compound", "amod"):
            words.add(f"{child.lower_} {obj.lemma_.lower()}")
            words.add(f"{child.lower_} {obj.lower_}")
    return words
