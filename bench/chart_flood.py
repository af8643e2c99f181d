"""Benchmark: a flood of chart requests against `accord serve`, and how long a JSON endpoint waits meanwhile.

    PYTHONPATH=src python bench/chart_flood.py --db accord.db [--pair USA CHN] [--requests 100]

Starts the app with uvicorn on 127.0.0.1 (a free port) over the store, sends ``--requests`` requests for
the pair's chart at once, and while they are in flight asks ``/api/overview`` five times, one after the
other. Prints how long the flood took, how many charts came back and with which statuses, and each
overview's time. A benchmark that prints numbers, not a test.
"""
from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from accord.store import Store  # noqa: E402
from accord.web import create_app  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="the store (a SQLite file or a database URL)")
    parser.add_argument("--pair", nargs=2, default=["USA", "CHN"])
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()

    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    store = Store(args.db)
    server = uvicorn.Server(uvicorn.Config(create_app(store, token=""), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    chart = f"{base}/pairs/{args.pair[0]}/{args.pair[1]}/chart.svg"

    async def flood():
        limits = httpx.Limits(max_connections=args.requests + 10)
        async with httpx.AsyncClient(timeout=600, limits=limits) as client:
            started = time.monotonic()
            charts = [asyncio.create_task(client.get(chart)) for _ in range(args.requests)]
            await asyncio.sleep(0.5)
            overviews = []
            for _ in range(5):
                asked = time.monotonic()
                answer = await client.get(f"{base}/api/overview")
                overviews.append((time.monotonic() - asked, answer.status_code))
            answers = await asyncio.gather(*charts)
            return time.monotonic() - started, answers, overviews

    took, answers, overviews = asyncio.run(flood())
    server.should_exit = True
    thread.join(timeout=10)
    store.close()
    print(f"{args.requests} chart requests: all answered in {took:.1f} s; "
          f"statuses {dict(Counter(a.status_code for a in answers))}")
    times = [t for t, _ in overviews]
    print(f"/api/overview during the flood: median {statistics.median(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms (statuses {sorted({s for _, s in overviews})})")


if __name__ == "__main__":
    main()
