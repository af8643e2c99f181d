"""Charts drawn with matplotlib's object API (no pyplot state, so the web server may draw in threads)."""
from __future__ import annotations

import io
import math
from collections.abc import Callable
from pathlib import Path

import matplotlib
import networkx as nx
import numpy as np
from matplotlib.cm import ScalarMappable
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .dyads import QUAD_COLUMNS, DyadSeries
from .filters import asserted, status_words
from .trends import Trend

matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: smaller files, selectable labels
matplotlib.rcParams["svg.hashsalt"] = "accord"  # the same chart gives the same file

QUAD_COLOURS = {"verbal_cooperation": "#9ecf8f", "material_cooperation": "#2e7d32",
                "verbal_conflict": "#f4a259", "material_conflict": "#c62828"}
QUAD_LABELS = {"verbal_cooperation": "verbal cooperation", "material_cooperation": "material cooperation",
               "verbal_conflict": "verbal conflict", "material_conflict": "material conflict"}


def _stacked(axes, positions: list[int], table, sign: int = 1, width: float = 0.8, apart=None) -> float:
    """Bars stacked by QuadClass (a column of ``table`` each), upwards, or downwards with ``sign`` -1; the
    height reached. Of them, those in ``apart`` (the same columns: events not asserted) are drawn hatched
    beyond the solid ones. One polygon collection per QuadClass and layer: hundreds of separate bars (a
    busy pair by week) would take matplotlib seconds to draw. Each collection is named in an SVG by its
    QuadClass, its side of the line and its layer (``verbal_conflict-above``, ``material_cooperation-below-not-
    asserted``): one ``<path>`` per bar, so a reader of the chart (or a test) can tell its bars apart."""
    left = np.asarray(positions, dtype=float) - width / 2
    base = np.zeros(len(positions))
    for hatched in (False, True) if apart is not None else (False,):
        for column in QUAD_COLUMNS.values():
            extra = apart[column].fillna(0).to_numpy(dtype=float) if apart is not None else 0.0
            height = extra if hatched else table[column].fillna(0).to_numpy(dtype=float) - extra
            top = base + sign * height
            corners = np.stack([np.column_stack(xy) for xy in ((left, base), (left, top), (left + width, top),
                                                                (left + width, base))], axis=1)
            style = ({"facecolors": "white", "edgecolors": QUAD_COLOURS[column], "hatch": "///", "linewidths": 0.8}
                     if hatched else
                     {"facecolors": QUAD_COLOURS[column], "edgecolors": "none",
                      "label": QUAD_LABELS[column] if sign > 0 else None})
            name = f"{column}-{'above' if sign > 0 else 'below'}{'-not-asserted' if hatched else ''}"
            axes.add_collection(PolyCollection(corners[top != base], gid=name, **style))
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
    counted = status_words(series.statuses, series.min_confidence)
    title = f"{series.a} – {series.b}: {counted} events by {series.by}"
    if frame.empty:
        counts.text(0.5, 0.5, "no events between these actors in this period", ha="center", va="center",
                    transform=counts.transAxes)
        counts.set_title(title)
        return figure
    labels = frame["period"].drop_duplicates().tolist()
    positions = list(range(len(labels)))
    forward, backward = (frame[frame["direction"] == d].set_index("period").reindex(labels) for d in series.directions)
    forward_apart, backward_apart = (series.unasserted[series.unasserted["direction"] == d].set_index("period")
                                     .reindex(labels) for d in series.directions)
    top = max(_stacked(counts, positions, forward, 1, apart=forward_apart),
              _stacked(counts, positions, backward, -1, apart=backward_apart), 1.0)
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
    handles, names = counts.get_legend_handles_labels()
    if series.unasserted["events"].sum():  # the events not asserted, drawn hatched above the asserted ones
        handles.append(Patch(facecolor="white", edgecolor="#555", hatch="///"))
        names.append("not asserted: " + ", ".join(s for s in series.statuses or () if s not in asserted()))
    counts.legend(handles, names, loc="lower center", bbox_to_anchor=(0.5, 1), fontsize="small", ncols=4,
                  frameon=False)
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


