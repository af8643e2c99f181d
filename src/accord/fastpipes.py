"""Faster stand-ins for two spaCy pipes, giving the same annotations token for token.

The English pipeline spends about a fifth of its time in two rule-based pipes, not in its networks:

- ``attribute_ruler`` sets each token's part of speech, morphology (and a few lemmas and labels) from its
  tag, word and dependency label, by running spaCy's token Matcher with every rule over every token and
  then setting the attributes match by match. ``AttributeTable`` evaluates the same rules as array
  operations over a whole batch of documents and writes the results in one call per document. Later
  rules win over earlier ones, as in the attribute ruler.
- ``lemmatizer`` (rule mode) computes each token's lemma in Python, remembering only the lemmas its
  rules built, not those of base forms (most words). ``CachedLemmatizer`` asks the same lemmatizer,
  once per word form, part of speech and morphology (what a rule-mode lemma depends on), and reuses it.
  The lemmatizer tests each form its rules build for membership in its index of known words, a list of
  up to 57,000 words per part of speech read word by word; the index is turned into sets once, which
  answer the same membership tests at once.

The networks (tok2vec, tagger, parser, entity recogniser) spend most of their time in matrix products, which
thinc computes with BLIS. ``use_numpy_blas`` hands them to numpy's BLAS (OpenBLAS) instead, held to one
thread in the process: on this project's machine that made the whole parse about a quarter cheaper, with
the same annotations on every token measured (``bench/parse.py``). OpenBLAS's own threads only contend on
matrices this small, with each other and with the other coding processes: with its default two threads the
parse cost more processor time than with BLIS.

``install(nlp)`` swaps the pipes in when the model's rules are of the kinds handled here (equality, IN,
NOT_IN and REGEX on text, lower case, tag and dependency label, and IS_SPACE) and leaves the pipeline as
it is otherwise. ``tests/test_fastpipes.py`` checks the annotations are identical on varied texts;
``bench/parse.py`` measures the time on the shared corpus.
"""
from __future__ import annotations

import re
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, NORM, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from spacy.util import minibatch

# token attributes a rule may test: name -> attribute id (string-valued unless boolean)
TESTED = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER, "NORM": NORM, "TAG": TAG, "DEP": DEP}
FLAGS = {"IS_SPACE": IS_SPACE}
SET = (POS, MORPH, LEMMA, TAG, DEP)  # attributes a rule may set
LEMMA_CACHE_SIZE = 500_000  # entries before the lemma cache starts again
REGEX_CACHE_SIZE = 500_000  # words whose regular-expression test is remembered, per expression
FACTORY_TABLE = "accord_attribute_table"
FACTORY_LEMMAS = "accord_cached_lemmatizer"


class Unsupported(ValueError):
    """A rule of a kind this module does not evaluate: the original pipe stays."""


class _Test:
    """One token's test in a rule: attribute column, and a function of the column giving a mask."""

    def __init__(self, column: int, check) -> None:
        self.column = column
        self.check = check


def _value_test(vocab, column: int, spec: Any, regex_cache: dict) -> Any:
    strings = vocab.strings
    if isinstance(spec, (str, bool, int)):
        wanted = int(spec) if isinstance(spec, bool) else strings.add(spec) if isinstance(spec, str) else spec
        return lambda values: values == wanted
    if not isinstance(spec, dict) or len(spec) != 1:
        raise Unsupported(f"test {spec!r}")
    (operator, argument), = spec.items()
    if operator in ("IN", "NOT_IN"):
        hashes = numpy.array([strings.add(v) for v in argument], dtype=numpy.uint64)
        invert = operator == "NOT_IN"
        return lambda values: numpy.isin(values, hashes, invert=invert)
    if operator == "REGEX":
        pattern = re.compile(argument)
        known = regex_cache.setdefault(argument, {})

        def check(values):
            if len(known) > REGEX_CACHE_SIZE:
                known.clear()
            unique, inverse = numpy.unique(values, return_inverse=True)
            found = []
            for value in unique.tolist():
                if value not in known:
                    known[value] = bool(pattern.search(strings[value]))
                found.append(known[value])
            return numpy.array(found, dtype=bool)[inverse]

        return check
    raise Unsupported(f"operator {operator!r}")


