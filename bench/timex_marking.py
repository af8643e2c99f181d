"""Which words the gold marks as time expressions, and which accord reports that the gold leaves unmarked.

    PYTHONPATH=src python bench/timex_marking.py [--shared ../shared] [--cache /tmp/timex-marking] [--part tune]
                                                 [--word now --word soon ...] [--show WORD] [--unmarked]

Parses the articles of one half (``--part tune`` or ``check``) of TimeBank, AQUAINT (``eval/tbaq``) and MEANTIME
once with the pipeline (kept under ``--cache`` so later runs only re-read the time expressions), finds the time
expressions as ``temporal/expressions.py`` does and, for each word or phrase asked for (by default the ones
issue 20 found reported but not marked), prints per corpus:

- ``text``: how often the word stands in the scored text (as whole words, any case),
- ``gold``: how many gold TIMEX3 are exactly that word,
- ``in gold``: how many gold TIMEX3 hold it (a longer expression, "later this year"),
- ``found``: reported expressions that are exactly that word and overlap a gold one,
- ``unmarked``: reported expressions that are exactly that word and overlap none (what costs precision).

Then each corpus's relaxed precision, recall and F1, and value F1 (TempEval-3: relaxed F1 x value accuracy;
for MEANTIME its own scorer's F1 and values right), as ``evaluate/tbaq.py`` and ``evaluate/meantime.py`` count
them. ``--show WORD`` prints each unmarked and each gold occurrence of the word in its context, ``--unmarked``
every reported expression no gold one overlaps, most frequent first. A development aid that prints numbers, not
a test.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from accord.evaluate import meantime, tbaq  # noqa: E402
from accord.evaluate.split import half  # noqa: E402

WORDS = ("now", "soon", "quarterly", "recently", "long-term", "recent", "later", "currently", "current",
         "annually", "annual", "short-term", "near-term", "eventually", "years", "months", "the day", "last year",
         "once", "yearly", "monthly", "weekly", "daily", "the past", "the future", "lately", "formerly",
         "presently", "the moment", "decades", "the time being")


@dataclass
class Item:
    corpus: str
    id: str
    text: str
    creation: date
    end: int  # the scored text is text[:end] less the span ``skip`` (MEANTIME's creation line)
    skip: tuple[int, int] | None
    gold: list  # GoldTime


def articles(shared: Path, part: str) -> list[Item]:
    out: list[Item] = []
    found, _ = tbaq.read_articles(shared / "eval" / "tbaq")
    for a in found:
        if half(a.id) == part:
            out.append(Item(a.corpus, a.id, a.text, a.creation, len(a.text), None, a.gold))
    for path in sorted((shared / "eval" / "meantime" / "intra-doc_annotation").glob("*/*.xml")):
        try:
            m = meantime.read_article(path)
        except ValueError:
            continue
        if half(m.id) == part:
            out.append(Item("MEANTIME", m.id, m.text, m.creation, m.annotated_end, m.creation_span, m.gold))
    return out


def parsed(items: list[Item], cache: Path, part: str):
    """Each article's parse and reference date, parsed once with the pipeline and then kept in ``cache``."""
    from spacy.tokens import DocBin

    from accord.model import Document
    from accord.pipeline import Pipeline

    pipeline = Pipeline(dictionary=None)
    bin_file, refs_file = cache / f"{part}.spacy", cache / f"{part}.refs"
    if bin_file.exists() and refs_file.exists():
        docs = list(DocBin().from_disk(bin_file).get_docs(pipeline.nlp.vocab))
        refs = [date.fromisoformat(line) for line in refs_file.read_text().split()]
        if len(docs) == len(items):
            return docs, refs
    docs, refs = [], []
    documents = [Document(id=i.id, text=i.text, published=i.creation) for i in items]
    for document in pipeline.code_documents(documents, keep_parse=True):
        docs.append(document.spacy_doc)
        refs.append(document.reference_date)
    cache.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=True, docs=docs).to_disk(bin_file)
    refs_file.write_text("\n".join(r.isoformat() for r in refs))
    return docs, refs


