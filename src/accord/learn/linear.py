"""A logistic model stored as plain JSON (weights by feature name, intercept, and a calibration: a logistic
curve or an isotonic table), applied without scikit-learn: reading it runs no code, and the package needs
nothing to apply it but this module. ``learn/train.py`` writes it.
"""
from __future__ import annotations

import bisect
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DictionaryError


@dataclass(frozen=True)
class LinearModel:
    weights: dict[str, float]
    intercept: float

    def probability(self, features: dict[str, float]) -> float:
        score = self.intercept + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        if score < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-score))

    def to_dict(self) -> dict[str, Any]:
        return {"intercept": self.intercept, "weights": dict(sorted(self.weights.items()))}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LinearModel:
        return cls({str(k): float(v) for k, v in data["weights"].items()}, float(data["intercept"]))


def log_odds(probability: float) -> float:
    """log(p / (1 - p)), with p kept within 1e-4 of 0 and 1 (a score of exactly 0 or 1 has no log-odds)."""
    clipped = min(1.0 - 1e-4, max(1e-4, probability))
    return math.log(clipped / (1.0 - clipped))


@dataclass(frozen=True)
class Calibration:
    """A monotone map from a model's score to the probability of being right. Either a logistic curve on the
    score's log-odds (``slope``, ``intercept``: Platt scaling, two numbers learned) or a table of steps
    (``xs``, ``ys``: isotonic regression, interpolated linearly between them); with neither, the score itself."""

    xs: tuple[float, ...] = ()
    ys: tuple[float, ...] = ()
    slope: float | None = None
    intercept: float = 0.0

    def __call__(self, score: float) -> float:
        if self.slope is not None:
            z = self.intercept + self.slope * log_odds(score)
            return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        if not self.xs:
            return score
        i = bisect.bisect_left(self.xs, score)
        if i == 0:
            return self.ys[0]
        if i >= len(self.xs):
            return self.ys[-1]
        x0, x1, y0, y1 = self.xs[i - 1], self.xs[i], self.ys[i - 1], self.ys[i]
        return y0 if x1 == x0 else y0 + (y1 - y0) * (score - x0) / (x1 - x0)

    def to_dict(self) -> dict[str, Any]:
        if self.slope is not None:
            return {"kind": "logistic", "slope": self.slope, "intercept": self.intercept}
        return {"xs": list(self.xs), "ys": list(self.ys)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Calibration:
        if data.get("kind") == "logistic":
            return cls(slope=float(data["slope"]), intercept=float(data["intercept"]))
        return cls(tuple(float(x) for x in data["xs"]), tuple(float(y) for y in data["ys"]))


def read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise DictionaryError(str(path), None, f"cannot read the model: {exc}") from None
