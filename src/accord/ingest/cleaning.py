"""Turning scraped text into article text: page furniture, titles, and whitespace."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

MAX_FURNITURE_LINE = 160


@lru_cache(maxsize=1)
def furniture_patterns() -> re.Pattern[str]:
    lines = resources.files("accord").joinpath("data/ingest/furniture.txt").read_text("utf-8").splitlines()
    patterns = [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def is_furniture(line: str) -> bool:
    stripped = line.strip().strip("|•·>«»").strip()
    if not stripped:
        return False
    match = furniture_patterns().fullmatch(stripped)
    if not match:
        return False
    return len(stripped) <= MAX_FURNITURE_LINE or "cookie" in stripped.lower()


def remove_furniture(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not is_furniture(line))


def normalise_whitespace(text: str) -> str:
    """One blank line between paragraphs, no trailing spaces, no runs of spaces inside lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    paragraphs = re.split(r"\n\s*\n", text)
    cleaned = []
    for para in paragraphs:
        lines = [re.sub(r"[ \t]+", " ", ln).strip() for ln in para.split("\n")]
        joined = "\n".join(ln for ln in lines if ln)
        if joined:
            cleaned.append(joined)
    return "\n\n".join(cleaned)


MAX_TITLE_WORDS = 30


def split_title(text: str) -> tuple[str | None, str]:
    """A headline on its own first paragraph: short, no closing full stop, followed by more text."""
    first, sep, rest = text.partition("\n\n")
    if not sep or "\n" in first:
        return None, text
    candidate = first.strip()
    words = candidate.split()
    if 2 <= len(words) <= MAX_TITLE_WORDS and not candidate.endswith((".", '"', "”", ":")) \
            and len(rest) > len(candidate):
        return candidate, rest
    return None, text
