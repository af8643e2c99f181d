"""Scorers for the public gold sets in ``shared/eval`` and for the seed example.

One module per gold set; each has a ``report(pipeline, shared, details, console) -> bool`` that scores,
prints its figures (and every miss with ``details``) and says whether a pass mark it owns was met.
``SCORERS`` names them for ``accord eval --only``.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.console import Console

from . import conflibert, plover, polnear, seed
from . import locations
from . import meantime

Reporter = Callable[..., bool]
SCORERS: dict[str, Reporter] = {
    "seed": seed.report,
    "plover": plover.report,
    "conflibert": conflibert.report,
    "meantime": meantime.report,
    "locations": locations.report,
    "polnear": polnear.report,
}


def run_all(pipeline, shared: Path, only: set[str], details: bool, console: Console) -> bool:
    if not shared.is_dir():
        console.print(f"[red]{shared} is not a folder: give --shared the path of the shared material[/red]")
        return False
    unknown = only - SCORERS.keys()
    if unknown:
        console.print(f"[red]unknown scorer(s) {', '.join(sorted(unknown))}; known: {', '.join(SCORERS)}[/red]")
        return False
    ok = True
    for name, report in SCORERS.items():
        if not only or name in only:
            ok = report(pipeline, shared, details, console) and ok
    return ok
