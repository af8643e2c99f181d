"""Who cooperates with whom: actors as nodes, directed edges weighted by cooperation and by conflict.

An edge A→B carries the number of events A directed at B, split into cooperation (QuadClass 1-2)
and conflict (3-4), and their Goldstein sum and mean. Nodes are countries by default (JPNGOV counts
for JPN; actors with no country keep their code), or full actor codes with ``level="actor"``.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import networkx as nx

from ..store import Store
from .codes import AnalysisError, actor_code, check_range

LEVELS = ("country", "actor")


def relation_network(store: Store, since: date | None = None, until: date | None = None, min_events: int = 1,
                     level: str = "country", actor: str | None = None) -> nx.DiGraph:
    """The network of the period; edges with fewer than ``min_events`` events are left out, and so are the
    nodes they leave alone. With ``actor``, only that actor's events (its ego network)."""
    if level not in LEVELS:
        raise AnalysisError(f"{level!r} is not a network level: use country or actor")
    if min_events < 1:
        raise AnalysisError(f"the minimum number of events must be at least 1, not {min_events}")
    check_range(since, until)
    actor = actor_code(actor) if actor else None
    graph = nx.DiGraph(since=since.isoformat() if since else "", until=until.isoformat() if until else "",
                       level=level)
    for row in store.relation_counts(since, until, level, actor):
        source, target = row["source"], row["target"]
        if source == target:
            continue
        if not graph.has_edge(source, target):
            graph.add_edge(source, target, events=0, cooperation=0, conflict=0, goldstein_sum=0.0)
        edge = graph[source][target]
        edge["events"] += row["events"]
        edge["cooperation" if row["quad_class"] in (1, 2) else "conflict"] += row["events"]
        edge["goldstein_sum"] += float(row["goldstein"] or 0.0)
    graph.remove_edges_from([(u, v) for u, v, d in graph.edges(data=True) if d["events"] < min_events])
    graph.remove_nodes_from([n for n in list(graph.nodes) if graph.degree(n) == 0])
    for _u, _v, data in graph.edges(data=True):
        data["goldstein_sum"] = round(data["goldstein_sum"], 2)
        data["goldstein_mean"] = round(data["goldstein_sum"] / data["events"], 2)
    for node in graph.nodes:
        incident = [d for *_e, d in graph.in_edges(node, data=True)]
        incident += [d for *_e, d in graph.out_edges(node, data=True)]
        graph.nodes[node]["events"] = sum(d["events"] for d in incident)
        graph.nodes[node]["cooperation"] = sum(d["cooperation"] for d in incident)
        graph.nodes[node]["conflict"] = sum(d["conflict"] for d in incident)
    return graph


def network_json(graph: nx.DiGraph) -> dict:
    """Nodes and edges as plain lists (the API's and ``--format json``'s shape)."""
    return {
        "since": graph.graph.get("since") or None, "until": graph.graph.get("until") or None,
        "level": graph.graph.get("level"),
        "nodes": [{"id": n, **d} for n, d in sorted(graph.nodes(data=True), key=lambda item: -item[1]["events"])],
        "edges": [{"source": u, "target": v, **d}
                  for u, v, d in sorted(graph.edges(data=True), key=lambda item: -item[2]["events"])],
    }


def write_network(graph: nx.DiGraph, fmt: str, path: Path | None, stream) -> None:
    """``json`` or ``graphml`` to a file, or to the stream when no path is given."""
    if fmt == "graphml":
        text = "\n".join(nx.generate_graphml(graph)) + "\n"
    elif fmt == "json":
        text = json.dumps(network_json(graph), ensure_ascii=False, indent=1) + "\n"
    else:
        raise AnalysisError(f"{fmt!r} is not a network format: use json or graphml")
    if path is None:
        stream.write(text)
    else:
        path.write_text(text, encoding="utf-8")
