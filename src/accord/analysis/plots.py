"""Charts drawn with matplotlib's object API (no pyplot state, so the web server may draw in threads)."""
from __future__ import annotations

import io
from pathlib import Path

import matplotlib
import networkx as nx
import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .dyads import QUAD_COLUMNS, DyadSeries
from .trends import Trend

matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: smaller files, selectable labels
matplotlib.rcParams["svg.hashsalt"] = "accord"  # the same chart gives the same file

QUAD_COLOURS = {"verbal_cooperation": "#9ecf8f", "material_cooperation": "#2e7d32",
                "verbal_conflict": "#f4a259", "material_conflict": "#c62828"}
QUAD_LABELS = {"verbal_cooperation": "verbal cooperation", "material_cooperation": "material cooperation",
               "verbal_conflict": "verbal conflict", "material_conflict": "material conflict"}


def _stacked(axes, positions: list[int], table, sign: int = 1, width: float = 0.8) -> float:
    """Bars stacked by QuadClass (a column of ``table`` each), upwards, or downwards with ``sign`` -1; the
    height reached. One polygon collection per QuadClass: hundreds of separate bars (a busy pair by week)
    would take matplotlib seconds to draw."""
    left = np.asarray(positions, dtype=float) - width / 2
    base = np.zeros(len(positions))
    for column in QUAD_COLUMNS.values():
        top = base + sign * table[column].fillna(0).to_numpy(dtype=float)
        corners = np.stack([np.column_stack(xy) for xy in ((left, base), (left, top), (left + width, top),
                                                            (left + width, base))], axis=1)
        axes.add_collection(PolyCollection(corners[top != base], facecolors=QUAD_COLOURS[column], edgecolors="none",
                                           label=QUAD_LABELS[column] if sign > 0 else None))
        base = top
    axes.set_xlim(-0.5 - width / 2, len(positions) - 0.5 + width / 2)
    return float(np.abs(base).max()) if len(base) else 0.0


