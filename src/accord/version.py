"""The coder's version, recorded on every stored event.

It is the package version plus a digest of the data files (dictionaries, patterns, ontology), so a
change to any rule's vocabulary is a new coder and re-ingesting replaces a document's events.
The setting ACCORD_CODER_VERSION overrides it (for tests and for pinning a deployment).
"""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from importlib import resources

from . import __version__

SETTING = "ACCORD_CODER_VERSION"


@lru_cache(maxsize=1)
def _data_digest() -> str:
    digest = hashlib.sha256()
    root = resources.files("accord").joinpath("data")
    stack = [root]
    files = []
    while stack:
        node = stack.pop()
        for child in node.iterdir():
            if child.is_dir():
                stack.append(child)
            else:
                files.append(child)
    for file in sorted(files, key=lambda f: str(f)):
        digest.update(str(file).rsplit("data", 1)[-1].encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()[:10]


def coder_version() -> str:
    return os.environ.get(SETTING) or f"{__version__}+{_data_digest()}"
