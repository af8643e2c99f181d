"""Readable tables of coded documents for the terminal (``--format table``)."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .events import ontology
from .model import Document

STATUS_STYLE = {"occurred": "green", "ongoing": "cyan", "planned": "yellow", "intended": "yellow",
                "conditional": "magenta", "negated": "red", "alleged": "bright_red"}


def _actor(ref) -> str:
    if ref is None:
        return "-"
    return f"{ref.actor.code} {ref.actor.name}" if ref.actor.kind == "person" else ref.actor.code


def _place(place) -> str:
    if place is None:
        return "-"
    if place.name and place.country:
        return f"{place.name}, {place.country}"
    return place.name or place.text


def event_label(cameo: str, plover_type: str | None, plover_mode: str | None) -> str:
    """"042 Make a visit · CONSULT visit": the CAMEO code with its name, then the PLOVER type and mode."""
    plover = " ".join(part for part in (plover_type, plover_mode) if part)
    return ontology.load().label(cameo) + (f" · {plover}" if plover else "")


def print_document(console: Console, document: Document) -> None:
    heading = document.title or document.id
    console.print(Text(heading, style="bold"))
    meta = [f"id {document.id}"]
    if document.published:
        meta.append(f"published {document.published.isoformat()}")
    if document.dateline:
        meta.append(f"dateline {document.dateline.place or '?'}"
                    + (f", {document.dateline.date.isoformat()}" if document.dateline.date else ""))
    console.print(Text(" · ".join(meta), style="dim"))
    for warning in document.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))
    table = Table(show_lines=False, header_style="bold")
    for column in ("date", "source", "event", "target", "status", "place", "trigger"):
        table.add_column(column, overflow="fold")
    for event in document.events:
        when = event.date or "-"
        if event.date_precision == "week":
            when = f"week of {when}"
        table.add_row(
            Text(when),
            Text(_actor(event.source)),
            Text(event_label(event.cameo, event.plover.get("type"), event.plover.get("mode"))),
            Text(_actor(event.target)),
            Text(event.status, style=STATUS_STYLE.get(event.status, "")),
            Text(_place(event.location)),
            Text(event.trigger.text),
        )
    console.print(table)
    if document.quotes:
        quotes = Table(header_style="bold")
        for column in ("speaker", "cue", "kind", "what was said"):
            quotes.add_column(column, overflow="fold")
        for quote in document.quotes:
            if quote.speaker:
                speaker = f"{quote.speaker.code} ({quote.speaker.name})"
            else:
                speaker = f"? {quote.speaker_text}" if quote.speaker_text else "-"
            # only words quoted verbatim go in quotation marks; reported speech is the reporter's wording
            said = f"“{quote.text}”" if quote.kind in ("direct", "partial") else quote.text
            quotes.add_row(Text(speaker), Text(quote.cue_text or "-"), Text(quote.kind), Text(said))
        console.print(quotes)


def print_event_rows(console: Console, rows: list[dict]) -> None:
    """Stored events (rows of ``Store.events``) as a table with their evidence."""
    table = Table(header_style="bold", show_lines=False)
    for column in ("date", "source", "event", "target", "status", "evidence"):
        table.add_column(column, overflow="fold")
    for row in rows:
        when = row["date"] or "-"
        if row["date_precision"] == "week":
            when = f"week of {when}"
        table.add_row(Text(when), Text(row["source_code"] or "-"),
                      Text(event_label(row["cameo"], row["plover_type"], row["plover_mode"])),
                      Text(row["target_code"] or "-"),
                      Text(row["status"], style=STATUS_STYLE.get(row["status"], "")), Text(row["evidence"]))
    console.print(table)
    console.print(Text(f"{len(rows)} events", style="dim"))
