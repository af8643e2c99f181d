"""The learned Judge: the coder's last word on each resolved candidate.

Two logistic models read the candidate's features (``features.py``): how likely its *type* is right (it is
a literal political act of the kind its code says: not a goal "shot", a market "hit", a tennis "beating"),
and how likely its *sides* are right given that. A candidate whose type probability is below the model's
threshold is dropped with the reason; every other one gets as confidence the calibrated product of the two,
the probability that its type and both sides are right (calibrated by Platt scaling on out-of-fold
predictions; see docs/evaluation.md). The models are trained by ``accord train`` (``learn/train.py``) and
shipped as ``data/models/judge.json``.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .. import cache
from ..errors import DictionaryError
from ..events.candidate import EventCandidate
from ..events.context import CodingContext
from ..events.decide import HeuristicJudge
from .features import candidate_features, context_words
from .lexicon import SHARES, WORD_ROWS, Lexicon
from .linear import Calibration, LinearModel, read_json

FORMAT = "accord-judge-1"
DROP_KINDS = ("material_conflict", "other")
MATERIAL_CONFLICT_ROOTS = frozenset(str(root) for root in range(14, 21))
BUILTIN = "data/models/judge.json"


@dataclass(frozen=True)
class JudgeModel:
    type_model: LinearModel
    sides_model: LinearModel
    calibration: Calibration
    drop_below: dict[str, float]  # "material_conflict" (roots 14-20) and "other": the type probability to keep
    about: dict[str, Any] = field(default_factory=dict)
    lexicon: Lexicon = field(default_factory=lambda: Lexicon({}, {}))  # the type model's word shares

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "judge model") -> JudgeModel:
        if data.get("format") != FORMAT:
            raise DictionaryError(source, None, f"not an accord judge model (format {data.get('format')!r}, "
                                                f"expected {FORMAT!r})")
        try:
            return cls(LinearModel.from_dict(data["type_model"]), LinearModel.from_dict(data["sides_model"]),
                       Calibration.from_dict(data["calibration"]),
                       {kind: float(data["drop_below"][kind]) for kind in DROP_KINDS}, data.get("about", {}))
        except (KeyError, TypeError, ValueError) as exc:
            raise DictionaryError(source, None, f"malformed judge model: {exc!r}") from None

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "about": self.about, "drop_below": self.drop_below,
                "calibration": self.calibration.to_dict(), "type_model": self.type_model.to_dict(),
                "sides_model": self.sides_model.to_dict()}

    def probabilities(self, features: dict[str, float], words: tuple[tuple[str, ...], tuple[str, ...]]
                      ) -> tuple[float, float]:
        topical = {**features, **self.lexicon.features(*words)}
        return self.type_model.probability(topical), self.sides_model.probability(features)


SETTING = "ACCORD_JUDGE"


def default_judge():
    """The judge the pipeline codes with: ACCORD_JUDGE names a model file, or "heuristic" for the rules'
    heuristic; by default the model the package ships, else the heuristic."""
    choice = os.environ.get(SETTING, "").strip()
    if choice == "heuristic":
        return HeuristicJudge()
    model = load(Path(choice)) if choice else load()
    return LearnedJudge(model) if model is not None else HeuristicJudge()


def load(path: Path | None = None) -> JudgeModel | None:
    """The model at ``path`` (its lexicon beside it), else the one the package ships (None when it ships none)."""
    if path is not None:
        return _read(path)
    return _builtin()


def _read(path: Path) -> JudgeModel:
    """A model file and the lexicon files beside it, through the resource cache: reading the lexicon's quarter
    of a million lines is most of accord's start-up otherwise. The cache key covers the three files' bytes."""
    files = [path, path.parent / WORD_ROWS, path.parent / SHARES]
    digest = hashlib.sha256()
    for file in files:
        try:
            digest.update(file.read_bytes())
        except OSError:
            return _parse(path)  # let the reader say what is missing
    return cache.load("judge", lambda: _parse(path), depends=(str(path.resolve()), digest.hexdigest()))


def _parse(path: Path) -> JudgeModel:
    return replace(JudgeModel.from_dict(read_json(path), str(path)), lexicon=Lexicon.read(path.parent))


@lru_cache(maxsize=1)
def _builtin() -> JudgeModel | None:
    file = resources.files("accord").joinpath(BUILTIN)
    if not file.is_file():
        return None
    return _read(Path(str(file)))


class LearnedJudge:
    def __init__(self, model: JudgeModel) -> None:
        self.model = model

    def judge(self, candidate: EventCandidate, ctx: CodingContext) -> None:
        p_type, p_sides = self.model.probabilities(candidate_features(candidate, ctx), context_words(candidate))
        threshold = self.model.drop_below["material_conflict" if candidate.code[:2] in MATERIAL_CONFLICT_ROOTS
                                          else "other"]
        if p_type < threshold:
            candidate.drop(f"judged no literal political act of its kind (p {p_type:.2f} < {threshold:.2f})")
            return
        candidate.confidence = round(self.model.calibration(p_type * p_sides), 3)
        candidate.note(f"judged: type right p {p_type:.2f}, sides right p {p_sides:.2f}, "
                       f"confidence {candidate.confidence:.2f}")


@dataclass
class Recorded:
    """A judged candidate, as training reads it: where it is, what it says, and its features."""

    document_id: str
    sentence: int
    code: str
    pairs: list[tuple[dict | None, dict | None]]
    features: dict[str, float]
    words: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())  # the sentence's and the window's content words


class RecordingJudge:
    """Keeps every candidate (scored by the heuristic) and records it with its features: what ``accord
    train`` codes the training texts with."""

    def __init__(self) -> None:
        self.records: list[Recorded] = []
        self.inner = HeuristicJudge()

    def judge(self, candidate: EventCandidate, ctx: CodingContext) -> None:
        self.inner.judge(candidate, ctx)

        def side(ref):
            return None if ref is None else {"code": ref.actor.code, "country": ref.actor.country,
                                             "start": ref.start, "end": ref.end}

        self.records.append(Recorded(ctx.document_id, candidate.sentence, candidate.code,
                                     [(side(s), side(t)) for s, t in candidate.pairs],
                                     candidate_features(candidate, ctx), context_words(candidate)))
