"""PLOVER GSR (``eval/plover-gsr/dev.jsonl``): event-type recall, triple recall (type + gold source
country + gold target country), precision of emitted events, and how often the emitted source and
target countries are gold ones."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Document, Event
from .common import SetResult, by_part, code_texts, expected_calibration_error, ratio
from .split import text_half

# Legacy CAMEO country codes used in older gold data -> ISO 3166 alpha-3.
LEGACY_CODES = {"JAP": "JPN", "ITL": "ITA", "GZS": "PSE", "WSB": "PSE", "ROM": "ROU", "ZAR": "COD",
                "BAG": "IRQ", "KOS": "XKX", "TMP": "TLS", "SRM": "SRB", "YUG": "SRB"}
GENERIC_CODES = {"IGO", "NGO", "IMG", "MNC", "ISM"}  # match any actor code that starts with them
# The GSR codes every international body "IGO", Amnesty International and the Red Cross included, where
# CAMEO separates governmental (IGO) from non-governmental (NGO) ones: either counts for the other.
GENERIC_EQUIVALENTS = {"IGO": ("IGO", "NGO"), "NGO": ("NGO", "IGO")}
CONFIDENT = 0.5  # the --min-confidence at which precision and recall are also reported
PENTA_CLASS_BY_ROOT = {**{"01": 0, "02": 0}, **{f"{r:02d}": 1 for r in (3, 4, 5)},
                       **{f"{r:02d}": 2 for r in (6, 7, 8)}, **{f"{r:02d}": 3 for r in (9, 10, 11, 12, 13, 16)},
                       **{f"{r:02d}": 4 for r in (14, 15, 17, 18, 19, 20)}}
PENTA_NAMES = ["statement/appeal", "verbal coop", "material coop", "verbal conflict", "material conflict"]


def _actor_matches(actor_code: str | None, country: str | None, gold_code: str) -> bool:
    gold = LEGACY_CODES.get(gold_code, gold_code)
    if gold in GENERIC_CODES:
        return bool(actor_code and actor_code.startswith(GENERIC_EQUIVALENTS.get(gold, (gold,))))
    return country == gold or bool(actor_code and actor_code.startswith(gold))


def _side_matches(ref, golds: list[str]) -> bool:
    if ref is None:
        return False
    return any(_actor_matches(ref.actor.code, ref.actor.country, g) for g in golds)


def _distinct_events(events: list[Event]) -> list[Event]:
    """One event per symmetric pair: (A, B) and (B, A) of the same code and trigger count once."""
    seen: set[tuple] = set()
    out = []
    for e in events:
        s = e.source.actor.code if e.source else None
        t = e.target.actor.code if e.target else None
        key = (e.cameo, e.trigger.start, frozenset((s, t)))
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out



@dataclass
class PloverResult:
    records: int = 0
    type_found: int = 0
    triple_found: int = 0
    emitted: int = 0
    emitted_correct: int = 0
    records_with_events: int = 0
    source_country_ok: int = 0
    records_with_gold_target: int = 0
    target_country_ok: int = 0
    by_type: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    misses: list[str] = field(default_factory=list)
    judged: list[tuple[float, bool]] = field(default_factory=list)  # each event's confidence; type and sides right

    @property
    def type_recall(self) -> float:
        return ratio(self.type_found, self.records)

    @property
    def triple_recall(self) -> float:
        return ratio(self.triple_found, self.records)

    @property
    def precision(self) -> float:
        return ratio(self.emitted_correct, self.emitted)

    @property
    def source_accuracy(self) -> float:
        return ratio(self.source_country_ok, self.records_with_events)

    @property
    def target_accuracy(self) -> float:
        return ratio(self.target_country_ok, self.records_with_gold_target)


def load_records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def code_records(pipeline, records: list[dict]) -> dict[str, Document]:
    return {d.id: d for d in code_texts(pipeline, [(r["id"], r["text"]) for r in records])}


def _sides_right(event: Event, sources: list[str], targets: list[str]) -> bool:
    return _side_matches(event.source, sources) and (
        not targets or _side_matches(event.target, targets)
        or _side_matches(event.source, targets) and _side_matches(event.target, sources))


def tally(records: list[dict], documents: dict[str, Document], min_confidence: float = 0.0) -> PloverResult:
    """Score coded records against their gold, counting only events of at least ``min_confidence``."""
    result = PloverResult()
    # a sentence the GSR codes twice (two records, one text) has two gold events: an emitted event is judged
    # once, right when it is either's
    golds: dict[str, list[tuple[str, list[str], list[str]]]] = defaultdict(list)
    for record in records:
        golds[record["text"]].append((record["event"], [a["code"] for a in record["source"]],
                                      [a["code"] for a in record["target"]]))
    judged_texts: set[str] = set()
    for record in records:
        gold_type = record["event"]
        sources = [a["code"] for a in record["source"]]
        targets = [a["code"] for a in record["target"]]
        document = documents.get(record["id"])
        events = _distinct_events(document.events) if document else []
        events = [e for e in events if e.confidence >= min_confidence]
        result.records += 1
        counts = result.by_type[gold_type]
        counts["records"] += 1
        typed = [e for e in events if e.plover.get("type") == gold_type]
        triple = [e for e in typed if _sides_right(e, sources, targets)]
        if record["text"] not in judged_texts:
            judged_texts.add(record["text"])
            sentence = golds[record["text"]]
            right = [any(e.plover.get("type") == t for t, _, _ in sentence) for e in events]
            result.judged += [(e.confidence, any(e.plover.get("type") == t and _sides_right(e, s, g)
                                                 for t, s, g in sentence)) for e in events]
            result.emitted += len(events)
            result.emitted_correct += sum(right)
            counts["emitted"] += len(events)
            counts["emitted_correct"] += sum(right)
        if typed:
            result.type_found += 1
            counts["type"] += 1
        if triple:
            result.triple_found += 1
            counts["triple"] += 1
        if events:
            result.records_with_events += 1
            if any(_side_matches(e.source, sources) for e in events):
                result.source_country_ok += 1
            if targets:
                result.records_with_gold_target += 1
                if any(_side_matches(e.target, targets) for e in events):
                    result.target_country_ok += 1
        if not triple:
            got = "; ".join(
                f"{e.source.actor.code if e.source else '-'} {e.cameo}/{e.plover.get('type')} "
                f"{e.target.actor.code if e.target else '-'} [{e.status}]" for e in events) or "nothing"
            result.misses.append(f"{record['id']} gold {'+'.join(sources)} {gold_type} {'+'.join(targets) or '-'}"
                                 f" | got {got} | {record['text'][:160]}")
    return result


def score_plover(pipeline, path: Path) -> PloverResult:
    """All records of a GSR file, scored together."""
    records = load_records(path)
    return tally(records, code_records(pipeline, records))


def evaluate(pipeline, shared: Path) -> SetResult | None:
    """Event-type recall, triple recall, precision and the sides' countries, on each half."""
    path = shared / "eval" / "plover-gsr" / "dev.jsonl"
    if not path.is_file():
        return None
    records = load_records(path)
    documents = code_records(pipeline, records)
    out = SetResult("plover", f"PLOVER GSR ({path})", lower_is_better={"confidence ECE"})
    for part, subset in by_part(records, lambda r: text_half(r["text"])).items():
        result = tally(subset, documents)
        out.sizes[part] = result.records
        out.add_rate("event-type recall", part, result.type_found, result.records)
        out.add_rate("triple recall", part, result.triple_found, result.records)
        out.add_rate("precision", part, result.emitted_correct, result.emitted)
        out.add_rate("source country right", part, result.source_country_ok, result.records_with_events)
        out.add_rate("target country right", part, result.target_country_ok, result.records_with_gold_target)
        out.add("confidence ECE", part, expected_calibration_error(result.judged))
        out.judged[part] = result.judged
        confident = tally(subset, documents, CONFIDENT)
        out.add_rate(f"precision, confidence >= {CONFIDENT}", part, confident.emitted_correct, confident.emitted)
        out.add_rate(f"event-type recall, confidence >= {CONFIDENT}", part, confident.type_found, confident.records)
        if part == "tune":
            out.details = _type_table(result) + [f"miss: {m}" for m in result.misses]
    return out


def _type_table(result: PloverResult) -> list[str]:
    lines = [f"{'type':<10} {'records':>7} {'type rec':>8} {'triple':>7} {'precision':>9}"]
    for name, c in sorted(result.by_type.items()):
        precision = f"{c['emitted_correct'] / c['emitted']:.2f}" if c["emitted"] else "-"
        lines.append(f"{name:<10} {c['records']:>7} {c['type'] / c['records']:>8.2f} "
                     f"{c['triple'] / c['records']:>7.2f} {precision:>9}")
    return lines
