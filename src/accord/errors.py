"""accord's exceptions, in one hierarchy.

    AccordError
    ├── InputError            a document could not be read (empty, binary, bad encoding, bad JSON line)
    │   └── Skipped           a document read well but deliberately not coded (not English, stored unchanged)
    ├── DictionaryError       a dictionary or data file is malformed (carries file and line)
    └── ModelNotFoundError    no usable spaCy English pipeline is installed
"""
from __future__ import annotations


class AccordError(Exception):
    """Base class of every error accord raises on purpose."""


class InputError(AccordError):
    """An input item could not be turned into a document.

    ``source`` names the item (a path, ``path:line`` for JSON Lines, or ``<stdin>``).
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class Skipped(InputError):
    """A document left uncoded on purpose: reported with its reason, never counted as a failure.

    ``unchanged``: it is stored already with the same text and the same coder, so coding it again would
    change nothing."""

    def __init__(self, source: str, reason: str, *, unchanged: bool = False) -> None:
        super().__init__(source, reason)
        self.unchanged = unchanged


class DictionaryError(AccordError):
    """A dictionary file has a malformed entry."""

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


class ModelNotFoundError(AccordError):
    """No spaCy English pipeline could be loaded."""
