"""The one object the coder's phases pass along: an event candidate, and the record of why it became an
event or did not.

    propose   trigger + pattern, its status words and the argument candidates read off the parse
    decide    the CAMEO code (transforms, refinements), the status, whether it is symmetric
    resolve   the source and target chosen from the argument candidates
    emit      one Event per source-target pair, with its rule and confidence

Every phase writes what it did into ``steps`` (and a reason into ``dropped`` when it drops the candidate),
which is what ``accord explain`` prints and what a learned decision reads as features.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..model import ActorRef
from .patterns import Pattern
from .status import Modal


@dataclass(slots=True)
class Trigger:
    """A word that names an event, and the pattern entry it matched."""

    token: Token
    pattern: Pattern
    obj: Token | None  # the object noun of a light verb ("held talks")
    anchor: Token | None = None  # for "a mediation effort": the noun whose syntax gives the arguments
    considered: tuple[str, ...] = ()  # every entry for the word tried, and why each lost (for explain)
    # a casualty verb's violence, whose doer it takes: the means named after it ("were killed in an air strike",
    # whose code it also takes) or the cause its when-clause names ("killed when the police fired")
    means: Trigger | None = None
    cause: Trigger | None = None

    @property
    def head(self) -> Token:
        return self.anchor if self.anchor is not None else self.token


@dataclass(slots=True)
class Arguments:
    """Who the parse offers as the event's sides, before any decision."""

    sources: list[ActorRef] = field(default_factory=list)
    targets: list[ActorRef] = field(default_factory=list)
    between: list[ActorRef] = field(default_factory=list)  # "between X and Y": mutual participants
    passive: bool = False
    from_clause: bool = False  # a noun event's doer taken from the clause it stands in
    # a governing word's own sides ("urged Japan to withdraw": the urger, Japan)
    governor_sources: list[ActorRef] = field(default_factory=list)
    governor_targets: list[ActorRef] = field(default_factory=list)


@dataclass(slots=True)
class EventCandidate:
    trigger: Trigger
    sentence: int
    sent: SpacySpan
    modal: Modal
    arguments: Arguments = field(default_factory=Arguments)
    # decide
    code: str = ""
    embedded_code: str = ""  # the embedded act's code before a governing word rewrote it
    status: str = "occurred"
    symmetric: bool = False
    mutual: bool = False  # the wording makes the act a joint one
    kept: bool = False  # an order whose act keeps its own code: the orderer's act
    failed: bool = False  # "failed to reach agreement": a failure to cooperate, coded as a rejection
    shown: Token | None = None  # the word shown as the trigger (the governing verb of an appeal)
    # resolve
    sources: list[ActorRef] = field(default_factory=list)
    targets: list[ActorRef] = field(default_factory=list)
    between: list[ActorRef] = field(default_factory=list)
    pairs: list[tuple[ActorRef | None, ActorRef | None]] = field(default_factory=list)  # source -> target
    # provenance
    steps: list[str] = field(default_factory=list)
    dropped: str | None = None
    confidence: float = 0.0

    @property
    def pattern(self) -> Pattern:
        return self.trigger.pattern

    @property
    def rule(self) -> str:
        """The pattern entry that proposed the event and every decision that changed its code."""
        changes = [s.split(":", 1)[1].strip() for s in self.steps if s.startswith("code:")]
        return " ; ".join([self.pattern.id, *changes])

    def note(self, step: str) -> None:
        self.steps.append(step)

    def drop(self, reason: str) -> None:
        self.dropped = reason


@dataclass(slots=True)
class Rejected:
    """A word that could have named an event but was set aside while proposing, and why."""

    token: Token
    pattern: Pattern | None
    reason: str
