"""Event patterns, modality words, code transforms and the words of the syntactic rules, loaded from the data
files under data/events and checked against their schemas (docs/patterns.md): an unknown key, target slot,
sector, CAMEO code or root, modality or transform is an error naming the file and the line.
"""
from __future__ import annotations

import csv
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ..actors.dictionary import sector_table
from ..datafile import Lines, read_yaml, validate, words_of
from ..errors import DictionaryError
from .ontology import Ontology
from .schema import (MODALITY_NAMES, RULE_TRANSFORMS, SYNTAX_FILE, TRANSFORMS_FILE, Modality, PatternEntry,
                     SyntaxWords, Vocabulary, unknown)

DATA = "data/events"
PATTERNS_DIR = f"{DATA}/patterns"  # every *.yaml file here holds patterns in the same format
PATTERN_ORDER = f"{DATA}/pattern_order.txt"  # the pattern files, in the order their entries are tried
MODALITY_FILE = f"{DATA}/modality.yaml"
LIGHT_NOUNS_FILE = f"{DATA}/light_nouns.txt"


@dataclass(frozen=True, slots=True)
class Pattern:
    code: str
    word: str  # the trigger lemma (may be several words for nouns: "air strike")
    is_noun: bool
    is_adjective: bool = False  # a predicative adjective: its syntax is its copula's ("was critical of X")
    objects: frozenset[str] = frozenset()
    particle: str | None = None
    targets: tuple[str, ...] = ("dobj",)
    symmetric: bool = False
    clause_subject: bool = False
    refine: tuple[tuple[str, frozenset[str]], ...] = ()
    requires_word: frozenset[str] = frozenset()
    subject_sectors: frozenset[str] = frozenset()
    requires_target: bool = False
    complement_aux: frozenset[str] = frozenset()
    no_clause: bool = False  # only when the verb names nothing to do or agreed on ("agree with X that ...")
    own_doer: bool = False  # a noun only when its own phrase names its doer ("police firing", "Israeli fire")
    source: str = field(default="", compare=False)  # the file and line of its entry
    # its entry's name that edits elsewhere in the file leave alone: file, code and first word ("core.yaml:111
    # criticize"); what a learned model keys on, where file:line would shift with every line added above it
    entry: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)
    rank: int = field(default=0, compare=False)  # its place in the data: files in pattern_order.txt, then lines

    @property
    def specificity(self) -> int:
        return (2 if self.objects or self.complement_aux else 0) + (1 if self.particle is not None else 0) + (
            1 if self.subject_sectors or self.requires_word or self.no_clause or self.own_doer else 0)

    @property
    def kind(self) -> str:
        """"verb", "noun" or "adjective": which words of a sentence it is tried on."""
        return "noun" if self.is_noun else "adjective" if self.is_adjective else "verb"

    @property
    def origin(self) -> str:
        """Where its entry is written: "data/events/patterns/core.yaml:120"."""
        return f"{self.source}:{self.line}"

    @property
    def id(self) -> str:
        """The entry's name in an event's ``rule``: its file and line, "core.yaml:120"."""
        return f"{self.source.rsplit('/', 1)[-1]}:{self.line}"


def precedence(pattern: Pattern) -> tuple[int, int]:
    """The order in which the entries for one word are tried (the first whose conditions hold wins): the more
    specific first, then the one written first (files in pattern_order.txt's order, entries in file order)."""
    return -pattern.specificity, pattern.rank


# ---------------------------------------------------------------------------------------------- the set
@dataclass(slots=True)
class PatternSet:
    """Patterns indexed by trigger word, in the order they are tried (``precedence``)."""

    verbs: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))
    nouns: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))
    multiword_nouns: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))
    adjectives: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))
    modalities: dict[str, Modality] = field(default_factory=dict)
    transforms: dict[str, dict[str, str]] = field(default_factory=dict)
    light_nouns: frozenset[str] = frozenset()
    syntax: SyntaxWords = field(default_factory=SyntaxWords)
    # CAMEO code -> (its mass form, how many people make it one): expelling 1,000 people is a mass expulsion
    mass_events: dict[str, tuple[str, int]] = field(default_factory=dict)
    number_words: dict[str, int] = field(default_factory=dict)  # the least "thousands" can mean: 2000

    def add(self, pattern: Pattern) -> None:
        if pattern.is_noun:
            table = self.multiword_nouns if " " in pattern.word else self.nouns
        elif pattern.is_adjective:
            table = self.adjectives
        else:
            table = self.verbs
        table[pattern.word].append(pattern)
        table[pattern.word].sort(key=precedence)

    def noun_entries(self, lemma: str, word: str) -> list[Pattern]:
        """A one-word event noun's entries, most specific first, by its lemma or else as written ("talks")."""
        return self.nouns.get(lemma) or self.nouns.get(word) or []

    def modality_of(self, lemma: str, kind: str) -> Modality | None:
        """The modality a governing word carries; kind is 'verbs', 'adjectives', 'adverbs', ..."""
        for modality in self.modalities.values():
            if lemma in getattr(modality, kind):
                return modality
        return None

    def transform(self, name: str, code: str) -> str:
        table = self.transforms.get(name, {})
        for length in range(len(code), 1, -1):
            if code[:length] in table:
                found = table[code[:length]]
                return code if found == "=" else found  # "=": the act keeps its own code
        fallback = table.get("*", code)
        if fallback.startswith("@"):  # "@intend": every other code as that transform rewrites it
            return self.transform(fallback[1:], code)
        return fallback


