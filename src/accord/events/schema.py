"""The schemas of the event data files (data/events; docs/patterns.md): every key, word, target slot, sector,
CAMEO code and root, modality and transform name is checked when a file is loaded, against a Vocabulary
(the ontology, the actor sectors, the prepositions of syntax.yaml, the transforms of transforms.tsv).
"""
from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Annotated, Literal, get_args

from pydantic import (AfterValidator, BaseModel, ConfigDict, PositiveInt, PrivateAttr, Strict, StrictBool,
                      StrictStr, ValidationInfo, model_validator)
from pydantic_core import PydanticCustomError

from .ontology import Ontology

SYNTAX_FILE = "data/events/syntax.yaml"
TRANSFORMS_FILE = "data/events/transforms.tsv"

# The names the coder's rules give meaning to. A pattern's target may also stand after any preposition in
# syntax.yaml's target_prepositions.
TARGET_SLOTS = ("dobj", "dative", "poss", "ccomp_subject", "xcomp_object")
GOVERNOR_SLOTS = ("dobj", "ccomp_subject")  # modality.yaml target_from, besides prepositions
MODALITY_NAMES = ("intend", "pledge", "prepare", "plan", "consider", "refuse", "appeal", "demand", "order",
                  "threaten", "claim", "allege", "negate", "ongoing", "conditional", "future")
RULE_TRANSFORMS = ("cease", "demand", "refuse")  # transforms the rules apply by name
Status = Literal["occurred", "ongoing", "planned", "intended", "conditional", "negated", "alleged"]
STATUSES: tuple[str, ...] = get_args(Status)


# ---------------------------------------------------------------------------------------------- value types
@dataclass(frozen=True, slots=True)
class Vocabulary:
    """What the data files' values are checked against (the pydantic validation context)."""

    ontology: Ontology
    sectors: frozenset[str]
    prepositions: frozenset[str] = frozenset()
    transforms: frozenset[str] = frozenset()


