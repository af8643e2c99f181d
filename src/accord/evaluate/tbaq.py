"""TimeBank and AQUAINT (``eval/tbaq``, TempEval-3's training articles): time expressions scored as TempEval-3 did.

Each ``.tml`` file's ``TEXT`` element, its tags stripped, is the text; offsets are those of that plain text.
The document creation time is the ``TIMEX3`` inside ``DCT`` (its date is the publication date); the gold
expressions are the ``TIMEX3`` inside ``TEXT`` (a dateline's date among them: it is an expression in the text).

As in TempEval-3 (UzZaman et al., SemEval 2013, task 1):

- **relaxed match**: a reported expression and a gold one overlap by at least one character; **strict
  match**: their extents are equal. Precision is the share of reported expressions that match some gold
  expression, recall the share of gold expressions that some reported one matches, F1 their harmonic mean.
- **type** and **value** are judged on the relaxed matches: a gold expression's reported partner is the
  reported expression that overlaps it most (the shortest of those that overlap it equally, so the end
  "1990" of a reported range "from 1989 to 1990" is compared with a gold "1990"); values are compared as
  TIMEX3 writes them, exact strings. *Accuracy* is the share of matched gold expressions whose partner has
  the right attribute.
- **attribute F1** ("value F1", "type F1") is TempEval-3's: relaxed F1 x attribute accuracy, so it counts
  both finding an expression and giving it the right attribute.

Figures are given for TimeBank, AQUAINT and both, on each half (halves by file stem, ``split.half``).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..model import Document, TimeExpression
from .common import PARTS, SetResult, f1, ratio
from .meantime import GoldTime
from .split import half

CORPORA = ("TimeBank", "AQUAINT")


@dataclass
class Article:
    id: str  # the file stem
    corpus: str  # TimeBank | AQUAINT
    text: str
    creation: date
    gold: list[GoldTime]


@dataclass
class Tally:
    """Counts over a set of articles, and the misses of each kind."""

    articles: int = 0
    gold: int = 0
    reported: int = 0
    relaxed_found: int = 0  # gold expressions some reported one overlaps
    relaxed_right: int = 0  # reported expressions that overlap some gold one
    strict_found: int = 0
    strict_right: int = 0
    type_right: int = 0  # of the relaxed-found gold expressions
    value_right: int = 0
    misses: list[str] = field(default_factory=list)
    wrong_values: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    def relaxed_f1(self) -> float:
        return f1(ratio(self.relaxed_right, self.reported), ratio(self.relaxed_found, self.gold))

    def strict_f1(self) -> float:
        return f1(ratio(self.strict_right, self.reported), ratio(self.strict_found, self.gold))


def _plain_text(body: ET.Element) -> tuple[str, list[tuple[ET.Element, int, int]]]:
    """The element's text with its tags stripped, and each TIMEX3 inside it with its offsets in that text."""
    parts: list[str] = []
    spans: list[tuple[ET.Element, int, int]] = []
    length = 0

    def walk(element: ET.Element) -> None:
        nonlocal length
        start = length
        parts.append(element.text or "")
        length += len(element.text or "")
        for child in element:
            walk(child)
            parts.append(child.tail or "")
            length += len(child.tail or "")
        if element.tag == "TIMEX3":
            spans.append((element, start, length))

    walk(body)
    return "".join(parts), spans


def read_article(path: Path, corpus: str) -> Article:
    """One TimeML file -> its plain text, creation date and gold TIMEX3 (ValueError when it has none of them)."""
    root = ET.parse(path).getroot()
    dct = root.find("DCT/TIMEX3")
    body = root.find("TEXT")
    if dct is None or body is None:
        raise ValueError("no DCT TIMEX3 or no TEXT element")
    creation = date.fromisoformat(dct.get("value", "")[:10])
    text, spans = _plain_text(body)
    gold = [GoldTime(s, e, text[s:e], t.get("type", ""), t.get("value", "")) for t, s, e in spans]
    return Article(path.stem, corpus, text, creation, sorted(gold, key=lambda g: g.start))


def read_articles(folder: Path) -> tuple[list[Article], list[str]]:
    articles, unreadable = [], []
    for corpus in CORPORA:
        for path in sorted((folder / corpus).glob("*.tml")):
            try:
                articles.append(read_article(path, corpus))
            except (ET.ParseError, ValueError) as exc:
                unreadable.append(f"{corpus}/{path.name}: {exc}")
    return articles, unreadable


