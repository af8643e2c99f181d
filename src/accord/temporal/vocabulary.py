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
    unmarked_modifiers: frozenset[str]
    unmarked_references: frozenset[str]
    relative_followers: frozenset[str]
    fraction_units: frozenset[str]
    owned_references: frozenset[str]
    sets: dict[str, str]
    duration_adjectives: dict[str, str]
    signals: dict[str, str | None]
    modifiers: dict[str, str]
    future_verbs: frozenset[str]
    months: tuple[str, ...]  # calendar order: months[0] is January
    weekdays: tuple[str, ...]  # ISO order: weekdays[0] is Monday
    month_abbreviations: dict[str, int]  # "jan" -> 1, "sept" -> 9
    ambiguous_months: frozenset[str]
    month_signals: frozenset[str]
    season_words: frozenset[str]
    steps: dict[str, int]  # "last" -> -1, "next" -> 1
    current_periods: dict[str, str]  # "the full year" -> "year", "the quarter" -> "quarter"
    future_auxiliaries: frozenset[str]
    future_adjectives: frozenset[str]
    ahead_phrases: frozenset[str]
    left_words: frozenset[str]
    count_words: frozenset[str]
    right_words: frozenset[str]
    clock_zones: frozenset[str]
    vague_counts: frozenset[str]
    vague_units: frozenset[str]
    bare_units: frozenset[str]
    range_links: frozenset[str]
    same_day_phrases: frozenset[str]
    steps_from_named: dict[str, dict[str, int]]  # "day" .. "year" -> phrase -> steps from the last one named
    duration_fillers: frozenset[str]
    outside_words: frozenset[str]
    joining_words: frozenset[str]
    year_before_words: frozenset[str]
    year_before_phrases: frozenset[str]
    same_period_nouns: frozenset[str]
    same_named_a_year_back: dict[str, str]  # "the same month a year ago" -> "month"
    past_markers: frozenset[str]
    same_time_conjunctions: frozenset[str]

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
    months = tuple(data["months"])
    abbreviations = {name[:3]: number for number, name in enumerate(months, 1)}
    abbreviations |= {short: months.index(name) + 1 for short, name in data["month_abbreviations"].items()}
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
        months=months,
        weekdays=tuple(data["weekdays"]),
        month_abbreviations=abbreviations,
        **{field: frozenset(data[field]) for field in (
            "ambiguous_months", "month_signals", "season_words", "future_auxiliaries", "future_adjectives",
            "ahead_phrases", "unmarked_modifiers", "unmarked_references",
            "relative_followers", "fraction_units", "owned_references",
            "left_words", "count_words", "right_words", "clock_zones", "vague_counts", "vague_units", "bare_units",
            "range_links",
            "same_day_phrases", "duration_fillers", "outside_words", "joining_words",
            "year_before_words", "year_before_phrases", "same_period_nouns", "past_markers",
            "same_time_conjunctions")},
        steps={word: int(step) for word, step in data["steps"].items()},
        current_periods=data["current_periods"],
        same_named_a_year_back={phrase.lower(): grain for phrase, grain in data["same_named_a_year_back"].items()},
        steps_from_named={unit: {phrase.lower(): int(n) for phrase, n in phrases.items()}
                          for unit, phrases in data["steps_from_named"].items()},
    )
