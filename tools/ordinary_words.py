"""Writes src/accord/data/casing/ordinary_words.txt: English words that are ordinary words, not names, when
written in lower case (a development tool, not shipped).

    pip install spacy-lookups-data==1.0.5      # MIT; about 100 MB, needed only to run this tool
    python tools/ordinary_words.py [--prob PATH_TO_en_lexeme_prob.json.gz]

The source is spaCy's English lexeme probability table (``en_lexeme_prob`` in spacy-lookups-data): the log
probability of each word form as written, case kept, counted on a large web corpus. A lower-case word is
*ordinary* when it is common enough to be counted reliably (log probability at least MIN_LOG_PROB) and is
written in lower case at least half as often as capitalised and in capitals together ("may" 14 times as
often as "May", "turkey" as often as "Turkey"); a name is written capitalised far more often, even by the
careless ("china" is 7.6 times rarer than "China", "vajpayee" 11 times rarer than "Vajpayee"). accord
capitalises a name in lower-cased text only when its lower-case form is not an ordinary word
(src/accord/casing.py).
"""
from __future__ import annotations

import argparse
import gzip
import json
import math
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "accord" / "data" / "casing" / "ordinary_words.txt"
MIN_LOG_PROB = -15.0  # rarer forms are counted too seldom for their case to mean anything
MAX_NAME_RATIO = 2.0  # capitalised at most this many times as often as lower-case: an ordinary word
WORD = re.compile(r"[a-z]+")
HEADER = """# English words that are ordinary words, not names, when written in lower case: a name of accord's
# dictionaries or gazetteer that is one of them ("turkey", "may", "nice", "guinea": see the tool) is not
# capitalised in lower-cased text (src/accord/casing.py). Written by tools/ordinary_words.py from spaCy's
# English lexeme probabilities (spacy-lookups-data 1.0.5, en_lexeme_prob, MIT licence): a word of log
# probability at least {min_log_prob} written in lower case at least 1/{ratio:g} as often as capitalised.
# Do not edit by hand: change the tool and run it again.
"""


def _default_table() -> Path:
    import spacy_lookups_data

    return Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_prob.json.gz"


def ordinary_words(probabilities: dict[str, float]) -> list[str]:
    words = []
    for word, log_prob in probabilities.items():
        if log_prob < MIN_LOG_PROB or not WORD.fullmatch(word):
            continue
        capitalised = sum(math.exp(probabilities[form]) for form in {word.capitalize(), word.upper()}
                          if form != word and form in probabilities)
        if capitalised <= MAX_NAME_RATIO * math.exp(log_prob):
            words.append(word)
    return sorted(words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prob", type=Path, help="en_lexeme_prob.json.gz (default: spacy-lookups-data's)")
    args = parser.parse_args()
    with gzip.open(args.prob or _default_table(), "rt", encoding="utf-8") as handle:
        probabilities = json.load(handle)
    words = ordinary_words(probabilities)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(HEADER.format(min_log_prob=MIN_LOG_PROB, ratio=MAX_NAME_RATIO) + "\n".join(words) + "\n", "utf-8")
    print(f"{len(words)} words -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
