"""No change lowers accuracy unnoticed: every check-half figure of `accord eval` (the whole figure for the
one-document seed page) must stay within 0.01 of the value recorded in tests/recorded_figures.json.

After a change that moves figures, run `accord eval --shared ../shared --json tests/recorded_figures.json`
and commit the file with the change, its before and after in the commit message and docs/evaluation.md.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.evaluate import collect

RECORDED = Path(__file__).resolve().parent / "recorded_figures.json"
TOLERANCE = 0.01

pytestmark = pytest.mark.shared


def _reported_part(values: dict[str, float]) -> str:
    return "check" if "check" in values else "all"


@pytest.fixture(scope="module")
def results(pipeline, shared):
    return collect(pipeline, shared)


def test_every_recorded_set_is_scored(results):
    recorded = json.loads(RECORDED.read_text("utf-8"))
    assert set(recorded) <= set(results), "a recorded gold set was not scored"


@pytest.mark.parametrize("name", sorted(json.loads(RECORDED.read_text("utf-8"))))
def test_check_figures_hold(results, name):
    recorded = json.loads(RECORDED.read_text("utf-8"))[name]
    result = results[name]
    fallen = []
    for figure, values in recorded["figures"].items():
        part = _reported_part(values)
        was = values[part]
        now = result.figures.get(figure, {}).get(part)
        if now is None:
            fallen.append(f"{figure}: no longer reported")
        elif figure in recorded.get("lower_is_better", []):
            if now > was + TOLERANCE:
                fallen.append(f"{figure} ({part}) rose {was:.3f} -> {now:.3f}")
        elif now < was - TOLERANCE:
            fallen.append(f"{figure} ({part}) fell {was:.3f} -> {now:.3f}")
    assert not fallen, f"{name}: " + "; ".join(fallen)