def overlap(a, b) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--cache", type=Path, default=Path("/tmp/timex-marking"))
    parser.add_argument("--part", choices=("tune", "check"), default="tune")
    parser.add_argument("--word", action="append", default=[], help="a word or phrase to count (default: issue 20's)")
    parser.add_argument("--show", action="append", default=[], help="print the occurrences of this word")
    parser.add_argument("--unmarked", action="store_true", help="print every unmarked expression, most frequent first")
    args = parser.parse_args()

    from accord.temporal.expressions import find_times

    items = articles(args.shared, args.part)
    docs, refs = parsed(items, args.cache, args.part)
    words = tuple(w.lower() for w in args.word) or WORDS
    corpora = ("TimeBank", "AQUAINT", "MEANTIME")
    table = {c: {w: Counter() for w in words} for c in corpora}
    score = {c: Counter() for c in corpora}
    unmarked_all: Counter = Counter()
    shows: list[str] = []
    for item, doc, ref in zip(items, docs, refs):
        times = [t for t in find_times(doc, ref) if t.start < item.end and not (
            item.skip and max(0, min(t.end, item.skip[1]) - max(t.start, item.skip[0])))]
        counts, s = table[item.corpus], score[item.corpus]
        scored = item.text[:item.end].lower()
        for w in words:
            counts[w]["text"] += len(re.findall(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", scored))
        for g in item.gold:
            low = g.text.lower()
            if low in counts:
                counts[low]["gold"] += 1
            for w in words:
                if re.search(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", low):
                    counts[w]["in gold"] += 1
                    if w in args.show:
                        shows.append(f"GOLD {item.corpus} {item.id} {g.text!r} {g.type} {g.value} | …"
                                     + item.text[max(0, g.start - 60):g.end + 40].replace("\n", " ") + "…")
        s["reported"] += len(times)
        s["gold"] += len(item.gold)
        for t in times:
            low = t.text.lower()
            hit = any(overlap(t, g) for g in item.gold)
            s["right"] += hit
            if low in counts:
                counts[low]["found" if hit else "unmarked"] += 1
            if not hit:
                unmarked_all[low] += 1
                if low in args.show:
                    shows.append(f"UNMARKED {item.corpus} {item.id} {t.text!r} {t.type} {t.value} | …"
                                 + item.text[max(0, t.start - 60):t.end + 40].replace("\n", " ") + "…")
        for g in item.gold:
            over = [(t, overlap(t, g)) for t in times if overlap(t, g)]
            if over:
                s["found"] += 1
                best = max(over, key=lambda p: (p[1], -(p[0].end - p[0].start)))[0]
                s["value"] += best.value == g.value
    print(f"{args.part} half: text / gold / in gold / found / unmarked")
    print(f"{'word':16}" + "".join(f"{c:>28}" for c in corpora))
    for w in words:
        cells = [table[c][w] for c in corpora]
        if not any(sum(x.values()) for x in cells):
            continue
        print(f"{w:16}" + "".join(f"{x['text']:>8}{x['gold']:>5}{x['in gold']:>5}{x['found']:>5}{x['unmarked']:>5}"
                                   for x in cells))
    for c in corpora:
        s = score[c]
        p, r = s["right"] / max(s["reported"], 1), s["found"] / max(s["gold"], 1)
        f = 2 * p * r / max(p + r, 1e-9)
        acc = s["value"] / max(s["found"], 1)
        print(f"{c:9} precision {s['right']}/{s['reported']} = {p:.3f}  recall {r:.3f}  F1 {f:.4f}  "
              f"values right {acc:.4f}  value F1 {f * acc:.4f}")
    if args.unmarked:
        for text, n in unmarked_all.most_common():
            print(f"{n:4} {text}")
    print("\n".join(shows))


if __name__ == "__main__":
    main()