NETWORK_COLOURS = "RdYlGn"  # red conflict, yellow mixed, green cooperation
LABEL_GAP = 2.5  # points between a label and its node, or any other label


def network_figure(graph: nx.DiGraph, limit: int = 40, edge_limit: int = 120) -> Figure:
    """The busiest ``limit`` actors and, among them, the busiest ``edge_limit`` relations, each pair of actors
    one line (both directions together; the page's table has each direction): width by events,
    colour from conflict (red) through mixed (yellow) to cooperation (green). Labels never overlap one
    another or a node; a label that finds no free place is left out, and the title says how many."""
    figure = Figure(figsize=(9, 7))
    axes = figure.add_axes((0.01, 0.08, 0.98, 0.85))
    axes.set_axis_off()
    if graph.number_of_nodes() == 0:
        axes.text(0.5, 0.5, "no relations in this period", ha="center", va="center", transform=axes.transAxes)
        return figure
    keep = sorted(graph.nodes, key=lambda n: (-graph.nodes[n]["events"], n))[:limit]
    pairs: dict[tuple[str, str], dict[str, int]] = {}
    for u, v, data in graph.subgraph(keep).edges(data=True):
        pair = pairs.setdefault(tuple(sorted((u, v))), {"events": 0, "cooperation": 0, "conflict": 0})
        for key in pair:
            pair[key] += data[key]
    busiest = sorted(pairs.items(), key=lambda item: (-item[1]["events"], item[0]))[:edge_limit]
    shown = nx.Graph()
    most = max((d["events"] for _p, d in busiest), default=1)
    for (u, v), data in busiest:  # a busy pair pulls its actors together, a little (log scale)
        shown.add_edge(u, v, pull=1 + math.log1p(data["events"]) / math.log1p(most), **data)
    if shown.number_of_nodes() == 0:
        axes.text(0.5, 0.5, "no relations among the busiest actors", ha="center", va="center",
                  transform=axes.transAxes)
        return figure
    layout = nx.spring_layout(shown, seed=7, weight="pull", k=2.2 / math.sqrt(shown.number_of_nodes()),
                              iterations=120)
    setters: tuple[Callable[[float, float], object], ...] = (axes.set_xlim, axes.set_ylim)
    for axis, set_limits in enumerate(setters):  # the drawing fills the frame
        low, high = min(p[axis] for p in layout.values()), max(p[axis] for p in layout.values())
        pad = 0.12 * (high - low or 1)
        set_limits(low - pad, high + pad)
    colours = matplotlib.colormaps[NETWORK_COLOURS]
    edges = sorted(shown.edges(data=True), key=lambda e: e[2]["events"])  # the busiest drawn last, on top
    axes.add_collection(LineCollection(
        [(layout[u], layout[v]) for u, v, _d in edges], zorder=1, alpha=0.75,
        linewidths=[0.6 + 5 * d["events"] / most for *_e, d in edges],
        colors=[colours((1 + (d["cooperation"] - d["conflict"]) / d["events"]) / 2) for *_e, d in edges]))
    nodes = sorted(shown.nodes, key=lambda n: (-graph.nodes[n]["events"], n))
    heaviest = max(graph.nodes[n]["events"] for n in nodes) or 1
    sizes = {n: 60 + 1100 * graph.nodes[n]["events"] / heaviest for n in nodes}  # marker area, points²
    axes.scatter([layout[n][0] for n in nodes], [layout[n][1] for n in nodes], s=[sizes[n] for n in nodes],
                 c="#dfe7f2", edgecolors="#4a6fa5", linewidths=0.8, zorder=2)
    left_out = place_labels(axes, {n: layout[n] for n in nodes}, {n: math.sqrt(sizes[n]) / 2 for n in nodes}, nodes)
    total = graph.graph.get("actors", graph.number_of_nodes())
    who = f"{len(nodes)} actors" if len(nodes) == total else f"the {len(nodes)} busiest of {total} actors"
    if graph.graph.get("actor"):
        who = f"{graph.graph['actor']} and its partners, {who}"
    axes.set_title(f"relations: {who}; line width = events" +
                   (f" ({left_out} labels left out where they would overlap)" if left_out else ""), fontsize=10)
    scale = figure.add_axes((0.3, 0.035, 0.4, 0.02))
    bar = figure.colorbar(ScalarMappable(Normalize(-1, 1), colours), cax=scale, orientation="horizontal")
    bar.set_ticks([-1, 0, 1], labels=["conflict", "mixed", "cooperation"], fontsize=8)
    return figure


