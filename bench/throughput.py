"""Throughput and memory of accord next to plain spaCy, on the same texts, in the same run.

    python bench/throughput.py [--corpus ../shared/corpus/news.jsonl] [--docs 400] [--repeat 1]
                               [--modes spacy,spacy-2p,accord,accord-2p,dask-1,dask-2]

Each mode runs in its own process; peak memory is the largest resident set of that process and all
its children (workers included), sampled from /proc. Modes:

- ``spacy`` / ``spacy-2p``: plain spaCy, the full ``en_core_web_sm`` pipeline as ``spacy.load`` gives it,
  parsing every text (``nlp.pipe``, batches of 16) in one process / in two (``n_process=2``), timed
  from after the model is loaded;
- ``accord`` / ``accord-2p``: `accord code` in one process / on two local processes (two is what
  ``--processes auto``, the default, gives on a 2-core machine), timed with its start-up;
- ``accord-rules``: `accord code` in one process deciding by the rules alone (``ACCORD_JUDGE=heuristic``):
  "vs accord" below is the learned judge's cost, accord's words per second over this mode's;
- ``dask-1`` / ``dask-2``: on a Dask LocalCluster of one / two workers.

"vs spaCy" is the ratio of words per second to plain spaCy's on as many processes (the same run); "CPU s"
is the processor time of the mode's process and its workers, and "vs spaCy (CPU)" plain spaCy's CPU
time over the mode's: the steadier figure when other work shares the machine. The CPU time includes
each mode's start-up (spaCy's model load too), which the wall-clock figures leave out for spaCy.

``--repeat 4`` feeds the corpus four times over (with new ids), to show memory stays flat.
Prints numbers and ratios; it does not pass or fail.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

MODES = ("spacy", "spacy-2p", "accord", "accord-rules", "accord-2p", "dask-1", "dask-2")
PROCESSES = {"spacy": 1, "spacy-2p": 2, "accord": 1, "accord-rules": 1, "accord-2p": 2, "dask-1": 1, "dask-2": 2}
# accord-rules: `accord code` deciding by the rules alone (ACCORD_JUDGE=heuristic), to show the learned judge's cost
ENVIRONMENT = {"accord-rules": {"ACCORD_JUDGE": "heuristic"}}


def _texts(corpus: Path, docs: int, repeat: int):
    lines = []
    with corpus.open(encoding="utf-8") as handle:
        for i, line in enumerate(handle):
            if i >= docs:
                break
            lines.append(json.loads(line))
    for r in range(repeat):
        for record in lines:
            yield {**record, "id": f"{record['id']}#{r}"}


def _tree_rss_mb(pid: int) -> float:
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    stack.extend(int(c) for c in children.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total / 1024


def plain_spacy():
    """The model accord uses, loaded by spaCy with all its default pipes."""
    import spacy

    from accord import nlp as nlp_loader

    for name in nlp_loader.model_names():
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise SystemExit("no spaCy English model installed")


def run_mode(mode: str, corpus: Path, docs: int, repeat: int) -> dict:
    """Runs inside the measured process."""
    records = list(_texts(corpus, docs, repeat)) if mode.startswith("spacy") else None
    started = time.perf_counter()
    words = 0
    if mode.startswith("spacy"):
        nlp = plain_spacy()
        texts = [r["text"] for r in records]
        words = sum(len(t.split()) for t in texts)
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=16, n_process=PROCESSES[mode]):
            pass
        n_docs, n_events = len(texts), 0
    else:
        from accord.ingest.readers import from_record
        from accord.model import Document
        from accord.scale import PipelineSpec, code_stream

        def items():
            for record in _texts(corpus, docs, repeat):
                yield from_record(record, record["id"])

        processes = PROCESSES[mode]
        dask = {"dask-1": "local:1", "dask-2": "local:2"}.get(mode)
        n_docs = n_events = 0
        for item in code_stream(items(), PipelineSpec(), processes=processes, dask=dask):
            if isinstance(item, Document):
                n_docs += 1
                n_events += len(item.events)
                words += len(item.text.split())
    seconds = time.perf_counter() - started
    return {"mode": mode, "seconds": seconds, "docs": n_docs, "events": n_events, "words": words}


def measure(mode: str, args) -> dict:
    command = [sys.executable, __file__, "--run", mode, "--corpus", str(args.corpus), "--docs", str(args.docs),
               "--repeat", str(args.repeat)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env={**os.environ, **ENVIRONMENT.get(mode, {})})
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_mb(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    done.set()
    sampler.join()
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_mb"] = peak
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the mode's process and its workers, once ended
    result["cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus/news.jsonl"))
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--run", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run_mode(args.run, args.corpus, args.docs, args.repeat)))
        return
    results = [measure(mode, args) for mode in args.modes.split(",")]
    spacy_on = {PROCESSES[r["mode"]]: r for r in results if r["mode"].startswith("spacy")}
    print(f"corpus: {args.corpus} x{args.repeat}, first {args.docs} articles")
    print(f"{'mode':10s} {'articles/s':>10s} {'words/s':>9s} {'events':>7s} {'peak MB':>8s} {'vs spaCy':>8s} "
          f"{'CPU s':>7s} {'vs spaCy (CPU)':>14s}")
    for r in results:
        base = spacy_on.get(PROCESSES[r["mode"]])
        ratio = (r["words"] / r["seconds"]) / (base["words"] / base["seconds"]) if base else float("nan")
        cpu_ratio = base["cpu"] / r["cpu"] if base else float("nan")
        print(f"{r['mode']:10s} {r['docs'] / r['seconds']:10.2f} {r['words'] / r['seconds']:9.0f} "
              f"{r['events']:7d} {r['peak_mb']:8.0f} {ratio:8.2f} {r['cpu']:7.1f} {cpu_ratio:14.2f}")
    by_mode = {r["mode"]: r for r in results}
    if "accord" in by_mode and "accord-rules" in by_mode:
        judged, rules = by_mode["accord"], by_mode["accord-rules"]
        print(f"the learned judge: accord / accord-rules words per second "
              f"{(judged['words'] / judged['seconds']) / (rules['words'] / rules['seconds']):.2f}, "
              f"CPU {rules['cpu'] / judged['cpu']:.2f}; events {judged['events']} / {rules['events']}")


if __name__ == "__main__":
    main()
