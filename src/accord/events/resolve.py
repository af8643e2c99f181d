"""Resolve: the source and target an event keeps, from the sides the parse offered and the decided code.

The rules run in a fixed order, each a general fact of English or of CAMEO: a governing word's sides win
over the embedded act's ("urged Japan to withdraw": the urger appeals to Japan); a protest with no doer is by
the people of its place against their government; force used in a place with no one named is used against
the place's country; a state's forces acting for it are not its target. A rule that finds the candidate is
not an event of its own ("a meeting nobody is named in", violence named as background) drops it with the
reason. The result is the list of (source, target) pairs, both directions for symmetric events.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..actors.dictionary import ActorDictionary
from ..model import ActorRef
from .arguments import ArgumentReader
from .sides import governing_verb, same, sector_of, unique
from .candidate import EventCandidate
from .context import CodingContext
from .patterns import PatternSet
from .status import Modal, after_background


class Resolver:
    def __init__(self, patterns: PatternSet, dictionary: ActorDictionary) -> None:
        self.patterns = patterns
        self.dictionary = dictionary

    def resolve(self, cand: EventCandidate, reader: ArgumentReader, ctx: CodingContext) -> None:
        syntax = self.patterns.syntax
        args, modal, pattern, code = cand.arguments, cand.modal, cand.pattern, cand.code
        token = cand.trigger.head
        sources, targets, between = list(args.sources), list(args.targets), list(args.between)
        if modal.governor is not None and modal.modality is not None:
            embedded_targets = targets
            governor_targets = args.governor_targets
            if modal.transform == "refuse":
                # "rejected calls by Kofi Annan to adopt reforms": the refusal answers whoever made the call
                governor_targets = governor_targets or reader.makers(modal.governor) or targets
            if cand.kept:
                # "ordered troops to attack Kabul": the orderer's own act, at its own target; its forces act for it
                targets = embedded_targets or [t for t in governor_targets
                                               if sector_of(t.actor) not in syntax.force_sectors]
            elif governor_targets or modal.transform in ("appeal", "demand", "order"):
                targets = governor_targets or targets
            sources = args.governor_sources or sources
            if code[:2] in syntax.embedded_target_roots and embedded_targets:  # "called for sanctions against Turkey"
                targets = embedded_targets
            between = []
        elif modal.transform:
            pledge = modal.modal_word if modal.modality is not None and modal.modality.name == "pledge" else None
            if pledge is not None:
                # "agreed with Turkey on a ceasefire in Idlib": the agreement is with Turkey
                partners = [r for o in reader.prep_objects(pledge, syntax.partner_prepositions)
                            for r in reader.refs(o)]
                if partners:
                    targets, between = partners, []
            if pledge is not None and pattern.is_noun and sources:
                # "Israel agreed to US mediation": Israel agrees with the US, whose mediation it is
                agreers = reader.subjects(pledge)
                if agreers and not any(same(a, s) for a in agreers for s in sources):
                    sources, targets, between = agreers, sources, []

        possibility = self.possibility(token) if cand.status in ("occurred", "ongoing") and \
            modal.modal_word is None else None
        if possibility is not None:  # "the talks could resume", "he might back Trump": no one says it is done
            return cand.drop(f"a possibility ({possibility.text!r}), which no one commits to or reports as done")
        if pattern.requires_target and not targets:
            return cand.drop("its pattern needs a target and none is named")
        # "reneged on his commitment to the Zambian people": its own subject is no target of an event
        targets = [t for t in targets if not any(same(t, s) for s in sources)]
        if pattern.subject_sectors and not any(sector_of(s.actor) in pattern.subject_sectors for s in sources):
            return cand.drop(f"its pattern needs a doer of sector {sorted(pattern.subject_sectors)}")

        alone = len(between) < 2  # no "between X and Y" group names the sides
        if not sources and pattern.clause_subject and targets and alone and ctx.topic:
            topic_sentence, topic_refs = ctx.topic
            if cand.sentence - topic_sentence <= 2:
                sources = topic_refs
                cand.note("source: the doer named in the sentences before")
        if not targets and alone and cand.mutual and len(unique(sources)) >= 2:
            between, alone = sources, False  # a plural subject of a joint act acts on each other
        if args.from_clause and modal.modal_word is None and not targets and alone and token.dep_ == "pobj" \
                and token.head.lower_ in syntax.circumstantial_prepositions:
            return cand.drop("a circumstance of its clause with nobody named")  # "X spoke after the meeting"
        if args.from_clause and code[:2] in syntax.background_own_doer_roots and \
                after_background(token, syntax.background_prepositions):
            # "settlers torched offices following the killing of an Israeli": not the settlers' killing
            return cand.drop("violence named as background needs its own doer")
        if code[:2] in syntax.violence_roots:
            # "floods killed 40 villagers", "killed in a road accident" (when no one else is named as the doer)
            cause = self.natural_cause(token, with_doer=bool(sources))
            if cause is not None:
                return cand.drop(f"no one's act: put down to {cause.text!r}, a natural or accidental cause")
        if not sources and code[:2] in syntax.domestic_target_roots:
            # "protests erupted in Tehran", "thousands protested in Paris": the people of the place protest
            # (an inferred source); the place itself is not whom they protest against
            places_here = {r.actor.country for r in reader.places_of(cand.trigger) if r.actor.country}
            sources = [ActorRef(self.dictionary.country_actor(c, syntax.protester_sector), None, None, None)
                       for c in sorted(places_here)]
            targets = [t for t in targets if t.actor.code not in places_here]
            if sources:
                cand.note("source: the people of the place where it happened")
        if not targets and alone and code[:2] in syntax.domestic_target_roots:
            targets = (self.named_in_clause(token, sources, reader) if sources else []) or self.own_government(sources)
        if not targets and alone and sources and code[:2] in syntax.clause_target_roots:
            # "would not meet the kidnappers' demands to free prisoners in Iraq": what is rejected names its party;
            # "declined to resign despite pressure by the Kenyan commission": the refusal's own clause
            targets = self.named_in_clause(token, sources, reader) or (
                self.named_in_clause(modal.governor, sources, reader) if modal.governor is not None else [])
        if not targets and code[:2] in syntax.threat_roots:  # "threatened to quit the talks if the US deploys ..."
            targets = self.condition_subjects(token, modal, reader)
        named_sources = sources
        force = code[:2] in syntax.place_target_roots and (sources or not self.doer_named(token))
        if not targets and alone and (force or code[:2] in syntax.place_act_roots and sources):
            # force used "in Gaza" with no one named is used against Gaza's country (a doer and what it hit
            # named, neither an actor, is no force: "exports were hit by the slowdown in China"); so is a truce
            # or aid its doer gives there; not a place of another verb it is coordinated with ("condemned the attacks
            # on embassies in Kenya and vowed to find the bombers": the vow is not made to Kenya)
            places = reader.places_of(cand.trigger)
            if not force and token.dep_ == "conj":
                places = [r for r in places if r.start is not None and token.left_edge.idx <= r.start
                          and r.start < token.right_edge.idx + len(token.right_edge)]
            places = places or reader.destination(token)
            targets = [r for r in places if not any(same(r, s) for s in sources)]
            if targets:
                cand.note("target: the country of the place where it happened")
                cand.symmetric = False  # a place does not act back: "the army declared a truce in Darfur"
        elif not sources and alone and code[:2] in syntax.place_source_roots and (
                targets or not self.doer_named(token)):
            # its victims named, its perpetrator not: "a bomb near Samarra killed a US soldier"
            sources = [ActorRef(r.actor, None, None, None) for r in reader.places_of(cand.trigger)
                       if not any(t.actor.code == r.actor.code for t in targets)]
            if sources:
                cand.note("source: the country of the place where it happened")
        if code in syntax.release_request_codes:
            # "demanded the release of a journalist held in Iran": the demand is made of whoever holds them
            holders = self.holders(cand, reader)
            if holders:
                targets = holders
        if code[:2] in syntax.own_forces_roots or cand.kept:
            # "Ethiopia deployed riot police", "ordered troops to attack": its forces act for it, not on it
            if not sources and args.passive:  # "riot police were deployed across the capital": they are the ones
                sources = [t for t in targets if sector_of(t.actor) in syntax.force_sectors]
            own = {s.actor.country for s in sources if s.actor.country} | {None}
            targets = [t for t in targets if not (t.actor.country in own
                                                  and sector_of(t.actor) in syntax.force_sectors)]
        cand.sources, cand.targets, cand.between = sources, targets, between
        cand.pairs = pairs(sources, targets, between, cand.symmetric)
        if named_sources:
            ctx.topic = (cand.sentence, named_sources)
        if not cand.pairs:
            cand.drop("no actor on either side")

    def holders(self, cand: EventCandidate, reader: ArgumentReader) -> list[ActorRef]:
        """Who holds the people an event is about: "a journalist held in Iran", "workers held by rebels"."""
        trigger = cand.trigger
        scope = trigger.obj if trigger.obj is not None else trigger.token
        for word in scope.subtree:
            if word.dep_ == "acl" and word.lemma_.lower() in self.patterns.syntax.captivity_verbs:
                by = [r for o in reader.prep_objects(word, self.patterns.syntax.captivity_prepositions)
                      for r in reader.refs(o)]
                agent = reader.agent(word)
                if agent or by:
                    return agent or by
        return []

    def condition_subjects(self, token: Token, modal: Modal, reader: ArgumentReader) -> list[ActorRef]:
        """A threat's target is whoever must act to avert it: the subject of its if/unless clause."""
        cond = self.patterns.modalities.get("conditional")
        marks = cond.marks if cond else frozenset()
        for word in [token, modal.governor, *list(token.ancestors)[:3]]:
            if word is None:
                continue
            for clause in (c for c in word.children if c.dep_ == "advcl"):
                if any(m.dep_ == "mark" and m.lower_ in marks for m in clause.children):
                    subjects = [r for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") for r in reader.refs(c)]
                    if subjects:
                        return subjects
        return []

    def possibility(self, token: Token) -> Token | None:
        """The auxiliary that makes an act only possible ("may", "might", "could": syntax.yaml
        possibility_auxiliaries) on the trigger's verb, or on the verb a noun trigger hangs from."""
        verb = token if token.pos_ in ("VERB", "AUX") else governing_verb(token)
        words = self.patterns.syntax.possibility_auxiliaries
        return next((c for c in verb.children if c.dep_ == "aux" and c.lower_ in words), None) \
            if verb is not None else None

    def natural_cause(self, token: Token, with_doer: bool) -> Token | None:
        """The natural hazard or accident a verb's violence is put down to, if any: its doer, the subject ("the
        earthquake killed 300") or, for a relative clause, the noun it describes ("the cyclone that hit
        Orissa"); and when no other doer is named (``with_doer`` false), the object of a cause preposition or
        of one inside it ("killed in a road accident", "died due to floods") or the subject of a clause that
        such a preposition or mark joins to it ("killed after an earthquake sent waves ashore", a clause the
        parser often hangs beside the preposition)."""
        syntax = self.patterns.syntax
        doers = [c for c in token.children if c.dep_ == "nsubj"]
        if token.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.tag_ == "WDT" for c in token.children):
            doers.append(token.head)
        causes = list(doers)
        # "were killed and thousands left homeless after an earthquake ...": a cause said of a verb coordinated
        # with it is said of both
        verbs = [token, *(c for c in token.conjuncts if c.pos_ in ("VERB", "AUX"))] if not with_doer else []
        for verb in verbs:
            for child in verb.children:
                if child.dep_ in ("prep", "agent") and child.lower_ in syntax.cause_prepositions:
                    causes += [o for o in child.children if o.dep_ == "pobj"]
                    causes += [o for inner in child.children if inner.dep_ in ("prep", "pcomp")
                               for o in inner.children if o.dep_ == "pobj"]
                    if not any(o.dep_ in ("pobj", "pcomp", "prep") for o in child.children):
                        causes += [s for clause in verb.children if clause.left_edge.i == child.i + 1
                                   and clause.dep_ in ("conj", "advcl") for s in clause.children if s.dep_ == "nsubj"]
                elif child.dep_ == "advcl":
                    causes += [s for s in child.children if s.dep_ == "nsubj"]
        return next((c for c in causes if c.lemma_.lower() in syntax.natural_causes
                     or c.lower_ in syntax.natural_causes), None)

    @staticmethod
    def doer_named(token: Token) -> bool:
        """Whether a verb names both who acted and on what, in words that may name no actor: a subject and an
        object ("the storm hit the harbour"), a passive subject and its "by" phrase ("exports were hit by the
        slowdown")."""
        deps = {c.dep_ for c in token.children}
        return {"nsubj", "dobj"} <= deps or {"nsubjpass", "agent"} <= deps

    def named_in_clause(self, token: Token, sources: list[ActorRef], reader: ArgumentReader) -> list[ActorRef]:
        """The party an event's clause names anywhere but in its subject, for an event whose target slots are
        empty: "blocked a road to show their anger at Israel's policies" -> Israel; "demanded independence
        from Indonesian rule" -> Indonesia (a country adjective counts)."""
        mentions = reader.ctx.mentions
        subject = {t.i for c in token.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        # a clause of what came before or after is background: "declared a state of siege in the province after
        # it was overrun by Libyan smugglers" (a to-clause of purpose or a that-clause is not)
        background = self.patterns.syntax.background_prepositions
        background_clauses = {t.i for inner in token.subtree if inner.i != token.i and inner.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in background for c in inner.children) for t in inner.subtree}
        for inner in token.subtree:
            if inner.i in subject or inner.i in background_clauses:
                continue
            mention = mentions.get(inner.i)
            # a country's actor, or a body of no one country ("refused to join the NATO exercises")
            if mention is not None and (mention.actor.country or mention.actor.kind in ("organisation", "group")):
                refs = reader.to_refs(mention)
            elif mention is None and inner.dep_ in ("amod", "compound") and inner.head.i not in mentions:
                refs = reader.owner_of(inner.head)  # "independence from Indonesian rule" -> Indonesia
            else:
                continue
            # the place they stand in is their own country, not whom they protest against
            refs = [r for r in refs if not any(same(r, s) or r.actor.code == s.actor.country for s in sources)]
            if refs:
                return refs
        return []

    def own_government(self, sources: list[ActorRef]) -> list[ActorRef]:
        """Protest with no one named is aimed at the protesters' own government (an inferred target:
        its text and offsets are null)."""
        sector = self.patterns.syntax.protest_target_sector
        countries = {s.actor.country for s in sources if s.actor.country and s.actor.sector != sector}
        return [ActorRef(self.dictionary.country_actor(c, sector), None, None, None) for c in sorted(countries)]


def pairs(sources: list[ActorRef], targets: list[ActorRef], between: list[ActorRef],
          symmetric: bool) -> list[tuple[ActorRef | None, ActorRef | None]]:
    """The (source, target) pairs of an event: both directions when symmetric, every pair of a "between"
    group, a side alone when the other is unknown."""
    found: list[tuple[ActorRef | None, ActorRef | None]] = []
    if between and sources and not symmetric:  # "mediate between X and Y": X and Y are targets
        targets, between = targets + between, []
    group = unique(sources + between) if between else []
    if len(group) >= 2 and not targets:
        for a in group:
            for b in group:
                if not same(a, b):
                    found.append((a, b))
        return found
    sources = unique(sources or between)
    targets = unique(targets)
    for s in sources:
        for t in targets:
            if same(s, t):
                continue
            found.append((s, t))
            if symmetric:
                found.append((t, s))
    if sources and not found:  # no target, or only the source itself ("reneged on his commitment")
        found.extend((s, None) for s in sources)
    if targets and not sources:  # "a journalist was killed": the victim is known, the killer not
        found.extend((None, t) for t in targets)
    return found
