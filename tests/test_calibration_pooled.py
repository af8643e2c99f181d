"""`accord eval` pools the confidence of every set that judges its events into one calibration figure."""
from __future__ import annotations

import pytest

from accord.evaluate import calibration
from accord.evaluate.common import SetResult


def _judging(name: str, tune: list[tuple[float, bool]], check: list[tuple[float, bool]]) -> SetResult:
    result = SetResult(name, name)
    result.judged = {"tune": tune, "check": check, "all": tune + check}
    return result


def test_the_pooled_figure_reads_every_judging_sets_events_on_each_half():
    # one set over-confident, one under-confident: pooled, their errors meet in the same bins
    over = _judging("a", [(0.85, False)] * 2 + [(0.85, True)] * 8, [(0.85, True)] * 5 + [(0.85, False)] * 5)
    under = _judging("b", [(0.15, True)] * 10, [(0.15, False)] * 10)
    pooled = calibration({"a": over, "b": under, "c": SetResult("c", "no confidence judged")})
    assert pooled is not None and pooled.sizes == {"tune": 20, "check": 20, "all": 40}
    ece = pooled.figures["confidence ECE, pooled"]
    assert ece["tune"] == pytest.approx((10 * 0.05 + 10 * 0.85) / 20)
    assert ece["check"] == pytest.approx((10 * 0.35 + 10 * 0.15) / 20)
    assert pooled.figures["right, confidence >= 0.5"]["check"] == 0.5
    assert "confidence ECE, pooled" in pooled.lower_is_better


def test_one_judging_set_alone_gives_no_pooled_figure():
    assert calibration({"a": _judging("a", [(0.5, True)], [(0.5, False)])}) is None
