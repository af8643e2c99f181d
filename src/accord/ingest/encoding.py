"""Repairing text that an earlier program decoded with the wrong codec, before accord reads it.

Scraped archives often hold UTF-8 that was read as Windows-1252 or Latin-1 ("mojibake": ``â€™`` for ``’``,
``Ã©`` for ``é``), and U+FFFD where a decoder met a byte it could not place. Left alone, both break words
("vajpayeeâ€™s" is one token and no name) and quotations. ``repair`` decodes such text again with ftfy,
only where ftfy is confident it is mojibake; restores the right double quotation mark whose last byte a
Windows-1252 decoder lost (``â€`` + U+FFFD); restores an apostrophe lost as U+FFFD or doubled (``''``)
between a word and one of the endings in ``data/ingest/repair.yaml`` ("india�s", "the state''s");
and turns any other U+FFFD at the edge of a word into a space, since what it stood for cannot be known.
It runs before the Document is made, so offsets are into the repaired text, and it says what it did.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from ..errors import DictionaryError

REPLACEMENT = "\ufffd"
# Windows-1252 shows the bytes 0x80-0xBF (UTF-8 continuation bytes) as these characters: a letter from
# "Â" to "ô" (a UTF-8 lead byte read the same way) followed by one of them is what mojibake looks like.
_CONTINUATIONS = bytes(range(0x80, 0xC0)).decode("cp1252", errors="ignore") + "\x81\x8d\x8f\x90\x9d"
_SUSPECT = re.compile("[\u00c2-\u00f4][" + re.escape(_CONTINUATIONS) + "]|\u00c2[ \ufffd]")
# a no-break space (C2 A0) read as Windows-1252 is "Â" and a no-break space, often made an ordinary space
# since, or lost (U+FFFD): "Â" before a space or U+FFFD, not inside a capitalised word, is always that
_STRAY_A_CIRCUMFLEX = re.compile("(?<![A-Z\u00c0-\u00de])\u00c2(?=[ \u00a0\ufffd])")
# "â€" + U+FFFD: the bytes E2 80 9D (”) read as Windows-1252, which has no character for 0x9D
_LOST_CLOSING_QUOTE = "\u00e2\u20ac" + REPLACEMENT
_LETTER = r"[^\W\d_]"


@lru_cache(maxsize=1)
def _apostrophe_gap() -> re.Pattern[str]:
    """A lost (U+FFFD) or doubled ('') apostrophe between a word and an ending such as "s" or "t"."""
    path = "data/ingest/repair.yaml"
    data = yaml.safe_load(resources.files("accord").joinpath(path).read_text("utf-8"))
    clitics = data.get("clitics") if isinstance(data, dict) else None
    if not clitics or not all(isinstance(c, str) and c.isalpha() for c in clitics):
        raise DictionaryError(path, None, "'clitics' must be a list of word endings made of letters")
    endings = "|".join(sorted(map(re.escape, clitics), key=len, reverse=True))
    return re.compile(f"(?<={_LETTER})(?:{REPLACEMENT}|'')(?=(?:{endings})(?!{_LETTER}))", re.IGNORECASE)


def _mojibake(text: str) -> tuple[str, int]:
    """The text decoded again where ftfy finds UTF-8 read with a one-byte codec; how many sequences."""
    if not _SUSPECT.search(text):
        return text, 0
    import ftfy

    # the closing quotation mark is given back its lost last byte, which ftfy then decodes with the rest
    restored = text.replace(_LOST_CLOSING_QUOTE, "\u00e2\u20ac\x9d")
    fixed = ftfy.fix_encoding(restored)
    if fixed == restored:
        fixed = text  # ftfy found no mojibake: the quotation marks stay as they were
    fixed = _STRAY_A_CIRCUMFLEX.sub("", fixed)
    return fixed, len(_SUSPECT.findall(text)) - len(_SUSPECT.findall(fixed))


def repair(text: str) -> tuple[str, list[str]]:
    """The repaired text and a warning for each kind of repair made (none when the text was sound)."""
    warnings = []
    text, sequences = _mojibake(text)
    if sequences:
        warnings.append(f"repaired mojibake: {sequences} sequence(s) of UTF-8 that had been read as Windows-1252 "
                        "or Latin-1 (such as 'â€™' for '’') decoded again")
    apostrophes = 0
    if REPLACEMENT in text or "''" in text:
        text, apostrophes = _apostrophe_gap().subn("\u2019", text)
    if apostrophes:
        warnings.append(f"repaired {apostrophes} lost or doubled apostrophe(s) ('india\ufffds', \"state''s\")")
    lost = text.count(REPLACEMENT)
    if lost:
        text = re.sub(f"(?<!{_LETTER}){REPLACEMENT}|{REPLACEMENT}(?!{_LETTER})", " ", text)
        warnings.append(f"{lost} character(s) lost in an earlier decoding (U+FFFD); "
                        f"{lost - text.count(REPLACEMENT)} at the edge of a word read as spaces")
    return text, warnings
