"""Scorers for the public gold sets in ``shared/eval`` and for the seed example.

One module per gold set; each has an ``evaluate(pipeline, shared) -> SetResult | None`` that codes the set once
and gives every figure on the tune half, the check half and all records (``split.py``; None when the set is
not in ``shared``). ``SCORERS`` names them for ``accord eval --only``. Figures are developed on tune and
reported on check; ``--details`` prints the tune half's misses only, so nobody tunes on check by reading it.
Where two or more scored sets judge their events' confidence, ``calibration`` pools them (``collect``).
"""
from __future__ import annotations

import json
from collections.abc import Callable, Collection
from pathlib import Path

from rich.console import Console
from rich.table import Table

from . import bbc, conflibert, grouping, locations, lowercase, meantime, news, plover, polnear, roles, seed, tbaq
from .common import PARTS, SetResult, expected_calibration_error
from .plover import CONFIDENT

Evaluator = Callable[..., "SetResult | None"]
SCORERS: dict[str, Evaluator] = {
    "seed": seed.evaluate,
    "plover": plover.evaluate,
    "conflibert": conflibert.evaluate,
    "roles": roles.evaluate,
    "bbc": bbc.evaluate,
    "news": news.evaluate,
    "lowercase": lowercase.evaluate,
    "meantime": meantime.evaluate,
    "tbaq": tbaq.evaluate,
    "locations": locations.evaluate,
    "polnear": polnear.evaluate,
    "grouping": grouping.evaluate,
}


def collect(pipeline, shared: Path, only: Collection[str] = frozenset()) -> dict[str, SetResult]:
    """Run the scorers (all, or those named in ``only``) and return their results by name."""
    unknown = set(only) - SCORERS.keys()
    if unknown:
        raise ValueError(f"unknown scorer(s) {', '.join(sorted(unknown))}; known: {', '.join(SCORERS)}")
    results = {}
    for name, evaluate in SCORERS.items():
        if not only or name in only:
            result = evaluate(pipeline, shared)
            if result is not None:
                results[name] = result
    pooled = calibration(results)
    if pooled is not None:
        results[pooled.name] = pooled
    return results


def calibration(results: dict[str, SetResult]) -> SetResult | None:
    """Confidence against being right over every set that judges its events (PLOVER GSR, accord's news
    sentences), pooled on each half: one set's check half holds a hundred-odd events, too few for ten bins (a
    perfectly calibrated model would show an ECE near 0.06 on them by chance alone)."""
    judging = {name: r for name, r in results.items() if r.judged}
    if len(judging) < 2:
        return None
    out = SetResult("calibration", "confidence against being right, pooled over " + ", ".join(judging),
                    lower_is_better={"confidence ECE, pooled"})
    for part in PARTS:
        judged = [j for r in judging.values() for j in r.judged.get(part, [])]
        if judged:
            out.sizes[part] = len(judged)
            out.add("confidence ECE, pooled", part, expected_calibration_error(judged))
            confident = [right for confidence, right in judged if confidence >= CONFIDENT]
            out.add_rate(f"right, confidence >= {CONFIDENT}", part, sum(confident), len(confident))
            out.add("mean confidence", part, sum(c for c, _ in judged) / len(judged))
            out.add_rate("right", part, sum(r for _, r in judged), len(judged))
    return out


def print_result(result: SetResult, console: Console, details: bool = False) -> None:
    sizes = ", ".join(f"{part} {n}" for part, n in result.sizes.items())
    console.print(f"[bold]{result.name}[/bold]: {result.title} — records: {sizes}", highlight=False)
    table = Table("figure", "tune", "check", "tune − check", "all", header_style="bold")
    for figure, values in result.figures.items():
        counts = result.counts.get(figure, {})

        def cell(part: str, values=values, counts=counts) -> str:  # bound now, not late
            if part not in values:
                return "-"
            count = counts.get(part)
            return f"{values[part]:.3f}" + (f" ({count})" if count else "")

        gap = f"{values['tune'] - values['check']:+.3f}" if "tune" in values and "check" in values else "-"
        table.add_row(figure + (" (lower is better)" if figure in result.lower_is_better else ""),
                      cell("tune"), cell("check"), gap, cell("all"))
    console.print(table)
    for note in result.notes:
        console.print(f"  {note}", highlight=False, markup=False, soft_wrap=True)
    if details:
        for line in result.details:
            console.print(f"  {line}", highlight=False, markup=False, soft_wrap=True)


def run_all(pipeline, shared: Path, only: set[str], details: bool, console: Console,
            json_path: Path | None = None) -> bool:
    """Score, print every set's figures side by side (tune, check, all), optionally write them as JSON;
    False when the shared folder or a scorer name is wrong, or a scorer's own pass mark is missed."""
    if not shared.is_dir():
        console.print(f"[red]{shared} is not a folder: give --shared the path of the shared material[/red]")
        return False
    try:
        results = collect(pipeline, shared, only)
    except ValueError as exc:
        console.print(f"[red]{exc}[/red]")
        return False
    for name in (only or SCORERS):
        if name not in results:
            console.print(f"[yellow]{name}: its gold set is not in {shared}; skipped[/yellow]")
    for result in results.values():
        print_result(result, console, details)
    if json_path is not None:
        json_path.write_text(json.dumps({n: r.to_dict() for n, r in results.items()}, indent=1) + "\n", "utf-8")
    return all(r.passed for r in results.values())