def unknown(what: str, value: str, known: Iterable[str], where: str = "") -> PydanticCustomError:
    """The error for a value not among the ``known`` ones, with the nearest as a hint (else ``where``)."""
    close = difflib.get_close_matches(value, sorted(known), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else (f" ({where})" if where else "")
    return PydanticCustomError("unknown", f"unknown {what} {value!r}{hint}")


def _checked(check: Callable[[Vocabulary, str], None]) -> AfterValidator:
    """A validator that checks a value against the Vocabulary given as context (none: no check)."""
    def run(value: str, info: ValidationInfo) -> str:
        vocabulary = (info.context or {}).get("vocabulary")
        if vocabulary is not None:
            check(vocabulary, value)
        return value
    return AfterValidator(run)


def _word(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty", "an empty word")
    return value.strip().lower()


def _code(vocabulary: Vocabulary, value: str) -> None:
    if value not in vocabulary.ontology:
        raise PydanticCustomError("unknown", f"unknown CAMEO code {value!r}")


def _root(vocabulary: Vocabulary, value: str) -> None:
    if len(value) != 2 or value not in vocabulary.ontology:
        raise PydanticCustomError("unknown", f"unknown CAMEO root {value!r} (a root is two digits: '03')")


def _sector(vocabulary: Vocabulary, value: str) -> None:
    if value not in vocabulary.sectors:
        raise unknown("sector", value, vocabulary.sectors, "sectors are those of data/actors/sectors.yaml")


def _doer_sector(vocabulary: Vocabulary, value: str) -> None:
    if value:  # "": a country itself, no sector
        _sector(vocabulary, value)


def _slot_of(slots: tuple[str, ...]) -> Callable[[Vocabulary, str], None]:
    """A check that a target slot is one of ``slots`` or a preposition of syntax.yaml's target_prepositions."""
    def check(vocabulary: Vocabulary, value: str) -> None:
        if value not in slots and value not in vocabulary.prepositions:
            raise unknown("target slot", value, slots + tuple(vocabulary.prepositions),
                          f"slots are {', '.join(slots)} or a preposition in {SYNTAX_FILE} target_prepositions")
    return check


def _transform(vocabulary: Vocabulary, value: str) -> None:
    if value not in vocabulary.transforms:
        raise unknown("transform", value, vocabulary.transforms, f"transforms are those of {TRANSFORMS_FILE}")


Word = Annotated[StrictStr, AfterValidator(_word)]  # a lemma or word, lower case
Label = Annotated[StrictStr, AfterValidator(_word), AfterValidator(str.upper)]  # a spaCy entity label
Code = Annotated[StrictStr, _checked(_code)]
Root = Annotated[StrictStr, _checked(_root)]
Sector = Annotated[StrictStr, _checked(_sector)]
DoerSector = Annotated[StrictStr, _checked(_doer_sector)]
Slot = Annotated[StrictStr, _checked(_slot_of(TARGET_SLOTS))]
GovernorSlot = Annotated[StrictStr, _checked(_slot_of(GOVERNOR_SLOTS))]
TransformName = Annotated[StrictStr, _checked(_transform)]
# a YAML list, read as a set of strict items
Words = Annotated[frozenset[Word], Strict(False)]
Codes = Annotated[frozenset[Code], Strict(False)]
Roots = Annotated[frozenset[Root], Strict(False)]
Sectors = Annotated[frozenset[Sector], Strict(False)]
DoerSectors = Annotated[frozenset[DoerSector], Strict(False)]
Labels = Annotated[frozenset[Label], Strict(False)]
STRICT = ConfigDict(extra="forbid", strict=True, frozen=True)


# ---------------------------------------------------------------------------------------------- the files
class PatternEntry(BaseModel):
    """One entry of a pattern file (schema in docs/patterns.md)."""

    model_config = STRICT
    code: Code
    verbs: list[Word] = []
    nouns: list[Word] = []
    adjectives: list[Word] = []  # predicative: "was critical of X", "is pessimistic about"
    objects: Words = frozenset()
    particle: Word | None = None
    target: list[Slot] = ["dobj"]
    symmetric: StrictBool = False
    clause_subject: StrictBool = False
    refine: dict[Code, Words] = {}
    requires_word: Words = frozenset()
    subject_sector: DoerSectors = frozenset()
    requires_target: StrictBool = False
    no_clause: StrictBool = False
    complement_aux: Words = frozenset()
    own_doer: StrictBool = False

    @model_validator(mode="after")
    def _kind(self) -> PatternEntry:
        if not self.verbs and not self.nouns and not self.adjectives:
            raise PydanticCustomError("empty", "no verbs, nouns or adjectives")
        if not self.target:
            raise PydanticCustomError("empty", "an empty target list (leave it out for the default [dobj])")
        verb_keys = [k for k in ("objects", "particle", "requires_word", "no_clause") if getattr(self, k)]
        if (self.nouns or self.adjectives) and verb_keys:
            raise PydanticCustomError("kind", f"{', '.join(verb_keys)} apply to verbs only, not to nouns or "
                                              "adjectives")
        noun_keys = [k for k in ("clause_subject", "own_doer") if getattr(self, k)]
        if (self.verbs or self.adjectives) and noun_keys:
            raise PydanticCustomError("kind", f"{', '.join(noun_keys)} appl{'ies' if len(noun_keys) == 1 else 'y'} "
                                              "to nouns only, not to verbs")
        return self


# ---------------------------------------------------------------------------------------------- modality, syntax
class Modality(BaseModel):
    """Words that govern an event and set its status, and the transform they apply (modality.yaml)."""

    model_config = STRICT
    status: Status
    transform: TransformName | None = None
    verbs: Words = frozenset()
    adjectives: Words = frozenset()
    adverbs: Words = frozenset()
    determiners: Words = frozenset()
    nouns: Words = frozenset()
    noun_modifiers: Words = frozenset()
    marks: Words = frozenset()
    auxiliaries: Words = frozenset()
    reported_auxiliaries: Words = frozenset()
    infinitive_verbs: Words = frozenset()  # future: "is to visit"
    target_from: Annotated[tuple[GovernorSlot, ...], Strict(False)] = ()
    own_act_code: Code | None = None  # the governing word's own event when the subject claims its own act
    happened_roots: Roots = frozenset()  # rewritten into these roots, the event has happened
    _name: str = PrivateAttr(default="")

    @property
    def name(self) -> str:
        return self._name


class MassEvent(BaseModel):
    model_config = STRICT
    code: Code
    at_least: PositiveInt


class SyntaxWords(BaseModel):
    """The vocabulary of the coder's syntactic rules (syntax.yaml); every key is required in the file."""

    model_config = STRICT
    reporting_verbs: Words = frozenset()
    performative_verbs: Words = frozenset()
    object_control_verbs: Words = frozenset()
    target_prepositions: Words = frozenset()
    circumstantial_prepositions: Words = frozenset()
    background_prepositions: Words = frozenset()
    topic_verbs: Words = frozenset()
    content_prepositions: Words = frozenset()
    mutual_words: Words = frozenset()
    contrastive_conjunctions: Words = frozenset()
    failure_verbs: Words = frozenset()
    failed_cooperation_roots: Roots = frozenset()
    background_own_doer_roots: Roots = frozenset()
    undergoer_verbs: Words = frozenset()
    own_forces_roots: Roots = frozenset()
    casualty_verbs: Words = frozenset()
    possibility_auxiliaries: Words = frozenset()
    copulas: Words = frozenset()
    means_prepositions: Words = frozenset()
    violence_roots: Roots = frozenset()
    cause_marks: Words = frozenset()
    natural_causes: Words = frozenset()
    cause_prepositions: Words = frozenset()
    other_senses: dict[Word, Words] = {}
    transitive_other_senses: Words = frozenset()
    cause_doer_verbs: Words = frozenset()
    force_things: Words = frozenset()
    person_nouns: Words = frozenset()
    quantity_nouns: Words = frozenset()
    facility_nouns: Words = frozenset()
    modifier_sectors: dict[Sector, Words] = {}
    force_sectors: Sectors = frozenset()
    relational_nouns: Words = frozenset()
    release_request_codes: Codes = frozenset()
    captivity_verbs: Words = frozenset()
    domestic_target_roots: Roots = frozenset()
    clause_target_roots: Roots = frozenset()
    place_target_roots: Roots = frozenset()
    place_act_roots: Roots = frozenset()
    place_source_roots: Roots = frozenset()
    unknown_actor_entities: Labels = frozenset()
    owner_prepositions: Words = frozenset()
    place_owner_prepositions: Words = frozenset()
    control_prepositions: Words = frozenset()
    maker_prepositions: Words = frozenset()
    agent_prepositions: Words = frozenset()
    accusation_prepositions: Words = frozenset()
    quantity_prepositions: Words = frozenset()
    captivity_prepositions: Words = frozenset()
    partner_prepositions: Words = frozenset()
    predicative_prepositions: Words = frozenset()
    destination_prepositions: Words = frozenset()
    non_event_entities: Labels = frozenset()
    embedded_target_roots: Roots = frozenset()
    threat_roots: Roots = frozenset()
    intention_roots: Roots = frozenset()
    protester_sector: Sector = "CVL"
    protest_target_sector: Sector = "GOV"
    mass_events: dict[Code, MassEvent] = {}
    number_words: dict[Word, PositiveInt] = {}  # the least "thousands" can mean: 2000
