"""Wrong TimeML values on TimeBank/AQUAINT's tune half, grouped by the kind of expression.

    PYTHONPATH=src python bench/tbaq_values.py [--shared ../shared] [--cache /tmp/tbaq-tune.spacy] [--show KIND]

Parses the tune half's articles once with the pipeline (kept in ``--cache`` so later runs only re-read the
time expressions), finds the time expressions, matches them to the gold TIMEX3 as ``evaluate/tbaq.py`` does
(the reported expression overlapping a gold one most, the shortest of equal overlaps) and sorts the matches
whose value is wrong into kinds: anchoring, next/last/this, weekdays, months without a year, quarters, fiscal
years, durations, "the year", the *_REF values, sets, ranges, decades and centuries, seasons, granularity.
Prints a table of counts, then every wrong value of the kinds asked for (``--show all`` for every kind).
A development aid that prints numbers, not a test; it reads only the tune half.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from accord.evaluate.split import half  # noqa: E402
from accord.evaluate.tbaq import read_articles  # noqa: E402

WEEKDAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
MONTHS = (r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")
KINDS = ("reference: now (PRESENT_REF)", "reference: recently (PAST_REF)", "reference: future (FUTURE_REF)",
         "sets", "ranges", "durations", "quarters and periods", "fiscal years", "\"the year\"",
         "decades and centuries", "seasons", "weekdays", "months without year", "next/last/this",
         "granularity", "anchor", "other")


def kind(gold_text: str, gold_type: str, gold_value: str, text: str, type_: str, value: str | None) -> str:
    g, t = gold_text.lower(), text.lower()
    refs = {"PRESENT_REF": KINDS[0], "PAST_REF": KINDS[1], "FUTURE_REF": KINDS[2]}
    for ref, name in refs.items():
        if ref in (gold_value, value):
            return name
    if "SET" in (gold_type, type_):
        return "sets"
    if re.search(r"\b(from|between)\b.*\b(to|and|through)\b|\d-\d", t):
        return "ranges"
    if "DURATION" in (gold_type, type_):
        return "durations"
    if re.search(r"quarter|period|half|year-ago|year-earlier|nine months", g + " " + t) or "Q" in gold_value:
        return "quarters and periods"
    if "fiscal" in g + " " + t:
        return "fiscal years"
    if re.fullmatch(r"(the )?(year|year-end|year's end|year end)", g):
        return "\"the year\""
    if re.search(r"decade|centur|\d0'?s\b", g) or re.fullmatch(r"\d{2,3}X?", gold_value or ""):
        return "decades and centuries"
    if re.search(r"spring|summer|autumn|fall|winter", g):
        return "seasons"
    if re.search(WEEKDAYS, g):
        return "weekdays"
    if re.search(r"\b(" + MONTHS + r")[a-z]*\b", g) and not re.search(r"\d{4}", g):
        return "months without year"
    if re.search(r"\b(next|last|this|past|coming|previous)\b", g):
        return "next/last/this"
    if value and (gold_value.startswith(value) or value.startswith(gold_value)):
        return "granularity"
    if value and gold_value[:1].isdigit() and value[:1].isdigit():
        return "anchor"
    return "other"


def parsed(shared: Path, cache: Path):
    """The tune half's articles and, for each, its parse and reference date (parsed once, then cached)."""
    from spacy.tokens import DocBin

    from accord.model import Document
    from accord.pipeline import Pipeline

    articles, _ = read_articles(shared / "eval" / "tbaq")
    articles = [a for a in articles if half(a.id) == "tune"]
    pipeline = Pipeline(dictionary=None)
    refs_file = cache.with_suffix(".refs")
    if cache.exists() and refs_file.exists():
        docs = list(DocBin().from_disk(cache).get_docs(pipeline.nlp.vocab))
        refs = [date.fromisoformat(line) for line in refs_file.read_text().split()]
        return articles, docs, refs
    docs, refs = [], []
    items = [Document(id=a.id, text=a.text, published=a.creation) for a in articles]
    for document in pipeline.code_documents(items, keep_parse=True):
        docs.append(document.spacy_doc)
        refs.append(document.reference_date)
    DocBin(store_user_data=True, docs=docs).to_disk(cache)
    refs_file.write_text("\n".join(r.isoformat() for r in refs))
    return articles, docs, refs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--cache", type=Path, default=Path("/tmp/tbaq-tune.spacy"))
    parser.add_argument("--show", action="append", default=[], help="print the wrong values of this kind")
    args = parser.parse_args()

    from accord.temporal.expressions import find_times

    articles, docs, refs = parsed(args.shared, args.cache)
    wrong: dict[str, list[str]] = defaultdict(list)
    counts = defaultdict(lambda: [0, 0])  # corpus -> [matched, right]
    for article, doc, ref in zip(articles, docs, refs):
        times = find_times(doc, ref)
        for gold in article.gold:
            overlapping = [(t, min(t.end, gold.end) - max(t.start, gold.start)) for t in times]
            overlapping = [(t, n) for t, n in overlapping if n > 0]
            if not overlapping:
                continue
            best = max(overlapping, key=lambda pair: (pair[1], -(pair[0].end - pair[0].start)))[0]
            counts[article.corpus][0] += 1
            if best.value == gold.value:
                counts[article.corpus][1] += 1
                continue
            context = article.text[max(0, gold.start - 70):gold.end + 40].replace("\n", " ")
            wrong[kind(gold.text, gold.type, gold.value, best.text, best.type, best.value)].append(
                f"{article.id} ({article.creation}) {gold.text!r}: gold {gold.type} {gold.value}, got {best.text!r} "
                f"{best.type} {best.value} | …{context}…")
    for corpus, (matched, right) in sorted(counts.items()):
        print(f"{corpus}: values right {right}/{matched} = {right / matched:.3f}")
    print(f"{'kind':32} wrong")
    for name in KINDS:
        if wrong.get(name):
            print(f"{name:32} {len(wrong[name])}")
    print(f"{'all':32} {sum(len(v) for v in wrong.values())}")
    for name in KINDS:
        if "all" in args.show or name in args.show:
            print(f"\n== {name}")
            print("\n".join(wrong.get(name, [])))


if __name__ == "__main__":
    main()
