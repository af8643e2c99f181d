"""Event patterns, modality words and code transforms, loaded from data files (see data/events/patterns/core.yaml)."""
from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..errors import DictionaryError
from .ontology import Ontology

PATTERNS_DIR = "data/events/patterns"  # every *.yaml file here holds patterns in the same format


@dataclass(frozen=True, slots=True)
class Pattern:
    code: str
    word: str  # the trigger lemma (may be several words for nouns: "air strike")
    is_noun: bool
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
    id: str = ""  # where the entry is written: "cameo_verbs.yaml#412" (the file's 412th entry)

    @property
    def specificity(self) -> int:
        return (2 if self.objects or self.complement_aux else 0) + (1 if self.particle is not None else 0) + (
            1 if self.subject_sectors or self.requires_word or self.no_clause else 0)


@dataclass(slots=True)
class Modality:
    name: str
    status: str
    transform: str | None = None
    verbs: frozenset[str] = frozenset()
    adjectives: frozenset[str] = frozenset()
    adverbs: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    noun_modifiers: frozenset[str] = frozenset()
    marks: frozenset[str] = frozenset()
    auxiliaries: frozenset[str] = frozenset()
    reported_auxiliaries: frozenset[str] = frozenset()
    target_from: tuple[str, ...] = ()
    own_act_code: str | None = None  # the governing word's own event when the subject claims its own act
    happened_roots: frozenset[str] = frozenset()  # rewritten into these roots, the event has happened


@dataclass(frozen=True, slots=True)
class SyntaxWords:
    """The vocabulary of the coder's syntactic rules (data/events/syntax.yaml)."""

    reporting_verbs: frozenset[str] = frozenset()
    object_control_verbs: frozenset[str] = frozenset()
    circumstantial_prepositions: frozenset[str] = frozenset()
    background_prepositions: frozenset[str] = frozenset()
    topic_verbs: frozenset[str] = frozenset()
    content_prepositions: frozenset[str] = frozenset()
    mutual_words: frozenset[str] = frozenset()
    failure_verbs: frozenset[str] = frozenset()
    failed_cooperation_roots: frozenset[str] = frozenset()
    background_own_doer_roots: frozenset[str] = frozenset()
    undergoer_verbs: frozenset[str] = frozenset()
    own_forces_roots: frozenset[str] = frozenset()
    force_sectors: frozenset[str] = frozenset()
    relational_nouns: frozenset[str] = frozenset()
    release_request_codes: frozenset[str] = frozenset()
    captivity_verbs: frozenset[str] = frozenset()
    domestic_target_roots: frozenset[str] = frozenset()
    clause_target_roots: frozenset[str] = frozenset()
    place_target_roots: frozenset[str] = frozenset()
    place_source_roots: frozenset[str] = frozenset()
    unknown_actor_entities: frozenset[str] = frozenset()


@dataclass(slots=True)
class PatternSet:
    """Patterns indexed by trigger word, most specific first."""

    verbs: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))
    nouns: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))
    multiword_nouns: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))
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
        else:
            table = self.verbs
        table[pattern.word].append(pattern)
        table[pattern.word].sort(key=lambda p: -p.specificity)

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


