"""Draw the reliability diagram of accord's confidence on the check halves (a development tool, not shipped).

    .venv/bin/python tools/reliability.py --shared ../shared --out docs/img/reliability.png

For the PLOVER GSR and accord news sentences check halves: events binned by confidence (ten bins), each bin's
mean confidence against the share of its events that are right (type and both sides, as the scorers count
them), with the expected calibration error in the legend.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from accord.evaluate import news, newssents, plover  # noqa: E402
from accord.evaluate.common import code_texts, expected_calibration_error  # noqa: E402
from accord.evaluate.split import text_half  # noqa: E402
from accord.pipeline import Pipeline  # noqa: E402


def plover_judged(pipeline, shared: Path) -> list[tuple[float, bool]]:
    records = [r for r in plover.load_records(shared / "eval" / "plover-gsr" / "dev.jsonl")
               if text_half(r["text"]) == "check"]
    return plover.tally(records, plover.code_records(pipeline, records)).judged


def news_judged(pipeline, shared: Path) -> list[tuple[float, bool]]:
    gold = [s for s in news.gold_sentences(shared) if s.half == "check"]
    coded = {d.id: d.events for d in code_texts(pipeline, [(s.id, s.text) for s in gold])}
    return [j for s in gold for j in newssents.judged(s, coded.get(s.id, []))]


def bins(judged: list[tuple[float, bool]], count: int = 10) -> list[tuple[float, float, int]]:
    slots: list[list[tuple[float, bool]]] = [[] for _ in range(count)]
    for confidence, right in judged:
        slots[min(count - 1, int(confidence * count))].append((confidence, right))
    return [(sum(c for c, _ in s) / len(s), sum(r for _, r in s) / len(s), len(s)) for s in slots if s]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=Path("docs/img/reliability.png"))
    args = parser.parse_args()
    pipeline = Pipeline()
    figure, axis = plt.subplots(figsize=(5.5, 5))
    axis.plot([0, 1], [0, 1], color="#999999", linestyle="--", linewidth=1, label="perfect calibration")
    plover_check, news_check = plover_judged(pipeline, args.shared), news_judged(pipeline, args.shared)
    for name, judged, colour in (("PLOVER GSR check", plover_check, "#1f5fa8"),
                                 ("accord news sentences check", news_check, "#b5541c"),
                                 ("both, pooled", plover_check + news_check, "#333333")):
        points = bins(judged)
        label = f"{name} (n={len(judged)}, ECE {expected_calibration_error(judged):.3f})"
        axis.plot([p[0] for p in points], [p[1] for p in points], marker="o", color=colour, label=label)
        for x, y, n in points:
            axis.annotate(str(n), (x, y), textcoords="offset points", xytext=(4, -10), fontsize=7, color=colour)
        print(label, [(round(x, 2), round(y, 2), n) for x, y, n in points])
    axis.set_xlabel("confidence (bin mean)")
    axis.set_ylabel("share of events right (type and both sides)")
    axis.set_xlim(0, 1)
    axis.set_ylim(0, 1)
    axis.legend(loc="upper left", fontsize=7)
    axis.set_title("accord's confidence against accuracy, check halves", fontsize=9)
    figure.tight_layout()
    figure.savefig(args.out, dpi=120)


if __name__ == "__main__":
    main()
