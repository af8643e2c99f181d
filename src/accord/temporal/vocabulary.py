"""The temporal stage's vocabulary, from ``data/temporal/vocabulary.yaml`` (one loader)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class Vocabulary:
    numbers: dict[str, float]
    vague_numbers: frozenset[str]
    units: dict[str, dict[str, Any]]
    ordinals: dict[str, int]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    references: dict[str, str]  # phrase -> PRESENT_REF | PAST_REF | FUTURE_REF
    ambiguous_references: frozenset[str]
    sets: dict[str, str]
    duration_adjectives: dict[str, str]
    signals: dict[str, str | None]
    modifiers: dict[str, str]
    future_verbs: frozenset[str]

    def unit(self, word: str) -> tuple[str, dict[str, Any]] | None:
        """"years" -> ("year", {...}); None for a word that is not a unit."""
        word = word.lower()
        for candidate in (word, word[:-1] if word.endswith("s") else word,
                          "century" if word == "centuries" else word):
            if candidate in self.units:
                return candidate, self.units[candidate]
        return None


@lru_cache(maxsize=1)
def load() -> Vocabulary:
    text = resources.files("accord").joinpath("data/temporal/vocabulary.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    references = {phrase.lower(): kind for kind, phrases in data["references"].items() for phrase in phrases}
    return Vocabulary(
        numbers={k.lower(): float(v) for k, v in data["numbers"].items()},
        vague_numbers=frozenset(data["vague_numbers"]),
        units=data["units"],
        ordinals={str(k).lower(): int(v) for k, v in data["ordinals"].items()},
        seasons=data["seasons"],
        parts_of_day=data["parts_of_day"],
        references=references,
        ambiguous_references=frozenset(data["ambiguous_references"]),
        sets={k.lower(): v for k, v in data["sets"].items()},
        duration_adjectives=data["duration_adjectives"],
        signals=data["signals"],
        modifiers=data["modifiers"],
        future_verbs=frozenset(data["future_verbs"]),
    )
