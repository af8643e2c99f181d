"""Stored event and quotation rows as the API returns them (JSON) and the downloads write them (flat rows)."""
from __future__ import annotations

import json
import re
from typing import Any

from ..analysis.legend import cameo_name

# the columns of an event list downloaded as CSV (event_record)
EVENT_COLUMNS = ["id", "date", "date_precision", "source_code", "source_country", "source_name", "source_text",
                 "cameo", "cameo_name", "root", "quad_class", "goldstein", "plover_type", "plover_mode", "status",
                 "target_code", "target_country", "target_name", "target_text", "trigger", "evidence",
                 "place_name", "place_country", "correction_id", "coded", "document_page", "doc_id", "url", "title",
                 "outlet", "published"]
QUOTE_COLUMNS = ["id", "kind", "speaker_code", "speaker_country", "speaker_name", "speaker_text", "cue_text", "text",
                 "document_page", "doc_id", "url", "title", "outlet", "published"]


def document_page(row: dict[str, Any]) -> str:
    return f"/documents/{row['document_id']}"


def event_record(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event as one flat row (EVENT_COLUMNS), for CSV."""
    return {**row, "cameo_name": cameo_name(row["cameo"]), "trigger": row["trigger_text"],
            "document_page": document_page(row)}


def quote_record(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "document_page": document_page(row)}


def quote_json(row: dict[str, Any]) -> dict[str, Any]:
    """A stored quotation as the API returns it."""
    return {
        "id": row["id"], "kind": row["kind"], "text": row["text"],
        "speaker": {"code": row["speaker_code"], "country": row["speaker_country"], "name": row["speaker_name"],
                    "text": row["speaker_text"]},
        "cue": row["cue_text"],
        "document": _document(row),
    }


def _document(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["doc_id"], "page": document_page(row), "url": row["url"], "title": row["title"],
            "outlet": row["outlet"], "published": row["published"].isoformat() if row["published"] else None}


def event_json(row: dict[str, Any]) -> dict[str, Any]:
    def side(name: str):
        if not row[f"{name}_code"]:
            return None
        return {"code": row[f"{name}_code"], "country": row[f"{name}_country"], "name": row[f"{name}_name"],
                "text": row[f"{name}_text"]}

    return {
        "id": row["id"], "date": row["date"], "date_precision": row["date_precision"],
        "event_day": row["event_day"].isoformat() if row["event_day"] else None,
        "source": side("source"), "target": side("target"),
        "cameo": row["cameo"], "cameo_name": cameo_name(row["cameo"]), "root": row["root"],
        "quad_class": row["quad_class"], "goldstein": row["goldstein"], "plover_type": row["plover_type"],
        "plover_mode": row["plover_mode"], "status": row["status"], "trigger": row["trigger_text"],
        "evidence": row["evidence"], "rule": row.get("rule"), "confidence": row.get("confidence"),
        # an analyst's correction (migration 0012): its id, and the coder's own values of the fields it set
        "correction_id": row.get("correction_id"), "coded": json.loads(row["coded"]) if row.get("coded") else None,
        "document": _document(row),
    }


def evidence_parts(row: dict[str, Any]) -> tuple[str, str, str]:
    """The evidence split around its trigger word, for highlighting (each part is escaped when shown).

    The trigger is looked for as a whole word ("aid" is never the end of "said"); when the evidence holds it
    more than once, the one nearest where the stored offsets put it. Nothing is marked when the trigger is
    not in the evidence as a word."""
    evidence, trigger = row["evidence"] or "", row["trigger_text"] or ""
    spots = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(trigger)}(?!\w)", evidence)] if trigger else []
    if not spots:
        return evidence, "", ""
    expected = _expected_at(row, evidence)
    at = spots[0] if expected is None else min(spots, key=lambda spot: abs(spot - expected))
    return evidence[:at], trigger, evidence[at + len(trigger):]


def _expected_at(row: dict[str, Any], evidence: str) -> int | None:
    """Where the trigger should start in the evidence. The store keeps document offsets, not the sentence's
    start, so that start is found from another span of the event (source, target) the evidence holds once."""
    trigger_start = row.get("trigger_start")
    if trigger_start is None:
        return None
    for side in ("source", "target"):
        text, start = row.get(f"{side}_text"), row.get(f"{side}_start")
        if not text or start is None:
            continue
        found = [m.start() for m in re.finditer(re.escape(text), evidence)]
        if len(found) == 1:
            return trigger_start - (start - found[0])
    return None
