"""Quotations and reported speech, with their speakers and the words that attribute them.

Three kinds of quote come out, each with the speaker's words (``speaker_text`` and offsets), the cue
(``cue_text`` and offsets: "said", "told", "according to") and the actor the speaker resolves to:

- ``direct``: a whole quotation between quotation marks ('"We will not back down," the minister said');
- ``partial``: a fragment in quotation marks woven into the reporter's sentence ('called the plan
  "a disaster"');
- ``indirect``: reported speech without quotation marks: the clause a speech verb governs ('X said that
  ...', 'X said ... .' with the content first: '..., officials said') and what "according to X" qualifies.

A quotation's speaker is, in this order: the name after a dash that closes its line ('"..." ― Jane Doe');
the subject of the nearest speech verb outside the quotation in the same sentence and paragraph ('"...,"
Kishida said', 'said Doe', 'Doe, a senator, said'); a cue ending in a colon just before it ('Kishida
said:', also across a paragraph break); the speaker of the quotation before it in the same paragraph
('"...," he said. "..."'); or the next sentence when that sentence only attributes ('"..." He added.').
Participles take the subject of the verb they hang on ('attacked the plan, saying ...'). Speakers resolve
to actors through the document's mentions, so "he" is the person last named and "who" the person the
relative clause describes; a speaker the dictionary does not know keeps its words and offsets with no
actor. Titles in quotation marks with no speaker ("Meet the Press") are not quotes.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Doc, Span, Token

from .model import Actor, Document, Quote

QUOTE_PATTERNS = (
    re.compile(r"“([^”]{2,}?)”"),
    re.compile(r'(?<![^\s(\[—–-])"(?=\S)([^"\n]{2,}?)(?<=\S)"'),  # a straight mark opens after a space
    re.compile(r"«([^»]{2,}?)»"),
    re.compile(r"''([^\n]{2,}?)''"),  # two apostrophes for a double quotation mark (some wire copy)
    re.compile(r"”([^“”\n]{20,}?)”"),  # an opening mark typed the wrong way round
    re.compile(r'(?:“|(?<![^\s(\[—–-])")(?=\S)([^"“”\n]{2,}?)(?<=\S)[”"]'),  # two styles: “...,"
)
# A quotation that runs to the end of its paragraph without a closing mark (the next paragraph goes on
# quoting, the newspaper convention for long quotations).
OPEN_QUOTE_TO_PARAGRAPH_END = re.compile(r"(?:^|(?<=\s))“([^”\n]{20,})(?=\n|$)")
QUOTE_MARKS = frozenset('"“”«»')
MIN_DIRECT_WORDS = 6
MIN_INDIRECT_TOKENS = 3
# what may follow a quotation at the end of its paragraph for the next paragraph to go on quoting it: its
# attribution (', a spokesman for the ministry said.'), no more
MAX_TRAILING_ATTRIBUTION = 80
# reported content this much in quotation marks is the quotation itself, not reported speech around it
MOSTLY_MARKED = 0.8
# A quotation signed after a dash at the end of its paragraph ('"..." ― Jane Doe, a voter in Ohio').
SIGNATURE = re.compile(r"[”\"']{0,2}[ \t\u00a0]*([―—–])[ \t\u00a0]*([A-Z][^\n]{1,120}?)[ \t\u00a0.]*(?=\n|$)")
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# words that belong with the cue rather than with the content ('told reporters on Tuesday')
CUE_CLAUSE_DEPS = frozenset({"aux", "auxpass", "neg", "advmod", "npadvmod", "dobj", "dative", "prep", "punct",
                             "cc", "prt", "mark", "agent", "intj"})
# dependents of the speaker's head that are not part of the speaker's name
SPEAKER_CUT_DEPS = frozenset({"relcl", "acl", "punct", "appos", "advcl", "cc", "conj"})


def looks_like_title(text: str) -> bool:
    """Short, and every longer word capitalised: the name of a show, a book or a slogan."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    long_words = [w for w in words if len(w) > 3]
    return 0 < len(words) <= 8 and bool(long_words) and all(w[0].isupper() for w in long_words)


def is_quote_mark(char: str) -> bool:
    return bool(char) and char in QUOTE_MARKS


