"""Scorers for the public gold sets in ``shared/eval`` and for the seed example.

- PLOVER GSR (``eval/plover-gsr/dev.jsonl``): event-type recall, triple recall (type + gold source
  country + gold target country), precision of emitted events, and how often the emitted source and
  target countries are gold ones.
- ConfliBERT CAMEO sentences (``eval/conflibert-quad/train.tsv``): PentaClass accuracy and macro-F1.
- The seed page (``examples/kishida-2024-04-08``): every required event and quote of expected.json.

Each scorer returns a result object; ``run_all`` prints summaries and per-type tables.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from rich.console import Console
from rich.table import Table

from .ingest.readers import from_text
from .model import Document, Event

# Legacy CAMEO country codes used in older gold data -> ISO 3166 alpha-3.
LEGACY_CODES = {"JAP": "JPN", "ITL": "ITA", "GZS": "PSE", "WSB": "PSE", "ROM": "ROU", "ZAR": "COD",
                "BAG": "IRQ", "KOS": "XKX", "TMP": "TLS", "SRM": "SRB", "YUG": "SRB"}
GENERIC_CODES = {"IGO", "NGO", "IMG", "MNC", "ISM"}  # match any actor code that starts with them
# The GSR codes every international body "IGO", Amnesty International and the Red Cross included, where
# CAMEO separates governmental (IGO) from non-governmental (NGO) ones: either counts for the other.
GENERIC_EQUIVALENTS = {"IGO": ("IGO", "NGO"), "NGO": ("NGO", "IGO")}
PENTA_CLASS_BY_ROOT = {**{"01": 0, "02": 0}, **{f"{r:02d}": 1 for r in (3, 4, 5)},
                       **{f"{r:02d}": 2 for r in (6, 7, 8)}, **{f"{r:02d}": 3 for r in (9, 10, 11, 12, 13, 16)},
                       **{f"{r:02d}": 4 for r in (14, 15, 17, 18, 19, 20)}}
PENTA_NAMES = ["statement/appeal", "verbal coop", "material coop", "verbal conflict", "material conflict"]


# ---------------------------------------------------------------------------------- helpers
def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _code_texts(pipeline, texts: list[tuple[str, str]], published: date | None = None) -> list[Document]:
    """Code short gold texts in one batch (ids kept in order)."""
    items = [from_text(text, doc_id, doc_id, published=published) for doc_id, text in texts]
    return [d for d in pipeline.code_documents(items) if isinstance(d, Document)]


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


# ---------------------------------------------------------------------------------- PLOVER GSR
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

    @property
    def type_recall(self) -> float:
        return _ratio(self.type_found, self.records)

    @property
    def triple_recall(self) -> float:
        return _ratio(self.triple_found, self.records)

    @property
    def precision(self) -> float:
        return _ratio(self.emitted_correct, self.emitted)

    @property
    def source_accuracy(self) -> float:
        return _ratio(self.source_country_ok, self.records_with_events)

    @property
    def target_accuracy(self) -> float:
        return _ratio(self.target_country_ok, self.records_with_gold_target)


def score_plover(pipeline, path: Path) -> PloverResult:
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    documents = _code_texts(pipeline, [(r["id"], r["text"]) for r in records])
    by_id = {d.id: d for d in documents}
    result = PloverResult()
    for record in records:
        gold_type = record["event"]
        sources = [a["code"] for a in record["source"]]
        targets = [a["code"] for a in record["target"]]
        document = by_id.get(record["id"])
        events = _distinct_events(document.events) if document else []
        result.records += 1
        counts = result.by_type[gold_type]
        counts["records"] += 1
        typed = [e for e in events if e.plover.get("type") == gold_type]
        triple = [e for e in typed if _side_matches(e.source, sources)
                  and (not targets or _side_matches(e.target, targets) or _side_matches(e.source, targets)
                       and _side_matches(e.target, sources))]
        if typed:
            result.type_found += 1
            counts["type"] += 1
        if triple:
            result.triple_found += 1
            counts["triple"] += 1
        result.emitted += len(events)
        result.emitted_correct += len(typed)
        counts["emitted"] += len(events)
        counts["emitted_correct"] += len(typed)
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


# ---------------------------------------------------------------------------------- ConfliBERT
@dataclass
class PentaResult:
    gold: list[int] = field(default_factory=list)
    predicted: list[int] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return sum(g == p for g, p in zip(self.gold, self.predicted)) / len(self.gold) if self.gold else 0.0

    def f1_by_class(self) -> dict[int, float]:
        scores = {}
        for c in range(5):
            tp = sum(1 for g, p in zip(self.gold, self.predicted) if g == c and p == c)
            fp = sum(1 for g, p in zip(self.gold, self.predicted) if g != c and p == c)
            fn = sum(1 for g, p in zip(self.gold, self.predicted) if g == c and p != c)
            precision = tp / (tp + fp) if tp + fp else 0.0
            recall = tp / (tp + fn) if tp + fn else 0.0
            scores[c] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return scores

    @property
    def macro_f1(self) -> float:
        scores = self.f1_by_class()
        return sum(scores.values()) / len(scores)


def penta_class(events: Iterable[Event]) -> int:
    """The class of a sentence: that of its first event by position, 0 when it has none."""
    ordered = sorted(events, key=lambda e: e.trigger.start)
    return PENTA_CLASS_BY_ROOT[ordered[0].root] if ordered else 0


def score_conflibert(pipeline, path: Path) -> PentaResult:
    rows = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        line = line.rstrip("\r")
        if not line.strip() or "\t" not in line:
            continue
        text, label = line.rsplit("\t", 1)
        rows.append((f"conflibert-{n}", text.strip(), int(label)))
    documents = {d.id: d for d in _code_texts(pipeline, [(i, t) for i, t, _ in rows])}
    result = PentaResult()
    for doc_id, text, label in rows:
        document = documents.get(doc_id)
        predicted = penta_class(document.events) if document else 0
        result.gold.append(label)
        result.predicted.append(predicted)
        if predicted != label:
            first = sorted(document.events, key=lambda e: e.trigger.start)[0] if document and document.events else None
            got = f"{first.cameo} '{first.trigger.text}'" if first else "no event"
            result.misses.append(f"gold {label} got {predicted} ({got}) | {text[:160]}")
    return result


# ---------------------------------------------------------------------------------- seed page
@dataclass
class SeedResult:
    required: int = 0
    found: int = 0
    quotes: int = 0
    quotes_found: int = 0
    furniture_ok: bool = True
    problems: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.found == self.required and self.quotes_found == self.quotes and self.furniture_ok


def _date_ok(event: Event, expected: dict[str, Any]) -> bool:
    want = expected.get("date")
    if not want:
        return True
    if event.date is None:
        return False
    if len(want) in (4, 7):  # a year or a month: the event's date must fall inside it
        return event.date[:len(want)] == want
    tolerance = int(expected.get("date_tolerance_days", 0))
    try:
        got = date.fromisoformat(event.date[:10]) if len(event.date) >= 10 else None
    except ValueError:
        return False
    return got is not None and abs((got - date.fromisoformat(want)).days) <= tolerance


def event_matches(event: Event, expected: dict[str, Any]) -> bool:
    """The matching rule written in expected.json."""
    if event.root not in expected["roots"]:
        return False
    statuses = expected.get("status")
    if statuses and event.status not in statuses:
        return False
    if not _date_ok(event, expected):
        return False
    s = event.source.actor.country if event.source else None
    t = event.target.actor.country if event.target else None
    forward = s in expected["source"] and t in expected["target"]
    backward = expected.get("symmetric", False) and t in expected["source"] and s in expected["target"]
    return forward or backward


def check_expected(document: Document, expected: dict[str, Any]) -> SeedResult:
    result = SeedResult()
    for phrase in expected.get("must_not_contain_text", []):
        if phrase.lower() in document.text.lower():
            result.furniture_ok = False
            result.problems.append(f"page furniture left in the text: {phrase!r}")
    for wanted in expected["events"]:
        if not wanted.get("required"):
            continue
        result.required += 1
        if any(event_matches(e, wanted) for e in document.events):
            result.found += 1
        else:
            result.problems.append(f"missing event: {wanted['evidence']}")
    for wanted in expected.get("quotes", []):
        result.quotes += 1
        match = next((q for q in document.quotes if q.text.strip().startswith(wanted["begins"])), None)
        if match and match.speaker and match.speaker.country == wanted["speaker"]:
            result.quotes_found += 1
        else:
            who = f"{match.speaker.code}" if match and match.speaker else "nobody"
            result.problems.append(f"quote not attributed to {wanted['speaker']} (got {who}): {wanted['begins']!r}")
    return result


def score_seed(pipeline, folder: Path) -> SeedResult:
    expected = json.loads((folder / "expected.json").read_text("utf-8"))
    published = date.fromisoformat(expected["published"])
    item = next(pipeline.code_paths([str(folder / "article.txt")], published=published))
    if not isinstance(item, Document):
        result = SeedResult()
        result.problems.append(str(item))
        result.furniture_ok = False
        return result
    return check_expected(item, expected)


# ---------------------------------------------------------------------------------- report
def run_all(pipeline, shared: Path, only: set[str], details: bool, console: Console) -> bool:
    ok = True
    if not shared.is_dir():
        console.print(f"[red]{shared} is not a folder: give --shared the path of the shared material[/red]")
        return False
    wanted = only or {"seed", "plover", "conflibert"}
    if "seed" in wanted:
        folder = shared / "examples" / "kishida-2024-04-08"
        seed = score_seed(pipeline, folder)
        console.print(f"[bold]Seed page[/bold] ({folder}): required events {seed.found}/{seed.required}, "
                      f"quotes attributed {seed.quotes_found}/{seed.quotes}, "
                      f"furniture removed: {'yes' if seed.furniture_ok else 'no'} -> "
                      + ("[green]PASS[/green]" if seed.passed else "[red]FAIL[/red]"))
        for problem in seed.problems:
            console.print(f"  {problem}", highlight=False)
        ok = ok and seed.passed
    if "plover" in wanted:
        path = shared / "eval" / "plover-gsr" / "dev.jsonl"
        result = score_plover(pipeline, path)
        console.print(f"[bold]PLOVER GSR[/bold] ({path}, {result.records} records): "
                      f"event-type recall {result.type_recall:.3f}, triple recall {result.triple_recall:.3f}, "
                      f"precision {result.precision:.3f} ({result.emitted_correct}/{result.emitted} events), "
                      f"source country right {result.source_accuracy:.3f}, "
                      f"target country right {result.target_accuracy:.3f}")
        table = Table("type", "records", "type recall", "triple recall", "precision", header_style="bold")
        for name, c in sorted(result.by_type.items()):
            table.add_row(name, str(c["records"]), f"{c['type'] / c['records']:.2f}",
                          f"{c['triple'] / c['records']:.2f}",
                          f"{c['emitted_correct'] / c['emitted']:.2f}" if c["emitted"] else "-")
        console.print(table)
        if details:
            for miss in result.misses:
                console.print(f"  miss: {miss}", highlight=False, markup=False, soft_wrap=True)
    if "conflibert" in wanted:
        path = shared / "eval" / "conflibert-quad" / "train.tsv"
        penta = score_conflibert(pipeline, path)
        console.print(f"[bold]ConfliBERT PentaClass[/bold] ({path}, {len(penta.gold)} sentences): "
                      f"accuracy {penta.accuracy:.3f}, macro-F1 {penta.macro_f1:.3f}")
        table = Table("gold \\ predicted", *[str(c) for c in range(5)], "F1", header_style="bold")
        confusion = Counter(zip(penta.gold, penta.predicted))
        scores = penta.f1_by_class()
        for g in range(5):
            table.add_row(f"{g} {PENTA_NAMES[g]}", *[str(confusion[(g, p)]) for p in range(5)], f"{scores[g]:.2f}")
        console.print(table)
        if details:
            for miss in penta.misses:
                console.print(f"  miss: {miss}", highlight=False, markup=False, soft_wrap=True)
    return ok
