"""`accord recode`: stored documents coded again by the current coder, and what that changed.

Each stored document's text (as stored: cleaned, dateline removed, encoding repaired) is coded again and
its events, actors and quotes replaced, in one transaction per document (``Store.recode_document``). The
report of a document lists its events added, removed and changed (code, status, source, target), each with
its evidence and both coders' versions, and what became of each analyst's correction: corrections follow
their event by its anchor (the trigger's offsets and words, else the evidence and the trigger's words; the
sides' offsets among one trigger's events) and win over the new coder; a correction whose event is gone is
kept, detached, and reported. Sits beside the command line: ``cli -> recode -> pipeline, store``.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .errors import AccordError, InputError
from .model import Dateline, Document

CHUNK = 32  # documents read and coded at a time
COMPARED = {"code": "cameo", "status": "status", "source": "source_code", "target": "target_code"}
SHOWN = ("sentence", "evidence", "trigger_text", "trigger_start", "source_code", "target_code", "cameo", "status",
         "date")


@dataclass
class Recoded:
    """What re-coding one document changed."""

    document_id: int
    doc_id: str
    coder_before: str
    coder_after: str
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)  # {"before", "after", "what": [code, status, ...]}
    kept: list[dict[str, Any]] = field(default_factory=list)  # corrections that found their event
    detached: list[dict[str, Any]] = field(default_factory=list)  # corrections whose event is gone
    error: str | None = None

    @property
    def differs(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.detached)

    def to_dict(self) -> dict[str, Any]:
        return {"document_id": self.document_id, "doc_id": self.doc_id, "coder_before": self.coder_before,
                "coder_after": self.coder_after, "added": self.added, "removed": self.removed,
                "changed": self.changed, "corrections_kept": self.kept, "corrections_detached": self.detached,
                "error": self.error}


def document_of(row: dict[str, Any]) -> Document:
    """A stored document as the pipeline takes it (its text is already cleaned; the dateline is its own)."""
    dateline = Dateline(row["dateline_place"], row["dateline_date"]) \
        if row["dateline_place"] or row["dateline_date"] else None
    return Document(id=row["doc_id"], text=row["text"], title=row["title"], url=row["url"],
                    published=row["published"], dateline=dateline)


def _shown(row: dict[str, Any]) -> dict[str, Any]:
    return {key: row[key] for key in SHOWN}


def _pair_key(row: dict[str, Any]) -> tuple:
    return row["trigger_start"], row["trigger_end"], row["source_start"], row["target_start"]


def diff(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> tuple[list, list, list]:
    """Events added, removed and changed between two codings of one text. An event is the same event when
    its trigger and its sides stand at the same offsets; else, the events left on one trigger are paired in
    text order (a side read differently). A pair that differs in code, status, source or target is changed."""
    left, right = list(before), list(after)
    pairs = []
    for matcher in (_pair_key, lambda row: (row["trigger_start"], row["trigger_end"])):
        waiting: dict[tuple, list] = {}
        for row in right:
            waiting.setdefault(matcher(row), []).append(row)
        unmatched = []
        for row in left:
            candidates = waiting.get(matcher(row))
            if candidates:
                other = candidates.pop(0)
                right.remove(other)
                pairs.append((row, other))
            else:
                unmatched.append(row)
        left = unmatched
    changed = []
    for old, new in pairs:
        what = [name for name, column in COMPARED.items() if old[column] != new[column]]
        if what:
            changed.append({"what": what, "before": _shown(old), "after": _shown(new)})
    return [_shown(r) for r in right], [_shown(r) for r in left], changed


def recode(store, pipeline, ids: Iterable[int] | None = None) -> Iterator[Recoded]:
    """Re-code the stored documents (all, or those with these ids) and say what changed in each; a document
    the coder or the store fails on keeps its events and is reported with the reason. Documents are read and
    coded CHUNK at a time (the parser works in batches; no read stays open while a document is written)."""
    wanted = store.document_ids(set(ids) if ids is not None else None)
    for start in range(0, len(wanted), CHUNK):
        rows = list(store.stored_documents(wanted[start:start + CHUNK]))
        for row, coded in zip(rows, pipeline.code_documents([document_of(r) for r in rows])):
            yield _recoded(store, row, coded)


def _recoded(store, row: dict[str, Any], coded) -> Recoded:
    if isinstance(coded, InputError):
        return Recoded(row["id"], row["doc_id"], row["coder_version"], row["coder_version"], error=coded.reason)
    try:
        result = store.recode_document(row["id"], coded)
    except AccordError as exc:  # this document keeps its events; the others go on
        return Recoded(row["id"], row["doc_id"], row["coder_version"], row["coder_version"], error=str(exc))
    added, removed, changed = diff(result["before"], result["after"])
    report = Recoded(row["id"], row["doc_id"], result["coder_before"], result["coder_after"], added, removed,
                     changed)
    for correction in result["corrections"]:
        entry = {"correction": correction["id"], "event_id": correction["event_id"],
                 "verdict": correction["verdict"], "fields": json.loads(correction["fields"]),
                 "analyst": correction["analyst"], "evidence": correction["evidence"],
                 "trigger_text": correction["trigger_text"]}
        (report.kept if correction["event_id"] is not None else report.detached).append(entry)
    return report