@dataclass(frozen=True)
class Cues:
    speech: frozenset[str]  # lemmas of speech verbs: their subject is the speaker
    clause: frozenset[str]  # lemmas of verbs that attribute only the clause they govern ("polls show that")
    phrases: tuple[str, ...]  # "according to"


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    data = yaml.safe_load(resources.files("accord").joinpath("data/quotes/cues.yaml").read_text("utf-8"))
    return Cues(frozenset(data["verbs"]), frozenset(data.get("clause_verbs") or ()), tuple(data.get("phrases") or ()))


def cues() -> tuple[frozenset[str], tuple[str, ...]]:
    """Speech-verb lemmas and multi-word cues."""
    loaded = load_cues()
    return loaded.speech, loaded.phrases


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted text (without the marks), not overlapping, in text order."""
    spans: list[tuple[int, int]] = []  # kept sorted; being disjoint, only the neighbours can overlap a new one
    for pattern in (*QUOTE_PATTERNS, OPEN_QUOTE_TO_PARAGRAPH_END):
        for m in pattern.finditer(text):
            start, end = m.start(1), m.end(1)
            at = bisect_left(spans, (start, end))
            if any(s <= start < e or s < end <= e or start <= s < end for s, e in spans[max(0, at - 1):at + 1]):
                continue
            spans.insert(at, (start, end))
    return spans


@dataclass
class Attribution:
    """A speaker and cue found in the text: who, by which words, and where the cue's own clause is."""

    speaker: tuple[int, int]  # token range of the speaker's words
    cue: tuple[int, int]  # token range of the cue
    verb: int  # the cue's token (the verb, or "according")
    content: tuple[int, int] | None = None  # token range of reported content without quotation marks
    colon: bool = False  # the attribution introduces what follows ('He said:')


