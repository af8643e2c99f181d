"""Start-up time of `accord code` on one small article, split into spaCy's part and accord's own.

    python bench/startup.py [--example examples/manila-coast-guard.html] [--runs 3]

Each run is a new process that imports spaCy and loads its model (spaCy's part), then imports accord,
builds the Pipeline (actor dictionary, ontology and patterns, name matcher) and codes the article twice:
what the first coding costs more than the second is what loads on first use (the gazetteer, the word
lists of the places, quotes and time stages). accord's own start-up = its imports + the Pipeline + that
first-use extra. Runs are made with the resource cache off, then with an empty cache folder (the first
run, which fills it), then ``--runs`` times with the filled cache (the median is printed). Wall-clock
and CPU seconds; on a busy machine the CPU seconds are the steadier figure. Prints numbers only.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PHASES = ("spacy", "imports", "pipeline", "first use", "accord own", "coding")


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def run(example: Path) -> dict[str, tuple[float, float]]:
    """Runs in the measured process: (wall, cpu) seconds of each phase."""
    marks = [_clock()]
    from accord import nlp as nlp_loader

    nlp_loader.load()
    marks.append(_clock())
    from accord.ingest import read_paths
    from accord.pipeline import Pipeline

    marks.append(_clock())
    pipeline = Pipeline()
    marks.append(_clock())
    items = list(read_paths([str(example)]))
    list(pipeline.code_documents(items))
    marks.append(_clock())
    list(pipeline.code_documents(list(read_paths([str(example)]))))
    marks.append(_clock())
    step = [(b[0] - a[0], b[1] - a[1]) for a, b in zip(marks, marks[1:])]
    spacy, imports, pipe, first, second = step
    first_use = (max(0.0, first[0] - second[0]), max(0.0, first[1] - second[1]))
    own = tuple(imports[k] + pipe[k] + first_use[k] for k in (0, 1))
    return dict(zip(PHASES, (spacy, imports, pipe, first_use, own, second)))


def measure(example: Path, cache_dir: str) -> dict[str, tuple[float, float]]:
    env = {**os.environ, "ACCORD_CACHE_DIR": cache_dir}
    out = subprocess.run([sys.executable, __file__, "--run", "--example", str(example)], env=env, check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    return {k: tuple(v) for k, v in json.loads(out.strip().splitlines()[-1]).items()}


def show(label: str, result: dict[str, tuple[float, float]]) -> None:
    cells = "  ".join(f"{phase} {result[phase][0]:5.2f} ({result[phase][1]:.2f})" for phase in PHASES)
    print(f"{label:24s} {cells}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--example", type=Path, default=ROOT / "examples" / "manila-coast-guard.html")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--run", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run(args.example)))
        return
    print("seconds, wall (CPU); 'accord own' = imports + pipeline + first use")
    show("no cache", measure(args.example, "off"))
    with tempfile.TemporaryDirectory() as folder:
        show("first run (fills cache)", measure(args.example, folder))
        warm = [measure(args.example, folder) for _ in range(args.runs)]
    median = {phase: tuple(statistics.median(r[phase][k] for r in warm) for k in (0, 1)) for phase in PHASES}
    show(f"cached (median of {args.runs})", median)


if __name__ == "__main__":
    main()
