"""ConfliBERT sentences with their sides marked (``eval/conflibert-roles/train.txt``): who did it to whom.

Each sentence comes as tokens with BIO tags over ``S`` (source), ``T`` (target) and ``R`` (both sides of a
reciprocal event: "X met Y"). The tokens are joined back into text (a space between tokens except before
closing punctuation and after opening, and none inside an initialism the file splits into letters and
stops: "U . K ." is "U.K."), coded as one document, and the gold spans mapped to characters.

A sentence's sides are *right* when one emitted event has a source whose words overlap a gold source span
and, where the sentence marks a target, a target whose words overlap a gold target span; in a reciprocal
sentence (R spans only) both of the event's sides must overlap R spans ("Trump and King Abdullah will
meet" marks one span holding both). Sides the coder infers
without words (a protest's own government, a place's country) overlap nothing. Also reported: the source
alone right, the target alone right (of sentences marking one), and sentences with no event.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model import ActorRef, Event
from .common import SetResult, by_part, code_texts
from .split import text_half

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "’s", "n't", "'", "’", "'re", "'ve", "'ll",
                   "'d", "'m"}
NO_SPACE_AFTER = {"(", "[", "$", "“", "‘"}


@dataclass
class RoleSentence:
    id: str
    text: str
    spans: list[tuple[str, int, int]]  # (role S/T/R, start, end) in characters

    def chunks(self, *roles: str) -> list[tuple[int, int]]:
        return [(s, e) for role, s, e in self.spans if role in roles]


def read_sentences(path: Path) -> list[RoleSentence]:
    sentences = []
    blocks = [b for b in path.read_text("utf-8").replace("\r", "").split("\n\n") if b.strip()]
    for n, block in enumerate(blocks, start=1):
        text = ""
        spans: list[tuple[str, int, int]] = []
        previous = before = ""
        for line in block.strip().split("\n"):
            word, _, tag = line.rpartition(" ")
            if not word:
                continue
            possessive = word == "s" and previous in ("'", "’")  # "Baghdad ’ s" was "Baghdad’s"
            initialism = previous == "." and _letter(word) and _letter(before)  # "U . K" was "U.K"
            if text and word not in NO_SPACE_BEFORE and previous not in NO_SPACE_AFTER and not possessive \
                    and not initialism:
                text += " "
            start = len(text)
            text += word
            previous, before = word, previous
            if tag.startswith("B-") or (tag.startswith("I-") and (not spans or spans[-1][0] != tag[2:])):
                spans.append((tag[2:], start, len(text)))
            elif tag.startswith("I-"):
                role, first, _ = spans[-1]
                spans[-1] = (role, first, len(text))
        sentences.append(RoleSentence(f"roles-{n}", text, spans))
    return sentences


def _letter(word: str) -> bool:
    return len(word) == 1 and word.isupper()


def _overlaps(ref: ActorRef | None, chunks: list[tuple[int, int]]) -> bool:
    if ref is None or ref.start is None or ref.end is None:
        return False
    return any(ref.start < end and start < ref.end for start, end in chunks)


def sides_right(event: Event, sentence: RoleSentence) -> bool:
    sources, targets = sentence.chunks("S"), sentence.chunks("T")
    if not sources and not targets:  # "X met Y", or "X and Y met" (one span holding both)
        mutual = sentence.chunks("R")
        return _overlaps(event.source, mutual) and _overlaps(event.target, mutual)
    return (not sources or _overlaps(event.source, sources)) and (not targets or _overlaps(event.target, targets))


def evaluate(pipeline, shared: Path) -> SetResult | None:
    """Both sides right, the source right and the target right, on each half."""
    path = shared / "eval" / "conflibert-roles" / "train.txt"
    if not path.is_file():
        return None
    sentences = read_sentences(path)
    documents = {d.id: d for d in code_texts(pipeline, [(s.id, s.text) for s in sentences])}
    out = SetResult("roles", f"ConfliBERT sentences with sides marked ({path})")
    for part, subset in by_part(sentences, lambda s: text_half(s.text)).items():
        both = source = target = with_target = silent = 0
        misses = []
        for sentence in subset:
            document = documents.get(sentence.id)
            events = document.events if document else []
            silent += not events
            gold_sources = sentence.chunks("S", "R")
            gold_targets = sentence.chunks("T") or (sentence.chunks("R") if not sentence.chunks("S") else [])
            if any(sides_right(e, sentence) for e in events):
                both += 1
            else:
                got = "; ".join(f"{e.source.text if e.source else '-'!r} {e.cameo} "
                                f"{e.target.text if e.target else '-'!r}" for e in events) or "no event"
                gold = " | ".join(f"{role} {sentence.text[s:e]!r}" for role, s, e in sentence.spans)
                misses.append(f"miss: gold {gold} | got {got} | {sentence.text[:160]}")
            source += any(_overlaps(e.source, gold_sources) for e in events)
            if gold_targets:
                with_target += 1
                target += any(_overlaps(e.target, gold_targets) for e in events)
        out.sizes[part] = len(subset)
        out.add_rate("both sides right", part, both, len(subset))
        out.add_rate("source right", part, source, len(subset))
        out.add_rate("target right", part, target, with_target)
        out.add_rate("sentences with no event", part, silent, len(subset))
        if part == "tune":
            out.details = misses
    out.lower_is_better.add("sentences with no event")
    return out