def code_articles(pipeline, articles: list[Article]) -> tuple[dict[str, Document], list[str]]:
    """Each article coded with its creation date as publication date: (documents by id, failures)."""
    coded: dict[str, Document] = {}
    failed: list[str] = []
    items = [Document(id=a.id, text=a.text, published=a.creation) for a in articles]
    for item in pipeline.code_documents(items):
        if isinstance(item, Document):
            coded[item.id] = item
        else:
            failed.append(str(item))
    return coded, failed


def _overlap(a: TimeExpression | GoldTime, b: TimeExpression | GoldTime) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def tally(articles: list[Article], coded: dict[str, Document]) -> Tally:
    out = Tally()
    for article in articles:
        document = coded.get(article.id)
        if document is None:
            continue
        out.articles += 1
        times = document.times
        out.reported += len(times)
        out.gold += len(article.gold)
        for time in times:
            if any(_overlap(time, g) for g in article.gold):
                out.relaxed_right += 1
                out.strict_right += any(time.start == g.start and time.end == g.end for g in article.gold)
            else:
                out.false_alarms.append(f"{article.id} {time.text!r} -> {time.type} {time.value}")
        for gold in article.gold:
            overlapping = [(t, _overlap(t, gold)) for t in times]
            overlapping = [(t, n) for t, n in overlapping if n > 0]
            if not overlapping:
                out.misses.append(f"{article.id} {gold.text!r} {gold.type} {gold.value}")
                continue
            out.relaxed_found += 1
            out.strict_found += any(t.start == gold.start and t.end == gold.end for t, _ in overlapping)
            best = max(overlapping, key=lambda pair: (pair[1], -(pair[0].end - pair[0].start)))[0]
            out.type_right += best.type == gold.type
            if best.value == gold.value:
                out.value_right += 1
            else:
                context = article.text[max(0, gold.start - 60):gold.end + 40].replace("\n", " ")
                out.wrong_values.append(f"{article.id} (created {article.creation}) {gold.text!r}: gold {gold.type} "
                                        f"{gold.value}, got {best.text!r} {best.type} {best.value} | …{context}…")
    return out


def _add(result: SetResult, prefix: str, part: str, counts: Tally) -> None:
    relaxed = counts.relaxed_f1()
    result.add(f"{prefix}relaxed F1", part, relaxed)
    result.add(f"{prefix}strict F1", part, counts.strict_f1())
    result.add(f"{prefix}type F1", part, relaxed * ratio(counts.type_right, counts.relaxed_found))
    result.add(f"{prefix}value F1", part, relaxed * ratio(counts.value_right, counts.relaxed_found))
    result.add_rate(f"{prefix}value accuracy", part, counts.value_right, counts.relaxed_found)


def evaluate(pipeline, shared: Path) -> SetResult | None:
    """Relaxed and strict F1, type and value (TempEval-3) for TimeBank, AQUAINT and both, on each half."""
    folder = shared / "eval" / "tbaq"
    if not all((folder / corpus).is_dir() for corpus in CORPORA):
        return None
    articles, unreadable = read_articles(folder)
    coded, failed = code_articles(pipeline, articles)
    out = SetResult("tbaq", f"TimeBank and AQUAINT time expressions, TempEval-3 scoring ({folder})")
    for part in PARTS:
        chosen = [a for a in articles if part == "all" or half(a.id) == part]
        both = tally(chosen, coded)
        out.sizes[part] = both.articles
        out.add_rate("relaxed precision", part, both.relaxed_right, both.reported)
        out.add_rate("relaxed recall", part, both.relaxed_found, both.gold)
        _add(out, "", part, both)
        for corpus in CORPORA:
            _add(out, f"{corpus} ", part, tally([a for a in chosen if a.corpus == corpus], coded))
        if part == "tune":
            out.details = [f"{label}: {line}" for label, lines in (
                ("miss", both.misses), ("wrong value", both.wrong_values), ("not in gold", both.false_alarms))
                for line in lines]
    out.notes = [f"unreadable: {problem}" for problem in unreadable + failed]
    return out