def _period_ticks(axes, labels: list[str]) -> None:
    step = max(1, len(labels) // 12)
    axes.set_xticks(list(range(len(labels)))[::step], labels[::step], rotation=30, ha="right", fontsize="small")


def dyad_figure(series: DyadSeries) -> Figure:
    """Top: events per period by QuadClass, A→B above the line and B→A below it. Bottom: mean Goldstein per
    direction."""
    figure = Figure(figsize=(9, 5.2), layout="constrained")
    counts, tone = figure.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    frame = series.frame
    title = f"{series.a} – {series.b}: events by {series.by}"
    if frame.empty:
        counts.text(0.5, 0.5, "no events between these actors in this period", ha="center", va="center",
                    transform=counts.transAxes)
        counts.set_title(title)
        return figure
    labels = frame["period"].drop_duplicates().tolist()
    positions = list(range(len(labels)))
    forward, backward = (frame[frame["direction"] == d].set_index("period").reindex(labels) for d in series.directions)
    top = max(_stacked(counts, positions, forward, 1), _stacked(counts, positions, backward, -1), 1.0)
    counts.axhline(0, color="#444", linewidth=0.8)
    counts.set_ylim(-top * 1.25, top * 1.25)  # room for the direction labels
    counts.yaxis.set_major_locator(MaxNLocator(integer=True))
    counts.yaxis.set_major_formatter(FuncFormatter(lambda value, _position: f"{abs(value):g}"))
    counts.set_ylabel("events")
    counts.text(0.005, 0.98, f"▲ {series.directions[0]}", transform=counts.transAxes, va="top", fontsize="small",
                fontweight="bold")
    counts.text(0.005, 0.02, f"▼ {series.directions[1]}", transform=counts.transAxes, va="bottom",
                fontsize="small", fontweight="bold")
    figure.suptitle(title)
    counts.legend(loc="lower center", bbox_to_anchor=(0.5, 1), fontsize="small", ncols=4, frameon=False)
    for direction, style in zip(series.directions, ("-o", "--s")):
        mean = frame[frame["direction"] == direction].set_index("period")["goldstein_mean"].reindex(labels)
        tone.plot(positions, mean.astype(float).tolist(), style, label=f"{direction} mean Goldstein", markersize=3)
    tone.axhline(0, color="#888", linewidth=0.8)
    tone.set_ylim(-10.5, 10.5)
    tone.set_ylabel("Goldstein")
    tone.legend(loc="lower left", fontsize="small", frameon=False)
    _period_ticks(tone, labels)
    return figure


def trend_figure(trend: Trend) -> Figure:
    """Events per period by QuadClass (the overview's and an actor page's trend)."""
    figure = Figure(figsize=(9, 3.2), layout="constrained")
    axes = figure.subplots()
    title = f"{trend.actor or 'All events'}: events by {trend.by} and QuadClass"
    axes.set_title(title)
    if trend.frame.empty:
        axes.text(0.5, 0.5, "no dated events in this period", ha="center", va="center", transform=axes.transAxes)
        return figure
    labels = trend.frame["period"].tolist()
    top = _stacked(axes, list(range(len(labels))), trend.frame)
    axes.set_ylim(0, max(top, 1.0) * 1.25)  # room for the legend above the tallest bar
    axes.set_ylabel("events")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(loc="upper left", fontsize="small", ncols=4, frameon=False)
    _period_ticks(axes, labels)
    return figure


def network_figure(graph: nx.DiGraph, limit: int = 40, edge_limit: int = 150) -> Figure:
    """The busiest ``limit`` nodes and, among them, the busiest ``edge_limit`` relations: edge width by
    events, colour from conflict (red) to cooperation (green)."""
    figure = Figure(figsize=(9, 7), layout="constrained")
    axes = figure.subplots()
    axes.set_axis_off()
    if graph.number_of_nodes() == 0:
        axes.text(0.5, 0.5, "no relations in this period", ha="center", va="center", transform=axes.transAxes)
        return figure
    keep = sorted(graph.nodes, key=lambda n: -graph.nodes[n]["events"])[:limit]
    busiest_edges = sorted(graph.subgraph(keep).edges(data=True), key=lambda e: -e[2]["events"])[:edge_limit]
    shown = graph.edge_subgraph([(u, v) for u, v, _d in busiest_edges])
    if shown.number_of_nodes() == 0:
        axes.text(0.5, 0.5, "no relations among the busiest actors", ha="center", va="center", transform=axes.transAxes)
        return figure
    layout = nx.spring_layout(shown, seed=7, weight="events")
    busiest = max((d["events"] for *_e, d in shown.edges(data=True)), default=1)
    colours = [(d["cooperation"] - d["conflict"]) / d["events"] for *_e, d in shown.edges(data=True)]
    nx.draw_networkx_edges(shown, layout, ax=axes, edge_color=colours, edge_cmap=matplotlib.colormaps["RdYlGn"],
                           edge_vmin=-1, edge_vmax=1, arrows=True, arrowsize=8, connectionstyle="arc3,rad=0.08",
                           width=[0.5 + 4 * d["events"] / busiest for *_e, d in shown.edges(data=True)])
    sizes = [60 + 900 * shown.nodes[n]["events"] / max(1, max(shown.nodes[m]["events"] for m in shown)) for n in shown]
    nx.draw_networkx_nodes(shown, layout, ax=axes, node_size=sizes, node_color="#dfe7f2", edgecolors="#4a6fa5")
    nx.draw_networkx_labels(shown, layout, ax=axes, font_size=8)
    axes.set_title("relations: green cooperation, red conflict; width = events")
    return figure


def render(figure: Figure, fmt: str = "svg") -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, dpi=110)
    return buffer.getvalue()


def save(figure: Figure, path: Path) -> None:
    """PNG unless the file name ends in .svg or .pdf."""
    fmt = path.suffix.lower().lstrip(".") if path.suffix.lower() in (".svg", ".pdf") else "png"
    path.write_bytes(render(figure, fmt))
