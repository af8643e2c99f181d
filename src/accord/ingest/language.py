"""Which language a document is in (py3langid), so that non-English articles are skipped, not mis-coded.

accord's actor dictionary, event patterns and spaCy pipeline are English; coding a French article would
give nonsense events. A text is called non-English only when the identifier is confident, so short or
name-heavy English texts (which can look like anything) are never refused.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

SAMPLE_CHARS = 5000  # the identifier reads the start of a text; an article's language shows early
MIN_CONFIDENCE = 0.8


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


def not_english(text: str, min_confidence: float = MIN_CONFIDENCE) -> str | None:
    """The reason to skip a text that is confidently not English, else None."""
    if not text.strip():
        return None
    language = identify(text)
    if language.code == "en" or language.confidence < min_confidence:
        return None
    return f"not English (looks like {language.name}, '{language.code}', confidence {language.confidence:.2f})"
