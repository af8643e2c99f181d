"""What every scorer shares: coding a batch of short gold texts, and rates."""
from __future__ import annotations

from datetime import date

from ..ingest.readers import from_text
from ..model import Document


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def code_texts(pipeline, texts: list[tuple[str, str]], published: date | None = None) -> list[Document]:
    """Code short gold texts in one batch (ids kept in order)."""
    items = [from_text(text, doc_id, doc_id, published=published) for doc_id, text in texts]
    return [d for d in pipeline.code_documents(items) if isinstance(d, Document)]
