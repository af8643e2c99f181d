"""The Pipeline: loads resources once and runs the stages over documents.

    ingest -> nlp -> actors (mentions, coreference) -> places -> events -> event places -> dates -> quotes

Each stage is a callable that takes a Document and fills in more of it; none touches the database, the
network or global state. The stages (and the event coder among them) are the Pipeline's arguments, so a
different decision component is slotted in without editing this module:

    coder = EventCoder(ontology, patterns, dictionary, judge=MyJudge())
    Pipeline(coder=coder)

Documents go through spaCy in batches (``nlp.pipe``).
"""
from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from . import cache, casing
from . import nlp as nlp_loader
from .actors import coref
from .actors.dictionary import ActorDictionary, load_builtin
from .actors.matcher import MentionFinder
from .errors import InputError
from .events import ontology as ontology_loader
from .events.coder import EventCoder
from .events.patterns import load_builtin as load_patterns
from .ingest import Item, read_paths
from .learn.judge import default_judge
from .model import Document
from .places import locate_events, read_places
from .quotes import attribute_quotes
from .temporal import date_events

BATCH_SIZE = 8
Stage = Callable[[Document], None]


def _ontology_and_patterns():
    ontology = ontology_loader.load()
    return ontology, load_patterns(ontology)


class Pipeline:
    def __init__(self, nlp: Any | None = None, dictionary: ActorDictionary | None = None, *,
                 coder: EventCoder | None = None, stages: Sequence[Stage] | None = None) -> None:
        """``coder`` replaces the event coder in the default stages; ``stages`` replaces them all."""
        self.nlp = nlp or nlp_loader.load()
        self.dictionary = dictionary or cache.load("actor-dictionary", load_builtin)
        self.ontology, self.patterns = cache.load("event-patterns", _ontology_and_patterns)
        self.finder = MentionFinder(self.nlp, self.dictionary)
        self.coder = coder or EventCoder(self.ontology, self.patterns, self.dictionary, judge=default_judge())
        self._recaser: casing.Recaser | None = None
        self.stages: list[Stage] = list(stages) if stages is not None else self.default_stages()

    # ------------------------------------------------------------------ parsing
    def reading(self, document: Document) -> str:
        """The text spaCy parses for a document: its own, with any lower-cased paragraph recased
        (``casing.py``) so that the tagger, the entity recogniser and the dictionaries see names as names.
        Recasing keeps the length, so every offset into the document's text holds; names and evidence are
        reported as read, and a warning on the document says so."""
        if not casing.lower_cased_paragraphs(document.text):
            return document.text
        if self._recaser is None:  # built on the first lower-cased text: most runs never need it
            self._recaser = casing.recaser(self.dictionary)
        recased, paragraphs = self._recaser.recase(document.text)
        document.warnings.append(f"lower-cased text ({paragraphs} paragraph(s)): read with its sentence starts, "
                                 "weekdays, months and the names accord knows capitalised; names and evidence "
                                 "are reported as read")
        return recased

    def parse(self, document: Document) -> Any:
        """The spaCy parse of one document (``reading``)."""
        return self.nlp(self.reading(document))

    # ------------------------------------------------------------------ stages
    def find_actors(self, document: Document) -> None:
        mentions = self.finder.find(document.spacy_doc, document.reference_date,
                                    document.dateline.place if document.dateline else None)
        document.mentions = coref.resolve(document.spacy_doc, mentions, self.dictionary)

    def default_stages(self) -> list[Stage]:
        return [self.find_actors, read_places, self.coder, locate_events, date_events, attribute_quotes]

    def process(self, document: Document, spacy_doc: Any) -> Document:
        document.spacy_doc = spacy_doc
        document.place_mentions = None  # token positions of another parse mean nothing here
        for stage in self.stages:
            stage(document)
        return document

    def explain(self, document: Document) -> list[str]:
        """Code one document through every stage and say why the coder coded what it did (events/explain.py)."""
        from .events.explain import explain

        document.spacy_doc = self.parse(document)
        document.place_mentions = None
        context = None
        for stage in self.stages:
            if stage is self.coder:
                context = self.coder.code(document, explain=True)
            else:
                stage(document)
        return explain(document, context) if context is not None else ["this pipeline has no event coder"]

    # ------------------------------------------------------------------ entry points
    def code_text(self, text: str, *, published: date | None = None, doc_id: str = "text") -> Document:
        """Code one text (furniture, headline and dateline handled as for files)."""
        from .ingest.readers import from_text

        document = from_text(text, doc_id, doc_id, published=published)
        return self.process(document, self.parse(document))

    def code_documents(self, items: Iterable[Item], keep_parse: bool = False) -> Iterator[Item]:
        """Code documents in batches; input errors pass through in order, untouched."""
        batch: list[Item] = []
        for item in items:
            batch.append(item)
            if len(batch) >= BATCH_SIZE:
                yield from self._run(batch, keep_parse)
                batch = []
        if batch:
            yield from self._run(batch, keep_parse)

    def code_paths(self, paths: Iterable[str], *, published: date | None = None) -> Iterator[Item]:
        return self.code_documents(read_paths(paths, published=published))

    def code_parsed(self, document: Document, spacy_doc: Any) -> Item:
        """Run the stages on a parsed document; a failure is the document's InputError, never an exception
        (one document's failure must not stop a batch). Safe to call from several threads at once."""
        try:
            return self.process(document, spacy_doc)
        except Exception as exc:
            return InputError(document.id, f"coding failed: {exc.__class__.__name__}: {exc}")

    def _run(self, batch: list[Item], keep_parse: bool) -> Iterator[Item]:
        # spaCy keeps every new word it meets; a memory zone frees them after the batch, so memory stays
        # flat however long the stream. Nothing spaCy made may outlive it: documents keep only plain data.
        zone = contextlib.nullcontext() if keep_parse else self.nlp.memory_zone()
        results: list[Item] = []
        with zone:
            documents = [item for item in batch if isinstance(item, Document)]
            parsed = iter(self.nlp.pipe(self.reading(d) for d in documents))
            for item in batch:
                if isinstance(item, InputError):
                    results.append(item)
                    continue
                coded = self.code_parsed(item, next(parsed))
                if isinstance(coded, Document) and not keep_parse:  # token positions mean nothing without the parse
                    coded.spacy_doc = coded.place_mentions = None
                results.append(coded)
        yield from results
