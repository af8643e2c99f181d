"""The event coder: each sentence's event candidates through four phases.

    propose   propose.py   trigger words, their pattern entries, status words and the sides the parse offers
    decide    decide.py    the CAMEO code and status (rules); a Judge keeps or drops each resolved candidate
    resolve   resolve.py   the source and target kept
    emit      emit.py      one Event per source-target pair, with its rule and confidence

One document's state lives in a ``CodingContext`` made for that document, never on the coder, so one
coder codes any number of documents, also at once. The decision components are arguments: a learned
``Judge`` (or another decider) is slotted in without editing this module or the pipeline.
"""
from __future__ import annotations

from ..actors.dictionary import ActorDictionary
from ..model import Document, Event
from .arguments import ArgumentReader
from .context import CodingContext
from .decide import HeuristicJudge, Judge, RuleDecider
from .emit import Emitter, promise_targets
from .ontology import Ontology
from .patterns import PatternSet
from .propose import Proposer
from .resolve import Resolver


class EventCoder:
    def __init__(self, ontology: Ontology, patterns: PatternSet, dictionary: ActorDictionary,
                 judge: Judge | None = None, decider: RuleDecider | None = None,
                 resolver: Resolver | None = None) -> None:
        self.ontology = ontology
        self.patterns = patterns
        self.dictionary = dictionary
        self.decider = decider or RuleDecider(patterns)
        self.resolver = resolver or Resolver(patterns, dictionary)
        self.judge: Judge = judge or HeuristicJudge()
        self.emitter = Emitter(ontology)

    def __call__(self, document: Document) -> None:
        """The pipeline stage."""
        self.code(document)

    def code(self, document: Document, explain: bool = False) -> CodingContext:
        """Fill ``document.events``; the context returned holds every candidate and why it was kept or
        dropped when ``explain`` is set."""
        ctx = CodingContext.of(document, explain)
        reader = ArgumentReader(self.patterns, self.dictionary, ctx)
        proposer = Proposer(self.patterns, reader, ctx)
        events: list[Event] = []
        seen: set[tuple] = set()
        for index, sent in enumerate(ctx.doc.sents):
            sentence_events: list[Event] = []
            for cand in proposer.candidates(index, sent):
                if explain:
                    ctx.candidates.append(cand)
                self.decider.decide(cand, reader)
                self.resolver.resolve(cand, reader, ctx)
                if cand.dropped is None:
                    self.judge.judge(cand, ctx)
                if cand.dropped is None:
                    sentence_events.extend(self.emitter.events(cand, reader))
            promise_targets(sentence_events, ctx.doc, self.patterns.syntax.intention_roots)
            for event in sentence_events:
                key = (event.source.actor.code if event.source else None,
                       event.target.actor.code if event.target else None, event.cameo, event.trigger.start)
                if key not in seen:
                    seen.add(key)
                    events.append(event)
        for n, event in enumerate(events, start=1):
            event.id = f"{document.id}#e{n}"
        document.events = events
        return ctx
