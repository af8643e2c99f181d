"""Places: mentions resolved by the offline gazetteer, and the place where each event happened."""
from __future__ import annotations

import json
from datetime import date

import pytest

from accord.export import action_geo
from accord.geo import gazetteer
from accord.places import find_places, locate


def _event(document, trigger: str):
    return next(e for e in document.events if e.trigger.text == trigger)


def _located(pipeline, text: str, verb: str):
    """The place the locator gives the word ``verb`` (whether or not an event is coded there)."""
    doc = pipeline.nlp(text)
    token = next(t for t in doc if t.text == verb)
    found = locate(doc, token.i, find_places(doc))
    return found[0].text if found else None


# ---------------------------------------------------------------------- gazetteer
def test_gazetteer_resolves_names_to_country_coordinates_and_feature():
    place = gazetteer().resolve("Karachi")
    assert (place.country, place.feature) == ("PAK", "city")
    assert 24 < place.latitude < 26 and 66 < place.longitude < 68
    assert gazetteer().resolve("the Philippines").feature == "country"
    assert gazetteer().resolve("Africa").feature == "continent"
    assert gazetteer().resolve("Gaza Strip").country == "PSE"  # from data/places/regions.tsv
    assert gazetteer().resolve("Qwxzt Vlorpan") is None


def test_gazetteer_prefers_the_reading_in_the_articles_countries():
    assert gazetteer().resolve("Tripoli").country == "LBY"  # the most populous by default
    assert gazetteer().resolve("Tripoli", {"LBN"}).country == "LBN"
    assert gazetteer().fips("SYR") == "SY" and gazetteer().fips("DEU") == "GM"


# ---------------------------------------------------------------------- events
def test_event_gets_the_place_of_its_prepositional_phrase(code):
    document = code("Pakistani police fired tear gas at opposition protesters in Karachi on Tuesday.")
    place = _event(document, "fired").location
    assert (place.text, place.name, place.country, place.feature) == ("Karachi", "Karachi", "PAK", "city")
    assert document.text[place.start:place.end] == "Karachi"
    assert place.latitude is not None and "in 'Karachi'" in place.how
    assert [p.text for p in document.places] == ["Karachi"]
    assert json.loads(json.dumps(document.to_dict()))["events"][0]["location"]["country"] == "PAK"


def test_an_ambiguous_city_is_read_in_the_country_the_article_is_about(code):
    lebanon = code("Lebanese troops clashed with gunmen in Tripoli on Sunday.")
    libya = code("Libyan militias clashed with government forces in Tripoli on Sunday.")
    assert _event(lebanon, "clashed").location.country == "LBN"
    assert _event(libya, "clashed").location.country == "LBY"


def test_a_place_reached_through_a_reporting_clause_is_not_the_events(code):
    document = code("The Indian foreign minister said in Geneva that Pakistani troops attacked Indian soldiers.")
    assert _event(document, "attacked").location is None
    assert [p.text for p in document.places] == ["Geneva"]


def test_sentences_without_a_place_give_none(code):
    for text in ("Government troops attacked the rebels on Monday.", "The army shelled rebel positions on Monday."):
        document = code(text)
        assert document.events and all(e.location is None for e in document.events), text


@pytest.mark.parametrize("text, verb, place", [
    # the phrase on a noun below the trigger
    ("Two soldiers were killed during clashes with rebels in Idlib on Friday.", "killed", "Idlib"),
    # a place that is the object or the passive subject of the trigger
    ("Government forces captured Kandahar after a week of fighting.", "captured", "Kandahar"),
    ("Mosul's old city was shelled for three days.", "shelled", "Mosul"),
    # the precise place, not the one named to say where it is
    ("A bomb exploded in Kirkuk, north of Baghdad, on Sunday.", "exploded", "Kirkuk"),
    ("Protesters marched through the streets of Lagos, Nigeria.", "marched", "Lagos"),
    # the place of the clause the trigger depends on
    ("Artillery hit a market in Aleppo, killing nine people.", "killing", "Aleppo"),
    # a country used as a modifier is not a location
    ("Three officers were killed in a U.S. drone strike.", "killed", None),
    # a place someone comes from is not where the event happened
    ("A teacher from Lahore was arrested on Friday.", "arrested", None),
])
def test_the_locator_follows_the_parse(pipeline, text, verb, place):
    assert _located(pipeline, text, verb) == place


