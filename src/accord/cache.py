"""Resources built once and kept between runs: the actor dictionary, the ontology with the event patterns,
the name matcher's phrases and the gazetteer take seconds to build from their data files and a fraction
of that to read back. Every process and Dask worker reads them from here.

    dictionary = cache.load("actor-dictionary", load_builtin)

Each object is pickled to ``<folder>/<name>-<key>.pickle``. The key is a digest of accord's version, of
its data files and its coding code (``version.coder_digest``: any change to either is a new key, so a
stale object is never read), of the Python version, and of whatever else the caller says the object
depends on (``depends``: the spaCy model for the matcher's phrases, the gazetteer's libraries). Files are
written to a temporary name and renamed, so a reader sees a whole file or none; files of the same name
with another key are removed when a new one is written, once they are a week old (two installed
versions of accord may take turns).

The folder is ``ACCORD_CACHE_DIR`` when set, else ``$XDG_CACHE_HOME/accord``, else ``~/.cache/accord``;
``ACCORD_CACHE_DIR=off`` turns the cache off. A folder that cannot be written, or a file that cannot be
read, only means the object is built as if there were no cache: never an error. The files are trusted as
the user's own (pickle runs code on load), so the folder must not be writable by others.
"""
from __future__ import annotations

import dataclasses
import gc
import hashlib
import io
import logging
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from . import __version__
from .version import coder_digest

SETTING = "ACCORD_CACHE_DIR"
OFF = "off"
PROTOCOL = 5
KEEP_OTHERS = 7 * 24 * 3600  # seconds a file of another key is kept
log = logging.getLogger(__name__)
T = TypeVar("T")


def folder() -> Path | None:
    """Where cached objects are kept; None when the cache is off."""
    chosen = os.environ.get(SETTING, "").strip()
    if chosen.lower() == OFF:
        return None
    if chosen:
        return Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "accord"


def key(*depends: object) -> str:
    parts = (__version__, coder_digest(), sys.version, PROTOCOL, *depends)
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:20]


def load(name: str, build: Callable[[], T], *, depends: tuple = ()) -> T:
    """The object ``build()`` returns, read from the cache when an up-to-date copy is there, else built
    and stored for the next process. Each call returns a new object (callers may change it)."""
    where = folder()
    if where is None:
        return build()
    path = where / f"{name}-{key(*depends)}.pickle"
    try:
        data = path.read_bytes()
    except OSError:
        data = None
    if data is not None:
        enabled = gc.isenabled()
        gc.disable()  # unpickling makes many objects at once: the collector would walk them again and again
        try:
            return pickle.loads(data)
        except Exception as exc:  # a damaged file is rebuilt, never an error
            log.info("cache: %s unreadable (%s), building it again", path, exc)
        finally:
            if enabled:
                gc.enable()
    built = build()
    _store(path, name, built)
    return built


def _store(path: Path, name: str, value: Any) -> None:
    try:
        buffer = io.BytesIO()
        _Pickler(buffer, protocol=PROTOCOL).dump(value)
        data = buffer.getvalue()
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
        for old in path.parent.glob(f"{name}-*.pickle"):
            if old != path and time.time() - old.stat().st_mtime > KEEP_OTHERS:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, TypeError, AttributeError) as exc:
        log.info("cache: %s not written (%s)", path, exc)


class _Pickler(pickle.Pickler):
    """Frozen dataclasses with slots (most of what is cached: names, roles, places, patterns) are written
    as their field values and read back by ``_restore``; dataclasses' own ``__setstate__`` looks up the
    fields again for every object, which made up most of the reading time."""

    def reducer_override(self, obj):
        names = _frozen_fields(type(obj))
        if names is None:
            return NotImplemented
        return _restore, (type(obj), tuple(getattr(obj, name) for name in names))


@cache
def _frozen_fields(cls: type) -> tuple[str, ...] | None:
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or "__slots__" not in cls.__dict__:
        return None
    return tuple(f.name for f in dataclasses.fields(cls))


def _restore(cls: type, values: tuple) -> Any:
    obj: Any = object.__new__(cls)
    for name, value in zip(_frozen_fields(cls) or (), values):
        object.__setattr__(obj, name, value)
    return obj
