"""Grouping reports into events, scored on the project's own test set (``annotations/grouping/``).

Each article of the set is coded by accord's pipeline; of its events, the first of the event's CAMEO root (else
its first event) is the report that is scored. Every coded event of the set is grouped (``analysis/grouping``)
and so is every one by the baseline (the same actors, root and day, as a one-a-day filter groups); the reports
scored are compared with the gold events by MUC, B³ and CEAF-e, and their mean, the CoNLL F1.
Needs nothing from ``shared``.
"""
from __future__ import annotations

import json
from collections.abc import Hashable, Iterable, Sequence
from datetime import date
from pathlib import Path

from ..ingest.readers import from_text
from ..model import Document
from .common import PARTS, SetResult, f1, ratio
from .split import half

SET = Path(__file__).resolve().parents[3] / "annotations" / "grouping" / "reports.jsonl"
Clusters = Sequence[Iterable[Hashable]]


def _mentions(clusters: Clusters) -> list[set]:
    return [set(c) for c in clusters if c]


def _where(clusters: list[set]) -> dict:
    return {item: i for i, cluster in enumerate(clusters) for item in cluster}


def muc(gold: Clusters, system: Clusters) -> tuple[float, float, float]:
    """MUC (Vilain et al. 1995): links kept. Recall: over gold clusters, (size - parts the system cuts it
    into) / (size - 1); precision the same with the roles swapped. An item the other side lacks is its own part."""
    def score(keys: list[set], responses: list[set]) -> tuple[int, int]:
        where = _where(responses)
        found = total = 0
        for cluster in keys:
            parts = {where.get(item, ("alone", item)) for item in cluster}
            found += len(cluster) - len(parts)
            total += len(cluster) - 1
        return found, total

    g, s = _mentions(gold), _mentions(system)
    recall, precision = ratio(*score(g, s)), ratio(*score(s, g))
    return precision, recall, f1(precision, recall)


def b_cubed(gold: Clusters, system: Clusters) -> tuple[float, float, float]:
    """B³ (Bagga and Baldwin 1998): per item, the share of its system cluster in its gold cluster (precision)
    and of its gold cluster in its system cluster (recall), averaged over the items."""
    g, s = _mentions(gold), _mentions(system)
    in_gold, in_system = _where(g), _where(s)
    items = set(in_gold) | set(in_system)
    precision = recall = 0.0
    for item in items:
        gold_cluster = g[in_gold[item]] if item in in_gold else {item}
        system_cluster = s[in_system[item]] if item in in_system else {item}
        shared = len(gold_cluster & system_cluster)
        precision += shared / len(system_cluster)
        recall += shared / len(gold_cluster)
    precision, recall = ratio(precision, len(items)), ratio(recall, len(items))
    return precision, recall, f1(precision, recall)


def ceaf_e(gold: Clusters, system: Clusters) -> tuple[float, float, float]:
    """Entity-based CEAF (Luo 2005): the best one-to-one alignment of gold and system clusters by
    φ4 = 2|K ∩ R| / (|K| + |R|); its total over the number of system clusters (precision) and gold (recall)."""
    import networkx as nx

    g, s = _mentions(gold), _mentions(system)
    graph = nx.Graph()
    for i, key in enumerate(g):
        for j, response in enumerate(s):
            shared = len(key & response)
            if shared:
                graph.add_edge(("gold", i), ("system", j), weight=2 * shared / (len(key) + len(response)))
    matching = nx.max_weight_matching(graph)
    total = sum(graph[a][b]["weight"] for a, b in matching)
    precision, recall = ratio(total, len(s)), ratio(total, len(g))
    return precision, recall, f1(precision, recall)


def conll(gold: Clusters, system: Clusters) -> float:
    """The CoNLL F1: the mean of the MUC, B³ and CEAF-e F1."""
    return sum(metric(gold, system)[2] for metric in (muc, b_cubed, ceaf_e)) / 3


def load(path: Path = SET) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def reports(pipeline, rows: list[dict]) -> tuple[list[dict], dict[str, int]]:
    """Every coded event of the set as a report row (with ``id``, its article's ``outlet`` and ``published``),
    and for each article the id of the report that is scored (articles with no event are left out)."""
    items = [from_text(row["text"], row["id"], row["id"], published=date.fromisoformat(row["published"]))
             for row in rows]
    by_id = {row["id"]: row for row in rows}
    out: list[dict] = []
    scored: dict[str, int] = {}
    for number, document in enumerate(pipeline.code_documents(items)):
        if not isinstance(document, Document) or not document.events:
            continue
        row = by_id[document.id]
        first = len(out)
        for event in document.events:
            out.append({**event.flat(), "id": len(out), "document_id": number, "outlet": row["outlet"],
                        "published": date.fromisoformat(row["published"]),
                        "event_day": _day(event.date)})
        chosen = next((i for i in range(first, len(out)) if out[i]["root"] == row["root"]), first)
        scored[document.id] = chosen
    return out, scored


def _day(value: str | None) -> date | None:
    from ..store.database import event_day

    return event_day(value)


def evaluate(pipeline, shared: Path | None = None, path: Path = SET) -> SetResult:
    from ..analysis.grouping import baseline, group

    rows = load(path)
    coded, scored = reports(pipeline, rows)
    gold_of = {scored[row["id"]]: row["event"] for row in rows if row["id"] in scored}
    groupings = {"accord": group(coded), "baseline": baseline(coded)}
    result = SetResult("grouping", f"reports of one event ({path.parent.name}/{path.name})")
    parts = {part: {i for i, event in gold_of.items() if part == "all" or half(event) == part} for part in PARTS}
    for part, wanted in parts.items():
        result.sizes[part] = len(wanted)
        gold: dict[str, set] = {}
        for i in wanted:
            gold.setdefault(gold_of[i], set()).add(i)
        for name, groups in groupings.items():
            system = [{r["id"] for r in members} & wanted for members in groups]
            for metric, fn in (("MUC", muc), ("B3", b_cubed), ("CEAF-e", ceaf_e)):
                result.add(f"{name} {metric} F1", part, fn(list(gold.values()), system)[2])
            precision, recall, _ = b_cubed(list(gold.values()), system)
            result.add(f"{name} B3 precision", part, precision)
            result.add(f"{name} B3 recall", part, recall)
            result.add(f"{name} CoNLL F1", part, conll(list(gold.values()), system))
    events = len({row["event"] for row in rows})
    of_root = sum(coded[scored[row["id"]]]["root"] == row["root"] for row in rows if row["id"] in scored)
    result.notes.append(f"{len(rows)} reports of {events} events; {len(scored)} coded with an event ({of_root} "
                        f"of the event's root); accord: {len(groupings['accord'])} groups of the {len(coded)} coded "
                        f"events, baseline {len(groupings['baseline'])}")
    for members in groupings["accord"]:
        events_in = sorted({gold_of[r["id"]] for r in members if r["id"] in gold_of})
        if len(events_in) > 1:
            result.details.append(f"merged {', '.join(events_in)}: "
                                  + " | ".join(r["evidence"] for r in members if r["id"] in gold_of))
    group_of = {r["id"]: n for n, members in enumerate(groupings["accord"]) for r in members}
    for event, ids in sorted({e: {i for i, g in gold_of.items() if g == e} for e in set(gold_of.values())}.items()):
        if len({group_of[i] for i in ids}) > 1:
            result.details.append(f"split {event}: " + " | ".join(coded[i]["evidence"] for i in sorted(ids)))
    return result
