"""How each stage's cost grows with document length: one long document against the same text in short ones.

    python bench/doc_length.py [--corpus ../shared/corpus/news.jsonl] [--long 60000] [--short 2000]
                               [--rounds 3] [--profile STAGE]

Takes corpus articles in order until they hold ``--long`` spaCy tokens, parses their concatenation once
as one document and, cut at article boundaries, as documents of about ``--short`` tokens each. Then it
times every stage on the same parses (the best of ``--rounds``) and prints the milliseconds per 1,000
tokens on the long document, on the short ones, and their ratio. A stage linear in document length has
a ratio near 1.0. The parse itself is timed once each way, for scale.

``--profile events`` (or any stage name) prints the functions of that stage on the long document,
sorted by own time, to find what grows. Prints numbers; it does not pass or fail.
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import json
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from accord import places  # noqa: E402
from accord.actors import coref  # noqa: E402
from accord.ingest.readers import from_text  # noqa: E402
from accord.pipeline import Pipeline  # noqa: E402
from accord.quotes import attribute_quotes  # noqa: E402
from accord.temporal import date_events  # noqa: E402


def articles(corpus: Path, nlp, tokens: int) -> list[str]:
    """Corpus texts in order until they hold ``tokens`` tokens (counted by the tokenizer alone)."""
    texts, total = [], 0
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line)["text"].strip()
            texts.append(text)
            total += len(nlp.make_doc(text))
            if total >= tokens:
                break
    return texts


def chunks(texts: list[str], nlp, size: int) -> list[str]:
    out, current, count = [], [], 0
    for text in texts:
        n = len(nlp.make_doc(text))
        if current and count + n > size:
            out.append("\n\n".join(current))
            current, count = [], 0
        current.append(text)
        count += n
    if current:
        out.append("\n\n".join(current))
    return out


def stage_functions(pipeline: Pipeline):
    """Each stage as a function of a parsed Document, run in pipeline order; ``prepare`` resets what a
    stage reads from an earlier one so every round repeats the same work."""

    found = {}

    def actors(document):
        found[document.id] = pipeline.finder.find(document.spacy_doc, document.reference_date)

    def coreference(document):
        document.mentions = coref.resolve(document.spacy_doc, list(found[document.id]), pipeline.dictionary)

    return {
        "actors": actors,
        "coref": coreference,
        "places-find": places.read_places,
        "events": pipeline.coder,
        "places-locate": places.locate_events,
        "dates": date_events,
        "quotes": attribute_quotes,
    }


def time_stages(pipeline: Pipeline, documents: list, rounds: int) -> dict[str, float]:
    """CPU seconds per stage over all documents, the best of ``rounds`` (CPU time, so that other work on
    the machine does not count)."""
    stages = stage_functions(pipeline)
    best = {name: float("inf") for name in stages}
    for _ in range(rounds):
        for name, stage in stages.items():
            started = time.process_time()
            for document in documents:
                stage(document)
            best[name] = min(best[name], time.process_time() - started)
    return best


def parse(pipeline: Pipeline, texts: list[str], name: str) -> tuple[list, float]:
    documents = [from_text(text, f"{name}{n}", f"{name}{n}") for n, text in enumerate(texts)]
    started = time.process_time()
    for document, doc in zip(documents, pipeline.nlp.pipe(d.text for d in documents)):
        document.spacy_doc = doc
    return documents, time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus/news.jsonl"))
    parser.add_argument("--long", type=int, default=60000)
    parser.add_argument("--short", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--gc", choices=("on", "freeze", "off"), default="on",
                        help="Python's garbage collector as is, with the loaded pipeline frozen, or off")
    parser.add_argument("--profile", help="print the profile of this stage on the long document")
    args = parser.parse_args()

    pipeline = Pipeline()
    if args.gc == "freeze":
        gc.freeze()
    elif args.gc == "off":
        gc.disable()
    pipeline.nlp.max_length = max(pipeline.nlp.max_length, 10 * args.long)
    texts = articles(args.corpus, pipeline.nlp, args.long)
    long_docs, long_parse = parse(pipeline, ["\n\n".join(texts)], "long")
    short_docs, short_parse = parse(pipeline, chunks(texts, pipeline.nlp, args.short), "short")
    long_tokens = len(long_docs[0].spacy_doc)
    short_tokens = sum(len(d.spacy_doc) for d in short_docs)
    print(f"long: 1 document of {long_tokens:,} tokens; short: {len(short_docs)} documents, "
          f"{short_tokens / len(short_docs):,.0f} tokens each on average ({short_tokens:,} in all)")

    long_times = time_stages(pipeline, long_docs, args.rounds)
    short_times = time_stages(pipeline, short_docs, args.rounds)
    print(f"{'stage':14s} {'long ms/1k':>10s} {'short ms/1k':>11s} {'long/short':>10s}")
    rows = [("parse", long_parse, short_parse)] + [(n, long_times[n], short_times[n]) for n in long_times]
    rows.append(("all stages", sum(long_times.values()), sum(short_times.values())))
    for name, long_s, short_s in rows:
        per_long = 1000 * long_s / long_tokens * 1000
        per_short = 1000 * short_s / short_tokens * 1000
        print(f"{name:14s} {per_long:10.2f} {per_short:11.2f} {per_long / per_short:10.2f}")

    if args.profile:
        stages = stage_functions(pipeline)
        for name, stage in stages.items():  # the stages before it, to give it their results
            if name == args.profile:
                break
            stage(long_docs[0])
        profiler = cProfile.Profile()
        profiler.runcall(stages[args.profile], long_docs[0])
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