class QuoteFinder:
    """Finds the quotes of one parsed document."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.doc: Doc = document.spacy_doc
        self.text = document.text
        self.cues = load_cues()
        self.sentences = list(self.doc.sents)
        self.sentence_of_token = [0] * len(self.doc)
        for n, sent in enumerate(self.sentences):
            for i in range(sent.start, sent.end):
                self.sentence_of_token[i] = n
        self.by_head = {m.head: m for m in document.mentions}
        self.mentions = sorted(document.mentions, key=lambda m: m.start)
        self.marked = find_quotes(self.text)
        self.inside_marks: set[int] = set()
        for start, end in self.marked:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                self.inside_marks.update(range(span.start, span.end))

    # ------------------------------------------------------------------ attributions
    def attributions(self) -> list[Attribution]:
        found = []
        for token in self.doc:
            if token.i in self.inside_marks or is_quote_mark(token.text):
                continue
            attribution = self._verb_attribution(token) or self._according_to(token)
            if attribution:
                found.append(attribution)
        return found

    def _verb_attribution(self, verb: Token) -> Attribution | None:
        if verb.pos_ not in ("VERB", "AUX") or verb.dep_ == "amod":
            return None
        if verb.dep_ == "compound" and not (verb.is_sent_start or verb.i == 0 or self.doc[verb.i - 1].is_punct):
            return None
        lemma = verb.lemma_.lower()
        speech = lemma in self.cues.speech
        if not speech and lemma not in self.cues.clause:
            return None
        subject = self._subject_of(verb)
        if subject is None:
            return None
        cue_end = verb.i + 1
        for child in verb.rights:  # phrasal parts: "pointed out"
            if child.dep_ == "prt" and child.i == cue_end:
                cue_end += 1
        cue_start = verb.i
        while cue_start > 0 and self.doc[cue_start - 1].dep_ in ("aux", "neg") and self.doc[cue_start - 1].head == verb:
            cue_start -= 1
        content = self._clause_content(verb, subject)
        if content is None and not speech:
            return None
        colon = any(t.text == ":" for t in self.doc[verb.i + 1:min(verb.i + 4, len(self.doc))]
                    if t.head == verb or t.head.head == verb)
        return Attribution(self._speaker_range(subject), (cue_start, cue_end), verb.i, content, colon)

    def _according_to(self, token: Token) -> Attribution | None:
        if token.lower_ != "according" or token.i + 1 >= len(self.doc) or self.doc[token.i + 1].lower_ != "to":
            return None
        to = self.doc[token.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"] or [c for c in token.children if c.dep_ == "pobj"]
        if not objects:
            return None
        speaker = self._speaker_range(objects[0])
        sent = self.sentences[self.sentence_of_token[token.i]]
        phrase = (token.i, max(speaker[1], to.i + 1))
        content = self._rest_of_sentence(sent, phrase)
        return Attribution(speaker, (token.i, to.i + 1), token.i, content)

    def _subject_of(self, verb: Token, depth: int = 0) -> Token | None:
        for child in verb.children:
            if child.dep_ == "nsubj" and child.i not in self.inside_marks:
                return child
        if depth > 2:
            return None
        # "X said ... and added", "..., she said, adding that ...", "attacked her, saying ...": the subject
        # of the verb it hangs on
        if verb.dep_ == "conj" and verb.head.lemma_.lower() in self.cues.speech | self.cues.clause:
            return self._subject_of(verb.head, depth + 1)
        if verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG" and verb.head.pos_ in ("VERB", "AUX"):
            return self._subject_of(verb.head, depth + 1)
        if verb.lemma_.lower() in self.cues.speech and depth == 0:
            return self._subject_by_position(verb)
        return None

    def _subject_by_position(self, verb: Token) -> Token | None:
        """A speaker the parser did not make the subject: right after an inverted cue ('said Jane Doe',
        'Said Doe:'), or right before the cue with an apposition between ('Doe, a senator, said')."""
        doc = self.doc
        before = doc[verb.i - 1] if verb.i > 0 else None
        after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
        if before is not None and before.text == ",":
            for i in range(verb.i - 2, max(verb.i - 30, -1), -1):
                if doc[i].text == "," or is_quote_mark(doc[i].text):
                    candidate = doc[i - 1] if doc[i].text == "," and i > 0 else None
                    if candidate is not None and candidate.pos_ in ("PROPN", "PRON") and i - 1 not in self.inside_marks:
                        return candidate
                    break
        if before is not None and before.pos_ in ("PROPN", "PRON") and before.i not in self.inside_marks:
            return before  # "... of the Washington Post Trump said that ...", Trump parsed into the phrase
        opens_clause = before is None or before.is_punct or verb.is_sent_start
        if (opens_clause and after is not None and after.pos_ in ("PROPN", "PRON", "NOUN", "DET", "ADJ")
                and after.ent_type_ not in ("DATE", "TIME")):
            head = after
            while head.head.i != head.i and head.head.i > verb.i and \
                    head.dep_ in ("compound", "det", "amod", "poss", "nmod"):
                head = head.head
            if head.pos_ in ("PROPN", "PRON", "NOUN") and head.i not in self.inside_marks:
                return head
        return None

    def _speaker_range(self, head: Token) -> tuple[int, int]:
        start = head.left_edge.i
        end = head.i + 1
        for child in head.rights:
            if child.dep_ in SPEAKER_CUT_DEPS:
                break
            end = child.right_edge.i + 1
        while start < head.i and self.doc[start].is_punct:
            start += 1
        return start, end

    def _clause_content(self, verb: Token, subject: Token) -> tuple[int, int] | None:
        """The clause a cue verb governs ('said that ...'), or, when the cue comes after what was said,
        the rest of its sentence ('..., officials said.')."""
        for child in verb.children:
            if child.dep_ in ("ccomp", "xcomp") and child.i not in self.inside_marks:
                if child.dep_ == "xcomp" and not any(c.dep_ in SUBJECT_DEPS for c in child.children):
                    continue  # "promised to go": an intention, not reported speech
                start, end = child.left_edge.i, child.right_edge.i + 1
                # a "that" before the clause belongs to the content
                return self._trim(start, end)
        for child in verb.children:  # "told a meeting of leaders that ...", parsed as a relative clause
            if child.dep_ in ("dobj", "dative"):
                for clause in child.rights:
                    if clause.dep_ in ("relcl", "acl") and any(
                            c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
                        return self._trim(clause.left_edge.i, clause.right_edge.i + 1)
        sent = self.sentences[self.sentence_of_token[verb.i]]
        if verb.dep_ in ("parataxis", "ROOT") and (subject.i > verb.i or verb.dep_ == "parataxis"):
            # inverted or trailing attribution: the content is the sentence without the cue's own clause,
            # after the cue when the speaker comes first ("...: Republicans said they ...")
            cue_clause = self._cue_clause(verb)
            return self._rest_of_sentence(sent, cue_clause, prefer_after=subject.i < verb.i)
        return None

    def _cue_clause(self, verb: Token) -> tuple[int, int]:
        tokens = [verb.i]
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS or child.dep_ in CUE_CLAUSE_DEPS:
                tokens.extend(t.i for t in child.subtree)
        return min(tokens), max(tokens) + 1

    def _rest_of_sentence(self, sent: Span, taken: tuple[int, int], prefer_after: bool = False
                          ) -> tuple[int, int] | None:
        before = self._trim(sent.start, taken[0])
        after = self._trim(taken[1], sent.end)
        if prefer_after and after:
            return after
        best = max((r for r in (before, after) if r), key=lambda r: r[1] - r[0], default=None)
        return best

    def _trim(self, start: int, end: int) -> tuple[int, int] | None:
        """Without the punctuation, spaces and conjunctions at its edges; a quotation mark opened inside is
        kept closed ('... handed out "like candy."')."""
        limit = self.sentences[self.sentence_of_token[start]].end if start < len(self.doc) else end
        while start < end and (self.doc[start].is_punct or self.doc[start].is_space or self.doc[start].dep_ == "cc"):
            start += 1
        while end > start and (self.doc[end - 1].is_punct or self.doc[end - 1].is_space):
            end -= 1
        marks = sum(1 for t in self.doc[start:end] if is_quote_mark(t.text))
        while marks % 2 and end < limit:
            marks += is_quote_mark(self.doc[end].text)
            end += 1
        if end - start < MIN_INDIRECT_TOKENS:
            return None
        return start, end

    # ------------------------------------------------------------------ speakers
    def _actor_in(self, start: int, end: int) -> Actor | None:
        token = self.doc[start]
        if end - start == 1 and token.tag_ in ("WP", "WDT") and token.head.dep_ == "relcl":
            # "the senator, who said ...": the speaker is the noun the relative clause describes
            antecedent = token.head.head
            return self._actor_in(*self._speaker_range(antecedent)) if antecedent.i != token.i else None
        for i in range(start, end):  # the mention whose head is the speaker's head or inside the speaker words
            mention = self.by_head.get(i)
            if mention is not None:
                return mention.actor
        char_start, char_end = self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1])
        for m in self.mentions[bisect_left(self.mentions, char_start, key=lambda m: m.start):]:
            if m.start >= char_end:
                break
            if m.end <= char_end:
                return m.actor
        return None

    def _quote(self, start: int, end: int, kind: str, attribution: Attribution | None) -> Quote:
        first = self.doc.char_span(start, end, alignment_mode="expand")
        sentence = self.sentence_of_token[first.start] if first is not None and len(first) else 0
        quote = Quote(text=self.text[start:end], start=start, end=end, sentence=sentence, kind=kind)
        if attribution is not None:
            s, e = attribution.speaker
            speaker = self.doc[s:e]
            quote.speaker = self._actor_in(s, e)
            quote.speaker_text = speaker.text
            quote.speaker_start, quote.speaker_end = speaker.start_char, speaker.end_char
            cue = self.doc[attribution.cue[0]:attribution.cue[1]]
            quote.cue_text, quote.cue_start, quote.cue_end = cue.text, cue.start_char, cue.end_char
        return quote

    # ------------------------------------------------------------------ quotes
    def find(self) -> list[Quote]:
        attributions = self.attributions()
        by_sentence: dict[int, list[Attribution]] = {}
        for a in attributions:
            by_sentence.setdefault(self.sentence_of_token[a.verb], []).append(a)
        quotes: list[Quote] = []
        used: set[int] = set()  # attributions that have a quotation in marks
        previous: tuple[Quote, Attribution] | None = None
        for start, end in self.marked:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            attribution = self._signature(end) or self._attribution_for(span, by_sentence, previous)
            if attribution is None and looks_like_title(self.text[start:end]):
                continue  # a title in quotation marks ("Face the Nation"), not a quotation
            kind = "partial" if self._is_partial(start, end) else "direct"
            quote = self._quote(start, end, kind, attribution)
            quotes.append(quote)
            if attribution is not None:
                used.add(id(attribution))
                previous = (quote, attribution)
        for a in attributions:
            if a.content is None:
                continue
            s, e = a.content
            char_start, char_end = self.doc[s].idx, self.doc[e - 1].idx + len(self.doc[e - 1])
            if self._mostly_marked(char_start, char_end):
                continue  # the quotation in marks already says it
            quotes.append(self._quote(char_start, char_end, "indirect", a))
        quotes.sort(key=lambda q: (q.start, q.end))
        return quotes

    def _signature(self, end: int) -> Attribution | None:
        """'"..." ― Jane Doe': the name after a dash that closes the quotation's line."""
        m = SIGNATURE.match(self.text, end)
        if m is None:
            return None
        dash = self.doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        name = self.doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
        if dash is None or name is None or not len(name):
            return None
        return Attribution((name.start, name.end), (dash.start, dash.end), dash.start)

    def _mostly_marked(self, start: int, end: int) -> bool:
        """The reported content is (nearly) all one quotation in marks: '"...," he said'."""
        first = max(0, bisect_left(self.marked, (start, start)) - 1)  # disjoint: one may begin before ``start``
        last = bisect_left(self.marked, (end, end), lo=first)
        covered = sum(max(0, min(e, end) - max(s, start)) for s, e in self.marked[first:last])
        return covered >= MOSTLY_MARKED * (end - start)

    def _is_partial(self, start: int, end: int) -> bool:
        """A fragment woven into the reporter's sentence, not a whole quotation."""
        text = self.text[start:end]
        complete = text.rstrip().endswith((".", ",", "!", "?", "…", "—")) or len(text.split()) >= MIN_DIRECT_WORDS
        return not (text[:1].isupper() or text[:1] in "…") or not complete

    def _attribution_for(self, span: Span, by_sentence: dict[int, list[Attribution]],
                         previous: tuple[Quote, Attribution] | None) -> Attribution | None:
        inside = range(span.start, span.end)
        first = self.sentence_of_token[span.start]
        last = self.sentence_of_token[span.end - 1]

        def outside(a: Attribution) -> bool:
            if a.verb in inside or any(i in inside for i in range(*a.speaker)):
                return False
            verb = self.doc[a.verb].idx
            between = self.text[verb:span.start_char] if verb < span.start_char else self.text[span.end_char:verb]
            # the same paragraph, or a cue ending in a colon just before ('He said:' and the quotation below)
            if "\n" not in between:
                return True
            cue_end = self.doc[a.cue[1] - 1].idx + len(self.doc[a.cue[1] - 1])
            gap = self.text[cue_end:span.start_char] if cue_end <= span.start_char else "x"
            return a.colon and not gap.strip(" :\n\"“«")

        # the same sentence(s): a cue that introduces the quotation with a colon ('McCaskill scolded him: "..."'),
        # else the nearest cue outside the quotation
        here = [a for n in range(first, last + 1) for a in by_sentence.get(n, ()) if outside(a)]
        introduced = self.text[max(0, span.start_char - 8):span.start_char].rstrip(" \u00a0\"“«").endswith(":")
        opening = [a for a in here if a.colon and a.verb < span.start] if introduced else []
        if opening:
            return opening[-1]
        if here:
            return min(here, key=lambda a: min(abs(a.verb - span.start), abs(a.verb - span.end)))
        # the sentence before ends in a colon: 'Kishida said:'
        if first > 0:
            before = [a for a in by_sentence.get(first - 1, ()) if a.colon]
            if before:
                return before[-1]
        # '"...," he said. "..."': the quotation before, with only its attribution between
        if previous is not None:
            quote, attribution = previous
            if "\n" not in self.text[quote.end:span.start_char]:  # the same paragraph
                return attribution
        # the next sentence only attributes: '"..." He added.'
        if last + 1 < len(self.sentences):
            after = [a for a in by_sentence.get(last + 1, ()) if a.content is None]
            if after and \
                    self.sentences[last + 1].start == span.end + (1 if is_quote_mark(self.doc[span.end].text) else 0):
                return after[0]
        # a paragraph that only goes on quoting, right after a paragraph that ended on an attributed quotation:
        # the same speaker (newspapers quote at length paragraph by paragraph)
        if previous is not None:
            quote, attribution = previous
            gap = self.text[quote.end:span.start_char]
            tail, _, lead = gap.partition("\n")
            opens_paragraph = not lead.strip(" \n\"“«")
            if "\n" in gap and len(tail.strip(" ,.;”\"»")) <= MAX_TRAILING_ATTRIBUTION and opens_paragraph:
                return attribution
        return None


def attribute_quotes(document: Document) -> None:
    """The pipeline stage: fill ``document.quotes``."""
    if document.spacy_doc is None:
        return
    document.quotes = QuoteFinder(document).find()
