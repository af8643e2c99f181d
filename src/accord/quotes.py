"""Direct quotations, whole and partial, and their speakers.

A quotation is text between matching quotation marks. Its speaker is the subject of a speech verb
outside the quotation in the same sentence ('"...," Kishida said'), the speaker named in the next
sentence ('"..." He added: ...') or the one before ('Kishida said: "..."'), resolved to an actor
through the document's mentions (so "he" is the person last named).
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Doc, Span, Token

from .model import Actor, Document, Mention, Quote

QUOTE_PATTERNS = (
    re.compile(r"“([^”]{2,}?)”"),
    re.compile(r'"([^"\n]{2,}?)"'),
    re.compile(r"«([^»]{2,}?)»"),
)
MIN_DIRECT_WORDS = 6


@lru_cache(maxsize=1)
def cues() -> tuple[frozenset[str], tuple[str, ...]]:
    data = yaml.safe_load(resources.files("accord").joinpath("data/quotes/cues.yaml").read_text("utf-8"))
    return frozenset(data["verbs"]), tuple(data.get("phrases") or ())


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted text (without the marks), not overlapping, in text order."""
    spans: list[tuple[int, int]] = []
    for pattern in QUOTE_PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.start(1), m.end(1)
            if any(s <= start < e or s < end <= e for s, e in spans):
                continue
            spans.append((start, end))
    return sorted(spans)


def attribute_quotes(document: Document) -> None:
    doc = document.spacy_doc
    if doc is None:
        return
    verbs, _ = cues()
    sentences = list(doc.sents)
    by_token = _mentions_by_token(document.mentions)
    quotes = []
    for start, end in find_quotes(document.text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        first = _sentence_of(sentences, span.start)
        last = _sentence_of(sentences, max(span.end - 1, span.start))
        inside = range(span.start, span.end)
        speaker, speaker_text = None, None
        for n in [first, last, *([last + 1] if last + 1 < len(sentences) else []), *([first - 1] if first else [])]:
            found = _speaker_in(sentences[n], inside, verbs, by_token, doc)
            if found:
                speaker, speaker_text = found
                break
        text = document.text[start:end]
        # a partial quotation is a fragment woven into the reporter's own sentence
        complete = text.rstrip().endswith((".", ",", "!", "?", "…")) or len(text.split()) >= MIN_DIRECT_WORDS
        partial = not (text[:1].isupper() or text[:1] in "…") or not complete
        quotes.append(Quote(text=text, start=start, end=end, sentence=first, speaker=speaker,
                            speaker_text=speaker_text, kind="partial" if partial else "direct"))
    document.quotes = quotes


def _sentence_of(sentences: list[Span], token_index: int) -> int:
    for n, sent in enumerate(sentences):
        if sent.start <= token_index < sent.end:
            return n
    return len(sentences) - 1


def _mentions_by_token(mentions: list[Mention]) -> dict[int, Mention]:
    return {m.head: m for m in mentions}


def _speaker_in(sent: Span, inside: range, verbs: frozenset[str], by_token: dict[int, Mention],
                doc: Doc) -> tuple[Actor, str] | None:
    for token in sent:
        if token.i in inside:
            continue
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in verbs:
            for child in token.children:
                if child.dep_ in ("nsubj",) and child.i not in inside:
                    found = _actor_of(child, by_token)
                    if found:
                        return found
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            for obj in doc[token.i + 1].children:
                found = _actor_of(obj, by_token)
                if found:
                    return found
    return None


def _actor_of(token: Token, by_token: dict[int, Mention]) -> tuple[Actor, str] | None:
    mention = by_token.get(token.i)
    if mention is None:
        for t in token.subtree:
            if t.i in by_token:
                mention = by_token[t.i]
                break
    if mention is None:
        return None
    return mention.actor, mention.text
