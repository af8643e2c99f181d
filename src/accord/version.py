"""The coder's version, recorded on every stored event.

It is the package version plus a digest of everything that decides what the coder emits: the data files
(dictionaries, patterns, ontology) and the code of the stages (every module of the package but those that
only store, show or export what was coded). A change to a rule, in a data file or in Python, is a new coder,
and re-ingesting replaces a document's events. The setting ACCORD_CODER_VERSION overrides it (for tests and
for pinning a deployment).
"""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from importlib import resources
from importlib.abc import Traversable

from . import __version__

SETTING = "ACCORD_CODER_VERSION"
# Parts of the package that never change what is coded: stores, views, exports, the command line, scorers.
NOT_CODING = frozenset({"web", "store", "export", "analysis", "feeds", "evaluate", "scale", "cli.py", "render.py",
                        "recode.py", "version.py", "__pycache__"})


def _files(node: Traversable, top: bool = True) -> list[tuple[str, Traversable]]:
    found = []
    for child in node.iterdir():
        if top and child.name in NOT_CODING or child.name == "__pycache__":
            continue
        if child.is_dir():
            found += [(f"{child.name}/{name}", f) for name, f in _files(child, top=False)]
        elif child.name.endswith((".py", ".yaml", ".tsv", ".txt", ".json")):
            found.append((child.name, child))
    return found


@lru_cache(maxsize=1)
def coder_digest() -> str:
    """A digest of the coding code and data, ten hex digits."""
    digest = hashlib.sha256()
    for name, file in sorted(_files(resources.files("accord")), key=lambda pair: pair[0]):
        digest.update(name.encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()[:10]


def coder_version() -> str:
    return os.environ.get(SETTING) or f"{__version__}+{coder_digest()}"
