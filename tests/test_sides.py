"""Who is source and who is target (events/resolve.py, arguments.py, nouns.py): rules of English syntax and of
CAMEO, each on sentences written for these tests, coded by the rules alone (``code`` uses rules_pipeline)."""
from __future__ import annotations

import pytest

from .conftest import triples


def sides(document, root: str | None = None) -> list[tuple[str | None, str | None, str | None]]:
    """(source country, target country, target text) of each event, of one CAMEO root if given."""
    return [(e.source.actor.country if e.source else None, e.target.actor.country if e.target else None,
             e.target.text if e.target else None)
            for e in document.events if root is None or e.cameo.startswith(root)]


@pytest.mark.parametrize("text, root, source, target, place", [
    ("The rebels agreed to a ceasefire in Aleppo.", "03", "SYR", "SYR", "Aleppo"),
    ("The army declared a truce in Darfur on Sunday.", "08", "SDN", "SDN", "Darfur"),
    ("The United Nations suspended food deliveries in Tigray.", "16", None, "ETH", "Tigray"),
])
def test_an_act_done_in_a_place_with_no_one_else_named_is_done_to_it(code, text, root, source, target, place):
    document = code(text)
    found = sides(document, root)
    assert found and all(t == target and words == place for _, t, words in found), (text, triples(document))
    # a place does not act back: one direction only
    assert all(e.source is not None and e.source.text != place for e in document.events), triples(document)


def test_a_statement_made_in_a_place_is_not_made_to_it(code):
    document = code("The Kenyan foreign minister said in Geneva that talks would resume.")
    assert all(e.target is None or e.target.text != "Geneva" for e in document.events), triples(document)


def test_a_clause_of_what_came_before_names_no_party_of_the_act(code):
    # the militias overran the town; martial law is not declared against them
    for text in ("The Chadian government declared martial law after the town was overrun by Sudanese militias.",
                 "The Chadian government declared martial law after Sudanese militias overran the town."):
        document = code(text)
        assert sides(document, "17") == [("TCD", None, None)], triples(document)


def test_coordinated_parties_that_agree_agree_with_each_other(code):
    document = code("Chad and Sudan have agreed on a plan to reopen their border.")
    assert {(s, t) for s, t, _ in sides(document, "03")} == {("TCD", "SDN"), ("SDN", "TCD")}, triples(document)
    # one party agreeing names no partner
    document = code("Chad has agreed on a plan to reopen the border.")
    assert sides(document, "03") == [("TCD", None, None)], triples(document)


def test_a_body_of_no_one_country_named_in_the_clause_is_its_party(code):
    document = code("Russia refused to join the NATO exercises.")
    assert [(e.source.actor.code, e.target.actor.code if e.target else None) for e in document.events
            if e.cameo.startswith("12")] == [("RUS", "IGOWSTNAT")], triples(document)


@pytest.mark.parametrize("text, root, source", [
    ("A group of Iranian hackers launched cyber attacks on Saudi government websites.", "17", "IRN"),
    ("A team of Chinese experts visited Pakistan on Monday.", "04", "CHN"),
])
def test_a_group_of_people_stands_for_the_country_its_members_are_of(code, text, root, source):
    document = code(text)
    assert [s for s, _, _ in sides(document, root)] == [source], triples(document)


def test_who_announces_an_act_does_it_but_who_reports_one_does_not(code):
    document = code("Ghana announced the expulsion of three Nigerian diplomats.")
    assert sides(document, "16") == [("GHA", "NGA", "Nigerian diplomats")], triples(document)
    document = code("The Kenyan ministry reported an attack by gunmen on a police post in Mandera.")
    assert all(e.source is None or e.source.actor.code != "KENGOV" for e in document.events), triples(document)


def test_an_event_noun_said_of_a_verbs_object_by_as_is_done_to_that_object(code):
    document = code("Taliban fighters were holding Afghan civilians as human shields in Kunduz.")
    assert [(t, words) for _, t, words in sides(document, "18")] == [("AFG", "Afghan civilians")], triples(document)


def test_a_purpose_clause_happens_where_its_verb_sends_someone(code):
    document = code("France sent seven military experts to Saudi Arabia to investigate the attacks.")
    assert sides(document, "09") == [("FRA", "SAU", "Saudi Arabia")], triples(document)


def test_a_place_of_a_coordinated_verb_is_not_where_the_other_act_happens(code):
    document = code("The Swedish prime minister condemned the bombing of the embassy in Nairobi and vowed to find "
                    "the bombers.")
    assert all(t != "KEN" for _, t, _ in sides(document, "03")), triples(document)
