"""Emit: the Events of a kept candidate, one per (source, target) pair, each with its rule and confidence;
and what only a whole sentence's events show (a promise's target is whom its embedded act is for)."""
from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Token

from ..model import ActorRef, Event, Span
from .arguments import ArgumentReader
from .candidate import EventCandidate
from .ontology import Ontology


class Emitter:
    def __init__(self, ontology: Ontology) -> None:
        self.ontology = ontology

    def events(self, cand: EventCandidate, reader: ArgumentReader) -> list[Event]:
        modal = cand.modal
        events: list[Event] = []
        claim = modal.modality
        if claim is not None and claim.own_act_code and modal.modal_word is not None:
            events.extend(self.claim_of_own_act(cand, modal.modal_word, claim.own_act_code, reader))
        shown = cand.shown if cand.shown is not None else cand.trigger.token
        for source, target in cand.pairs:
            events.append(self._event(cand, cand.code, source, target, shown, cand.trigger.token, cand.status,
                                      cand.rule))
        return events

    def claim_of_own_act(self, cand: EventCandidate, word: Token, code: str, reader: ArgumentReader) -> list[Event]:
        """"X claimed (that) it had attacked Y": X claims responsibility (CAMEO 015) toward Y."""
        claimants = reader.subjects(word)
        if not claimants or not cand.sources:
            return []
        doer_names = {d.actor.name for d in cand.sources}
        if not any(c.actor.name in doer_names for c in claimants) and not any(
                t.dep_ == "nsubj" and t.tag_ == "PRP" for t in cand.trigger.head.children):
            return []
        rule = f"{cand.pattern.id} ; claim of its own act by {word.text!r} -> {code}"
        return [self._event(cand, code, c, t, word, word, "occurred", rule)
                for c in claimants for t in (cand.targets or (None,))]

    def _event(self, cand: EventCandidate, code: str, source: ActorRef | None, target: ActorRef | None,
               shown: Token, at: Token, status: str, rule: str) -> Event:
        """An event shown by the word ``shown`` (the governing verb of an appeal), found at the token ``at``."""
        entry = self.ontology[code]
        return Event(
            sentence=cand.sentence,
            evidence=cand.sent.text.strip(),
            source=source,
            target=target,
            trigger=Span(shown.text, shown.idx, shown.idx + len(shown.text)),
            cameo=entry.code,
            root=entry.root,
            quad_class=entry.quad_class,
            goldstein=entry.goldstein,
            plover=entry.plover(),
            status=status,
            rule=rule,
            confidence=cand.confidence,
            trigger_token=at.i,
        )


def promise_targets(events: list[Event], doc: Doc, intention_roots: frozenset[str]) -> None:
    """"Britain promised to continue military aid to Kenya": a promise or an agreement (03x) with no
    target of its own is made to whoever its embedded action is for."""
    for event in events:
        if event.target is not None or event.root not in intention_roots or event.trigger_token < 0:
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
