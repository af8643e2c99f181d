"""BBC News articles, political or not (``eval/bbc-news/train.tsv``): false alarms.

Sport, business, tech and entertainment news is full of words a careless coder reads as violence ("beat",
"hit", "shot", "attack"). Each article is coded whole, as it comes (lower-cased, punctuation inside words
dropped upstream). Reported on each half (halves by the article's normalised text):

- *non-political with material conflict*: the share of articles labelled not political (0) in which accord
  asserts material conflict — an event of CAMEO roots 14-20 whose status is occurred or ongoing (lower is
  better);
- *political with an event* and *events per political article*: that accord still finds events in the
  political articles (1);
- *non-political with any event*: reported, lower is better.
"""
from __future__ import annotations

from pathlib import Path

from ..model import Document, Event
from .common import SetResult, by_part
from .split import text_half

MATERIAL_CONFLICT_ROOTS = frozenset(f"{r}" for r in range(14, 21))
ASSERTED = ("occurred", "ongoing")


def read_articles(path: Path) -> list[tuple[str, str, int]]:
    """(id, text, label) per row; the id is the row number."""
    rows = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        text, _, label = line.rstrip("\r").rpartition("\t")
        if text.strip() and label.strip() in ("0", "1"):
            rows.append((f"bbc-{n}", text, int(label)))
    return rows


def asserts_material_conflict(events: list[Event]) -> bool:
    return any(e.root in MATERIAL_CONFLICT_ROOTS and e.status in ASSERTED for e in events)


def evaluate(pipeline, shared: Path) -> SetResult | None:
    path = shared / "eval" / "bbc-news" / "train.tsv"
    if not path.is_file():
        return None
    rows = read_articles(path)
    coded = {d.id: d for d in pipeline.code_documents(Document(id=i, text=t) for i, t, _ in rows)
             if isinstance(d, Document)}
    out = SetResult("bbc", f"BBC News articles, political or not ({path})",
                    lower_is_better={"non-political with material conflict", "non-political with any event"})
    for part, subset in by_part(rows, lambda r: text_half(r[1])).items():
        plain = [coded[i].events if i in coded else [] for i, _, label in subset if label == 0]
        political = [coded[i].events if i in coded else [] for i, _, label in subset if label == 1]
        out.sizes[part] = len(subset)
        out.add_rate("non-political with material conflict", part,
                     sum(asserts_material_conflict(e) for e in plain), len(plain))
        out.add_rate("non-political with any event", part, sum(bool(e) for e in plain), len(plain))
        out.add_rate("political with an event", part, sum(bool(e) for e in political), len(political))
        out.add("events per political article", part,
                sum(len(e) for e in political) / len(political) if political else 0.0)
        if part == "tune":
            out.details = [f"material conflict in a non-political article: {e.source.actor.code if e.source else '-'} "
                           f"{e.cameo} {e.target.actor.code if e.target else '-'} '{e.trigger.text}' | "
                           f"{e.evidence[:160]}"
                           for i, _, label in subset if label == 0 and i in coded
                           for e in coded[i].events if e.root in MATERIAL_CONFLICT_ROOTS and e.status in ASSERTED]
    return out
