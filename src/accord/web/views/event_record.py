"""One real-world event (an event record of `accord group`): what its reports agree on, the counts behind
each value, and every report with its evidence and its document, one click away."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Path, Request

from ..events_json import event_json, evidence_parts
from ..pages import page, store_of

router = APIRouter()
RECORD_ID = Path(..., ge=1, le=2**31 - 1, description="The event record's number in the store (`accord group`).")


def stored(request: Request, record_id: int) -> dict:
    found = store_of(request).event_record(record_id)
    if found is None:
        raise HTTPException(404, f"no event record {record_id} in the store (accord group makes them)")
    return found


def _day(value) -> str | None:
    return value.isoformat() if value else None


@router.get("/event-records/{record_id}", include_in_schema=False)
def event_record_page(request: Request, record_id: int = RECORD_ID):
    return page(request, "event_record.html", {"record": stored(request, record_id), "evidence_parts": evidence_parts})


@router.get("/api/event-records/{record_id}", tags=["events"], summary="A real-world event and its reports",
            description="An event record of `accord group`: its sides, code, status, day and place as most of its "
                        "reports give them, the counts of every value the reports give (agreement), its numbers "
                        "of reports, sources and articles, its first and last report, and the reports themselves.")
def event_record_api(request: Request, record_id: int = RECORD_ID):
    record = stored(request, record_id)
    sides = {side: {"code": record[f"{side}_code"], "country": record[f"{side}_country"],
                    "name": record[f"{side}_name"]} if record[f"{side}_code"] else None
             for side in ("source", "target")}
    return {
        "id": record["id"], **sides, "cameo": record["cameo"], "root": record["root"],
        "quad_class": record["quad_class"], "goldstein": record["goldstein"], "plover_type": record["plover_type"],
        "status": record["status"], "event_day": _day(record["event_day"]),
        "place": {"name": record["place_name"], "country": record["place_country"]} if record["place_name"] else None,
        "reports": record["reports"], "sources": record["sources"], "articles": record["articles"],
        "first_report": _day(record["first_report"]), "last_report": _day(record["last_report"]),
        "agreement": record["agreement"],
        "report_list": [event_json(row) for row in record["reports_list"]],
    }
