"""Shared fixtures: one Pipeline for the whole run, and the ../shared folder when it is there."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def pipeline():
    from accord.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "examples").is_dir():
        pytest.skip(f"the shared material is not at {SHARED} (it ships beside the project checkout, not with it)")
    return SHARED


@pytest.fixture
def code(pipeline):
    """Code a short text and return its Document (keeps the parse for inspection)."""

    def run(text: str, published: date | None = date(2024, 4, 8)):
        return pipeline.code_text(text, published=published)

    return run


def triples(document):
    """(source country, CAMEO code, target country, status) of each event."""
    return [
        (e.source.actor.country if e.source else None, e.cameo,
         e.target.actor.country if e.target else None, e.status)
        for e in document.events
    ]
