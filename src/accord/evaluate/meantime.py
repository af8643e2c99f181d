"""MEANTIME (``eval/meantime/intra-doc_annotation``): time expressions found and their TimeML values.

Each article's tokens are joined back into text (a space between tokens except before closing
punctuation and after opening; sentences on their own lines) and coded with the document creation time
(the TIMEX3 whose functionInDocument is CREATION_TIME; in the two articles that mark none, the full date
on the line under the title) as publication date. A gold TIMEX3 is found when a
reported expression overlaps its tokens by at least one character; precision counts the reported
expressions that overlap some gold one. MEANTIME annotates only the title, the date line and the first
four sentences of each article: expressions after the last sentence holding any gold markable (entity,
event or time) are not scored, though the whole article is coded. The creation time's own words
(the date line under the title) are not an expression to find: reported expressions on them are left out
of both counts, as are gold
TIMEX3 without token anchors. Value accuracy: of the gold expressions found, the share whose value equals
the value of the reported expression that overlaps it most (the shortest of those that overlap it equally,
so the end "2014" of a reported range "between 2014 and 2016" is compared with a gold "2014"); exact string
comparison, as TIMEX3 writes it.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..model import Document
from .common import SetResult, by_part, f1, ratio
from .split import half

NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "'s", "n't", "'", "''", "'re", "'ve", "'ll", "'d",
                   "'m"}
NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#"}


@dataclass
class GoldTime:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class Article:
    id: str
    text: str
    creation: date
    creation_span: tuple[int, int] | None
    gold: list[GoldTime]
    annotated_end: int  # character offset where the annotated sentences end


@dataclass
class MeantimeResult:
    articles: int = 0
    gold: int = 0
    found: int = 0
    reported: int = 0
    reported_right: int = 0
    value_right: int = 0
    by_type: dict[str, Counter] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    wrong_values: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return ratio(self.found, self.gold)

    @property
    def precision(self) -> float:
        return ratio(self.reported_right, self.reported)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    @property
    def value_accuracy(self) -> float:
        return ratio(self.value_right, self.found)


def read_article(path: Path) -> Article:
    """One CAT XML file -> text with token offsets, its creation date and its gold TIMEX3."""
    root = ET.parse(path).getroot()
    offsets: dict[str | None, tuple[int, int]] = {}  # by t_id
    sentence_of: dict[str | None, str | None] = {}
    parts: list[str] = []
    length = 0
    previous_sentence = None
    previous_text = ""
    for token in root.iter("token"):
        text = token.text or ""
        sentence = token.get("sentence")
        if previous_sentence is not None:
            if sentence != previous_sentence:
                gap = "\n"
            elif text in NO_SPACE_BEFORE or previous_text in NO_SPACE_AFTER:
                gap = ""
            else:
                gap = " "
            parts.append(gap)
            length += len(gap)
        offsets[token.get("t_id")] = (length, length + len(text))
        sentence_of[token.get("t_id")] = sentence
        parts.append(text)
        length += len(text)
        previous_sentence, previous_text = sentence, text
    gold, creation, creation_span = [], None, None
    timexes = list(root.iter("TIMEX3"))
    marked = any(t.get("functionInDocument") == "CREATION_TIME" for t in timexes)
    for timex in timexes:
        ids = [a.get("t_id") for a in timex.findall("token_anchor") if a.get("t_id") in offsets]
        anchors = [offsets[i] for i in ids]
        span = (min(a[0] for a in anchors), max(a[1] for a in anchors)) if anchors else None
        # two articles leave the creation time unmarked: then it is the full date on the line under the title
        date_line = not marked and creation is None and ids and all(sentence_of[i] == "1" for i in ids) \
            and len(timex.get("value", "")) == 10
        if timex.get("functionInDocument") == "CREATION_TIME" or date_line:
            creation = _creation_date(timex.get("value", ""))
            creation_span = span
            continue
        if span is None:
            continue
        text = "".join(parts)[span[0]:span[1]]
        gold.append(GoldTime(span[0], span[1], text, timex.get("type", ""), timex.get("value", "")))
    if creation is None:
        raise ValueError("no TIMEX3 with functionInDocument=CREATION_TIME")
    # MEANTIME annotates the title, the date line and the first sentences only: the end of the last sentence
    # that holds any markable (entity, event or time) is where scoring stops
    marked_sentences = [sentence_of[a.get("t_id")] for markables in root.iter("Markables") for markable in markables
                        for a in markable.findall("token_anchor") if a.get("t_id") in sentence_of]
    last = max((int(s) for s in marked_sentences if s is not None), default=0)
    annotated_end = max((offsets[t][1] for t, s in sentence_of.items() if s is not None and int(s) <= last), default=0)
    return Article(root.get("doc_id") or path.stem, "".join(parts), creation, creation_span, gold, annotated_end)


def _creation_date(value: str) -> date:
    """The creation time's value: ISO, or day-month-year as one article writes it (03-02-2009 for February 3)."""
    m = re.fullmatch(r"(\d\d)-(\d\d)-(\d{4})", value)
    if m:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return date.fromisoformat(value[:10])


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def code_articles(pipeline, folder: Path) -> tuple[list[Article], dict[str, Document], list[str]]:
    """Every article of the folder, coded: (articles, coded documents by id, unreadable files)."""
    articles, unreadable = [], []
    for path in sorted(folder.glob("*/*.xml")):
        try:
            articles.append(read_article(path))
        except (ET.ParseError, ValueError, KeyError) as exc:
            unreadable.append(f"{path.name}: {exc}")
    documents = [Document(id=a.id, text=a.text, published=a.creation) for a in articles]
    coded: dict[str, Document] = {}
    for item in pipeline.code_documents(documents):
        if isinstance(item, Document):
            coded[item.id] = item
        else:
            unreadable.append(str(item))
    return articles, coded, unreadable


