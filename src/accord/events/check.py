"""`accord patterns check`: pattern entries that can never win, and how the entry for a word is chosen.

The entries for one trigger word are tried in ``patterns.precedence`` order and the first whose conditions
hold wins. The conditions are those the coder tests when it matches a trigger (``propose.Proposer.match``,
``_verb_fails`` and ``_noun_fails``): for a verb its objects, particle, requires_word, requires_target,
no_clause, subject_sector and complement_aux; for a one-word noun its subject_sector, complement_aux and
own_doer; a noun of several words
("air strike") takes its first entry outright. An entry can never win when an entry tried before it for
the same word holds whenever it holds: that entry asks for nothing, or for no more than this one does.
"""
from __future__ import annotations

from dataclasses import dataclass

from .patterns import PATTERN_ORDER, Pattern, PatternSet

RULE = (f"The entries for one trigger word are tried in order, and the first whose conditions hold wins: "
        f"the more specific first (objects or complement_aux count 2, a particle 1, subject_sector, "
        f"requires_word, no_clause or own_doer 1), then the one written first (pattern files in the order of "
        f"{PATTERN_ORDER}, entries in their file's order). A noun of several words takes its first entry.")


@dataclass(frozen=True, slots=True)
class Shadowed:
    pattern: Pattern  # the entry that never wins for its word
    by: Pattern  # an entry tried before it that holds whenever it holds


def _within(earlier: frozenset[str], later: frozenset[str]) -> bool:
    """A condition "one of these words" that asks for no more than the later entry's: none, or a superset."""
    return not earlier or (bool(later) and later <= earlier)


def holds_whenever(earlier: Pattern, later: Pattern) -> bool:
    """Whether ``earlier`` matches every trigger ``later`` matches (both for the same word)."""
    if later.is_noun and " " in later.word:
        return True  # the coder takes the first entry of a noun of several words
    if not (_within(earlier.subject_sectors, later.subject_sectors)
            and _within(earlier.complement_aux, later.complement_aux)):
        return False
    if later.is_noun:
        return not earlier.own_doer or later.own_doer
    return (_within(earlier.objects, later.objects)
            and _within(earlier.requires_word, later.requires_word)
            and earlier.particle in (None, later.particle)
            and (not earlier.no_clause or later.no_clause)
            and (not earlier.requires_target or (later.requires_target and set(later.targets) <= set(earlier.targets))))


def _beaten(entries: list[Pattern]) -> dict[int, Shadowed]:
    """The entries for one word (in the order tried) that an earlier one always beats, by position."""
    found = {}
    for position, later in enumerate(entries):
        by = next((e for e in entries[:position] if holds_whenever(e, later)), None)
        if by is not None:
            found[position] = Shadowed(later, by)
    return found


def shadowed(patterns: PatternSet) -> list[Shadowed]:
    """Every entry (for one of its words) that an entry tried before it always beats, in file order."""
    found = [s for table in (patterns.verbs, patterns.nouns, patterns.multiword_nouns, patterns.adjectives)
             for entries in table.values() for s in _beaten(entries).values()]
    return sorted(found, key=lambda s: (s.pattern.source, s.pattern.line, s.pattern.word))


def conditions(pattern: Pattern) -> str:
    """What an entry asks of a trigger, in the pattern files' own words."""
    parts = []
    for key, words in (("objects", pattern.objects), ("requires_word", pattern.requires_word),
                       ("subject_sector", pattern.subject_sectors), ("complement_aux", pattern.complement_aux)):
        if words:
            parts.append(f"{key} [{', '.join(sorted(words))}]")
    if pattern.particle is not None:
        parts.append(f"particle {pattern.particle!r}")
    if pattern.no_clause:
        parts.append("no_clause")
    if pattern.own_doer:
        parts.append("own_doer")
    if pattern.requires_target:
        parts.append(f"requires_target (target [{', '.join(pattern.targets)}])")
    return "; ".join(parts) or "no condition"


def report(dead: list[Shadowed]) -> list[str]:
    """The rule, and the entries that can never win (``shadowed``) with the entry that beats each."""
    lines = [RULE, ""]
    if not dead:
        lines.append("Every pattern entry can win for each of its words.")
        return lines
    lines.append(f"{len(dead)} entries can never win for a word: an entry tried before holds whenever they hold.")
    for item in dead:
        p, by = item.pattern, item.by
        lines.append(f"{p.origin}: {p.kind} {p.word!r} -> {p.code} ({conditions(p)}) never wins: "
                     f"{by.origin} ({by.code}; {conditions(by)}) is tried first")
    return lines


def explain_word(patterns: PatternSet, word: str) -> list[str]:
    """The entries for one word, in the order they are tried."""
    word = " ".join(word.lower().split())
    lines = []
    for table in (patterns.verbs, patterns.nouns, patterns.multiword_nouns, patterns.adjectives):
        entries = table.get(word, [])
        if not entries:
            continue
        dead = _beaten(entries)
        count = "1 entry" if len(entries) == 1 else f"{len(entries)} entries, tried in this order"
        lines.append(f"{entries[0].kind} {word!r}: {count}; the first whose conditions hold wins")
        for n, p in enumerate(entries):
            never = f"  (never wins: {dead[n].by.origin} is tried first)" if n in dead else ""
            lines.append(f"{n + 1:>3}. {p.code:<5} specificity {p.specificity}  {p.origin}  {conditions(p)}{never}")
    return lines
