"""PolNeAR dev (``eval/polnear/dev``): attributed quotations against the 2,320 gold attribution relations.

Gold: brat standoff ``.ann`` files; an ``E`` line ties a Source, a Cue and a Content span (each may be
discontinuous, ``start end;start end``). Articles annotated by several people are scored against one
annotator, the first by name in ``metadata.tsv``'s order of files, sorted (see :func:`pick_annotators`).

An attribution is *found* when accord reports a quote whose text covers at least half of the gold content's
characters and whose speaker span overlaps the gold source span by at least one character. Three
categories are scored, each with recall, precision and F1:

- ``direct``: gold content that begins and ends with a quotation mark (the quote marks may sit just outside
  the annotated span); accord's quotes of kind ``direct``;
- ``speech cue``: gold cue is a verb of saying (``data/quotes/cues.yaml``, by lemma of the cue's last
  verb) or "according to"; accord's quotes whose cue is one of those;
- ``all``: every gold attribution; every quote accord reports.

Precision of a category: of accord's quotes in that category, the share that find some gold attribution
(of any category: a quote in quotation marks whose gold content also runs on past the marks is still a
right attribution), each gold attribution taken by at most one quote (one-to-one, in text order).
Source and cue figures are reported for the found attributions (the speaker span or cue span overlaps
the gold one).
"""
from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..model import Document, Quote
from ..quotes import is_quote_mark
from .common import SetResult, by_part, f1, ratio
from .split import half

Spans = tuple[tuple[int, int], ...]
CATEGORIES = ("direct", "speech cue", "all")
# The verbs of saying that define the "speech cue" category, gold and reported alike. Fixed here, apart
# from the vocabulary accord codes with (data/quotes/cues.yaml), so tuning that cannot move the category.
SAYING_VERBS = frozenset({
    "say", "tell", "add", "write", "note", "state", "explain", "argue", "claim", "insist", "declare",
    "announce", "report", "reply", "respond", "comment", "remark", "stress", "emphasize", "emphasise", "tweet",
    "warn", "mention", "acknowledge", "admit", "assert", "recall", "ask", "testify", "confirm",
})


@dataclass(frozen=True)
class Attribution:
    article: str
    source: Spans
    cue: Spans
    content: Spans
    source_text: str
    cue_text: str
    content_text: str


def parse_spans(text: str) -> Spans:
    """brat offsets "12 20;25 30" -> ((12, 20), (25, 30))."""
    spans = []
    for piece in text.split(";"):
        start, end = piece.split()
        spans.append((int(start), int(end)))
    return tuple(spans)


