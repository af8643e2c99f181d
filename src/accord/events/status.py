"""Event status (modality) from the parse: occurred, ongoing, planned, intended, conditional,
negated, alleged; and the governing word that rewrites a code ("refused to meet" -> 125).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .patterns import PatternSet
from .schema import Modality

# Dependencies through which a governing word reaches an embedded event.
EMBEDDING_DEPS = {"xcomp", "ccomp", "acomp", "pcomp", "advcl", "oprd", "acl"}
MAX_CHAIN = 5


@dataclass(slots=True)
class Modal:
    status: str = "occurred"
    transform: str | None = None
    governor: Token | None = None  # the word whose own event this becomes (urge, refuse, threaten)
    modality: Modality | None = None
    modal_word: Token | None = None  # the governing word that set the status ("wanted", "agreed")
    inner_transform: str | None = None  # a governing word below ``governor`` whose transform comes first


def after_background(token: Token, background: frozenset[str]) -> bool:
    """Whether a noun stands after a background preposition ("after the riots", "following the killing of")."""
    return token.dep_ == "pobj" and (token.head.lower_ in background or token.head.head.lower_ in background)


def governors(trigger: Token, background: frozenset[str] = frozenset(),
              topic_verbs: frozenset[str] = frozenset()) -> list[Token]:
    """Words that govern the trigger, nearest first: "he said he wanted to cooperate" -> wanted, said.
    A noun after a ``background`` preposition ("ordered patrols after protests") has no governor, and the
    topic of a ``topic_verbs`` verb ("declined to comment on the allegations") none above that verb."""
    chain: list[Token] = []
    token = trigger
    for _ in range(MAX_CHAIN):
        if token.dep_ in ("conj", "compound"):  # "cooperate with X and engage with Y": engage shares cooperate's
            token = token.head                     # governors; "return to the negotiating table": table's
            continue
        if after_background(token, background):
            break
        if token.dep_ in EMBEDDING_DEPS or (token.dep_ == "pobj" and token.head.dep_ in ("prep", "agent")):
            head = token.head
            if token.dep_ == "pobj" or head.pos_ == "ADP":  # "accused X of attacking": of -> accused
                head = head.head
            if head.i == token.i:
                break
            if token.dep_ == "pobj" and head.lemma_.lower() in topic_verbs:
                break  # what one comments on is not what one refuses, wants or is asked to do
            chain.append(head)
            token = head
            continue
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "nsubjpass", "attr", "nsubj"):
            chain.append(token.head)
            token = token.head
            continue
        break
    return chain


def _sharing_auxiliaries(verb: Token | None, patterns: PatternSet) -> Token | None:
    """The first of coordinated verbs whose auxiliaries and negation a later one shares: "did not seek or
    receive" (receive is not done either), "will meet Seoul and sign a pact" (the signing is planned too). A
    later verb shares them when it has no subject, auxiliary or negation of its own and the same form as the
    first (a bare verb after "did not", a participle after "has"); "did not attend and left early" does not,
    nor does one joined by "but" (syntax.yaml contrastive_conjunctions)."""
    if verb is None:
        return None
    node = verb
    while node.dep_ == "conj" and node.head.i != node.i and node.tag_ == node.head.tag_ and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg") for c in node.children) and not any(
            c.dep_ == "cc" and c.lower_ in patterns.syntax.contrastive_conjunctions for c in node.head.children):
        node = node.head
    return node if node.i != verb.i else None


def _negated(token: Token, patterns: PatternSet) -> bool:
    negate = patterns.modalities.get("negate")
    for child in token.children:
        if child.dep_ == "neg":
            return True
        if negate and child.dep_ == "det" and child.lower_ in negate.determiners:
            return True
        if negate and child.dep_ == "advmod" and child.lower_ in negate.adverbs:
            return True
    return False


def _conditional(token: Token, patterns: PatternSet) -> bool:
    cond = patterns.modalities.get("conditional")
    if not cond:
        return False
    if any(c.dep_ == "mark" and c.lower_ in cond.marks for c in token.children):
        return True
    for child in token.children:
        if child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in cond.marks for g in child.children):
            return True
    return False


def _future(token: Token, patterns: PatternSet, reported: bool) -> bool:
    future = patterns.modalities.get("future")
    if not future:
        return False
    for child in token.children:
        if child.dep_ == "aux":
            word = child.lower_
            if word in future.auxiliaries or (reported and word in future.reported_auxiliaries):
                return True
            # "is to visit": be + to-infinitive as the main verb
        if child.dep_ == "aux" and child.lower_ == "to" and token.head.lemma_ in future.infinitive_verbs \
                and token.dep_ == "xcomp":
            return True
    return False


def _demanded(chain: list[Token], position: int, patterns: PatternSet) -> tuple[Modality, Token] | None:
    """An appeal or demand just above the governing word at ``position``: what that word says is asked for."""
    for higher in chain[position + 1: position + 3]:
        kind = {"ADJ": "adjectives", "NOUN": "nouns", "PROPN": "nouns"}.get(higher.pos_, "verbs")
        above = patterns.modality_of(higher.lemma_.lower(), kind)
        if above is not None and above.name in ("appeal", "demand") and not _negated(higher, patterns):
            return above, higher
    return None


def status_of(trigger: Token, patterns: PatternSet) -> Modal:
    """The trigger's status and, where a governing word rewrites it, that word and its transform."""
    chain = governors(trigger, patterns.syntax.background_prepositions, patterns.syntax.topic_verbs)
    nearest_verbs = [trigger] + chain
    reported = any(t.lemma_ in patterns.syntax.reporting_verbs for t in chain)
    result = Modal()

    # a noun trigger's own modifiers: "a planned summit", "no talks", "the alleged attack"
    if trigger.pos_ in ("NOUN", "PROPN"):
        plan = patterns.modalities.get("plan")
        allege = patterns.modalities.get("allege")
        for child in trigger.children:
            if plan and child.dep_ in ("amod", "compound") and child.lower_ in plan.noun_modifiers:
                result.status = "planned"
                result.transform = plan.transform
            if allege and child.dep_ in ("amod", "advmod") and child.lower_ in allege.noun_modifiers:
                return Modal("alleged")

    # governing words, nearest first
    for position, gov in enumerate(chain):
        kind = {"ADJ": "adjectives", "NOUN": "nouns", "PROPN": "nouns"}.get(gov.pos_, "verbs")
        modality = patterns.modality_of(gov.lemma_.lower(), kind)
        if modality is None or any(c.dep_ == "prt" for c in gov.children):
            continue  # a phrasal verb means something else: "set up a commission to investigate"
        if modality.name in ("negate",):
            if _negated(gov, patterns):  # "could not stop the mob from attacking", "never ceased shelling": it went on
                break
            demanded = _demanded(chain, position, patterns)
            if demanded is not None and "cease" in patterns.transforms:
                # "called on both sides to stop fighting": an appeal to de-escalate, the fighting's end first
                above, higher = demanded
                return Modal(above.status, above.transform, higher, above, gov, "cease")
            # "failed to reach agreement": the coder may read a failure to cooperate as a rejection
            failure = gov if gov.lemma_.lower() in patterns.syntax.failure_verbs else None
            return Modal("negated", None, None, modality if failure is not None else None, failure)
        if _negated(gov, patterns) and modality.name not in ("refuse",):
            return Modal("negated")
        if modality.name in ("appeal", "demand", "order", "threaten", "refuse"):
            demanded = _demanded(chain, position, patterns)
            if demanded is not None:  # "demanded that its partners refuse to recognize X": the demander's event
                above, higher = demanded
                return Modal(above.status, above.transform, higher, above, gov, modality.transform)
            return Modal(modality.status, modality.transform, gov, modality, gov)
        if modality.name in ("intend", "pledge", "plan", "prepare", "consider"):
            # "refused to commit to any assistance": a refusal above an intention is a refusal
            for offset, higher in enumerate(chain[position + 1: position + 3], start=position + 1):
                refusal = patterns.modality_of(higher.lemma_.lower(), "verbs")
                if refusal is not None and refusal.name == "refuse":
                    demanded = _demanded(chain, offset, patterns)
                    if demanded is not None:  # "demanded that the US cancel plans to sell ..."
                        outer, outer_word = demanded
                        return Modal(outer.status, outer.transform, outer_word, outer, higher, refusal.transform)
                    return Modal(refusal.status, refusal.transform, higher, refusal, higher)
            return Modal(modality.status, modality.transform, None, modality, gov)
        if modality.name in ("allege", "claim"):
            return Modal("alleged", None, None, modality, gov)
        if modality.name == "ongoing":
            # "promised to continue military aid": a promise above "continue" still makes it a promise
            result.status = "ongoing"
            continue
        break  # the nearest modal word decides

    allege = patterns.modalities.get("allege")
    for token in nearest_verbs[:2]:
        if allege and any(c.dep_ == "advmod" and c.lower_ in allege.adverbs for c in token.children):
            return Modal("alleged")
    # negation, condition and tense on the trigger or the verb it hangs from
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else next(
        (t for t in chain if t.pos_ in ("VERB", "AUX")), None)
    checks = [t for t in (trigger, verb, _sharing_auxiliaries(verb, patterns)) if t is not None]
    if any(_negated(t, patterns) for t in checks):
        if any(_future(t, patterns, True) for t in checks) and "refuse" in patterns.modalities:
            # "will not meet", "would not accept": announcing that one will not is a refusal
            return Modal("occurred", patterns.modalities["refuse"].transform)
        return Modal("negated")
    for t in [trigger] + chain[:2]:
        if _conditional(t, patterns):
            # "would attack if ...": a conditional act of force is a threat (the transform keeps others)
            return Modal("conditional", patterns.modalities["plan"].transform if "plan" in patterns.modalities
                         else None)
    if trigger.dep_ == "advcl" and chain and any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        checks.append(chain[0])  # "is to send trainers to help the army": the help is as planned as the sending
    if any(_future(t, patterns, reported) for t in checks):
        return Modal("planned", patterns.modalities["plan"].transform if "plan" in patterns.modalities else None)
    if result.status != "occurred":
        return result
    ongoing = patterns.modalities.get("ongoing")
    if ongoing and verb is not None and verb.tag_ == "VBG" and any(  # "is negotiating", "has been cooperating"
            c.dep_ == "aux" and c.lower_ in ongoing.auxiliaries for c in verb.children):
        return Modal("ongoing")
    return result