def place_labels(axes, positions: dict[str, tuple[float, float]], radii: dict[str, float],
                 order: list[str], fontsize: float = 8) -> int:
    """Label each node (in ``order``, most important first) where its text overlaps no node and no label
    already placed: on the node when it fits inside, else beside, above, below or diagonally off it,
    nearer first. ``radii``: each node's radius in points. Returns how many labels found no place."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = axes.figure
    renderer = FigureCanvasAgg(figure).get_renderer()
    scale = figure.dpi / 72  # points to pixels
    frame = axes.get_window_extent(renderer)
    taken = []
    for node in order:  # every node's disc, as a box, in pixels
        x, y = axes.transData.transform(positions[node])
        r = radii[node] * scale
        taken.append((node, (x - r, y - r, x + r, y + r)))
    placed: list[tuple[float, float, float, float]] = []
    left_out = 0
    for node in order:
        r = radii[node] + LABEL_GAP
        spots: list[tuple[float, float, str, str, bool]] = [(0, 0, "center", "center", False)]
        for reach, far in ((r, False), (r + 3 * fontsize, True)):  # a label further off has a line to its node
            spots += [(reach, 0, "left", "center", far), (-reach, 0, "right", "center", far),
                      (0, reach, "center", "bottom", far), (0, -reach, "center", "top", far),
                      (0.7 * reach, 0.7 * reach, "left", "bottom", far),
                      (-0.7 * reach, 0.7 * reach, "right", "bottom", far),
                      (0.7 * reach, -0.7 * reach, "left", "top", far),
                      (-0.7 * reach, -0.7 * reach, "right", "top", far)]
        for dx, dy, ha, va, far in spots:
            label = axes.annotate(node, positions[node], xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                                  fontsize=fontsize, zorder=3,
                                  arrowprops={"arrowstyle": "-", "color": "#8a94a3", "lw": 0.5} if far else None)
            label.update_positions(renderer)
            extent = Text.get_window_extent(label, renderer)  # the words only, not the line to the node
            gap = LABEL_GAP * scale / 2
            box = (extent.x0 - gap, extent.y0 - gap, extent.x1 + gap, extent.y1 + gap)
            inside_own = (dx, dy) == (0, 0) and box[2] - box[0] <= 2 * radii[node] * scale
            clear = (frame.x0 <= box[0] and box[2] <= frame.x1 and frame.y0 <= box[1] and box[3] <= frame.y1
                     and not any(_overlap(box, other) for other in placed)
                     and not any(_overlap(box, disc) for owner, disc in taken if owner != node or not inside_own))
            if clear:
                placed.append(box)
                break
            label.remove()
        else:
            left_out += 1
    return left_out


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def render(figure: Figure, fmt: str = "svg") -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, dpi=110)
    return buffer.getvalue()


def save(figure: Figure, path: Path) -> None:
    """PNG unless the file name ends in .svg or .pdf."""
    fmt = path.suffix.lower().lstrip(".") if path.suffix.lower() in (".svg", ".pdf") else "png"
    path.write_bytes(render(figure, fmt))
