"""What the codes mean, in words, for every page and table: CAMEO codes with their names, PLOVER types,
modes and contexts, QuadClasses and statuses. Everything comes from the ontology tables in
``src/accord/data/events`` (``events/ontology.py`` loads them); nothing is typed here."""
from __future__ import annotations

from typing import Any

from ..events import ontology
from .dyads import QUAD_COLUMNS


def quad_class_name(quad_class: int | None) -> str:
    """1 -> "verbal cooperation" (the names plover_types.tsv gives the QuadClasses)."""
    return QUAD_COLUMNS.get(quad_class or 0, "").replace("_", " ")


def cameo_label(code: str | None) -> str:
    """"042 Make a visit"."""
    return ontology.load().label(code)


def cameo_name(code: str | None) -> str:
    """"Make a visit" ("" for a code the tables do not hold)."""
    known = ontology.load().codes.get(code or "")
    return known.name if known else ""


def plover_title(plover_type: str | None, plover_mode: str | None = None) -> str:
    """A PLOVER type (and mode) explained in a sentence or two, for a tooltip."""
    known = ontology.load()
    row = known.plover_types.get(plover_type or "")
    if row is None:
        return ""
    text = f"PLOVER {plover_type}: {row['description']}."
    mode = known.plover_modes.get((plover_type or "", plover_mode or ""))
    return text + (f" Mode {plover_mode}: {mode}." if mode else "")


def statuses() -> tuple[str, ...]:
    """Every status an event may have (statuses.tsv), in the table's order."""
    return tuple(ontology.load().statuses)


def status_title(status: str | None) -> str:
    found = ontology.load().statuses.get(status or "")
    return found.description if found else ""


def event_title(row: dict[str, Any]) -> str:
    """The tooltip of an event's code: its QuadClass and Goldstein score."""
    return f"QuadClass {row['quad_class']}, {quad_class_name(row['quad_class'])}; Goldstein {row['goldstein']:+.1f}"


def legend() -> dict[str, Any]:
    """Every code and what it means, as the legend page and /api/legend show them."""
    known = ontology.load()
    return {
        "cameo": [{"code": c.code, "name": c.name, "root": c.root, "quad_class": c.quad_class,
                   "goldstein": c.goldstein, "plover_type": c.plover_type, "plover_mode": c.plover_mode,
                   "plover_context": list(c.plover_context)} for c in known.codes.values()],
        "quad_classes": [{"quad_class": n, "name": quad_class_name(n),
                          "roots": sorted({c.root for c in known.codes.values() if c.quad_class == n})}
                         for n in QUAD_COLUMNS],
        "plover_types": [{"type": name, "quad_class": row["quad_class"].replace("_", " "),
                          "description": row["description"],
                          "modes": [{"mode": mode, "description": description}
                                    for (type_, mode), description in known.plover_modes.items() if type_ == name]}
                         for name, row in known.plover_types.items()],
        "plover_contexts": [{"context": name, "description": description}
                            for name, description in known.plover_contexts.items()],
        "statuses": [{"status": s.name, "asserted": s.asserted, "description": s.description}
                     for s in known.statuses.values()],
    }
