"""Charts drawn with matplotlib's object API (no pyplot state, so the web server may draw in threads)."""
from __future__ import annotations

import io
import math
from pathlib import Path

import matplotlib
import networkx as nx
from matplotlib.cm import ScalarMappable
from matplotlib.collections import LineCollection
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

from ..model import ASSERTED
from .dyads import QUAD_COLUMNS, DyadSeries
from .filters import status_words

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
    title = f"{series.a} – {series.b}: {status_words(series.statuses)} events by {series.by}"
    if frame.empty:
        counts.text(0.5, 0.5, "no events between these actors in this period", ha="center", va="center",
                    transform=counts.transAxes)
        counts.set_title(title)
        return figure
    both = frame.groupby("period", sort=False)[list(QUAD_COLUMNS.values())].sum()
    apart = series.unasserted.groupby("period", sort=False)[list(QUAD_COLUMNS.values())].sum()
    positions = range(len(both))
    bottom = [0] * len(both)
    for column in QUAD_COLUMNS.values():  # asserted events solid ...
        bottom = _stack(counts, (both[column] - apart[column]).tolist(), bottom, color=QUAD_COLOURS[column],
                        label=QUAD_LABELS[column])
    if apart.to_numpy().sum():  # ... and, above them, those not asserted (planned, negated, ...) hatched
        for column in QUAD_COLUMNS.values():
            bottom = _stack(counts, apart[column].tolist(), bottom, color="white", edgecolor=QUAD_COLOURS[column],
                            hatch="///", linewidth=0.8)
        counts.bar([0], [0], color="white", edgecolor="#555", hatch="///",
                   label="not asserted: " + ", ".join(s for s in series.statuses or () if s not in ASSERTED))
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


def _stack(axes, values: list[float], bottom: list[float], **style) -> list[float]:
    """One layer of stacked bars, drawn only where it has events (a bar of height 0 is still a patch to
    draw, and decades by month have thousands); returns the new bottoms."""
    shown = [i for i, value in enumerate(values) if value]
    axes.bar(shown, [values[i] for i in shown], bottom=[bottom[i] for i in shown], width=0.8, **style)
    return [b + v for b, v in zip(bottom, values)]


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
    for axis, set_limits in enumerate((axes.set_xlim, axes.set_ylim)):  # the drawing fills the frame
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
        spots = [(0, 0, "center", "center", False)]
        for reach, far in ((r, False), (r + 3 * fontsize, True)):  # a label further off has a line to its node
            spots += [(reach, 0, "left", "center", far), (-reach, 0, "right", "center", far),
                      (0, reach, "center", "bottom", far), (0, -reach, "center", "top", far),
                      (0.7 * reach, 0.7 * reach, "left", "bottom", far),
                      (-0.7 * reach, 0.7 * reach, "right", "bottom", far),
                      (0.7 * reach, -0.7 * reach, "left", "top", far), (-0.7 * reach, -0.7 * reach, "right", "top", far)]
        for dx, dy, ha, va, far in spots:
            label = axes.annotate(node, positions[node], xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                                  fontsize=fontsize, zorder=3,
                                  arrowprops={"arrowstyle": "-", "color": "#8a94a3", "lw": 0.5} if far else None)
            label.update_positions(renderer)
            box = Text.get_window_extent(label, renderer)  # the words only, not the line to the node
            gap = LABEL_GAP * scale / 2
            box = (box.x0 - gap, box.y0 - gap, box.x1 + gap, box.y1 + gap)
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