def test_the_dateline_is_the_scene_only_of_events_on_the_ground(pipeline):
    text = ("KABUL, May 3 (Example Wire) -- Police fired tear gas at students on Friday.\n\n"
            "The education minister praised the teachers.")
    document = pipeline.code_text(text, published=date(2024, 5, 3))
    fired = _event(document, "fired").location
    assert (fired.name, fired.country, fired.start) == ("Kabul", "AFG", -1)
    assert fired.how.startswith("dateline")
    assert _event(document, "praised").location is None


# ---------------------------------------------------------------------- export and scorer
def test_gdelt_action_geo_columns_follow_the_events_place():
    group = {"place_name": "Karachi", "place_country": "PAK", "place_feature": "city", "place_latitude": 24.8608,
             "place_longitude": 67.0104, "place_geonames_id": 1174872, "place_admin1": "05"}
    geo = action_geo(group)
    assert geo["ActionGeo_Type"] == 4 and geo["ActionGeo_CountryCode"] == "PK"
    assert geo["ActionGeo_FullName"] == "Karachi, Pakistan" and geo["ActionGeo_ADM1Code"] == "PK05"
    assert (geo["ActionGeo_Lat"], geo["ActionGeo_FeatureID"]) == ("24.8608", 1174872)
    country = action_geo({**group, "place_name": "Pakistan", "place_feature": "country", "place_admin1": None})
    assert (country["ActionGeo_Type"], country["ActionGeo_FeatureID"], country["ActionGeo_ADM1Code"]) == (1, "PK", "PK")
    assert action_geo({"place_name": None}) == {}


def test_scorer_reads_gold_offsets_as_characters_or_tokens(pipeline):
    from accord.evaluate.locations import gold_locations

    text = "Rebels shelled the town of Zarqa on Monday."
    doc = pipeline.nlp(text)
    as_characters = {"text": text, "spans": [{"label": "LOCATION", "start": 27, "end": 32}]}
    as_tokens = {"text": text, "spans": [{"label": "LOCATION", "start": 5, "end": 5}]}
    assert gold_locations(as_characters, doc) == ([(27, 32)], 0)
    assert gold_locations(as_tokens, doc) == ([(27, 32)], 1)


def test_the_store_keeps_the_place_and_the_gdelt_export_writes_it(code, tmp_path):
    import csv
    import io

    from accord.export import export, gdelt_columns
    from accord.store import Store

    store = Store(f"sqlite:///{tmp_path / 'places.db'}")
    try:
        store.add_document(code("Pakistani police fired tear gas at opposition protesters in Karachi on Tuesday."))
        (row,) = [r for r in store.events() if r["trigger_text"] == "fired"]
        assert (row["place_name"], row["place_country"], row["place_feature"]) == ("Karachi", "PAK", "city")
        out = io.StringIO()
        export(store, "gdelt", None, out)
        exported = [dict(zip(gdelt_columns(), r)) for r in csv.reader(io.StringIO(out.getvalue()), delimiter="\t")]
        geo = [(r["ActionGeo_FullName"], r["ActionGeo_CountryCode"]) for r in exported]
        assert geo == [("Karachi, Pakistan", "PK")]
    finally:
        store.close()


def test_the_object_of_a_verbal_event_is_its_target_not_its_place(code):
    document = code("The Chinese foreign ministry accused the Philippines of provocations on Tuesday.")
    accused = _event(document, "accused")
    assert accused.target.actor.country == "PHL" and accused.location is None
