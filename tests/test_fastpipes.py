"""The faster attribute table and lemmatizer give exactly the annotations of spaCy's own pipes."""
from __future__ import annotations

import numpy
import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG

from accord import fastpipes
from accord import nlp as nlp_loader

TEXTS = [
    "Philippine President Ferdinand Marcos Jr. met Japanese Foreign Minister Yoko Kamikawa in Manila on Monday, "
    "and the two countries agreed to hold joint coast guard drills next month.",
    # the ruler's special cases: contractions, multi-word rules, object pronouns, expletives, spaces
    "I'm not gonna say y'all ain't right, but let's go. There is nothin' they'd gotta do. C'mon!",
    "He told me that it was over; they gave it to you and me, and we didn't see it.  \n\n  Then   it rained.",
    "Protesters were arrested after police fired tear gas; the ministers have been meeting since 2019, "
    "and the talks had stalled. Does anyone know whether those who did it will be tried?",
    "THE GOVERNMENT SAID 5 SOLDIERS WERE KILLED. the rebels' leader, who'd fled, denied it.",
]
COLUMNS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]


@pytest.fixture(scope="module")
def plain():
    """spaCy's own pipeline: the same model as accord's, the same pipes, without the faster ones."""
    for name in nlp_loader.model_names():
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        for pipe in nlp.pipe_names:
            if pipe not in nlp_loader.PIPES_USED:
                nlp.disable_pipe(pipe)
        return nlp
    pytest.fail("no spaCy model")


def test_accord_parses_with_the_faster_pipes(pipeline):
    names = pipeline.nlp.pipe_names
    assert "attribute_table" in names and "cached_lemmatizer" in names
    assert {"attribute_ruler", "lemmatizer"} <= set(pipeline.nlp.disabled)


@pytest.mark.parametrize("batch_size", [1, 3])
def test_same_annotations_as_spacy_token_for_token(pipeline, plain, batch_size):
    ours = list(pipeline.nlp.pipe(TEXTS, batch_size=batch_size))
    theirs = list(plain.pipe(TEXTS, batch_size=batch_size))
    for a, b in zip(ours, theirs):
        assert [(t.text, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in a] == \
               [(t.text, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in b]
        assert numpy.array_equal(a.to_array(COLUMNS), b.to_array(COLUMNS))
    assert pipeline.nlp(TEXTS[1]).to_json() == plain(TEXTS[1]).to_json()  # one document, not a batch


def test_a_rule_of_another_kind_keeps_spacy_s_attribute_ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "us", "POS": "PRON"}]], {"LEMMA": "we"})  # POS is not a test the table evaluates
    assert fastpipes.install(nlp) == []
    assert nlp.pipe_names == ["attribute_ruler"] and not nlp.disabled
    supported = spacy.blank("en")
    supported.add_pipe("attribute_ruler").add([[{"LOWER": {"IN": ["go", "went"]}}]], {"LEMMA": "go"})
    assert fastpipes.install(supported) == ["attribute_ruler"]
    assert [t.lemma_ for t in supported("We went home")] == ["", "go", ""]


def test_the_networks_multiply_in_numpy_s_blas_on_one_thread(pipeline, plain):
    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_info

    for name, pipe in pipeline.nlp.pipeline:
        if hasattr(pipe, "model"):
            assert all(type(layer.ops) is NumpyOps and not layer.ops.use_blis for layer in pipe.model.walk()), name
    numpy_blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas" and "numpy" in pool["filepath"]]
    assert numpy_blas and all(pool["num_threads"] == 1 for pool in numpy_blas)  # others (scipy's) the parse never uses
    assert plain.get_pipe("parser").model.ops.use_blis  # spaCy's own, compared above, still multiplies in BLIS


def test_the_lemmatizer_s_index_of_known_words_is_looked_up_in_sets(pipeline):
    index = pipeline.nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert index and all(isinstance(words, frozenset) for words in index.values())
    assert [t.lemma_ for t in pipeline.nlp("The ministers were meeting; talks stalled.")] == \
           ["the", "minister", "be", "meet", ";", "talk", "stall", "."]
