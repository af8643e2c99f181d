"""Data files read with the line of every value, and checked against a schema (a pydantic model), so that a
mistake is reported with its file and line: ``data/events/patterns/core.yaml:42: target[0]: unknown slot``.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import DictionaryError

KeyPath = tuple[Any, ...]  # keys and indices from the top of a file to one value
Model = TypeVar("Model", bound=BaseModel)
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ten times faster


class Lines(dict[KeyPath, int]):
    """The line where each value of a YAML file starts, by its path."""

    def of(self, path: Iterable[Any]) -> int | None:
        """The line of ``path``, else of its nearest enclosing value that has one."""
        path = tuple(path)
        while path not in self and path:
            path = path[:-1]
        return self.get(path)


def read_yaml(text: str, source: str) -> tuple[Any, Lines]:
    """Parse YAML as ``yaml.safe_load`` does, also returning the line of every key, item and value.
    A key given twice in one mapping is an error (YAML would keep the last one silently)."""
    loader = LOADER(text)
    lines = Lines()
    try:
        node = loader.get_single_node()
        data = _build(loader, node, (), lines, source) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DictionaryError(source, mark.line + 1 if mark else None, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    return data, lines


def _build(loader: Any, node: yaml.Node, path: KeyPath, lines: Lines, source: str) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, path + (i,), lines, source) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in mapping:
                raise DictionaryError(source, key_node.start_mark.line + 1, f"{key!r} is given twice")
            mapping[key] = _build(loader, value_node, path + (key,), lines, source)
            lines[path + (key,)] = key_node.start_mark.line + 1  # a key's line, not its value's
        return mapping
    return loader.construct_object(node, deep=True)


def validate(model: type[Model], data: Any, *, source: str, lines: Lines, path: KeyPath = (),
             what: str = "", context: dict[str, Any] | None = None) -> Model:
    """``data`` (found at ``path`` in ``source``) checked against ``model``; the first mistake raises a
    DictionaryError with the file and line and what is wrong. ``what`` names the value ("entry 3 (code 190)")."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        loc = tuple(part for part in error["loc"] if part != "[key]")
        line = lines.of(path + loc)
        raise DictionaryError(source, line, _reason(model, error, loc, what)) from None


def _reason(model: type[BaseModel], error: Any, loc: KeyPath, what: str) -> str:
    field = "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(loc))
    prefix = ", ".join(p for p in (what, field) if p)
    prefix = f"{prefix}: " if prefix else ""
    if error["type"] == "extra_forbidden":
        known = list(model.model_fields)
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else f" (known keys: {', '.join(known)})"
        return f"{what + ': ' if what else ''}unknown key {loc[-1]!r}{hint}"
    value = error.get("input")
    if isinstance(value, bool):  # YAML 1.1 reads on, off, yes, no as true and false
        return f"{prefix}{error['msg']}; got {value!r} (YAML reads on/off/yes/no as true/false: quote the word)"
    if error["type"] == "missing":
        return f"{prefix}is missing"
    return f"{prefix}{error['msg']}"


def words_of(text: str) -> list[tuple[int, str]]:
    """The lines of a one-word-a-line file that hold a word (not blank, not a # comment), with their numbers."""
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), start=1)
            if line.strip() and not line.lstrip().startswith("#")]
