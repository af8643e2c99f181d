"""Why the coder coded what it did: ``accord explain`` and ``accord code --explain``.

For each sentence: every word that matched a pattern entry, the entries tried and why each lost, the
status words and the governing word, every decision that changed the code, the sides the parse offered and
those kept, the events emitted with their rule and confidence; and every candidate set aside or dropped,
with the reason.
"""
from __future__ import annotations

from ..model import ActorRef, Document
from .candidate import EventCandidate
from .context import CodingContext


def _side(refs: list[ActorRef]) -> str:
    return ", ".join(f"{r.actor.code} ({r.text!r})" if r.text is not None else f"{r.actor.code} (inferred)"
                     for r in refs) or "-"


def _candidate(cand: EventCandidate, document: Document) -> list[str]:
    token = cand.trigger.token
    lines = [f"  {token.text!r} (token {token.i})"]
    lines += [f"      tried {entry}" for entry in cand.trigger.considered]
    lines += [f"      {step}" for step in cand.steps]
    args = cand.arguments
    lines.append(f"      the parse offers: source {_side(args.sources)}; target {_side(args.targets)}"
                 + (f"; between {_side(args.between)}" if args.between else "")
                 + (f"; the governing word's source {_side(args.governor_sources)}, target "
                    f"{_side(args.governor_targets)}" if cand.modal.governor is not None else ""))
    if cand.dropped is not None:
        lines.append(f"      => dropped: {cand.dropped}")
        return lines
    made = [e for e in document.events if e.trigger_token == token.i and e.cameo == cand.code]
    pairs = ", ".join(f"{s.actor.code if s else '-'} -> {t.actor.code if t else '-'}" for s, t in cand.pairs)
    lines.append(f"      kept: {pairs}" + (" (both directions)" if cand.symmetric else ""))
    if made:
        lines.append(f"      => {len(made)} event(s) {cand.code} [{cand.status}], rule {cand.rule!r}, "
                     f"confidence {cand.confidence:.2f}")
    else:
        lines.append("      => no event of its own (the same event was already emitted in this sentence)")
    return lines


def explain(document: Document, ctx: CodingContext) -> list[str]:
    """Lines explaining every candidate of a document coded with ``EventCoder.code(..., explain=True)``."""
    lines: list[str] = []
    by_sentence: dict[int, list[EventCandidate]] = {}
    for cand in ctx.candidates:
        by_sentence.setdefault(cand.sentence, []).append(cand)
    rejected: dict[int, list[str]] = {}
    starts = [s.start for s in ctx.doc.sents]
    for r in ctx.rejected:
        index = starts.index(r.token.sent.start)
        entry = f" ({r.pattern.id} -> {r.pattern.code})" if r.pattern is not None else ""
        rejected.setdefault(index, []).append(f"  {r.token.text!r} (token {r.token.i}){entry} set aside: {r.reason}")
    for index, sent in enumerate(ctx.doc.sents):
        if index not in by_sentence and index not in rejected:
            continue
        lines.append(f"sentence {index}: {sent.text.strip()}")
        for cand in by_sentence.get(index, []):
            lines.extend(_candidate(cand, document))
        lines.extend(rejected.get(index, []))
    if not lines:
        lines.append("no word of the text matches an event pattern")
    return lines