def tally(articles: list[Article], coded: dict[str, Document]) -> MeantimeResult:
    result = MeantimeResult()
    for article in articles:
        document = coded.get(article.id)
        if document is None:
            continue
        result.articles += 1
        times = [t for t in document.times if t.start < article.annotated_end and not (
            article.creation_span and _overlap(t.start, t.end, *article.creation_span))]
        result.reported += len(times)
        for time in times:
            if any(_overlap(time.start, time.end, g.start, g.end) for g in article.gold):
                result.reported_right += 1
            else:
                result.false_alarms.append(f"{article.id} {time.text!r} -> {time.type} {time.value}")
        for gold in article.gold:
            counts = result.by_type.setdefault(gold.type, Counter())
            counts["gold"] += 1
            result.gold += 1
            overlapping = [(t, _overlap(t.start, t.end, gold.start, gold.end)) for t in times]
            overlapping = [(t, n) for t, n in overlapping if n > 0]
            if not overlapping:
                result.misses.append(f"{article.id} {gold.text!r} {gold.type} {gold.value}")
                continue
            result.found += 1
            counts["found"] += 1
            best = max(overlapping, key=lambda pair: (pair[1], -(pair[0].end - pair[0].start)))[0]
            if best.value == gold.value:
                result.value_right += 1
                counts["value"] += 1
            else:
                result.wrong_values.append(f"{article.id} (created {article.creation}) {gold.text!r}: gold "
                                           f"{gold.type} {gold.value}, got {best.text!r} {best.type} {best.value}")
    return result


def score_meantime(pipeline, folder: Path) -> MeantimeResult:
    articles, coded, unreadable = code_articles(pipeline, folder)
    result = tally(articles, coded)
    result.unreadable = unreadable
    return result


def evaluate(pipeline, shared: Path) -> SetResult | None:
    """Time expressions found (precision, recall, F1) and values right, on each half (halves by article)."""
    folder = shared / "eval" / "meantime" / "intra-doc_annotation"
    if not folder.is_dir():
        return None
    articles, coded, unreadable = code_articles(pipeline, folder)
    out = SetResult("meantime", f"MEANTIME time expressions ({folder})")
    for part, subset in by_part(articles, lambda a: half(a.id)).items():
        result = tally(subset, coded)
        out.sizes[part] = result.articles
        out.add_rate("precision", part, result.reported_right, result.reported)
        out.add_rate("recall", part, result.found, result.gold)
        out.add("F1", part, result.f1)
        out.add_rate("values right", part, result.value_right, result.found)
        if part == "tune":
            out.details = [f"{label}: {line}" for label, lines in (
                ("miss", result.misses), ("wrong value", result.wrong_values), ("not in gold", result.false_alarms))
                for line in lines]
    out.notes = [f"unreadable: {problem}" for problem in unreadable]
    return out
