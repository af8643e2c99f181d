"""Files to take away: every list and chart as CSV, and event and quotation lists as JSON Lines, streamed
so a download of many rows never sits in memory whole.

CSV: UTF-8, a header row, codes written as text as they are stored (CAMEO ``042`` keeps its zero: read it
as text, e.g. ``pandas.read_csv(f, dtype={"cameo": str, "root": str})``). Scraped text is untrusted: a
text cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) gets a leading apostrophe. Numbers are written as numbers."""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from fastapi.responses import StreamingResponse

from .events_json import EVENT_COLUMNS, QUOTE_COLUMNS, event_json, event_record, quote_json, quote_record

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _disposition(name: str) -> dict[str, str]:
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "accord"  # codes and words only, never quotes
    return {"Content-Disposition": f'attachment; filename="{safe}"'}


def csv_response(rows: Iterable[dict[str, Any]], columns: list[str], name: str) -> StreamingResponse:
    """The rows as a CSV file to download (``name``.csv), one row at a time."""

    def lines() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([cell(row.get(c)) for c in columns])
            if buffer.tell() > 65536:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return StreamingResponse(lines(), media_type="text/csv; charset=utf-8", headers=_disposition(f"{name}.csv"))


def jsonl_response(rows: Iterable[dict[str, Any]], name: str) -> StreamingResponse:
    """One JSON object a line (``name``.jsonl)."""
    lines = (json.dumps(row, ensure_ascii=False, default=str) + "\n" for row in rows)
    return StreamingResponse(lines, media_type="application/x-ndjson; charset=utf-8",
                             headers=_disposition(f"{name}.jsonl"))


def _list_file(fmt: str, rows: Iterable[dict[str, Any]], name: str, json_row, flat_row,
               columns: list[str]) -> StreamingResponse:
    if fmt == "csv":
        return csv_response(map(flat_row, rows), columns, name)
    return jsonl_response(map(json_row, rows), name)


def events_file(fmt: str, rows: Iterable[dict[str, Any]], name: str) -> StreamingResponse:
    """Every event of a list (stored rows) as CSV (EVENT_COLUMNS) or JSON Lines (the API's events)."""
    return _list_file(fmt, rows, name, event_json, event_record, EVENT_COLUMNS)


def quotes_file(fmt: str, rows: Iterable[dict[str, Any]], name: str) -> StreamingResponse:
    """Every quotation of a list as CSV (QUOTE_COLUMNS) or JSON Lines (the API's quotations)."""
    return _list_file(fmt, rows, name, quote_json, quote_record, QUOTE_COLUMNS)
