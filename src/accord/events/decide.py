"""Decide: a candidate's CAMEO code and status, from its pattern entry and the words that govern it.

The code starts as the pattern's, refined by its object ("fired rockets" -> 195 with artillery words),
made a mass event by head count, then rewritten by a governing word ("urged Japan to withdraw" -> an appeal,
0256; "refused to meet" -> 125) through the transform table. Every change is noted on the candidate as a
``code:`` step, which is what an event's ``rule`` lists after its pattern id.

A ``Judge`` has the last word on each resolved candidate: it may drop it (not a literal political act),
and it sets its confidence. ``HeuristicJudge`` keeps everything and scores it by how it was found; the
learned layer is another Judge.
"""
from __future__ import annotations

from typing import Protocol

from .arguments import ArgumentReader
from .candidate import EventCandidate, Trigger
from .context import CodingContext
from .patterns import PatternSet
from .status import Modal


class RuleDecider:
    def __init__(self, patterns: PatternSet) -> None:
        self.patterns = patterns

    def decide(self, candidate: EventCandidate, reader: ArgumentReader) -> None:
        trigger, pattern, modal = candidate.trigger, candidate.pattern, candidate.modal
        code = self.refine(trigger)
        if code != pattern.code:
            candidate.note(f"code: refined by its object -> {code}")
        means = trigger.means
        if means is not None:
            # "wounded in an air strike" is an air strike (195); "killed in an attack" says no more than the
            # killing does (190 is its root's code "not specified below")
            how = self.refine(means)
            if how != code and not (len(how) == 3 and how.endswith("0")):
                code = how
                candidate.note(f"code: how it happened, {means.token.text!r} -> {code}")
        mass = self.patterns.mass_events.get(code)
        if mass is not None and self.people_count(trigger) >= mass[1]:
            code = mass[0]  # "forced more than 1,000 refugees out of their homes": a mass expulsion (201)
            candidate.note(f"code: at least {mass[1]} people -> {code}")
        candidate.symmetric = pattern.symmetric
        # "the two sides agreed to meet", "Thailand and Malaysia exchanged intelligence", "joint manoeuvres"
        candidate.mutual = pattern.symmetric or bool(pattern.requires_word) or self.mutual(trigger)
        candidate.shown = trigger.token
        candidate.embedded_code = code
        transform = self.patterns.transform
        if modal.governor is not None and modal.modality is not None:
            # "urged Japan to withdraw": the urger appeals to Japan; the embedded action gives the code
            if modal.inner_transform:  # "demanded that they refuse to recognize": refuse first, then demand
                code = transform(modal.inner_transform, code)
            candidate.embedded_code = code
            code = transform(modal.transform or "", code)
            kept = modal.transform == "order" and code == candidate.embedded_code
            args = candidate.arguments
            if kept and any(t.actor.country and t.actor.country not in {s.actor.country for s in args.governor_sources}
                            for t in args.governor_targets):
                # "the Security Council ordered Iraq to allow inspectors": an order to another state is a demand
                code, kept = transform("demand", candidate.embedded_code), False
            candidate.kept = kept
            candidate.symmetric = candidate.mutual = False
            candidate.shown = modal.governor
            if code != candidate.embedded_code or modal.inner_transform:
                candidate.note(f"code: {modal.transform} by {modal.governor.text!r} -> {code}")
            elif kept:
                candidate.note(f"code: ordered by {modal.governor.text!r}, the orderer's own act -> {code}")
        elif modal.transform:
            transformed = transform(modal.transform, code)
            if transformed != code:  # an intention is one party's: "Japan wants to meet Korea"
                code, candidate.symmetric = transformed, False
                word = modal.modal_word.text if modal.modal_word is not None else candidate.status
                candidate.note(f"code: {modal.transform} ({word!r}) -> {code}")
        candidate.failed = modal.status == "negated" and modal.modal_word is not None and \
            code[:2] in self.patterns.syntax.failed_cooperation_roots
        if candidate.failed:  # "failed to reach agreement": a failure to cooperate is a rejection (CAMEO 12)
            code = transform("refuse", code)
            candidate.shown = modal.modal_word
            assert modal.modal_word is not None  # as candidate.failed says
            candidate.note(f"code: a failure to cooperate ({modal.modal_word.text!r}) is a rejection -> {code}")
        candidate.code = code
        candidate.status = status(modal, code, trigger, candidate.failed, self.patterns)
        candidate.note(f"status: {candidate.status}")

    def refine(self, trigger: Trigger) -> str:
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

    def people_count(self, trigger: Trigger) -> int:
        """The largest number of people an event's object names ("more than 1,000 refugees", "hundreds of")."""
        number_words = self.patterns.number_words
        token = trigger.head
        objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        quantity = self.patterns.syntax.quantity_prepositions
        objects += [p for c in token.children if c.dep_ == "prep" and c.lower_ in quantity
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

    def mutual(self, trigger: Trigger) -> bool:
        """Whether the wording makes an act a joint one: "exchanged", "joint", "jointly", "each other"."""
        words = self.patterns.syntax.mutual_words
        nodes = [trigger.token] + ([trigger.obj] if trigger.obj is not None else [])
        return trigger.token.lemma_.lower() in words or any(
            c.lower_ in words for node in nodes for c in node.children if c.dep_ in ("amod", "advmod", "dobj"))


def status(modal: Modal, code: str, trigger: Trigger, failed: bool, patterns: PatternSet) -> str:
    """The event's status: the governing words' (status.py), corrected by what the final code says."""
    result = modal.status
    if failed or (modal.modality is not None and code[:2] in modal.modality.happened_roots):
        result = "occurred"  # "failed to reach agreement" (a rejection); "prepared to resume shelling"
    pattern = trigger.pattern
    if result == "occurred" and pattern.code[:2] in patterns.syntax.intention_roots and not pattern.is_noun and any(
            c.dep_ == "xcomp" for c in trigger.token.children):
        return "intended"  # "promised to ease visa rules": an intention, whatever it is to do
    if result == "conditional" and pattern.code[:2] in patterns.syntax.threat_roots:
        return "occurred"  # "warned Syria of consequences if it used ...": a threat names its condition
    return result


class Judge(Protocol):
    """The last decision on a resolved candidate (its sides are known): drop it with a reason, or keep it
    and set ``candidate.confidence`` (a probability in [0, 1] that its type and both sides are right)."""

    def judge(self, candidate: EventCandidate, ctx: CodingContext) -> None: ...


class HeuristicJudge:
    """Keeps every candidate; its confidence is a documented heuristic (docs/output-format.md), not a
    calibrated probability: 0.6, +0.1 for a verb trigger, +0.05 for a pattern entry with conditions, +0.1 for
    a named source (-0.05 inferred, -0.15 none or unknown), +0.05 for a named target (-0.05 none), -0.05 when
    a governing word rewrote the code; clipped to [0.05, 0.95]."""

    def judge(self, candidate: EventCandidate, ctx: CodingContext) -> None:
        score = 0.6 + (0.0 if candidate.pattern.is_noun else 0.1)
        score += 0.05 if candidate.pattern.specificity else 0.0
        sources = [s for s, _ in candidate.pairs if s is not None]
        targets = [t for _, t in candidate.pairs if t is not None]
        if not sources or all(s.actor.code == "---" for s in sources):
            score -= 0.15
        elif all(s.text is not None for s in sources):
            score += 0.1
        else:
            score -= 0.05
        score += 0.05 if targets and all(t.text is not None for t in targets) else (-0.05 if not targets else 0.0)
        if candidate.code != candidate.embedded_code:
            score -= 0.05
        candidate.confidence = round(min(0.95, max(0.05, score)), 2)
