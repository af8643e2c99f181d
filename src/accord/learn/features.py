"""What the learned decision layer reads of a resolved candidate: the rule's own features (pattern entry,
trigger word, code, status, how its sides were found and what kind of actor each is) and the words around the
trigger (its subject and object heads, a small window, lower-cased). One function, so the features a model is
trained on and those it is applied to can never differ.

Nothing describes the document as a whole or the text's case: the training sets differ in exactly those ways
(single edited sentences against whole lower-cased articles), so such features would learn the set, not the
event.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..model import ActorRef
from ..events.candidate import EventCandidate
from ..events.context import CodingContext

WINDOW = 4  # words each side of the trigger
SKIP_POS = frozenset({"DET", "PUNCT", "ADP", "CCONJ", "SCONJ", "PART", "AUX", "PRON", "NUM", "SPACE", "SYM", "X"})


def _side(prefix: str, refs: list[ActorRef], features: dict[str, float]) -> None:
    if not refs:
        features[f"{prefix}:none"] = 1.0
        return
    for ref in refs[:2]:
        actor = ref.actor
        kind = "unknown" if actor.code.startswith("---") and actor.kind != "sector" else actor.kind
        features[f"{prefix}:kind={kind}"] = 1.0
        features[f"{prefix}:{'named' if ref.text is not None else 'inferred'}"] = 1.0
        features[f"{prefix}:{'country' if actor.country else 'no_country'}"] = 1.0
        sector = actor.code[3:] if actor.code.startswith("---") else (actor.sector or "")
        if sector:
            features[f"{prefix}:sector={sector[:3]}"] = 1.0


def _head_lemma(token: Token, deps: tuple[str, ...]) -> str | None:
    child = next((c for c in token.children if c.dep_ in deps), None)
    return child.lemma_.lower() if child is not None else None


def candidate_features(cand: EventCandidate, ctx: CodingContext) -> dict[str, float]:
    token = cand.trigger.token
    pattern = cand.pattern
    modal = cand.modal
    features: dict[str, float] = {
        "bias": 1.0,
        f"pattern={pattern.entry}": 1.0,
        f"lemma={token.lemma_.lower()}": 1.0,
        f"code={cand.code}": 1.0,
        f"root={cand.code[:2]}": 1.0,
        f"pattern_root={pattern.code[:2]}": 1.0,
        f"pos={token.pos_}": 1.0,
        f"dep={token.dep_}": 1.0,
        f"status={cand.status}": 1.0,
        f"transform={modal.transform or '-'}": 1.0,
    }
    if pattern.specificity:
        features["pattern:conditions"] = 1.0
    if modal.governor is not None:
        features[f"governor={modal.governor.lemma_.lower()}"] = 1.0
    if cand.arguments.passive:
        features["passive"] = 1.0
    if cand.arguments.from_clause:
        features["doer_from_clause"] = 1.0
    if ctx.in_quote(token.idx):
        features["in_quote"] = 1.0
    sources = [s for s, _ in cand.pairs if s is not None]
    targets = [t for _, t in cand.pairs if t is not None]
    _side("src", sources, features)
    _side("tgt", targets, features)
    if sources and targets and {s.actor.country for s in sources} & {t.actor.country for t in targets} - {None}:
        features["same_country"] = 1.0
    for prefix, deps in (("subj", ("nsubj", "nsubjpass")), ("obj", ("dobj", "pobj", "attr"))):
        lemma = _head_lemma(cand.trigger.head, deps)
        if lemma:
            features[f"{prefix}={lemma}"] = 1.0
    doc = token.doc
    sent = token.sent
    for other in doc[max(sent.start, token.i - WINDOW): min(sent.end, token.i + WINDOW + 1)]:
        if other.i != token.i and other.pos_ not in SKIP_POS:
            features[f"w={other.lemma_.lower()}"] = 0.5
    return features


def context_words(cand: EventCandidate) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The content words (lower-cased) of the candidate's sentence, and of the window around its trigger:
    what a topic model reads."""
    token = cand.trigger.token
    sent = token.sent
    sentence = tuple(t.lower_ for t in sent if t.pos_ not in SKIP_POS and t.is_alpha)
    window = tuple(t.lower_
                   for t in token.doc[max(sent.start, token.i - 2 * WINDOW): min(sent.end, token.i + 2 * WINDOW + 1)]
                   if t.pos_ not in SKIP_POS and t.is_alpha)
    return sentence, window
