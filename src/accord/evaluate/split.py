"""The one tune/check split every gold set shares.

Each gold record falls once and for all in the *tune* half or the *check* half, by a fixed hash of its
key. Rules, thresholds and learned models are developed on tune records only; the figures reported as
results (README, docs/evaluation.md, closing notes) are check figures. A change that raises tune and lowers
check is overfitting and is reverted.

The key is the identity of the unit a record is about:
- sentence-level sets (PLOVER GSR, ConfliBERT PentaClass and roles, accord's own annotated sentences): the
  sentence's normalised text (``split_key``), so one sentence never sits in both halves, even where two sets
  or two records share it;
- document-level sets (MEANTIME, TimeBank/AQUAINT, PolNeAR, BBC News, event locations): the document's id
  as the set names it (file stem or record id), or its normalised text where it has none.

``half(key)`` is ``tune`` when the SHA-1 of ``SALT + key`` is even, ``check`` when odd: about half each.
"""
from __future__ import annotations

import hashlib
import re
from typing import Literal

Half = Literal["tune", "check"]
HALVES: tuple[Half, Half] = ("tune", "check")
SALT = "accord-split-1:"
_WORD = re.compile(r"[^\W_]+")


def split_key(text: str) -> str:
    """A text's key: its words lower-cased, joined by single spaces (punctuation and spacing ignored)."""
    return " ".join(_WORD.findall(text.lower()))


def half(key: str) -> Half:
    """The half a record with this key belongs to."""
    digest = hashlib.sha1((SALT + key).encode("utf-8")).digest()
    return "check" if digest[-1] & 1 else "tune"


def text_half(text: str) -> Half:
    """The half of a sentence-level record: ``half(split_key(text))``."""
    return half(split_key(text))