# ---------------------------------------------------------------------------------------------- loading
Reader = Callable[[str], str]  # a data file's path -> its text


def read_data(path: str) -> str:
    """The text of one of accord's data files, by its path in the package ("data/events/modality.yaml")."""
    return resources.files("accord").joinpath(path).read_text("utf-8")


def builtin_pattern_texts(read: Reader = read_data) -> dict[str, str]:
    """The built-in pattern files, by name, in the order of pattern_order.txt (which must list each once)."""
    order = words_of(read(PATTERN_ORDER))
    present = sorted(f.name for f in resources.files("accord").joinpath(PATTERNS_DIR).iterdir()
                     if f.name.endswith(".yaml"))
    listed = [name for _, name in order]
    for n, name in order:
        if name not in present:
            raise DictionaryError(PATTERN_ORDER, n, f"{name!r} is not a pattern file in {PATTERNS_DIR}")
        if listed.count(name) > 1:
            raise DictionaryError(PATTERN_ORDER, n, f"{name!r} is listed twice")
    for name in present:
        if name not in listed:
            raise DictionaryError(PATTERN_ORDER, None, f"{name!r} is in {PATTERNS_DIR} but not listed here")
    return {f"{PATTERNS_DIR}/{name}": read(f"{PATTERNS_DIR}/{name}") for name in listed}


def load_patterns(ontology: Ontology, texts: dict[str, str] | None = None,
                  sectors: Iterable[str] | None = None, data: dict[str, str] | None = None) -> PatternSet:
    """Read the pattern files (the built-in ones unless ``texts`` maps names to contents, in the order their
    entries are tried) and the modality, transform, syntax and light-noun files (``data`` may give the text of
    any of them by path, as MODALITY_FILE), checking each value against the ontology, the actor sectors
    (sectors.yaml unless given) and each other."""
    def read(path: str) -> str:
        return data[path] if data and path in data else read_data(path)

    vocabulary = Vocabulary(ontology, frozenset(sectors if sectors is not None else sector_table()))
    patterns = PatternSet()
    patterns.syntax = _load_syntax(read(SYNTAX_FILE), vocabulary)
    patterns.mass_events = {code: (spec.code, spec.at_least) for code, spec in patterns.syntax.mass_events.items()}
    patterns.number_words = dict(patterns.syntax.number_words)
    patterns.transforms = _load_transforms(read(TRANSFORMS_FILE), ontology)
    vocabulary = Vocabulary(ontology, vocabulary.sectors, patterns.syntax.target_prepositions,
                            frozenset(patterns.transforms))
    patterns.modalities = _load_modality(read(MODALITY_FILE), vocabulary)
    patterns.light_nouns = _load_light_nouns(read(LIGHT_NOUNS_FILE))
    ranks = itertools.count(1)
    for source, text in (builtin_pattern_texts(read) if texts is None else texts).items():
        for pattern in _read_patterns(text, source, vocabulary, ranks):
            patterns.add(pattern)
    return patterns


def _read_patterns(text: str, source: str, vocabulary: Vocabulary, ranks: Iterator[int]) -> list[Pattern]:
    """The patterns of one file, one per word of each entry, ranked in the order written."""
    entries, lines = read_yaml(text, source)
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise DictionaryError(source, 1, "a pattern file is a list of entries (- code: ...)")
    found = []
    for index, data in enumerate(entries):
        code = data.get("code") if isinstance(data, dict) else None
        what = f"entry {index + 1}" + (f" (code {code!r})" if code is not None else "")
        entry = validate(PatternEntry, data, source=source, lines=lines, path=(index,), what=what,
                         context={"vocabulary": vocabulary})
        found += _patterns_of(entry, source, lines.of((index,)) or 0, ranks)
    return found


