"""Readers for plain text, HTML and JSON Lines, and the walk over paths and standard input."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Document
from . import dateline as datelines
from .cleaning import MAX_TITLE_WORDS, normalise_whitespace, remove_furniture, split_title
from .encoding import repair

Item = Document | InputError

TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MIN_TEXT_CHARS = 20
MAX_TEXT_CHARS = 1_000_000  # the most text one document may hold (for HTML: the article text extracted)


def decode(data: bytes, source: str) -> str:
    """Bytes to text, refusing what is not UTF-8 text."""
    if not data.strip():
        raise InputError(source, "empty input")
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary data, not text (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})") from None
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 8192):
        raise InputError(source, "binary data, not text (too many control characters)")
    return text


def check_text(text: str, source: str) -> None:
    """Refuse a text longer than MAX_TEXT_CHARS, or holding a NUL character (no database stores one in
    text, and no article has one), before any work is spent on it."""
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(source, f"too long: {len(text):,} characters of text, more than the {MAX_TEXT_CHARS:,} "
                                 "one document may hold (split it into articles)")
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(source, f"not text: a NUL character (\\u0000) at character {nul:,}")


def parse_date(value: Any, source: str, what: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(text, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        raise InputError(source, f"{what} is not a date: {text!r}")
    return parsed.date()


def from_text(text: str, source: str, doc_id: str, *, title: str | None = None, url: str | None = None,
              published: date | None = None) -> Document:
    """Article text (possibly with page furniture, a headline and a dateline) -> Document."""
    check_text(text, source)
    text, repairs = repair(text)
    if title:
        title = repair(title)[0]
    body = normalise_whitespace(remove_furniture(text))
    found_title, body = split_title(body)
    if found_title is None:  # a headline ending in a full stop, known by the dateline that opens the story
        first, sep, rest = body.partition("\n\n")
        if sep and "\n" not in first and len(first.split()) <= MAX_TITLE_WORDS and datelines.parse(rest, published)[0]:
            found_title, body = first.strip(), rest
    title = title or found_title
    if len(body.strip()) < MIN_TEXT_CHARS:
        raise InputError(source, "no article text (only page furniture or a headline)")
    dateline, used, warnings = datelines.parse(body, published)
    if dateline:
        body = body[used:]
    document = Document(id=doc_id, text=body, title=title, url=url, published=published, dateline=dateline)
    document.warnings.extend(repairs + warnings)
    if published is None:
        if dateline and dateline.date:
            document.warnings.append("no publication date: dates are relative to the dateline")
        else:
            document.warnings.append("no publication date: relative dates cannot be resolved")
    return document


def from_html(html: str, source: str, doc_id: str, *, url: str | None = None, published: date | None = None,
              title: str | None = None) -> Document:
    """An HTML page -> Document: main text through trafilatura, metadata from the page."""
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
        )
    except Exception as exc:  # trafilatura and lxml meeting hostile markup (found by tests/test_fuzz.py)
        raise InputError(source, f"the HTML page cannot be parsed ({exc.__class__.__name__})") from None
    assert not isinstance(extracted, dict)  # a dict only when as_dict=True is asked for
    if extracted is None or not (extracted.text or "").strip():
        raise InputError(source, "no article text found in the HTML page")
    if published is None and extracted.date:
        try:
            published = date.fromisoformat(extracted.date[:10])
        except ValueError:
            pass
    page_title = title or extracted.title
    # trafilatura puts one paragraph on each line; the text model separates paragraphs by a blank line
    lines = [ln for ln in (extracted.text or "").splitlines() if ln.strip()]
    if page_title and lines and lines[0].strip() == page_title.strip():
        lines = lines[1:]
    document = from_text("\n\n".join(lines), source, doc_id, title=page_title, url=url or extracted.url,
                         published=published)
    return document


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head or "<head" in head)


def from_jsonl(text: str, source: str, published: date | None, first_line: int = 1) -> Iterator[Item]:
    """One article per line: {"id", "text" | "html", "title"?, "url"?, "published"?}."""
    for number, line in enumerate(text.splitlines(), start=first_line):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield InputError(where, "a line must hold a JSON object")
            continue
        try:
            yield from_record(record, where, published)
        except InputError as exc:
            yield exc


def from_record(record: dict[str, Any], where: str, published: date | None = None) -> Document:
    doc_id = str(record.get("id") or where)
    when = published or parse_date(record.get("published"), where, "'published'")
    fields: dict[str, Any] = {"title": record.get("title"), "url": record.get("url"), "published": when}
    for key in ("title", "url"):
        if fields[key] is not None and not isinstance(fields[key], str):
            raise InputError(where, f"'{key}' must be a string")
    if isinstance(record.get("text"), str) and record["text"].strip():
        return from_text(record["text"], where, doc_id, **fields)
    if isinstance(record.get("html"), str) and record["html"].strip():
        return from_html(record["html"], where, doc_id, **fields)
    raise InputError(where, "no 'text' or 'html' field with content")


def read_bytes(data: bytes, source: str, *, kind: str | None = None, published: date | None = None,
               doc_id: str | None = None) -> Iterator[Item]:
    """Read one input (a file's or standard input's bytes) of the given kind, or sniff it."""
    try:
        text = decode(data, source)
    except InputError as exc:
        yield exc
        return
    if kind is None:
        stripped = text.lstrip()
        if looks_like_html(text):
            kind = "html"
        elif stripped.startswith("{"):
            kind = "jsonl"
        else:
            kind = "text"
    doc_id = doc_id or source
    try:
        if kind == "jsonl":
            yield from from_jsonl(text, source, published)
        elif kind == "html":
            yield from_html(text, source, doc_id, published=published)
        else:
            yield from_text(text, source, doc_id, published=published)
    except InputError as exc:
        yield exc


def _kind_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    return None  # sniff


def _files_in(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.is_file() and p.suffix.lower() in READABLE_SUFFIXES
                  and not any(part.startswith(".") for part in p.relative_to(directory).parts))


def read_paths(paths: Iterable[str], *, published: date | None = None) -> Iterator[Item]:
    """Files, directories (their .txt/.html/.jsonl files, recursively) or "-" for standard input."""
    for name in paths:
        if name == "-":
            yield from read_bytes(sys.stdin.buffer.read(), "<stdin>", published=published)
            continue
        path = Path(name)
        if path.is_dir():
            files = _files_in(path)
            if not files:
                yield InputError(name, "directory holds no .txt, .html or .jsonl files")
            for file in files:
                yield from _read_file(file, published)
        elif path.is_file():
            yield from _read_file(path, published)
        elif path.exists():
            yield InputError(name, "not a regular file or directory")
        else:
            yield InputError(name, "no such file or directory")


def _read_file(path: Path, published: date | None) -> Iterator[Item]:
    if _kind_of(path) == "jsonl":
        yield from _stream_jsonl(path, published)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(str(path), f"cannot be read ({exc.strerror})")
        return
    yield from read_bytes(data, str(path), kind=_kind_of(path), published=published, doc_id=path.stem)


def _stream_jsonl(path: Path, published: date | None) -> Iterator[Item]:
    """A JSON Lines file line by line, so that memory does not grow with the file."""
    source = str(path)
    any_content = False
    try:
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                any_content = True
                where = f"{source}:{number}"
                try:
                    line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError as exc:
                    yield InputError(where, f"not valid UTF-8 (byte {exc.start} of the line)")
                    continue
                yield from from_jsonl(line, source, published, first_line=number)
    except OSError as exc:
        yield InputError(source, f"cannot be read ({exc.strerror})")
        return
    if not any_content:
        yield InputError(source, "empty input")
