"""Which language a document is in (py3langid), so that non-English articles are skipped, not mis-coded.

accord's actor dictionary, event patterns and spaCy pipeline are English; coding a French article would
give nonsense events. A text is called non-English only when the identifier is confident, so short or
name-heavy English texts (which can look like anything) are never refused. `accord watch` checks each
article; `accord code` and `accord ingest` pass their inputs through ``skip_non_english``.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..errors import Skipped
from ..model import Document

SAMPLE_CHARS = 5000  # the identifier reads the start of a text; an article's language shows early
MIN_CONFIDENCE = 0.8
MIN_LATIN_SHARE = 0.5  # fewer of a text's letters in the Latin alphabet than this: not English, however unsure


@dataclass(frozen=True, slots=True)
class Language:
    code: str  # ISO 639-1, as py3langid names it ("en", "fr")
    confidence: float  # 0..1

    @property
    def name(self) -> str:
        import pycountry

        found = pycountry.languages.get(alpha_2=self.code)
        return found.name if found else self.code


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def identify(text: str) -> Language:
    code, confidence = _identifier().classify(text[:SAMPLE_CHARS])
    return Language(str(code), float(confidence))


def latin_share(text: str) -> float:
    """The share of the letters at the start of a text that are Latin (1.0 for a text without letters)."""
    letters = [ch for ch in text[:SAMPLE_CHARS] if ch.isalpha()]
    return sum(1 for ch in letters if ch < "\u0250") / len(letters) if letters else 1.0


def not_english(text: str, min_confidence: float = MIN_CONFIDENCE) -> str | None:
    """The reason to skip a text that is confidently not English, else None.

    Confident: the identifier says so with at least ``min_confidence``, or the text is mostly in another
    alphabet (the identifier's probabilities run low for Chinese, Japanese and Korean, whose letters it
    sees as many rare byte sequences)."""
    if not text.strip():
        return None
    language = identify(text)
    if language.code == "en":
        return None
    if language.confidence >= min_confidence:
        return f"not English (looks like {language.name}, '{language.code}', confidence {language.confidence:.2f})"
    if latin_share(text) < MIN_LATIN_SHARE:
        return (f"not English (looks like {language.name}, '{language.code}', confidence {language.confidence:.2f}; "
                "mostly not in the Latin alphabet)")
    return None


def skip_non_english(items: Iterable) -> Iterator:
    """The items, with each document that is confidently not English replaced by a Skipped naming its language."""
    for item in items:
        if isinstance(item, Document):
            reason = not_english(item.text)
            if reason:
                yield Skipped(item.id, reason)
                continue
        yield item