def _patterns_of(entry: PatternEntry, source: str, line: int, ranks: Iterator[int]) -> list[Pattern]:
    """One pattern for each word of an entry."""
    words = [(verb, "verb") for verb in entry.verbs] + [(noun, "noun") for noun in entry.nouns] + [
        (adjective, "adjective") for adjective in entry.adjectives]
    return [Pattern(code=entry.code, word=word, is_noun=kind == "noun", is_adjective=kind == "adjective",
                    objects=entry.objects, particle=entry.particle,
                    targets=tuple(entry.target), symmetric=entry.symmetric, clause_subject=entry.clause_subject,
                    refine=tuple(entry.refine.items()), requires_word=entry.requires_word,
                    subject_sectors=entry.subject_sector, requires_target=entry.requires_target,
                    no_clause=entry.no_clause, complement_aux=entry.complement_aux, own_doer=entry.own_doer,
                    source=source, line=line, entry=f"{source.rsplit('/', 1)[-1]}:{entry.code} {words[0][0]}",
                    rank=next(ranks))
            for word, kind in words]


def _mapping(text: str, path: str) -> tuple[dict[Any, Any], Lines]:
    data, lines = read_yaml(text, path)
    if not isinstance(data, dict):
        raise DictionaryError(path, 1, "expected a mapping of names to values")
    return data, lines


def _load_modality(text: str, vocabulary: Vocabulary) -> dict[str, Modality]:
    data, lines = _mapping(text, MODALITY_FILE)
    modalities = {}
    for name, spec in data.items():
        if name not in MODALITY_NAMES:
            raise DictionaryError(MODALITY_FILE, lines.of((name,)),
                                  str(unknown("modality", str(name), MODALITY_NAMES,
                                               f"the rules know {', '.join(MODALITY_NAMES)}")))
        modality = validate(Modality, spec, source=MODALITY_FILE, lines=lines, path=(name,), what=name,
                            context={"vocabulary": vocabulary})
        modality._name = name
        modalities[name] = modality
    missing = [name for name in MODALITY_NAMES if name not in modalities]
    if missing:
        raise DictionaryError(MODALITY_FILE, None, f"no entry for {', '.join(missing)} (the rules need each)")
    return modalities


def _load_syntax(text: str, vocabulary: Vocabulary) -> SyntaxWords:
    data, lines = _mapping(text, SYNTAX_FILE)
    syntax = validate(SyntaxWords, data, source=SYNTAX_FILE, lines=lines, context={"vocabulary": vocabulary})
    missing = [key for key in SyntaxWords.model_fields if key not in data]
    if missing:  # an empty list is written as []: a key left out is more likely a mistake
        raise DictionaryError(SYNTAX_FILE, None, f"missing keys: {', '.join(missing)}")
    return syntax


def _load_transforms(text: str, ontology: Ontology) -> dict[str, dict[str, str]]:
    """transforms.tsv: transform name -> {code prefix or "*": resulting code, "=" or "@another transform"}."""
    path = TRANSFORMS_FILE
    rows = [(n, next(csv.reader([line], delimiter="\t"))) for n, line in words_of(text)]
    if not rows or rows[0][1] != ["transform", "prefix", "code"]:
        raise DictionaryError(path, rows[0][0] if rows else None, "the header must be: transform, prefix, code")
    transforms: dict[str, dict[str, str]] = {}
    for n, row in rows[1:]:
        if len(row) != 3:
            raise DictionaryError(path, n, f"{len(row)} columns, expected 3 (transform, prefix, code)")
        name, prefix, code = row
        if prefix != "*" and prefix not in ontology:
            raise DictionaryError(path, n, f"unknown CAMEO code prefix {prefix!r}")
        if code.startswith("@") and prefix != "*":
            raise DictionaryError(path, n, f"{code!r}: another transform stands only for '*'")
        if not code.startswith("@") and code != "=" and code not in ontology:
            raise DictionaryError(path, n, f"unknown CAMEO code {code!r}")
        if prefix in transforms.get(name, {}):
            raise DictionaryError(path, n, f"{name} {prefix}: given twice")
        transforms.setdefault(name, {})[prefix] = code
    for n, (_, _, code) in rows[1:]:
        if code.startswith("@") and code[1:] not in transforms:
            raise DictionaryError(path, n, f"{code!r}: no transform {code[1:]!r} in this file")
    missing = [name for name in RULE_TRANSFORMS if name not in transforms]
    if missing:
        raise DictionaryError(path, None, f"no rows for {', '.join(missing)} (the rules apply each by name)")
    return transforms


def _load_light_nouns(text: str) -> frozenset[str]:
    nouns: set[str] = set()
    for n, word in words_of(text):
        if " " in word or word != word.lower():
            raise DictionaryError(LIGHT_NOUNS_FILE, n, f"{word!r}: one lower-case noun a line")
        if word in nouns:
            raise DictionaryError(LIGHT_NOUNS_FILE, n, f"{word!r} is listed twice")
        nouns.add(word)
    return frozenset(nouns)


@lru_cache(maxsize=1)
def load_builtin(ontology: Ontology) -> PatternSet:
    return load_patterns(ontology)