def parse_ann(text: str, article: str, ann_name: str = "") -> list[Attribution]:
    """The attribution relations of one brat ``.ann`` file; malformed lines are a clear error."""
    spans: dict[str, tuple[str, Spans, str]] = {}
    relations: list[dict[str, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            ident, body, *rest = line.split("\t")
            if ident.startswith("T"):
                kind, offsets = body.split(" ", 1)
                spans[ident] = (kind, parse_spans(offsets), rest[0] if rest else "")
            elif ident.startswith("E"):
                roles = dict(part.split(":", 1) for part in body.split())
                relations.append(roles)
        except (ValueError, IndexError) as exc:
            raise ValueError(f"{ann_name or article}: line {number} is not brat standoff ({exc}): {line!r}") from exc
    out = []
    for roles in relations:
        def span_of(role: str, roles=roles) -> tuple[Spans, str]:  # bound now, not late
            ident = roles.get(role)
            if ident is None or ident not in spans:
                return (), ""
            _, offsets, words = spans[ident]
            return offsets, words
        content, content_text = span_of("Content")
        if not content:
            continue
        source, source_text = span_of("Source")
        cue, cue_text = span_of("Cue")
        out.append(Attribution(article, source, cue, content, source_text, cue_text, content_text))
    return out


def pick_annotators(folder: Path) -> dict[str, Path]:
    """One ``.ann`` file per article. Where several annotators did the same article (two dev articles have
    six), the file whose annotator id sorts first is used, so the choice is fixed and repeatable."""
    chosen: dict[str, Path] = {}
    for path in sorted(folder.glob("*.ann")):
        article = path.stem.rsplit("_", 1)[0]
        chosen.setdefault(article, path)
    return chosen


def overlap(a: Spans, b: Spans) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def length(spans: Spans) -> int:
    return sum(e - s for s, e in spans)


def is_direct(gold: Attribution, text: str) -> bool:
    """Content in quotation marks: the span's first and last non-blank characters are quote marks, or
    the marks stand right outside it."""
    start, end = gold.content[0][0], gold.content[-1][1]
    head = text[start:end].strip()
    if not head:
        return False
    before = text[max(0, start - 1):start]
    after = text[end:end + 2]
    opens = is_quote_mark(head[0]) or is_quote_mark(before)
    closes = (is_quote_mark(head[-1]) or (len(head) > 1 and head[-1] in ".,!?" and is_quote_mark(head[-2]))
              or any(is_quote_mark(c) for c in after))
    return opens and closes


def is_saying(cue_text: str, lemma_of) -> bool:
    """A cue of saying: one of its words has a lemma in SAYING_VERBS, or it is "according to"."""
    words = cue_text.lower().split()
    return "according" in words or any(lemma_of(w.strip(":,")) in SAYING_VERBS for w in words)


@dataclass
class Reported:
    """accord's quotes that share one speaker mention and one cue, taken together as one attribution (a
    quotation interrupted by its attribution, '"...," he said. "..."', is two quotes and one attribution;
    so is reported speech with a partial quotation inside it)."""

    quotes: list[Quote]

    @property
    def first(self) -> Quote:
        return self.quotes[0]

    @property
    def content(self) -> Spans:
        return tuple((q.start, q.end) for q in self.quotes)

    @property
    def speaker(self) -> Spans:
        q = self.first
        return () if q.speaker_start is None or q.speaker_end is None else ((q.speaker_start, q.speaker_end),)

    @property
    def cue(self) -> Spans:
        q = self.first
        return () if q.cue_start is None or q.cue_end is None else ((q.cue_start, q.cue_end),)

    @property
    def kind(self) -> str:
        kinds = {q.kind for q in self.quotes}
        return next(k for k in ("direct", "indirect", "partial") if k in kinds or k == "partial")

    def describe(self) -> str:
        text = " … ".join(q.text for q in self.quotes)
        return f"[{self.kind}] {self.first.speaker_text!r} / {self.first.cue_text!r}: {text[:140]!r}"


def group_quotes(quotes: list[Quote]) -> list[Reported]:
    groups: dict[tuple[int, int] | int, Reported] = {}
    out = []
    for q in quotes:
        key = (q.speaker_start, q.cue_start) if q.speaker_start is not None and q.cue_start is not None else id(q)
        if key in groups:
            groups[key].quotes.append(q)
        else:
            groups[key] = Reported([q])
            out.append(groups[key])
    return out


def content_matches(reported: Reported, gold: Attribution) -> bool:
    return 2 * overlap(reported.content, gold.content) >= length(gold.content)


def matches(reported: Reported, gold: Attribution) -> bool:
    return content_matches(reported, gold) and overlap(reported.speaker, gold.source) > 0


@dataclass
class CategoryCounts:
    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def recall(self) -> float:
        return ratio(self.found, self.gold)

    @property
    def precision(self) -> float:
        return ratio(self.correct, self.predicted)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


@dataclass
class PolnearResult:
    articles: int = 0
    categories: dict[str, CategoryCounts] = field(default_factory=lambda: {c: CategoryCounts() for c in CATEGORIES})
    content_found: int = 0  # gold contents covered by some quote, whoever the speaker
    source_right: int = 0  # of those, the speaker span overlaps the gold source
    cue_right: int = 0  # of found attributions, the cue span overlaps the gold cue
    with_code: int = 0  # found attributions whose speaker resolved to an actor code
    kinds: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)


def reported_categories(reported: Reported, lemma_of) -> set[str]:
    """The categories a reported attribution is counted in for precision: ``direct`` when one of its quotes
    is of kind direct, ``speech cue`` when its cue passes the same rule as the gold cues."""
    found = {"all"}
    if reported.kind == "direct":
        found.add("direct")
    if is_saying(reported.first.cue_text or "", lemma_of):
        found.add("speech cue")
    return found


def _lemma_function(pipeline) -> Callable[[str], str]:
    cache: dict[str, str] = {}

    def lemma_of(word: str) -> str:
        if word not in cache:
            doc = pipeline.nlp(word)
            cache[word] = doc[0].lemma_.lower() if len(doc) else word
        return cache[word]
    return lemma_of


def load_gold(folder: Path) -> tuple[dict[str, str], dict[str, list[Attribution]], dict[str, date]]:
    texts: dict[str, str] = {}
    gold: dict[str, list[Attribution]] = {}
    for article, path in pick_annotators(folder / "attributions").items():
        texts[article] = (folder / "text" / f"{article}.txt").read_text("utf-8")
        gold[article] = parse_ann(path.read_text("utf-8"), article, path.name)
    published: dict[str, date] = {}
    meta = folder / "metadata.tsv"
    if meta.exists():
        with meta.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                try:
                    published[row["filename"]] = date.fromisoformat(row["publication_date"])
                except (KeyError, ValueError):
                    pass
    return texts, gold, published


def code_articles(pipeline, folder: Path) -> tuple[dict[str, str], dict[str, list[Attribution]], dict[str, Document]]:
    texts, gold, published = load_gold(folder)
    # The article text is coded as it is (no headline or dateline split) so gold offsets stay valid.
    items = [Document(id=article, text=text, published=published.get(article)) for article, text in texts.items()]
    documents = {d.id: d for d in pipeline.code_documents(items) if isinstance(d, Document)}
    return texts, gold, documents


def tally(articles: list[str], texts: dict[str, str], gold: dict[str, list[Attribution]],
          documents: dict[str, Document], lemma_of) -> PolnearResult:
    result = PolnearResult(articles=len(articles))
    for article in articles:
        attributions = gold[article]
        text = texts[article]
        document = documents.get(article)
        quotes = document.quotes if document else []
        gold_categories = []
        for g in attributions:
            cats = {"all"}
            if is_direct(g, text):
                cats.add("direct")
            if is_saying(g.cue_text, lemma_of):
                cats.add("speech cue")
            gold_categories.append(cats)
            for c in cats:
                result.categories[c].gold += 1
        for q in quotes:
            result.kinds[q.kind] += 1
        # one-to-one: each reported attribution takes the first unmatched gold attribution it matches
        taken: dict[int, Reported] = {}
        reported = group_quotes(quotes)
        for r in reported:
            hit = next((i for i, g in enumerate(attributions) if i not in taken and matches(r, g)), None)
            if hit is not None:
                taken[hit] = r
            for c in reported_categories(r, lemma_of):
                result.categories[c].predicted += 1
                result.categories[c].correct += hit is not None
            if hit is None:
                result.wrong.append(f"{article} {r.describe()}")
        for i, g in enumerate(attributions):
            mine = taken.get(i)
            covering = [x for x in reported if content_matches(x, g)]
            if covering:
                result.content_found += 1
                if any(overlap(x.speaker, g.source) for x in covering):
                    result.source_right += 1
            if mine is None:
                got = "; ".join(f"{x.first.speaker_text!r}" for x in covering) or "no quote"
                result.misses.append(f"{article} {'+'.join(sorted(gold_categories[i] - {'all'})) or '-'} "
                                     f"source {g.source_text!r} cue {g.cue_text!r} | covering quotes: {got} "
                                     f"| {g.content_text[:140]!r}")
                continue
            for c in gold_categories[i]:
                result.categories[c].found += 1
            if overlap(mine.cue, g.cue) > 0:
                result.cue_right += 1
            if mine.first.speaker is not None:
                result.with_code += 1
    return result


def score_polnear(pipeline, folder: Path) -> PolnearResult:
    texts, gold, documents = code_articles(pipeline, folder)
    return tally(list(gold), texts, gold, documents, _lemma_function(pipeline))


def evaluate(pipeline, shared: Path) -> SetResult | None:
    """Attributions found, on each half (halves by article): F1 for direct quotations, speech-verb cues and all."""
    folder = shared / "eval" / "polnear" / "dev"
    if not folder.is_dir():
        return None
    texts, gold, documents = code_articles(pipeline, folder)
    lemma_of = _lemma_function(pipeline)
    out = SetResult("polnear", f"PolNeAR dev ({folder})")
    for part, articles in by_part(gold, half).items():
        result = tally(articles, texts, gold, documents, lemma_of)
        out.sizes[part] = result.articles
        for name in CATEGORIES:
            c = result.categories[name]
            out.add(f"{name} F1", part, c.f1)
            out.add_rate(f"{name} recall", part, c.found, c.gold)
            out.add_rate(f"{name} precision", part, c.correct, c.predicted)
        found_all = result.categories["all"].found
        out.add_rate("source right (content covered)", part, result.source_right, result.content_found)
        out.add_rate("cue right (found)", part, result.cue_right, found_all)
        if part == "tune":
            out.details = [f"miss: {m}" for m in result.misses] + [f"wrong: {w}" for w in result.wrong]
    return out
