"""What the words around a candidate say about its topic, as the learned judge reads it.

The type model is trained on the mean word vector (spaCy's ``en_core_web_md`` 300-dimensional vectors, MIT)
of the candidate's sentence and of the window around its trigger. A linear model's weight on a mean vector
is the mean of each word's dot product with that weight, so training writes, for each vector, its share of
the score, and the vectors are never needed again:

- ``word-rows.tsv``: each lower-case word of ``en_core_web_md``'s vocabulary and the row of its vector (many
  rare words share the vector of a frequent one); it depends on the vectors only, not on training;
- ``judge-lexicon.tsv``: each row's share of each block's score, written by ``accord train``.

Words without a vector add nothing. Because the shares come from vectors, a word never seen in training
still counts as the words it resembles ("midfielder" as "striker").
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import DictionaryError

COLUMNS = ("sentence", "window")
WORD_ROWS = "word-rows.tsv"
SHARES = "judge-lexicon.tsv"


@dataclass(frozen=True)
class Lexicon:
    rows: dict[str, int]  # word -> the row of its vector
    shares: dict[int, tuple[float, ...]]  # row -> its share of each column's score

    def features(self, sentence: tuple[str, ...], window: tuple[str, ...]) -> dict[str, float]:
        """``lexicon:<column>``: the mean share of the words of the sentence and of the window."""
        found = {}
        for n, (column, words) in enumerate(zip(COLUMNS, (sentence, window))):
            shares = [self.shares[row][n] for row in (self.rows.get(w) for w in words)
                      if row is not None and row in self.shares]
            if shares:
                found[f"lexicon:{column}"] = sum(shares) / len(shares)
        return found

    def write(self, folder: Path) -> None:
        """Both files; the word rows only when they changed (they depend on the vectors alone)."""
        rows = "".join(f"{word}\t{row}\n" for word, row in sorted(self.rows.items()))
        path = folder / WORD_ROWS
        if not path.is_file() or path.read_text("utf-8") != "word\trow\n" + rows:
            path.write_text("word\trow\n" + rows, "utf-8")
        lines = ["row\t" + "\t".join(COLUMNS)]
        lines += [f"{row}\t" + "\t".join(f"{v:.5f}" for v in values) for row, values in sorted(self.shares.items())]
        (folder / SHARES).write_text("\n".join(lines) + "\n", "utf-8")

    @classmethod
    def read(cls, folder: Path) -> Lexicon:
        rows = {word: int(row) for word, row in _table(folder / WORD_ROWS, ["word", "row"], 2)}
        shares = {int(values[0]): tuple(float(v) for v in values[1:])
                  for values in _table(folder / SHARES, ["row", *COLUMNS], len(COLUMNS) + 1)}
        return cls(rows, shares)


def _table(path: Path, header: list[str], width: int) -> list[list[str]]:
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as exc:
        raise DictionaryError(str(path), None, f"cannot read the judge's lexicon: {exc}") from None
    if not lines or lines[0].split("\t") != header:
        raise DictionaryError(str(path), 1, f"the header must be: {', '.join(header)}")
    table = []
    for number, line in enumerate(lines[1:], start=2):
        values = line.split("\t")
        if len(values) != width:
            raise DictionaryError(str(path), number, f"expected {width} columns in {line!r}")
        try:
            [float(v) for v in values[1:]]
        except ValueError:
            raise DictionaryError(str(path), number, f"not a number in {line!r}") from None
        table.append(values)
    return table
