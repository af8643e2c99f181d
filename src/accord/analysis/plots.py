"""Charts drawn with matplotlib's object API (no pyplot state, so the web server may draw in threads)."""
from __future__ import annotations

import io
from pathlib import Path

import matplotlib
import networkx as nx
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .dyads import QUAD_COLUMNS, DyadSeries

matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: smaller files, selectable labels
matplotlib.rcParams["svg.hashsalt"] = "accord"  # the same chart gives the same file

QUAD_COLOURS = {"verbal_cooperation": "#9ecf8f", "material_cooperation": "#2e7d32",
                "verbal_conflict": "#f4a259", "material_conflict": "#c62828"}
QUAD_LABELS = {"verbal_cooperation": "verbal cooperation", "material_cooperation": "material cooperation",
               "verbal_conflict": "verbal conflict", "material_conflict": "material conflict"}


def dyad_figure(series: DyadSeries) -> Figure:
    """Top: events per period by QuadClass (both directions stacked). Bottom: mean Goldstein per direction."""
    figure = Figure(figsize=(9, 5.2), layout="constrained")
    counts, tone = figure.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    frame = series.frame
    title = f"{series.a} – {series.b}: events by {series.by}"
    if frame.empty:
        counts.text(0.5, 0.5, "no events between these actors in this period", ha="center", va="center",
                    transform=counts.transAxes)
        counts.set_title(title)
        return figure
    both = frame.groupby("period", sort=False)[list(QUAD_COLUMNS.values())].sum()
    positions = range(len(both))
    bottom = [0] * len(both)
    for column in QUAD_COLUMNS.values():
        values = both[column].tolist()
        counts.bar(positions, values, bottom=bottom, color=QUAD_COLOURS[column], label=QUAD_LABELS[column], width=0.8)
        bottom = [b + v for b, v in zip(bottom, values)]
    counts.set_ylabel("events")
    counts.yaxis.set_major_locator(MaxNLocator(integer=True))
    counts.set_title(title)
    counts.legend(loc="upper left", fontsize="small", ncols=2, frameon=False)
    for direction, style in zip(series.directions, ("-o", "--s")):
        mean = frame[frame["direction"] == direction].set_index("period")["goldstein_mean"].reindex(both.index)
        tone.plot(list(positions), mean.astype(float).tolist(), style, label=f"{direction} mean Goldstein",
                  markersize=3)
    tone.axhline(0, color="#888", linewidth=0.8)
    tone.set_ylim(-10.5, 10.5)
    tone.set_ylabel("Goldstein")
    tone.legend(loc="lower left", fontsize="small", frameon=False)
    step = max(1, len(both) // 12)
    tone.set_xticks(list(positions)[::step], both.index.tolist()[::step], rotation=30, ha="right", fontsize="small")
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
