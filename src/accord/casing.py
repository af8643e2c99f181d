"""Lower-cased text: finding it, and capitalising what accord knows in it before the parse.

Archives and scrapes often give news in lower case ("ahmedabad: chief minister narendra modi said ...").
spaCy's tagger, parser and entity recogniser read capitals: in such text names become common nouns, and
the dictionaries, which match names as they are written, find none. A paragraph is *lower-cased* when most
of its sentences begin with a small letter and few of its words are capitalised. In such a paragraph
``Recaser.recase`` capitalises, without changing the text's length, so that every offset still holds:

- the first letter of each sentence, and the pronoun "i";
- the names of the actor dictionary and the gazetteer, as the dictionary or gazetteer writes them
  ("narendra modi" -> "Narendra Modi", "bjp" -> "BJP"); a name of one word that is an ordinary English word
  in lower case ("turkey", "us", "nice": ``data/casing/ordinary_words.txt``, written by
  tools/ordinary_words.py from spaCy's lexeme probabilities) only where the words around it make it the
  name ("the us", "us-led", "us troops", "turkey's army": ``Recaser._word_name_at``);
- weekdays and months ("on wednesday"), a month that is also a common word ("may", "march") only after a
  word that makes it the month ("in may"), as the temporal stage reads them.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import yaml
from spacy.lang.en.stop_words import STOP_WORDS

from .errors import DictionaryError

PARAGRAPHS = re.compile(r"(\n\s*\n)")  # a blank line; kept by split, so the pieces join back to the text
WORD = re.compile(r"[^\W_]+")
LETTERS = re.compile(r"[^\W\d_]+")
# where a sentence may start: the text's start, or after a full stop, question or exclamation mark (and any
# closing brackets) and a space; the letter is the first after any opening marks. Not after a closing
# quotation mark: '"... at once?" he asked' goes on with the same sentence.
SENTENCE_START = re.compile(r"(?:^|(?<=[.!?])[)\]]*\s+)[\"'`“‘(\[]*([^\W\d_])", re.MULTILINE)
INITIALS = re.compile(r"(?:[^\W\d_]\.)+")  # "u.s.", "p.", "a.m.": a full stop that ends no sentence
PRONOUN_I = re.compile(r"(?<![^\W_])i(?![^\W_])(?!\.)")
MAX_CAPITALISED = 0.1  # a lower-cased paragraph has fewer capitalised words than this share
MIN_WORDS = 6  # a shorter paragraph (a URL, "he said.") says too little to tell


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Abbreviations spaCy's English tokeniser knows ("mr.", "gen.", "calif."), in lower case."""
    from spacy.lang.en import English

    return frozenset(k.lower() for k in English.Defaults.tokenizer_exceptions if k.endswith(".") and len(k) > 1)


def sentence_starts(paragraph: str) -> list[int]:
    """Where the first letter of each sentence stands: after the text's start or a sentence's end, not
    after an abbreviation or initials ("the u.s. would", "gen. musharraf")."""
    starts = []
    for m in SENTENCE_START.finditer(paragraph):
        end = m.start()  # just after the mark that ended the sentence before, if any
        if end and paragraph[end - 1] == ".":
            last = paragraph[max(paragraph.rfind(" ", 0, end), paragraph.rfind("\n", 0, end)) + 1:end].lower()
            if INITIALS.fullmatch(last) or last in _abbreviations():
                continue
        starts.append(m.start(1))
    return starts


@lru_cache(maxsize=1)
def acronym_signals() -> frozenset[str]:
    """``data/casing/acronyms.yaml``: the words after which an acronym that is also a word is the name."""
    path = "data/casing/acronyms.yaml"
    data = yaml.safe_load(resources.files("accord").joinpath(path).read_text("utf-8"))
    words = data.get("before") if isinstance(data, dict) else None
    if not words or not all(isinstance(w, str) and w.isalpha() for w in words):
        raise DictionaryError(path, None, "'before' must be a list of words")
    return frozenset(w.lower() for w in words)


@lru_cache(maxsize=1)
def ordinary_words() -> frozenset[str]:
    """``data/casing/ordinary_words.txt``: lower-case words that are ordinary English words, not names."""
    path = "data/casing/ordinary_words.txt"
    text = resources.files("accord").joinpath(path).read_text("utf-8")
    words = frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))
    bad = sorted(w for w in words if not w.isalpha() or not w.islower())
    if bad or not words:
        raise DictionaryError(path, None, f"must list lower-case words, one a line (not {bad[:3]})")
    return words


def lower_cased_paragraphs(text: str) -> int:
    """How many paragraphs of a text are lower-cased."""
    return sum(1 for paragraph in PARAGRAPHS.split(text)[::2] if lower_cased(paragraph))


def lower_cased(paragraph: str) -> bool:
    """Whether a paragraph was written, or kept, in lower case: more than half of its sentences begin with a
    small letter and fewer than a tenth of its words are capitalised."""
    words = LETTERS.findall(paragraph)
    if len(words) < MIN_WORDS or sum(1 for w in words if w[0].isupper()) >= MAX_CAPITALISED * len(words):
        return False
    starts = sentence_starts(paragraph)
    return 2 * sum(1 for s in starts if paragraph[s].islower()) > len(starts)