class AttributeTable:
    """The attribute ruler's rules, evaluated over arrays (see the module notes)."""

    def __init__(self, nlp: Language, ruler: Any) -> None:
        self.vocab = nlp.vocab
        self.columns: list[int | str] = []
        self.rules = []  # (patterns: list of list of token tests, {attr id: value}, index)
        regex_cache: dict = {}
        for number in range(len(ruler.attrs)):
            _, patterns = ruler.matcher.get(str(number))
            compiled = []
            for pattern in patterns:
                tokens = []
                for token_spec in pattern:
                    tests = []
                    for name, spec in token_spec.items():
                        name = name.upper()
                        if name in TESTED:
                            attr = TESTED[name]
                        elif name in FLAGS:
                            attr = FLAGS[name]
                        else:
                            raise Unsupported(f"attribute {name!r}")
                        if attr not in self.columns:
                            self.columns.append(attr)
                        tests.append(_Test(self.columns.index(attr), _value_test(self.vocab, attr, spec, regex_cache)))
                    tokens.append(tests)
                if not tokens:
                    raise Unsupported("empty pattern")
                compiled.append(tokens)
            attrs = dict(ruler.attrs[number])
            if any(not isinstance(a, int) or a not in SET for a in attrs):
                raise Unsupported(f"sets {attrs!r}")
            self.rules.append((compiled, attrs, ruler.indices[number]))
        self.outputs = [a for a in SET if any(a in attrs for _, attrs, _ in self.rules)]

    def __call__(self, doc: Doc) -> Doc:
        self._annotate([doc])
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for batch in minibatch(docs, size=batch_size):
            self._annotate(batch)
            yield from batch

    def _annotate(self, docs: list[Doc]) -> None:
        docs_with_tokens = [d for d in docs if len(d)]
        if not docs_with_tokens:
            return
        tested = numpy.concatenate([d.to_array(self.columns) for d in docs_with_tokens]).reshape(-1, len(self.columns))
        out = numpy.concatenate([d.to_array(self.outputs) for d in docs_with_tokens]).reshape(-1, len(self.outputs))
        lengths = [len(d) for d in docs_with_tokens]
        document_of = numpy.repeat(numpy.arange(len(lengths)), lengths)
        n = len(document_of)
        for patterns, attrs, index in self.rules:
            targets = numpy.zeros(n, dtype=bool)
            for tokens in patterns:
                size = len(tokens)
                if size > n:
                    continue
                starts = numpy.ones(n - size + 1, dtype=bool)
                for offset, tests in enumerate(tokens):
                    for test in tests:
                        starts &= test.check(tested[offset:n - size + 1 + offset, test.column])
                if size > 1:  # a match never runs across two documents
                    starts &= document_of[:n - size + 1] == document_of[size - 1:]
                at = numpy.flatnonzero(starts) + (index if index >= 0 else size + index)
                targets[at] = True
            if targets.any():
                for attr, value in attrs.items():
                    out[targets, self.outputs.index(attr)] = value
        start = 0
        for doc, length in zip(docs_with_tokens, lengths):
            doc.from_array(self.outputs, out[start:start + length])  # type: ignore[arg-type]  # numpy, as spaCy reads
            start += length


class CachedLemmatizer:
    """A rule-mode lemmatizer asked once per (word form, part of speech, morphology)."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.overwrite = lemmatizer.overwrite
        self.cache: dict[tuple[int, int, int], str] = {}
        if type(lemmatizer).rule_lemmatize is Lemmatizer.rule_lemmatize:  # asks only whether a form is in it
            index = lemmatizer.lookups.get_table("lemma_index", {})
            for pos, words in list(index.items()):
                index[pos] = frozenset(words)

    def __call__(self, doc: Doc) -> Doc:
        cache = self.cache
        if len(cache) > LEMMA_CACHE_SIZE:
            cache.clear()
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        strings = doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not self.overwrite:
                continue
            key = (orth, pos, morph)
            text = cache.get(key)
            if text is None:
                text = cache[key] = self.lemmatizer.lemmatize(doc[i])[0]
            lemmas[i] = strings.add(text)  # a string first met in a memory zone leaves with it: add it again
        doc.from_array([LEMMA], lemmas)  # type: ignore[arg-type]  # a numpy array, as spaCy reads
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


@Language.factory(FACTORY_TABLE)
def _make_table(nlp: Language, name: str, source: str) -> AttributeTable:
    return AttributeTable(nlp, nlp.get_pipe(source))


@Language.factory(FACTORY_LEMMAS)
def _make_lemmas(nlp: Language, name: str, source: str) -> CachedLemmatizer:
    return CachedLemmatizer(nlp.get_pipe(source))


def use_numpy_blas(nlp: Language) -> None:
    """Compute the matrix products of every enabled pipe's network with numpy's BLAS, limited to one thread
    in this process (see the module notes)."""
    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")  # for the rest of the process, not only inside a with block
    ops = NumpyOps(use_blis=False)
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is None or type(model.ops) is not NumpyOps:  # a GPU or another backend (Apple's): left as it is
            continue
        for layer in model.walk():
            layer.ops = ops


def install(nlp: Language) -> list[str]:
    """Put the faster pipes in place of the attribute ruler and the rule lemmatizer (which stay in the
    pipeline, disabled); returns the names of the pipes replaced."""
    replaced = []
    if "attribute_ruler" in nlp.pipe_names:
        try:
            nlp.add_pipe(FACTORY_TABLE, name="attribute_table", after="attribute_ruler",
                         config={"source": "attribute_ruler"})
        except Unsupported:
            pass
        else:
            nlp.disable_pipe("attribute_ruler")
            replaced.append("attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if lemmatizer is not None and getattr(lemmatizer, "mode", None) == "rule":
        nlp.add_pipe(FACTORY_LEMMAS, name="cached_lemmatizer", after="lemmatizer", config={"source": "lemmatizer"})
        nlp.disable_pipe("lemmatizer")
        replaced.append("lemmatizer")
    return replaced
