"""Benchmark: the network page of ``accord serve`` over a million generated events.

    PYTHONPATH=src python bench/network_page.py --db FILE [--events 1000000] [--repeat 5]

The events are those of bench/pair_query.py (generated into FILE when it holds none; reused otherwise).
Each view is requested ``--repeat`` times through FastAPI's test client as a browser asks for it — the
page, then its chart — after one round that warms the page cache, with the server's cache of networks
emptied before each page and a query no chart cache has seen; it prints the medians. A benchmark that
prints numbers, not a test.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from pair_query import generate  # noqa: E402

from accord.store import Store  # noqa: E402
from accord.web import create_app  # noqa: E402

VIEWS = ("", "?actor=USA", "?level=actor", "?status=all&top=0", "?since=2024-01-01&until=2024-06-30")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="the SQLite file holding (or to hold) the generated events")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20240408)
    args = parser.parse_args()
    from fastapi.testclient import TestClient

    store = Store(args.db)
    stored = store.counts()["events"]
    if stored == 0:
        generate(store, args.events, random.Random(args.seed))
        stored = args.events
    app = create_app(store, token="")
    client = TestClient(app)
    print(f"{stored:,} events in {args.db}")
    print(f"{'view':40} {'page ms':>8} {'chart ms':>9} {'both ms':>8}  (medians; the network computed afresh for "
          "each page, its chart drawn from it)")
    cache = getattr(app.state, "networks", None)
    for query in VIEWS:
        times: dict[str, list[float]] = {"page": [], "chart": [], "both": []}
        for attempt in range(args.repeat + 1):  # the first warms the page cache, as a running server would be
            if cache is not None:
                cache.clear()
            fresh = ("&" if query else "?") + f"_={attempt}"  # a query no cache of charts has seen
            began = time.perf_counter()
            answers = [client.get("/network" + query + fresh)]
            paged = time.perf_counter()
            answers.append(client.get("/network.svg" + query + fresh))
            charted = time.perf_counter()
            if any(a.status_code != 200 for a in answers):
                break
            if attempt:
                times["page"].append((paged - began) * 1000)
                times["chart"].append((charted - paged) * 1000)
                times["both"].append((charted - began) * 1000)
        if not times["both"]:
            print(f"{'/network' + query:40} HTTP {[a.status_code for a in answers]}", flush=True)
            continue
        print(f"{'/network' + query:40} {statistics.median(times['page']):8.0f} "
              f"{statistics.median(times['chart']):9.0f} {statistics.median(times['both']):8.0f}", flush=True)
    store.close()


if __name__ == "__main__":
    main()
