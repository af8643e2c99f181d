"""Stored event rows as the API returns them."""
from __future__ import annotations

from typing import Any


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
        "cameo": row["cameo"], "root": row["root"], "quad_class": row["quad_class"], "goldstein": row["goldstein"],
        "plover_type": row["plover_type"], "status": row["status"], "trigger": row["trigger_text"],
        "evidence": row["evidence"],
        "document": {"id": row["doc_id"], "url": row["url"], "title": row["title"], "outlet": row["outlet"],
                     "published": row["published"].isoformat() if row["published"] else None},
    }


def evidence_parts(row: dict[str, Any]) -> tuple[str, str, str]:
    """The evidence split around its trigger word, for highlighting (each part is escaped when shown)."""
    evidence, trigger = row["evidence"] or "", row["trigger_text"] or ""
    at = evidence.find(trigger) if trigger else -1
    if at < 0:
        return evidence, "", ""
    return evidence[:at], trigger, evidence[at + len(trigger):]
