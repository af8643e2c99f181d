"""The coder's phases on hand-built parses and candidates: no parser is loaded, so each decision is tested
on exactly the syntax it is written for."""
from __future__ import annotations

import threading

import pytest
import spacy
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
ENGLISH = spacy.blank("en").vocab  # with the lexical attributes ("in".lower_) rules on prepositions read


@pytest.fixture(scope="module")
def resources():
    ontology = ontology_loader.load()
    return ontology, load_patterns(ontology), load_dictionary()


def parsed(rows: list[tuple[str, int, str, str, str, str]], vocab: Vocab = VOCAB) -> Doc:
    """A parse written by hand: (word, head index, dependency, POS, tag, lemma) per token."""
    words, heads, deps, pos, tags, lemmas = zip(*rows)
    return Doc(vocab, words=list(words), heads=list(heads), deps=list(deps), pos=list(pos), tags=list(tags),
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


# "Three soldiers were killed in an Israeli air strike."
KILLED_IN_STRIKE = [
    ("Three", 1, "nummod", "NUM", "CD", "three"), ("soldiers", 3, "nsubjpass", "NOUN", "NNS", "soldier"),
    ("were", 3, "auxpass", "AUX", "VBD", "be"), ("killed", 3, "ROOT", "VERB", "VBN", "kill"),
    ("in", 3, "prep", "ADP", "IN", "in"), ("an", 8, "det", "DET", "DT", "an"),
    ("Israeli", 8, "amod", "ADJ", "JJ", "israeli"), ("air", 8, "compound", "NOUN", "NN", "air"),
    ("strike", 4, "pobj", "NOUN", "NN", "strike"), (".", 3, "punct", "PUNCT", ".", ".")]


def test_a_casualty_verb_takes_the_doer_and_code_of_the_violence_it_happened_in(resources):
    ontology, patterns, dictionary = resources
    item = document(parsed(KILLED_IN_STRIKE, ENGLISH), {1: Actor("LBNMIL", "LBN", "Lebanon (military)", "sector")})
    context = EventCoder(ontology, patterns, dictionary).code(item, explain=True)
    (event,) = item.events
    assert (event.source.actor.code, event.cameo, event.target.actor.code) == ("ISR", "195", "LBNMIL")
    assert (event.source.text, event.trigger.text) == ("Israeli", "killed")
    assert "how it happened, 'strike' -> 195" in event.rule
    (strike,) = [r for r in context.rejected if r.token.text == "strike"]
    assert strike.reason.startswith("how 'killed' happened")


# "Two villagers died in police firing." (with "firing" read as a noun, and as spaCy often reads it: police who
# were firing)
DIED_IN_FIRING = [
    ("Two", 1, "nummod", "NUM", "CD", "two"), ("villagers", 2, "nsubj", "NOUN", "NNS", "villager"),
    ("died", 2, "ROOT", "VERB", "VBD", "die"), ("in", 2, "prep", "ADP", "IN", "in"),
    ("police", 5, "compound", "NOUN", "NN", "police"), ("firing", 3, "pobj", "NOUN", "NN", "firing"),
    (".", 2, "punct", "PUNCT", ".", ".")]
DIED_IN_POLICE_WHO_FIRED = [
    ("Two", 1, "nummod", "NUM", "CD", "two"), ("villagers", 2, "nsubj", "NOUN", "NNS", "villager"),
    ("died", 2, "ROOT", "VERB", "VBD", "die"), ("in", 2, "prep", "ADP", "IN", "in"),
    ("police", 3, "pobj", "NOUN", "NNS", "police"), ("firing", 4, "acl", "VERB", "VBG", "fire"),
    (".", 2, "punct", "PUNCT", ".", ".")]


@pytest.mark.parametrize("rows", [DIED_IN_FIRING, DIED_IN_POLICE_WHO_FIRED])
def test_who_died_in_police_firing_is_its_target_and_the_police_its_doer(resources, rows):
    ontology, patterns, dictionary = resources
    doc = parsed(rows, ENGLISH)
    actors = {1: Actor("---CVL", None, "civilians", "sector")}
    if rows is DIED_IN_POLICE_WHO_FIRED:  # read as a phrase of its own, "police" is an actor
        actors[4] = Actor("---COP", None, "police", "sector")
    item = document(doc, actors)
    EventCoder(ontology, patterns, dictionary).code(item)
    (event,) = item.events
    assert (event.source.actor.code, event.cameo, event.target.actor.code) == ("---COP", "193", "---CVL")
    assert (event.source.text, event.target.text, event.trigger.text) == ("police", "villagers", "firing")


# "A man was killed when troops fired on the crowd."
KILLED_WHEN = [
    ("A", 1, "det", "DET", "DT", "a"), ("man", 3, "nsubjpass", "NOUN", "NN", "man"),
    ("was", 3, "auxpass", "AUX", "VBD", "be"), ("killed", 3, "ROOT", "VERB", "VBN", "kill"),
    ("when", 6, "advmod", "SCONJ", "WRB", "when"), ("troops", 6, "nsubj", "NOUN", "NNS", "troop"),
    ("fired", 3, "advcl", "VERB", "VBD", "fire"), ("on", 6, "prep", "ADP", "IN", "on"),
    ("the", 9, "det", "DET", "DT", "the"), ("crowd", 7, "pobj", "NOUN", "NN", "crowd"),
    (".", 3, "punct", "PUNCT", ".", ".")]


def test_a_killing_takes_its_doer_from_the_clause_that_says_when_it_happened(resources):
    ontology, patterns, dictionary = resources
    item = document(parsed(KILLED_WHEN, ENGLISH), {5: Actor("---MIL", None, "military", "sector"),
                                          9: Actor("---CVL", None, "civilians", "sector")})
    context = EventCoder(ontology, patterns, dictionary).code(item, explain=True)
    killing = next(e for e in item.events if e.trigger.text == "killed")
    assert (killing.source.actor.code, killing.cameo) == ("---MIL", "1823")
    (candidate,) = [c for c in context.candidates if c.trigger.token.text == "killed"]
    assert "source: the doer of 'fired', which says how it happened" in candidate.steps


# "Rebels attacked a police station."
ATTACKED_STATION = [
    ("Rebels", 1, "nsubj", "NOUN", "NNS", "rebel"), ("attacked", 1, "ROOT", "VERB", "VBD", "attack"),
    ("a", 4, "det", "DET", "DT", "a"), ("police", 4, "compound", "NOUN", "NN", "police"),
    ("station", 1, "dobj", "NOUN", "NN", "station"), (".", 1, "punct", "PUNCT", ".", ".")]


def test_a_facility_named_with_a_sector_stands_for_that_sector(resources):
    ontology, patterns, dictionary = resources
    item = document(parsed(ATTACKED_STATION, ENGLISH), {0: Actor("---REB", None, "rebels", "sector")})
    EventCoder(ontology, patterns, dictionary).code(item)
    (event,) = item.events
    assert (event.source.actor.code, event.cameo, event.target.actor.code) == ("---REB", "190", "---COP")
    assert event.target.text == "police station"


# "A regime offensive displaced thousands.", as the tagger sometimes reads it: "offensive" an adjective, with
# "regime" its subject
OFFENSIVE_AS_ADJECTIVE = [
    ("A", 2, "det", "DET", "DT", "a"), ("regime", 2, "nsubj", "NOUN", "NN", "regime"),
    ("offensive", 3, "nsubj", "ADJ", "JJ", "offensive"), ("displaced", 3, "ROOT", "VERB", "VBD", "displace"),
    ("thousands", 3, "dobj", "NOUN", "NNS", "thousand"), (".", 3, "punct", "PUNCT", ".", ".")]


def test_an_event_noun_tagged_as_an_adjective_is_read_as_a_noun_and_what_hangs_before_it_is_its_doer(resources):
    ontology, patterns, dictionary = resources
    item = document(parsed(OFFENSIVE_AS_ADJECTIVE, ENGLISH),
                    {1: Actor("SYRGOV", "SYR", "Syria (government)", "sector")})
    EventCoder(ontology, patterns, dictionary).code(item)
    (event,) = [e for e in item.events if e.trigger.text == "offensive"]
    assert (event.source.actor.code, event.root) == ("SYRGOV", "19")


def test_in_quote_reads_the_disjoint_quoted_spans_by_bisection():
    doc = Doc(Vocab(), words=["x"])
    ctx = CodingContext(doc, {}, {}, set(), [(5, 10), (20, 30), (40, 41)], [])
    inside = {*range(5, 10), *range(20, 30), 40}
    for char in range(0, 45):
        assert ctx.in_quote(char) is (char in inside), char
    assert not CodingContext(doc, {}, {}, set(), [], []).in_quote(3)
