"""The coder's phases on hand-built parses and candidates: no parser is loaded, so each decision is tested
on exactly the syntax it is written for."""
from __future__ import annotations

import threading

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from accord.actors.dictionary import load_builtin as load_dictionary
from accord.events import ontology as ontology_loader
from accord.events.arguments import ArgumentReader
from accord.events.candidate import Arguments, EventCandidate, Trigger
from accord.events.coder import EventCoder
from accord.events.context import CodingContext
from accord.events.decide import HeuristicJudge, RuleDecider
from accord.events.patterns import Pattern, load_builtin as load_patterns
from accord.events.resolve import Resolver, pairs
from accord.events.status import Modal
from accord.ingest.readers import from_text
from accord.model import Actor, ActorRef, Document, Mention
from accord.places import read_places

VOCAB = Vocab()


@pytest.fixture(scope="module")
def resources():
    ontology = ontology_loader.load()
    return ontology, load_patterns(ontology), load_dictionary()


def parsed(rows: list[tuple[str, int, str, str, str, str]]) -> Doc:
    """A parse written by hand: (word, head index, dependency, POS, tag, lemma) per token."""
    words, heads, deps, pos, tags, lemmas = zip(*rows)
    return Doc(VOCAB, words=list(words), heads=list(heads), deps=list(deps), pos=list(pos), tags=list(tags),
               lemmas=list(lemmas))


def document(doc: Doc, actors: dict[int, Actor]) -> Document:
    mentions = [Mention(doc[i].idx, doc[i].idx + len(doc[i].text), doc[i].text, actor, "test", i)
                for i, actor in actors.items()]
    return Document(id="t", text=doc.text, spacy_doc=doc, mentions=mentions)


def country(code: str) -> Actor:
    return Actor(code, code, code)


def ref(code: str, text: str | None = None) -> ActorRef:
    return ActorRef(country(code[:3]) if len(code) == 3 else Actor(code, code[:3], code, "sector"),
                    text or code, 0, 1)


# "The UN urged Israel to withdraw."
URGED = [("The", 1, "det", "DET", "DT", "the"), ("UN", 2, "nsubj", "PROPN", "NNP", "UN"),
         ("urged", 2, "ROOT", "VERB", "VBD", "urge"), ("Israel", 2, "dobj", "PROPN", "NNP", "Israel"),
         ("to", 5, "aux", "PART", "TO", "to"), ("withdraw", 2, "xcomp", "VERB", "VB", "withdraw"),
         (".", 2, "punct", "PUNCT", ".", ".")]


def test_an_appeal_is_the_urgers_event_coded_by_what_it_asks(resources):
    ontology, patterns, dictionary = resources
    doc = parsed(URGED)
    item = document(doc, {1: Actor("IGOUNO", None, "United Nations", "organisation"), 3: country("ISR")})
    context = EventCoder(ontology, patterns, dictionary).code(item, explain=True)
    (event,) = item.events
    assert (event.source.actor.code, event.cameo, event.target.actor.code) == ("IGOUNO", "0256", "ISR")
    assert event.trigger.text == "urged" and event.status == "occurred"
    assert event.rule.startswith("core.yaml:") and "appeal by 'urged'" in event.rule
    assert 0 < event.confidence <= 1
    (candidate,) = context.candidates
    assert candidate.embedded_code == "0874" and candidate.modal.governor.i == 2


def _candidate(doc: Doc, i: int, pattern: Pattern, modal: Modal, args: Arguments) -> EventCandidate:
    return EventCandidate(Trigger(doc[i], pattern, None), 0, doc[0:len(doc)], modal, args)


def test_an_order_to_another_state_is_a_demand_and_to_ones_own_forces_the_act_itself(resources):
    ontology, patterns, dictionary = resources
    doc = parsed([("ordered", 0, "ROOT", "VERB", "VBD", "order"), ("attack", 0, "xcomp", "VERB", "VB", "attack")])
    order = patterns.modalities["order"]
    attack = patterns.verbs["attack"][-1]
    decider = RuleDecider(patterns)
    reader = ArgumentReader(patterns, dictionary, CodingContext(doc, {}, {}, set(), [], []))

    to_a_state = _candidate(doc, 1, attack, Modal("occurred", "order", doc[0], order, doc[0]),
                            Arguments(governor_sources=[ref("USA")], governor_targets=[ref("IRQ")]))
    decider.decide(to_a_state, reader)
    assert to_a_state.code == patterns.transform("demand", attack.code) and not to_a_state.kept

    to_its_troops = _candidate(doc, 1, attack, Modal("occurred", "order", doc[0], order, doc[0]),
                               Arguments(governor_sources=[ref("USA")], governor_targets=[ref("USAMIL")]))
    decider.decide(to_its_troops, reader)
    assert to_its_troops.code == attack.code and to_its_troops.kept


def test_a_failure_to_agree_is_a_rejection(resources):
    _, patterns, dictionary = resources
    doc = parsed([("failed", 0, "ROOT", "VERB", "VBD", "fail"), ("agree", 0, "xcomp", "VERB", "VB", "agree")])
    agree = next(p for p in patterns.verbs["agree"] if p.code[:2] == "03" and not p.objects)
    cand = _candidate(doc, 1, agree, Modal("negated", None, None, patterns.modalities["negate"], doc[0]), Arguments())
    RuleDecider(patterns).decide(cand, ArgumentReader(patterns, dictionary, CodingContext(doc, {}, {}, set(), [], [])))
    assert cand.failed and cand.code[:2] == "12" and cand.status == "occurred" and cand.shown.i == 0


