"""Stages grow linearly with a document's length: counted in function calls, not timed.

A short text is parsed once and repeated (``Doc.from_docs``) into a document 16 times as long; each
stage's calls per token (Python functions and spaCy's own, as the profiler counts them) must stay the
same on the long document. A step that rereads the whole document for each sentence or each mention
(``sent.ents`` in a loop, scanning every earlier mention) multiplies them."""
from __future__ import annotations

import cProfile
import pstats
from datetime import date

import pytest
from spacy.tokens import Doc

from accord import places
from accord.actors import coref
from accord.model import Document
from accord.quotes import attribute_quotes
from accord.temporal import date_events
from accord.temporal import events as dating

TEXT = ('MANILA, July 9 -- Philippine President Ferdinand Marcos Jr. met Japanese Foreign Minister Yoko Kamikawa '
        'in Manila on Monday, and the two countries agreed to hold joint drills near Scarborough Shoal. '
        '"We will keep working with every country that respects the law," Marcos said. '
        'He said the Chinese coast guard fired water cannon at a boat near Second Thomas Shoal in Palawan. '
        'Kamikawa told reporters in Tokyo that Japan would provide five patrol vessels. '
        'China rejected the protest, according to a spokesman in Beijing, and the two leaders did not meet.\n\n')
SHORT, LONG = 4, 64  # copies of TEXT
GROWTH = 1.1  # calls per token on the long document at most this many times those on the short one


def _calls(run) -> int:
    profiler = cProfile.Profile()
    profiler.runcall(run)
    return pstats.Stats(profiler).total_calls


def _stages(pipeline):
    def actors(document):
        pipeline.finder.find(document.spacy_doc, document.published)

    def coreference(document):
        found = pipeline.finder.find(document.spacy_doc, document.published)
        return lambda: coref.resolve(document.spacy_doc, found, pipeline.dictionary)

    return {
        "actors": lambda document: lambda: actors(document),
        "coref": coreference,
        "places": lambda document: lambda: places.read_places(document),
        "event places": lambda document: lambda: places.locate_events(document),
        "quotes": lambda document: lambda: attribute_quotes(document),
        "dates": lambda document: lambda: date_events(document),
    }


@pytest.fixture(scope="module")
def documents(pipeline):
    parsed = pipeline.nlp(TEXT)
    out = {}
    for copies in (SHORT, LONG):
        doc = Doc.from_docs([parsed] * copies)
        document = Document(id=f"x{copies}", text=doc.text, published=date(2024, 7, 9))
        pipeline.process(document, doc)  # every stage once: what later stages read, and data files loaded
        out[copies] = document
    return out


@pytest.mark.parametrize("stage", ["actors", "coref", "places", "event places", "quotes", "dates"])
def test_stage_calls_grow_linearly_with_length(pipeline, documents, stage):
    make = _stages(pipeline)[stage]
    per_token = {}
    for copies, document in documents.items():
        per_token[copies] = _calls(make(document)) / len(document.spacy_doc)
    assert documents[LONG].events and documents[LONG].quotes and documents[LONG].place_mentions
    assert per_token[LONG] <= GROWTH * per_token[SHORT], (
        f"{stage}: {per_token[LONG]:.1f} calls per token on {len(documents[LONG].spacy_doc)} tokens against "
        f"{per_token[SHORT]:.1f} on {len(documents[SHORT].spacy_doc)}")


def test_dating_an_event_reads_only_the_times_of_its_own_sentence(documents, monkeypatch):
    """The profiler cannot see it (a list's ``in`` is no call): each event's dating once compared its words with
    the paths of every time expression of the document."""
    looked_at: list[int] = []
    governing = dating._governing
    monkeypatch.setattr(dating, "_governing",
                        lambda chain, points: looked_at.append(len(points)) or governing(chain, points))
    most = {}
    for copies, document in documents.items():
        looked_at.clear()
        date_events(document)
        assert looked_at, "no event was dated"
        most[copies] = max(looked_at)
    assert most[LONG] == most[SHORT] <= 2
