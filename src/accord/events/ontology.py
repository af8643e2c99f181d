"""CAMEO codes, Goldstein values, QuadClass and the CAMEO -> PLOVER mapping, loaded from data files.

Nothing here is typed twice: every derived value (root, QuadClass, PLOVER type) comes from the code
through these tables.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import DictionaryError

# GDELT's QuadClass by CAMEO root: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
# 4 material conflict.
QUAD_CLASS_BY_ROOT = {**{f"{r:02d}": 1 for r in range(1, 6)}, **{f"{r:02d}": 2 for r in range(6, 9)},
                      **{f"{r:02d}": 3 for r in range(9, 14)}, **{f"{r:02d}": 4 for r in range(14, 21)}}


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    name: str
    goldstein: float
    plover_type: str | None
    plover_mode: str | None
    plover_context: tuple[str, ...]

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def quad_class(self) -> int:
        return QUAD_CLASS_BY_ROOT[self.root]

    def plover(self) -> dict[str, Any]:
        return {"type": self.plover_type, "mode": self.plover_mode, "context": list(self.plover_context)}

    @property
    def label(self) -> str:
        """The code with its name, as every page and table shows it: "042 Make a visit"."""
        return f"{self.code} {self.name}"


@dataclass(frozen=True, slots=True)
class Status:
    name: str
    asserted: bool  # the text says the event happened or is happening
    description: str


def _rows(name: str) -> list[dict[str, str]]:
    path = f"data/events/{name}"
    text = resources.files("accord").joinpath(path).read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


class Ontology:
    def __init__(self) -> None:
        plover = {row["cameo"]: row for row in _rows("cameo_plover.tsv")}
        self.codes: dict[str, Code] = {}
        for row in _rows("cameo_codes.tsv"):
            mapping = plover.get(row["code"])
            if mapping is None:
                raise DictionaryError("data/events/cameo_plover.tsv", None, f"no PLOVER row for CAMEO {row['code']}")
            self.codes[row["code"]] = Code(
                code=row["code"],
                name=row["name"],
                goldstein=float(row["goldstein"]),
                plover_type=mapping["plover_type"] or None,
                plover_mode=mapping["mode"] or None,
                plover_context=tuple(c for c in (mapping["context"] or "").split(",") if c),
            )
        self.plover_types = {row["type"]: row for row in _rows("plover_types.tsv")}
        self.plover_contexts = {row["context"]: row["description"] for row in _rows("plover_contexts.tsv")}
        self.plover_modes = self._modes()
        self.statuses = {row["status"]: Status(row["status"], row["asserted"] == "yes", row["description"])
                         for row in _rows("statuses.tsv")}

    def _modes(self) -> dict[tuple[str, str], str]:
        """(type, mode) -> description, one for each mode plover_types.tsv allows, and no other."""
        path = "data/events/plover_modes.tsv"
        described = {(row["type"], row["mode"]): row["description"] for row in _rows("plover_modes.tsv")}
        allowed = {(name, mode) for name, row in self.plover_types.items()
                   for mode in (row["modes"] or "").split(",") if mode}
        for type_, mode in sorted(allowed - described.keys()):
            raise DictionaryError(path, None, f"no description of {type_}'s mode {mode!r}")
        for type_, mode in sorted(described.keys() - allowed):
            raise DictionaryError(path, None, f"{mode!r} is not a mode plover_types.tsv allows {type_}")
        return described

    def __getitem__(self, code: str) -> Code:
        try:
            return self.codes[code]
        except KeyError:
            raise KeyError(f"unknown CAMEO code {code!r}") from None

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def label(self, code: str | None) -> str:
        """"042 Make a visit"; a code the tables do not hold is shown as it is."""
        known = self.codes.get(code or "")
        return known.label if known else (code or "")

    def plover_types_for_root(self, root: str) -> set[str]:
        return {c.plover_type for c in self.codes.values() if c.root == root and c.plover_type}


@lru_cache(maxsize=1)
def load() -> Ontology:
    return Ontology()
