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
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ..model import Document, Quote
from ..quotes import is_quote_mark
from .common import f1, ratio

Spans = tuple[tuple[int, int], ...]
CATEGORIES = ("direct", "speech cue", "all")
DIRECT_TARGET = 0.85  # the pass marks of the quotes issue (F1)
SPEECH_CUE_TARGET = 0.70
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
        def span_of(role: str) -> tuple[Spans, str]:
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
    groups: dict[tuple, Reported] = {}
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


def _lemma_function(pipeline):
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


def score_polnear(pipeline, folder: Path) -> PolnearResult:
    texts, gold, published = load_gold(folder)
    # The article text is coded as it is (no headline or dateline split) so gold offsets stay valid.
    items = [Document(id=article, text=text, published=published.get(article)) for article, text in texts.items()]
    documents = {d.id: d for d in pipeline.code_documents(items) if isinstance(d, Document)}
    lemma_of = _lemma_function(pipeline)
    result = PolnearResult(articles=len(texts))
    for article, attributions in gold.items():
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
            r = taken.get(i)
            covering = [x for x in reported if content_matches(x, g)]
            if covering:
                result.content_found += 1
                if any(overlap(x.speaker, g.source) for x in covering):
                    result.source_right += 1
            if r is None:
                got = "; ".join(f"{x.first.speaker_text!r}" for x in covering) or "no quote"
                result.misses.append(f"{article} {'+'.join(sorted(gold_categories[i] - {'all'})) or '-'} "
                                     f"source {g.source_text!r} cue {g.cue_text!r} | covering quotes: {got} "
                                     f"| {g.content_text[:140]!r}")
                continue
            for c in gold_categories[i]:
                result.categories[c].found += 1
            if overlap(r.cue, g.cue) > 0:
                result.cue_right += 1
            if r.first.speaker is not None:
                result.with_code += 1
    return result


def report(pipeline, shared: Path, details: bool, console: Console) -> bool:
    """Print the PolNeAR figures; passes when direct F1 >= 0.85 and speech-cue F1 >= 0.70."""
    folder = shared / "eval" / "polnear" / "dev"
    if not folder.is_dir():
        console.print(f"[yellow]PolNeAR: {folder} is missing; skipped[/yellow]")
        return True
    result = score_polnear(pipeline, folder)
    found_all = result.categories["all"].found
    console.print(f"[bold]PolNeAR dev[/bold] ({folder}, {result.articles} articles): "
                  f"content covered {result.content_found}/{result.categories['all'].gold}, "
                  f"source right for {ratio(result.source_right, result.content_found):.3f} of those; "
                  f"of {found_all} found, cue right {ratio(result.cue_right, found_all):.3f}, "
                  f"speaker coded {ratio(result.with_code, found_all):.3f}; "
                  f"quotes by kind {dict(sorted(result.kinds.items()))}")
    table = Table("category", "gold", "found", "recall", "reported", "right", "precision", "F1", header_style="bold")
    for name in CATEGORIES:
        c = result.categories[name]
        table.add_row(name, str(c.gold), str(c.found), f"{c.recall:.3f}", str(c.predicted), str(c.correct),
                      f"{c.precision:.3f}", f"{c.f1:.3f}")
    console.print(table)
    passed = (result.categories["direct"].f1 >= DIRECT_TARGET
              and result.categories["speech cue"].f1 >= SPEECH_CUE_TARGET)
    console.print(f"  [{'pass' if passed else 'below'} direct F1 {DIRECT_TARGET}, speech-cue F1 {SPEECH_CUE_TARGET}]",
                  markup=False, highlight=False)
    if details:
        for miss in result.misses:
            console.print(f"  miss: {miss}", highlight=False, markup=False, soft_wrap=True)
        for wrong in result.wrong:
            console.print(f"  wrong: {wrong}", highlight=False, markup=False, soft_wrap=True)
    return passed
