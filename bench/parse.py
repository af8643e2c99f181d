"""The parse alone: accord's spaCy pipeline (``accord.nlp.load``: unused pipes off, ``fastpipes`` in place of
the attribute ruler and the rule lemmatizer, the networks' matrix products in numpy's BLAS on one thread) next
to plain spaCy (``spacy.load`` of the same model, every default pipe, thinc's BLIS), on the same articles, in
the same process and run.

    python bench/parse.py [--corpus ../shared/corpus/news.jsonl] [--docs 300] [--rounds 2]

Each round parses the articles with plain spaCy and then with accord's pipeline (``nlp.pipe``, batches
of 16), timed in CPU seconds of this process (steadier than the wall clock when other work shares the
machine), and compares the two parses token for token: tag, part of speech, morphology, lemma,
dependency label and head, entities, sentence starts. Prints seconds, the ratio and the number of tokens
that differ (0 expected); it does not pass or fail.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import plain_spacy  # noqa: E402

from accord import nlp as nlp_loader  # noqa: E402

COMPARED = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]


def _parse(nlp, texts: list[str]) -> tuple[list, float]:
    started = time.process_time()
    docs = list(nlp.pipe(texts, batch_size=16))
    return docs, time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus/news.jsonl"))
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    with args.corpus.open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for _, line in zip(range(args.docs), handle)]
    plain, accord = plain_spacy(), nlp_loader.load()
    print(f"plain spaCy pipes: {', '.join(plain.pipe_names)}")
    print(f"accord's pipes:    {', '.join(accord.pipe_names)}")
    print(f"{len(texts)} articles; CPU seconds of the parse")
    print(f"{'round':>5s} {'plain spaCy':>11s} {'accord':>7s} {'speed-up':>8s} {'tokens':>9s} {'differ':>6s}")
    for number in range(1, args.rounds + 1):
        plain_docs, plain_s = _parse(plain, texts)
        accord_docs, accord_s = _parse(accord, texts)
        tokens = sum(len(d) for d in plain_docs)
        differ = sum(int((a.to_array(COMPARED) != b.to_array(COMPARED)).any(axis=1).sum()) if len(a) == len(b)
                     else len(a) for a, b in zip(plain_docs, accord_docs))
        print(f"{number:5d} {plain_s:11.1f} {accord_s:7.1f} {plain_s / accord_s:8.2f} {tokens:9,d} {differ:6d}")


if __name__ == "__main__":
    main()
