"""What the coder proposes: the words and constructions of real news that name events (issue 15), on
sentences written for these tests and coded by the rules alone (the ``code`` fixture)."""
from __future__ import annotations

import pytest

from .conftest import triples


@pytest.mark.parametrize("text, expected", [
    # property destroyed, whatever the thing: cabins, bridges, an arson of any building (not by "destroyed": storms
    # and floods destroy bridges too)
    ("Israeli settlers burnt a row of Palestinian cabins near Hebron.", ("ISR", "1712", "PSE")),
    ("Serbian police bulldozed the bridges of an Albanian village.", ("SRB", "1712", "ALB")),
    ("Serbian police set the Albanian school on fire.", ("SRB", "1712", "ALB")),
    ("Rioters set fire to the American embassy in Tripoli.", ("LBY", "1712", "USA")),
    # burnt alive is a killing; an explosive vest is a bomb; an aircraft downed is force
    ("Russian soldiers burnt a Ukrainian farmer alive.", ("RUS", "1823", "UKR")),
    ("A Hamas suicide bomber detonated her explosive vest at an Israeli checkpoint.", ("PSE", "183", "ISR")),
    ("The Taliban downed a US military helicopter outside Kabul.", ("AFG", "190", "USA")),
])
def test_violence_against_property_and_people_in_news_wording_is_coded(code, text, expected):
    source, cameo, target = expected
    assert any((s, c, t) == (source, cameo, target) for s, c, t, _ in triples(code(text))), (text, triples(code(text)))


def test_a_team_downed_by_its_rival_is_no_force(code):
    assert triples(code("Arsenal downed Chelsea in a thrilling match in London.")) == []

