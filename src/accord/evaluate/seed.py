"""The seed page (``examples/kishida-2024-04-08``): every required event and quote of expected.json."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..model import Document, Event
from .common import SetResult


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
    """The event's date as expected: inside a year or month, within the tolerance of a day, none at all when
    the expected date is null (an event the text places in the past without a date), anything when absent."""
    if "date" in expected and expected["date"] is None:
        return event.date is None
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


def score_articles(pipeline, expected_path: Path) -> SeedResult:
    """Several articles read as the seed page is (``{"articles": [{"file", "published", "events"}]}``, files
    beside the expected file), their counts pooled."""
    expected = json.loads(expected_path.read_text("utf-8"))
    pooled = SeedResult()
    for article in expected["articles"]:
        text = (expected_path.parent / article["file"]).read_text("utf-8")
        document = pipeline.code_text(text, published=date.fromisoformat(article["published"]), doc_id=article["file"])
        result = check_expected(document, article)
        pooled.required += result.required
        pooled.found += result.found
        pooled.problems += [f"{article['file']}: {problem}" for problem in result.problems]
    return pooled


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


def evaluate(pipeline, shared: Path) -> SetResult | None:
    """The seed page's required events and quotes (one document: no halves); it passes or fails."""
    folder = shared / "examples" / "kishida-2024-04-08"
    if not (folder / "expected.json").is_file():
        return None
    seed = score_seed(pipeline, folder)
    out = SetResult("seed", f"Seed page ({folder})", sizes={"all": 1}, passed=seed.passed)
    out.add_rate("required events", "all", seed.found, seed.required)
    out.add_rate("quotes attributed", "all", seed.quotes_found, seed.quotes)
    out.add("furniture removed", "all", float(seed.furniture_ok))
    out.notes = [f"seed page: {'PASS' if seed.passed else 'FAIL'}"] + seed.problems
    return out
