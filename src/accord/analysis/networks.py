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
                     level: str = "country", actor: str | None = None, statuses: tuple[str, ...] | None = None,
                     top: int | None = None, unknown: bool = False, min_confidence: float = 0.0,
                     unit: str = "report") -> nx.DiGraph:
    """The network of the period, of the events with these statuses (None: occurred and ongoing) and at least
    ``min_confidence``, counting event reports or (``unit="event"``) the event records of `accord group` (with
    a confidence floor, a record counts once when at least one of its reports passes the floor and the status
    filter).

    Edges with fewer than ``min_events`` events are left out, and so are the nodes they leave alone. With
    ``actor`` (a code or a name), its ego network: the actor, its partners and the relations among them.
    ``top``: only the nodes with the most events (with ``actor``: the actor and its busiest partners).
    Actors the dictionary does not know (``---``) and sectors of no country (``---GOV``) are left out
    unless ``unknown``. Each node's ``events``, ``cooperation`` and ``conflict`` count its relations in the
    network before ``top`` cuts it (in an ego network: its relations with the actor);
    ``graph.graph["actors"]`` is how many nodes there were before the cut."""
    if level not in LEVELS:
        raise AnalysisError(f"{level!r} is not a network level: use country or actor")
    if min_events < 1:
        raise AnalysisError(f"the minimum number of events must be at least 1, not {min_events}")
    if top is not None and top < 1:
        raise AnalysisError(f"the number of actors shown must be at least 1, not {top}")
    check_range(since, until)
    actor = actor_code(actor, "actor", store) if actor else None
    graph = nx.DiGraph(since=since.isoformat() if since else "", until=until.isoformat() if until else "",
                       level=level, actor=actor or "")
    rows = store.relation_counts(since, until, level, actor, statuses, unknown, min_confidence=min_confidence,
                                 unit=unit)
    _add_counts(graph, rows, min_events)
    _node_totals(graph)
    graph.graph["actors"] = graph.number_of_nodes()
    # the actor's own node: JPN for JPN, and for JPNGOV too when nodes are countries
    ego = {r["source"] if r["actor_side"] == "source" else r["target"] for r in rows} if actor else set()
    if top is not None and graph.number_of_nodes() > top:
        ranked = sorted(graph.nodes, key=lambda n: (n not in ego, -graph.nodes[n]["events"], n))
        graph.remove_nodes_from(ranked[top:])
    partners = [n for n in graph.nodes if n not in ego]
    if actor and len(partners) > 1:  # the relations among the partners (the actor's own are in already)
        among = store.relation_counts(since, until, level, None, statuses, unknown, among=partners,
                                      min_confidence=min_confidence, unit=unit)
        _add_counts(graph, among, min_events)
    return graph


def _add_counts(graph: nx.DiGraph, rows: list[dict], min_events: int) -> None:
    """Edges from the store's counts per (source, target), thinner ones than ``min_events`` left out (and
    events inside one node)."""
    added = nx.DiGraph()
    for row in rows:
        source, target = row["source"], row["target"]
        if source == target:
            continue
        if not added.has_edge(source, target):
            added.add_edge(source, target, events=0, cooperation=0, conflict=0, goldstein_sum=0.0)
        edge = added[source][target]
        edge["events"] += row["events"]
        edge["cooperation"] += row["quad1"] + row["quad2"]
        edge["conflict"] += row["quad3"] + row["quad4"]
        edge["goldstein_sum"] += float(row["goldstein"] or 0.0)
    for source, target, data in added.edges(data=True):
        if data["events"] >= min_events:
            data["goldstein_sum"] = round(data["goldstein_sum"], 2)
            data["goldstein_mean"] = round(data["goldstein_sum"] / data["events"], 2)
            graph.add_edge(source, target, **data)


def _node_totals(graph: nx.DiGraph) -> None:
    for node in graph.nodes:
        incident = [d for *_e, d in graph.in_edges(node, data=True)]
        incident += [d for *_e, d in graph.out_edges(node, data=True)]
        graph.nodes[node]["events"] = sum(d["events"] for d in incident)
        graph.nodes[node]["cooperation"] = sum(d["cooperation"] for d in incident)
        graph.nodes[node]["conflict"] = sum(d["conflict"] for d in incident)


def network_json(graph: nx.DiGraph) -> dict:
    """Nodes and edges as plain lists (the API's and ``--format json``'s shape)."""
    return {
        "since": graph.graph.get("since") or None, "until": graph.graph.get("until") or None,
        "level": graph.graph.get("level"), "actor": graph.graph.get("actor") or None,
        "actors": graph.graph.get("actors", graph.number_of_nodes()),
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
