"""Terminal tables (Rich) for ``accord dyad`` and ``accord network``."""
from __future__ import annotations

import math

import networkx as nx
from rich.console import Console, JustifyMethod
from rich.table import Table
from rich.text import Text

from .dyads import QUAD_COLUMNS, DyadSeries
from .filters import status_words

QUADS = tuple(QUAD_COLUMNS.values())


def _goldstein(value) -> Text:
    if value is None or math.isnan(value):  # no events
        return Text("-", style="dim")
    return Text(f"{value:+.1f}", style="green" if value > 0 else "red" if value < 0 else "")


def print_dyad(console: Console, series: DyadSeries, apart: dict[str, int] | None = None) -> None:
    """One row per period and direction with events; quiet periods are left out (--format csv has them all).
    ``apart``: the pair's events of the statuses not counted, by status, said under the table."""
    table = Table(header_style="bold", title=f"{series.a} – {series.b} by {series.by}",
                  caption="VC verbal cooperation · MC material cooperation · VK verbal conflict · "
                          "MK material conflict · G Goldstein")
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        (series.by, "left"), ("direction", "left"), ("events", "right"), ("VC", "right"),
        ("MC", "right"), ("VK", "right"), ("MK", "right"), ("Σ G", "right"), ("mean G", "right"))
    for column, justify in columns:
        table.add_column(column, justify=justify, no_wrap=True)
    for row in series.frame.to_dict("records"):
        if not row["events"]:
            continue
        table.add_row(row["period"], row["direction"], str(int(row["events"])),
                      *(Text(str(int(row[c])), style="dim" if not row[c] else "") for c in QUADS),
                      _goldstein(row["goldstein_sum"]), _goldstein(row["goldstein_mean"]))
    console.print(table)
    line = f"{series.total} events ({status_words(series.statuses, series.min_confidence)})"
    if apart:
        line += "; not counted: " + ", ".join(f"{n} {s}" for s, n in apart.items()) + " (--status to count them)"
    console.print(Text(line, style="dim"))


def print_network(console: Console, graph: nx.DiGraph, limit: int = 40) -> None:
    """The busiest relations, with cooperation, conflict and mean Goldstein."""
    table = Table(header_style="bold", title="relations (busiest first)")
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("source", "left"), ("target", "left"), ("events", "right"), ("cooperation", "right"),
        ("conflict", "right"), ("mean G", "right"))
    for column, justify in columns:
        table.add_column(column, justify=justify)
    edges = sorted(graph.edges(data=True), key=lambda e: -e[2]["events"])
    for source, target, data in edges[:limit]:
        table.add_row(source, target, str(data["events"]), str(data["cooperation"]), str(data["conflict"]),
                      _goldstein(data["goldstein_mean"]))
    console.print(table)
    if len(edges) > limit:
        console.print(Text(f"{len(edges) - limit} more relations: --format json or graphml for all", style="dim"))