def _words(value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return frozenset([value.lower()])
    return frozenset(str(v).lower() for v in value)


def load_patterns(ontology: Ontology, texts: dict[str, str] | None = None) -> PatternSet:
    """Read pattern files (the built-in ones unless ``texts`` maps names to contents), checking every code
    against the ontology."""
    if texts is None:
        folder = resources.files("accord").joinpath(PATTERNS_DIR)
        texts = {f"{PATTERNS_DIR}/{f.name}": f.read_text("utf-8")
                 for f in sorted(folder.iterdir(), key=lambda f: f.name) if f.name.endswith(".yaml")}
    patterns = PatternSet()
    for source, text in texts.items():
        _add_patterns(patterns, ontology, text, source)
    _load_modality(patterns)
    _load_transforms(patterns, ontology)
    light = resources.files("accord").joinpath("data/events/light_nouns.txt").read_text("utf-8")
    patterns.light_nouns = frozenset(w.strip().lower() for w in light.splitlines()
                                     if w.strip() and not w.startswith("#"))
    words = yaml.safe_load(resources.files("accord").joinpath("data/events/syntax.yaml").read_text("utf-8"))
    for code, spec in (words.pop("mass_events", None) or {}).items():
        if str(code) not in ontology or str(spec["code"]) not in ontology:
            raise DictionaryError("data/events/syntax.yaml", None, f"mass_events: unknown CAMEO code {code!r}")
        patterns.mass_events[str(code)] = (str(spec["code"]), int(spec["at_least"]))
    patterns.number_words = {str(w): int(n) for w, n in (words.pop("number_words", None) or {}).items()}
    patterns.syntax = SyntaxWords(**{key: frozenset(str(v) for v in values) for key, values in words.items()})
    return patterns


def _add_patterns(patterns: PatternSet, ontology: Ontology, text: str, source: str) -> None:
    try:
        entries = yaml.safe_load(text) or []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DictionaryError(source, mark.line + 1 if mark else None, f"invalid YAML: {exc}") from None
    for number, entry in enumerate(entries, start=1):
        code = str(entry.get("code", ""))
        if code not in ontology:
            raise DictionaryError(source, None, f"entry {number}: unknown CAMEO code {code!r}")
        if not entry.get("verbs") and not entry.get("nouns"):
            raise DictionaryError(source, None, f"entry {number} ({code}): no verbs or nouns")
        refine = tuple((str(c), _words(words)) for c, words in (entry.get("refine") or {}).items())
        for c, _ in refine:
            if c not in ontology:
                raise DictionaryError(source, None, f"entry {number}: unknown CAMEO code {c!r} in refine")
        common = dict(
            code=code,
            objects=_words(entry.get("objects")),
            particle=entry.get("particle"),
            targets=tuple(str(t) for t in (entry.get("target") or ["dobj"])),
            symmetric=bool(entry.get("symmetric", False)),
            clause_subject=bool(entry.get("clause_subject", False)),
            refine=refine,
            requires_word=_words(entry.get("requires_word")),
            subject_sectors=frozenset(entry.get("subject_sector") or ()),
            requires_target=bool(entry.get("requires_target", False)),
            no_clause=bool(entry.get("no_clause", False)),
            complement_aux=_words(entry.get("complement_aux")),
            id=f"{source.rsplit('/', 1)[-1]}#{number}",
        )
        for verb in entry.get("verbs") or []:
            patterns.add(Pattern(word=str(verb).lower(), is_noun=False, **common))
        for noun in entry.get("nouns") or []:
            patterns.add(Pattern(word=str(noun).lower(), is_noun=True, **common))


def _load_modality(patterns: PatternSet) -> None:
    data = yaml.safe_load(resources.files("accord").joinpath("data/events/modality.yaml").read_text("utf-8"))
    for name, spec in data.items():
        patterns.modalities[name] = Modality(
            name=name,
            status=spec["status"],
            transform=spec.get("transform"),
            verbs=_words(spec.get("verbs")),
            adjectives=_words(spec.get("adjectives")),
            adverbs=_words(spec.get("adverbs")),
            nouns=_words(spec.get("nouns")),
            determiners=_words(spec.get("determiners")),
            noun_modifiers=_words(spec.get("noun_modifiers")),
            marks=_words(spec.get("marks")),
            auxiliaries=_words(spec.get("auxiliaries")),
            reported_auxiliaries=_words(spec.get("reported_auxiliaries")),
            target_from=tuple(spec.get("target_from") or ()),
            own_act_code=spec.get("own_act_code"),
            happened_roots=frozenset(str(r) for r in spec.get("happened_roots") or ()),
        )


def _load_transforms(patterns: PatternSet, ontology: Ontology) -> None:
    path = "data/events/transforms.tsv"
    text = resources.files("accord").joinpath(path).read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        if row["code"].startswith("@"):
            if row["prefix"] != "*":
                raise DictionaryError(path, None, f"{row['code']!r}: another transform stands only for '*'")
        elif row["code"] != "=" and row["code"] not in ontology:
            raise DictionaryError(path, None, f"unknown CAMEO code {row['code']!r}")
        patterns.transforms.setdefault(row["transform"], {})[row["prefix"]] = row["code"]


@lru_cache(maxsize=1)
def load_builtin(ontology: Ontology) -> PatternSet:
    return load_patterns(ontology)
