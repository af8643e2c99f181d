"""Benchmark: the pair-of-actors query of the analyst views over a million generated events.

    PYTHONPATH=src python bench/pair_query.py [--events 1000000] [--queries 250] [--searches N] [--db FILE]

Generates events in a temporary SQLite store (bulk inserts through SQLAlchemy Core): ~200 actors
(50 countries, each as the country and three of its sectors, drawn with a Zipf-like skew so a few
pairs are busy and most are quiet), five years of dates, CAMEO codes over all twenty roots, a
confidence from 0 to 1 (none for one in twenty). Then it times what the pair page and ``accord dyad``
run for random pairs — the monthly series (``dyad_series``) plus the first page of evidence with its
total (``Store.find_events``) — and prints p50, p95 and max. Pairs are drawn with the same skew as the
events (analysts look at busy pairs), 80% as countries (JPN PHL: all their actors) and 20% as exact actor
codes (JPNGOV PHLMIL).

The evidence sentences are made of generated words (a vocabulary of 2,000 pseudo-words drawn with a
Zipf-like skew, so a few words are in most sentences and most words in few), and every sentence holds the
word "generated". The search part times what /events runs for a search by words: one to three words,
or a two-word phrase, any word of the vocabulary as likely as any other, alone and with an actor; and,
apart, five times each, the commonest word (in more than half of the sentences) and the word every
sentence holds.

With ``--db FILE`` the store is kept (and reused when it already holds events). A benchmark that prints
numbers, not a test.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from accord.analysis import dyad_series  # noqa: E402
from accord.store import Store  # noqa: E402
from accord.store.schema import documents, events  # noqa: E402

COUNTRIES = ("USA CHN RUS JPN GBR FRA DEU IND PHL KOR PRK IRN ISR PSE UKR TUR SAU EGY PAK AFG IRQ SYR BRA MEX "
             "CAN AUS IDN VNM THA MYS NGA ZAF ETH KEN SDN COL VEN ARG CHL PER POL ITA ESP NLD BEL SWE NOR "
             "QAT ARE LBN").split()
SECTORS = ("", "GOV", "MIL", "COP")
# CAMEO root -> (QuadClass, typical Goldstein)
ROOTS = {"01": (1, 0.0), "02": (1, 3.0), "03": (1, 4.0), "04": (1, 1.0), "05": (1, 3.5), "06": (2, 6.0),
         "07": (2, 7.0), "08": (2, 5.0), "09": (1, -2.0), "10": (3, -5.0), "11": (3, -2.0), "12": (3, -4.0),
         "13": (3, -4.4), "14": (3, -6.5), "15": (4, -7.2), "16": (3, -5.6), "17": (4, -7.0), "18": (4, -9.0),
         "19": (4, -10.0), "20": (4, -10.0)}
ROOT_WEIGHTS = [12, 8, 8, 20, 6, 3, 3, 3, 1, 3, 8, 4, 3, 2, 1, 2, 4, 4, 4, 1]
STATUSES = ["occurred"] * 8 + ["planned", "intended", "negated", "alleged"]
START = date(2020, 1, 1)
DAYS = 5 * 365
CHUNK = 20_000
VOCABULARY = 2_000
WORDS_PER_SENTENCE = 10


def pseudo_words(n: int) -> list[str]:
    """n distinct pronounceable pseudo-words ("bako", "ritemu"), the same every run."""
    consonants, vowels = "bdfgklmnprstvz", "aeiou"
    syllables = [c + v for c in consonants for v in vowels]
    words = []
    for i in range(n):
        word, k = "", i + len(syllables)  # at least two syllables
        while k:
            k, r = divmod(k, len(syllables))
            word += syllables[r]
        words.append(word)
    return words


WORDS = pseudo_words(VOCABULARY)


def skewed_weights(n: int) -> list[float]:
    return [1.0 / (rank + 1) ** 0.9 for rank in range(n)]


def generate(store: Store, total: int, rng: random.Random) -> None:
    country_weights = skewed_weights(len(COUNTRIES))
    document_count = max(1, total // 50)
    now = datetime(2025, 1, 1)
    with store.engine.begin() as conn:
        conn.execute(insert(documents), [{
            "doc_id": f"bench-{i}", "url": f"https://news.example/{i}", "content_hash": f"{i:064d}",
            "outlet": f"outlet{i % 40}.example", "title": f"Generated report {i}",
            "published": START + timedelta(days=i % DAYS), "text": "generated", "warnings": "[]",
            "coder_version": "bench", "ingested_at": now} for i in range(document_count)])
        first_document = conn.execute(select(func.min(documents.c.id))).scalar_one()
    roots = list(ROOTS)
    word_weights = skewed_weights(VOCABULARY)
    confidences = random.Random(total)  # its own stream: the other columns are as they were before it
    written = 0
    started = time.perf_counter()
    while written < total:
        rows = []
        for _ in range(min(CHUNK, total - written)):
            source_country, target_country = rng.choices(COUNTRIES, country_weights, k=2)
            while target_country == source_country:
                target_country = rng.choices(COUNTRIES, country_weights)[0]
            source = source_country + rng.choice(SECTORS)
            target = target_country + rng.choice(SECTORS)
            root = rng.choices(roots, ROOT_WEIGHTS)[0]
            quad, goldstein = ROOTS[root]
            day = START + timedelta(days=rng.randrange(DAYS))
            rows.append({
                "document_id": first_document + rng.randrange(document_count), "event_key": f"e{written + len(rows)}",
                "sentence": 0, "evidence": f"{source} and {target}: a generated sentence, "
                                           + " ".join(rng.choices(WORDS, word_weights, k=WORDS_PER_SENTENCE)) + ".",
                "source_code": source, "source_country": source_country, "source_name": source,
                "target_code": target, "target_country": target_country, "target_name": target,
                "trigger_text": "met", "trigger_start": 0, "trigger_end": 3, "cameo": root + "0", "root": root,
                "quad_class": quad, "goldstein": goldstein, "plover_type": None, "plover_context": "[]",
                "status": rng.choice(STATUSES), "date": day.isoformat(), "date_precision": "day", "event_day": day,
                "coder_version": "bench",
                "confidence": None if confidences.random() < 0.05 else round(confidences.random(), 4)})
        with store.engine.begin() as conn:
            conn.execute(insert(events), rows)
        written += len(rows)
        rate = written / (time.perf_counter() - started)
        print(f"\r{written:,} events written ({rate:,.0f}/s)", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)


def pick_pair(rng: random.Random) -> tuple[str, str]:
    a, b = rng.choices(COUNTRIES, skewed_weights(len(COUNTRIES)), k=2)
    while b == a:
        b = rng.choices(COUNTRIES, skewed_weights(len(COUNTRIES)))[0]
    if rng.random() < 0.2:
        return a + rng.choice(SECTORS[1:]), b + rng.choice(SECTORS[1:])
    return a, b


def pick_search(rng: random.Random) -> str:
    """One to three words, or a two-word phrase in quotation marks, any word of the vocabulary as likely as
    any other (an analyst asks for names and places, rare and common alike, not for the commonest words)."""
    shape = rng.random()
    if shape < 0.1:
        return '"' + " ".join(rng.choices(WORDS, k=2)) + '"'
    return " ".join(rng.choices(WORDS, k=1 if shape < 0.6 else 2 if shape < 0.9 else 3))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=250)
    parser.add_argument("--searches", type=int, help="searches by words to time (default: as many as --queries)")
    parser.add_argument("--db", help="keep the generated store in this SQLite file (reused if it holds events)")
    parser.add_argument("--seed", type=int, default=20240408)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.db) if args.db else Path(tmp) / "bench.db"
        store = Store(str(path))
        stored = store.counts()["events"]
        if stored == 0:
            began = time.perf_counter()
            generate(store, args.events, rng)
            print(f"generated {args.events:,} events in {time.perf_counter() - began:.0f} s", flush=True)
        else:
            print(f"reusing {stored:,} events in {path}", flush=True)
        timings: dict[str, list[float]] = {"series (dyad_series, by month)": [], "evidence page (find_events)": [],
                                           "pair page (both)": []}
        sizes = []
        query_rng = random.Random(args.seed + 1)
        dyad_series(store, "USA", "CHN")  # warm the page cache once, as a running server would be
        for _ in range(args.queries):
            a, b = pick_pair(query_rng)
            t0 = time.perf_counter()
            series = dyad_series(store, a, b, "month")
            t1 = time.perf_counter()
            _rows, total = store.find_events(actor=a, partner=b, limit=25)
            t2 = time.perf_counter()
            timings["series (dyad_series, by month)"].append(t1 - t0)
            timings["evidence page (find_events)"].append(t2 - t1)
            timings["pair page (both)"].append(t2 - t0)
            sizes.append(total)
            assert series.total == total, (a, b, series.total, total)
        searches = {"search (words)": [], "search (words and an actor)": []}
        found = []
        for _ in range(args.searches or args.queries):
            words = pick_search(query_rng)
            actor = pick_pair(query_rng)[0]
            t0 = time.perf_counter()
            _rows, total = store.find_events(text=words, limit=50)
            t1 = time.perf_counter()
            store.find_events(text=words, actor=actor, limit=50)
            t2 = time.perf_counter()
            searches["search (words)"].append(t1 - t0)
            searches["search (words and an actor)"].append(t2 - t1)
            found.append(total)
        common: dict[str, list[float]] = {f"search '{WORDS[0]}' (commonest word)": [], "search 'generated'": []}
        for _ in range(5):
            for name, words in zip(common, (WORDS[0], "generated")):
                t0 = time.perf_counter()
                store.find_events(text=words, limit=50)
                common[name].append(time.perf_counter() - t0)
        store.close()
        print(f"{args.queries} random pairs; events per pair: median {statistics.median(sizes):,.0f}, "
              f"max {max(sizes):,}")
        print(f"{len(found)} random searches; events found: median {statistics.median(found):,.0f}, "
              f"max {max(found):,}")
        print(f"{'query':34} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        for name, values in {**timings, **searches, **common}.items():
            ms = [v * 1000 for v in values]
            print(f"{name:34} {percentile(ms, .5):8.1f} {percentile(ms, .95):8.1f} {max(ms):8.1f}")


if __name__ == "__main__":
    main()