def test_resolve_drops_what_needs_a_target_and_never_targets_the_doer_itself(resources):
    _, patterns, dictionary = resources
    doc = parsed([("protested", 0, "ROOT", "VERB", "VBD", "protest")])
    ctx = CodingContext(doc, {}, {}, set(), [], [])
    reader = ArgumentReader(patterns, dictionary, ctx)
    needs = Pattern(code="114", word="protest", is_noun=False, requires_target=True, source="test.yaml", line=1)
    cand = _candidate(doc, 0, needs, Modal(), Arguments(sources=[ref("JPN")]))
    cand.code = cand.embedded_code = "114"
    Resolver(patterns, dictionary).resolve(cand, reader, ctx)
    assert cand.dropped and "needs a target" in cand.dropped

    plain = Pattern(code="111", word="criticize", is_noun=False, source="test.yaml", line=2)
    cand = _candidate(doc, 0, plain, Modal(), Arguments(sources=[ref("JPN")], targets=[ref("JPN"), ref("CHN")]))
    cand.code = cand.embedded_code = "111"
    Resolver(patterns, dictionary).resolve(cand, reader, ctx)
    assert [(s.actor.code, t.actor.code) for s, t in cand.pairs] == [("JPN", "CHN")]
    assert ctx.topic == (0, cand.sources)  # a named doer is remembered for the next sentences


def test_pairs():
    a, b, c = ref("JPN"), ref("PHL"), ref("USA")
    codes = lambda found: [(s.actor.code if s else None, t.actor.code if t else None) for s, t in found]  # noqa: E731
    assert codes(pairs([a], [b], [], symmetric=True)) == [("JPN", "PHL"), ("PHL", "JPN")]
    assert codes(pairs([], [], [a, b, c], symmetric=True)) == [
        ("JPN", "PHL"), ("JPN", "USA"), ("PHL", "JPN"), ("PHL", "USA"), ("USA", "JPN"), ("USA", "PHL")]
    assert codes(pairs([c], [], [a, b], symmetric=False)) == [("USA", "JPN"), ("USA", "PHL")]  # mediate between
    assert codes(pairs([], [b], [], symmetric=False)) == [(None, "PHL")]


def test_the_heuristic_confidence_prefers_named_sides(resources):
    _, patterns, _ = resources
    doc = parsed([("attacked", 0, "ROOT", "VERB", "VBD", "attack")])
    pattern = patterns.verbs["attack"][-1]
    named = _candidate(doc, 0, pattern, Modal(), Arguments())
    named.code = named.embedded_code = pattern.code
    named.pairs = [(ref("RUS"), ref("UKR"))]
    nobody = _candidate(doc, 0, pattern, Modal(), Arguments())
    nobody.code = nobody.embedded_code = pattern.code
    nobody.pairs = [(None, ref("UKR"))]
    judge = HeuristicJudge()
    judge.judge(named, None)
    judge.judge(nobody, None)
    assert 0.05 <= nobody.confidence < named.confidence <= 0.95


def test_a_judge_slotted_into_the_coder_decides_what_is_kept(resources):
    ontology, patterns, dictionary = resources

    class NoViolence:
        def judge(self, candidate, ctx):
            if candidate.code.startswith("02"):
                candidate.drop("test judge")
            candidate.confidence = 0.5

    doc = parsed(URGED)
    item = document(doc, {1: Actor("IGOUNO", None, "United Nations", "organisation"), 3: country("ISR")})
    context = EventCoder(ontology, patterns, dictionary, judge=NoViolence()).code(item, explain=True)
    assert item.events == [] and context.candidates[0].dropped == "test judge"


def test_one_coder_codes_documents_in_parallel_threads(pipeline):
    texts = ["Japan and the Philippines signed a defence pact on Monday.",
             "Russia's attack on Ukraine killed dozens of people, and the EU urged Moscow to withdraw."] * 4
    def key(events):
        return [(e.source and e.source.actor.code, e.cameo, e.target and e.target.actor.code, e.status, e.rule)
                for e in events]

    alone = [key(pipeline.code_text(t).events) for t in texts]
    parses = [pipeline.nlp(t) for t in texts]
    results: dict[int, list] = {}

    def work(n: int) -> None:
        item = from_text(texts[n], "t", "t")
        item.spacy_doc = parses[n]
        pipeline.find_actors(item)
        read_places(item)
        pipeline.coder(item)
        results[n] = key(item.events)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(len(texts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [results[n] for n in range(len(texts))] == alone
    assert all(alone)


def test_the_coder_version_fingerprints_the_coding_code_as_well_as_its_data():
    from importlib import resources as package_files

    from accord.version import _files

    names = {name for name, _ in _files(package_files.files("accord"))}
    assert {"events/resolve.py", "actors/matcher.py", "places.py", "data/events/patterns/core.yaml"} <= names
    assert not any(n.startswith(("web/", "store/", "evaluate/")) for n in names)  # they never change what is coded