class Recaser:
    """Capitalises known names, sentence starts, weekdays and months in lower-cased paragraphs."""

    def __init__(self, names: Iterable[str], ambiguous: Iterable[str] = (), signals: Iterable[str] = (),
                 followers: Iterable[str] = (), countries: Iterable[str] = ()) -> None:
        """``names`` as they are written ("BJP", "Narendra Modi", "Monday"); ``ambiguous`` words among them
        ("may") are capitalised only right after one of ``signals`` ("in may" -> "in May"). A one-word name
        that is an ordinary word in lower case is capitalised only where the words around it make it the
        name (``_word_name_at``): ``followers`` are the sector words ("troops", "government"), ``countries``
        the names of countries.
        """
        ordinary, countries = ordinary_words(), set(countries)
        self._ambiguous = frozenset(a.lower() for a in ambiguous)
        self._signals = frozenset(s.lower() for s in signals)
        self._acronym_signals = acronym_signals()
        self._followers = frozenset(f.split()[0].lower() for f in followers if f.split())
        # names that are also words, in lower case -> (as written, a country's name?): "us" -> ("US", True)
        self._word_names: dict[str, tuple[str, bool]] = {}
        self._forms: dict[str, str] = {}  # a name in lower case -> as written ("narendra modi" -> "Narendra Modi")
        self._lengths: dict[str, set[int]] = defaultdict(set)  # a name's first word -> its names' lengths in words
        for name in names:
            words = WORD.findall(name)
            if not words:
                continue
            form = name[name.index(words[0]):name.rindex(words[-1]) + len(words[-1])]
            lower = form.lower()
            if lower in self._forms or form == lower or len(lower) != len(form):
                continue
            if len(words) == 1 and lower in ordinary and lower not in self._ambiguous:
                self._word_names.setdefault(lower, (form, form in countries))
                continue  # "turkey", "nice": the word, far more often than the place
            self._forms[lower] = form
            self._lengths[words[0].lower()].add(len(words))
        self._longest_first = {first: sorted(lengths, reverse=True) for first, lengths in self._lengths.items()}

    def recase(self, text: str) -> tuple[str, int]:
        """The text with its lower-cased paragraphs recased (same length, same offsets), and how many."""
        pieces = PARAGRAPHS.split(text)
        recased = 0
        for i in range(0, len(pieces), 2):
            if lower_cased(pieces[i]):
                pieces[i] = self._recase_paragraph(pieces[i])
                recased += 1
        return "".join(pieces), recased

    def _recase_paragraph(self, paragraph: str) -> str:
        chars = list(paragraph)
        for start in sentence_starts(paragraph):
            chars[start] = chars[start].upper()
        for m in PRONOUN_I.finditer(paragraph):
            chars[m.start()] = "I"
        words = [(m.start(), m.end(), m.group().lower()) for m in WORD.finditer(paragraph)]
        i = 0
        while i < len(words):
            found = self._name_at(paragraph, words, i) or self._word_name_at(paragraph, words, i)
            if found is None:
                i += 1
                continue
            length, form = found
            start = words[i][0]
            chars[start:start + len(form)] = form
            i += length
        return "".join(chars)

    def _name_at(self, paragraph: str, words: list[tuple[int, int, str]], i: int) -> tuple[int, str] | None:
        """The longest known name starting at word i, as (its number of words, its written form)."""
        first = words[i][2]
        for n in self._longest_first.get(first, ()):
            if i + n > len(words):
                continue
            form = self._forms.get(paragraph[words[i][0]:words[i + n - 1][1]].lower())
            if form is None:
                continue  # also the same words with other marks between them ("u s" is not "U.S.")
            if n == 1 and first in self._ambiguous and (i == 0 or words[i - 1][2] not in self._signals):
                continue
            return n, form
        return None

    def _word_name_at(self, paragraph: str, words: list[tuple[int, int, str]], i: int) -> tuple[int, str] | None:
        """A name that is also an ordinary word, where the words around it make it the name: a name written
        in capitals after one of ``acronym_signals`` ("the us", "a un plan") or joined by a hyphen to the
        next word ("us-led"); a country's name before a possessive ("turkey's army"); a country's name, or a
        name in capitals that is no function word (spaCy's stop words), before a sector word ("us troops",
        "un peacekeepers", "turkey troops"; not "people who police say")."""
        lower = words[i][2]
        form, country = self._word_names.get(lower, (None, False))
        if form is None or words[i][1] - words[i][0] != len(form):
            return None
        end = words[i][1]
        acronym = form.isupper() and len(form) > 1
        after = paragraph[end:end + 3]
        hyphened = after[:1] == "-" and after[1:2].isalpha()
        if acronym and (hyphened or i > 0 and words[i - 1][2] in self._acronym_signals):
            return 1, form
        if country and after[:2] in ("'s", "\u2019s") and not after[2:3].isalpha():
            return 1, form
        composes = country or acronym and lower not in STOP_WORDS
        if composes and i + 1 < len(words) and words[i + 1][0] == end + 1 and words[i + 1][2] in self._followers:
            return 1, form
        return None


def recaser(dictionary) -> Recaser:
    """A Recaser for an actor dictionary's names, the gazetteer's places, weekdays and months."""
    from .geo import gazetteer
    from .temporal.vocabulary import load

    vocabulary = load()
    calendar = [w.capitalize() for w in (*vocabulary.weekdays, *vocabulary.months)]
    names = [*dictionary.names, *calendar, *gazetteer().names()]
    countries = {name for name, entries in dictionary.names.items() if any(e.kind == "country" for e in entries)}
    return Recaser(names, ambiguous=vocabulary.ambiguous_months, signals=vocabulary.month_signals,
                   followers=dictionary.sector_words, countries=countries)
