"""Actors: the dictionary, dated resolution, composition of sectors, and references in a document."""
from __future__ import annotations

from datetime import date

import pytest

from accord.actors.dictionary import load_builtin, load_national, people_from_yaml
from accord.actors.lookup import explain
from accord.errors import DictionaryError


@pytest.fixture(scope="module")
def dictionary():
    return load_builtin()


def code_on(dictionary, name, day):
    (entry,) = [e for e in dictionary.lookup(name) if e.kind == "person"]
    return dictionary.resolve_person(entry.key, day).actor.code


@pytest.mark.parametrize("day, holder", [
    (date(2019, 6, 1), "Shinzo Abe"),
    (date(2021, 1, 15), "Yoshihide Suga"),
    (date(2023, 5, 19), "Fumio Kishida"),
    (date(2025, 3, 1), "Shigeru Ishiba"),
])
def test_japanese_heads_of_government_are_government_only_in_office(dictionary, day, holder):
    assert code_on(dictionary, holder, day) == "JPNGOV"
    others = {"Shinzo Abe", "Yoshihide Suga", "Fumio Kishida", "Shigeru Ishiba"} - {holder}
    for other in others:
        # before or after their term, a former or future prime minister is no longer the government
        if other == "Fumio Kishida" and day < date(2017, 8, 4):
            continue
        assert code_on(dictionary, other, day) != "JPNGOV" or other == "Shigeru Ishiba" and day.year == 2008


@pytest.mark.parametrize("day, president", [
    (date(2019, 3, 1), "Moon Jae-in"),
    (date(2023, 3, 16), "Yoon Suk Yeol"),
    (date(2025, 7, 1), "Lee Jae-myung"),
])
def test_south_korean_presidents_by_date(dictionary, day, president):
    assert code_on(dictionary, president, day) == "KORGOV"
    for other in {"Moon Jae-in", "Yoon Suk Yeol", "Lee Jae-myung"} - {president}:
        assert code_on(dictionary, other, day) == "KORELI"


def test_capitals_adjectives_and_demonyms_name_their_state(dictionary):
    for surface, code in [("Seoul", "KOR"), ("Manila", "PHL"), ("Pyongyang", "PRK"), ("Japanese", "JPN"),
                          ("Filipino", "PHL"), ("Washington", "USA"), ("Beijing", "CHN")]:
        assert any(e.key == code for e in dictionary.lookup(surface)), surface


def test_lookup_explains_why(dictionary):
    lines = explain(dictionary, "Fumio Kishida", date(2024, 4, 8))
    assert lines[0] == "dictionary: Fumio Kishida -> JPNGOV (Fumio Kishida)"
    assert "prime minister" in lines[1] and "2024-04-08" in lines[1]
    later = explain(dictionary, "Fumio Kishida", date(2025, 6, 1))
    assert later[0].startswith("dictionary: Fumio Kishida -> JPNELI")


# ---------------------------------------------------------------------- places read as actors (issue 16, item 3)
def named(document, text):
    """The actor codes the document's mentions whose words are exactly ``text`` stand for."""
    return [m.actor.code for m in document.mentions if m.text == text]


def test_a_us_state_is_not_the_country_whose_name_it_shares_or_holds(code):
    state = code("Police in New Jersey detained two protesters on Friday.")
    assert "JEY" not in {m.actor.country for m in state.mentions}
    assert named(state, "New Jersey") == ["USA"] and any(e.source.actor.code == "USACOP" for e in state.events)
    primaries = code("The senator carried Georgia, Ohio and Texas in the primaries on Tuesday.")
    assert named(primaries, "Georgia") == ["USA"]  # among US states, the US state
    assert "GEO" not in {a.actor.country for e in primaries.events for a in (e.source, e.target) if a}
    caucasus = code("Russia accused Georgia of provoking the war, and Tbilisi denied it.")
    assert named(caucasus, "Georgia") == ["GEO"]
    alone = code("Russia accused Georgia of provoking the war.")
    assert named(alone, "Georgia") == ["GEO"]


def test_datelines_and_the_places_that_locate_a_place_or_label_a_member_are_no_actors(code):
    wire = code("Senate passes the budget.\n\nWASHINGTON (AP) — The Senate approved the budget on Friday.")
    assert not named(wire, "WASHINGTON")
    label = code("Rep. Jane Doe (D-Calif.) and Rep. John Roe (R-Texas) criticised the Pentagon on Monday.")
    assert not named(label, "Calif.") and not named(label, "Texas")
    assert all(e.source is None or e.source.actor.code != "USA" or e.source.text not in ("Calif.", "Texas")
               for e in label.events)
    address = code("Gunmen killed nine people in Fresno, Calif., on Wednesday.")
    assert not named(address, "Calif.")


def test_lookup_says_what_the_coder_does_by_the_coders_own_code(pipeline):
    lines = explain(pipeline.dictionary, "New Jersey", None, pipeline.finder)
    assert lines[0] == "New Jersey -> USA (United States), as the coder reads it"
    assert "'New Jersey' is a adm1 of USA" in lines[1]
    in_text = explain(pipeline.dictionary, "Georgia", None, pipeline.finder,
                      "The senator carried Georgia, Ohio and Texas in the primaries.")
    assert in_text[0].startswith("Georgia -> USA") and "US state" in in_text[1]
    alone = explain(pipeline.dictionary, "Georgia", None, pipeline.finder)
    assert alone[0].startswith("Georgia -> GEO") and any("US state (USA)" in line for line in alone)
    dateline = explain(pipeline.dictionary, "WASHINGTON", None, pipeline.finder,
                       "Senate passes the budget.\n\nWASHINGTON (AP) — The Senate approved the budget.")
    assert dateline[0].startswith("unknown") and "is a dateline" in dateline[-1]


def test_titles_and_countries_compose_sector_codes(code):
    document = code("The Chinese coast guard confronted Philippine fishermen while US troops watched. "
                    "South Korean lawmakers met the Japanese defence minister.")
    codes = {m.text: m.actor.code for m in document.mentions}
    assert codes["Chinese coast guard"] == "CHNCOP"
    assert codes["Philippine fishermen"] == "PHLCVL"
    assert codes["US troops"] == "USAMIL"
    assert codes["South Korean lawmakers"] == "KORLEG"
    assert codes["Japanese defence minister"] == "JPNGOV"


def test_an_adjective_of_a_thing_is_not_an_actor(code):
    document = code("Relations were strained by the Japanese occupation.")
    assert not [m for m in document.mentions if m.actor.country == "JPN"]


def test_references_within_a_document(code):
    document = code("Japanese Prime Minister Fumio Kishida met US President Joe Biden in Washington. "
                    "The Japanese leader said he would visit Manila. Kishida later left. "
                    "The two leaders will meet again in June.")
    by_text = [(m.text, m.actor.name) for m in document.mentions]
    assert ("Japanese leader", "Fumio Kishida") in by_text
    assert ("he", "Fumio Kishida") in by_text
    assert ("Kishida", "Fumio Kishida") in by_text
    plural = next(m for m in document.mentions if m.text == "The two leaders")
    assert {a.name for a in plural.plural} == {"Fumio Kishida", "Joe Biden"}
    assert any(e.source and e.source.actor.name == "Joe Biden" and e.cameo.startswith("03")
               for e in document.events if e.sentence == 3)


def test_an_unknown_surname_refers_back_to_the_full_name(code):
    document = code("Ukrainian Foreign Minister Anna Kovalenko visited Japan on Monday. "
                    "Kovalenko praised Tokyo.")
    assert any(m.text == "Kovalenko" and m.actor.name == "Anna Kovalenko" for m in document.mentions)


def test_a_surname_alone_is_the_person_last_named_in_full_not_the_dictionarys_bearer(code):
    document = code("Hillary Clinton won the state's primary on Tuesday. Clinton thanked her volunteers. "
                    "Former President Bill Clinton campaigned there in May. Clinton praised the turnout.",
                    published=date(2016, 6, 8))
    bare = [m.actor.name for m in document.mentions if m.text == "Clinton"]
    assert bare == ["Hillary Clinton", "Bill Clinton"]


def test_a_sector_actor_takes_the_one_country_its_sentence_names(code):
    document = code("Judge Maria Olsen opened an inquiry into Norwegian customs officials. "
                    "Rebels attacked a convoy near the border between Chad and Sudan.")
    judge = next(m for m in document.mentions if "Olsen" in m.text)
    assert judge.actor.code == "NORJUD" and "only country" in judge.how
    rebels = next(m for m in document.mentions if m.text == "Rebels")
    assert rebels.actor.country is None  # two countries named: no guess


def test_a_place_no_gazetteer_knows_belongs_to_the_one_country_its_sentence_names(code):
    one = code("The Ethiopian government lifted the curfew in Ogaden on Monday.")
    assert any(m.text == "Ogaden" and m.actor.code == "ETH" for m in one.mentions)
    (event,) = one.events
    assert (event.source.actor.code, event.target.actor.code) == ("ETHGOV", "ETH")
    two = code("Ethiopian troops attacked rebels in Qorahey, Somalia said.")
    assert not any(m.text == "Qorahey" for m in two.mentions)  # two countries named: no guess


def test_a_titled_name_is_a_person_whatever_the_entity_recogniser_says(code):
    document = code("Vice-President Moody Awori of Kenya declined to resign.")
    person = next(m for m in document.mentions if "Awori" in m.text)
    assert (person.actor.name, person.actor.code, person.actor.kind) == ("Moody Awori", "KENGOV", "person")


def test_a_country_inside_a_persons_name_is_not_the_country(code):
    document = code("Michael Jordan visited Paris. Jordan's King Abdullah met Chad Smith in Amman.")
    assert not any(m.text == "Jordan" and m.start < 20 for m in document.mentions)
    assert not any(e.target and e.target.actor.country == "TCD" for e in document.events)
    assert any(m.text == "Jordan" and m.actor.code == "JOR" for m in document.mentions)  # the country still is


def test_a_place_the_gazetteer_knows_is_not_moved_into_the_sentences_country(code):
    document = code("Chinese officials said Europe must lift the embargo.")
    assert not any(m.text == "Europe" and m.actor.country == "CHN" for m in document.mentions)


def test_an_ethnic_group_is_coded_with_its_home_state(code):
    document = code("Yoruba leaders met Ibo elders in Lagos. Tamil refugees crossed to India and Uighurs protested.",
                    published=date(1993, 7, 1))
    found = {m.text: (m.actor.code, m.actor.country) for m in document.mentions}
    assert found["Yoruba leaders"] == ("NGAYOR", "NGA")
    assert found["Ibo"] == ("NGAIBO", "NGA")
    assert found["Tamil refugees"] == ("LKATAM", "LKA")
    assert found["Uighurs"] == ("CHNUIG", "CHN")


def test_a_group_spread_over_several_states_keeps_no_country(code):
    document = code("Kurdish refugees fled to the mountains while Druze inhabitants and ethnic Albanians protested.",
                    published=date(1991, 4, 1))
    found = {m.text: (m.actor.code, m.actor.country) for m in document.mentions}
    assert found["Kurdish refugees"] == ("KUR", None)
    assert found["Druze inhabitants"] == ("DRZ", None)
    assert found["ethnic Albanians"] == ("ALN", None)


def test_no_ethnic_group_takes_a_countrys_own_name_adjective_or_demonym(dictionary):
    import yaml

    from accord.actors.dictionary import _data_dir

    groups = yaml.safe_load((_data_dir() / "ethnic_groups.yaml").read_text("utf-8"))
    country_words = {word for c in dictionary.countries.values()
                     for word in (c.name, *c.aliases, *c.adjectives, *c.demonyms)}
    for group in groups:
        clashes = {group["name"], *(group.get("aliases") or [])} & country_words
        assert not clashes, f"{group['name']}: {clashes} already name a country"
        if group["country"] is None:  # a transnational group's code must not read as a state
            assert group["code"] not in dictionary.countries, group["code"]
        else:
            assert group["code"].startswith(group["country"]), group["code"]
        # nor as a sector of its state: Copts coded EGYCOP would read as Egyptian police
        assert group["code"][-3:] not in dictionary.sectors, group["code"]


@pytest.mark.parametrize("name, day, expected", [
    ("Yasuhiro Nakasone", date(1985, 6, 1), "JPNGOV"),
    ("Yasuhiro Nakasone", date(1995, 6, 1), "JPNELI"),
    ("Olusegun Obasanjo", date(1978, 1, 1), "NGAGOV"),  # military head of state 1976-1979
    ("Olusegun Obasanjo", date(1985, 1, 1), "NGAELI"),
    ("Olusegun Obasanjo", date(2000, 1, 1), "NGAGOV"),
    ("Erich Honecker", date(1985, 1, 1), "DDRGOV"),  # East Germany has its own code
    ("Aung San Suu Kyi", date(2010, 1, 1), "MMROPP"),
    ("Aung San Suu Kyi", date(2017, 1, 1), "MMRGOV"),
    ("Jonas Savimbi", date(1990, 1, 1), "AGOREB"),
])
def test_leaders_of_the_1980s_and_opposition_figures_are_coded_by_date(dictionary, name, day, expected):
    assert code_on(dictionary, name, day) == expected


def test_a_1980s_story_codes_the_leaders_then_in_office(code):
    document = code("Prime Minister Nakasone met Soviet leader Mikhail Gorbachev.", published=date(1985, 12, 1))
    found = {m.actor.name: m.actor.code for m in document.mentions if m.actor.kind == "person"}
    assert found == {"Yasuhiro Nakasone": "JPNGOV", "Mikhail Gorbachev": "RUSGOV"}


def test_a_people_spread_over_several_states_takes_the_state_the_text_places_it_in(code):
    document = code("Some 800,000 Iraqi Kurds sought refuge in Germany. Kurds in northern Syria protested on Monday.")
    codes = {m.text: m.actor.code for m in document.mentions}
    assert codes["Iraqi Kurds"] == "IRQKUR" and codes["Kurds"] == "SYRKUR"
    group = code("Al-Qaeda attacked a hotel in Mali.")  # an armed group keeps its own code
    assert any(m.actor.code == "IMGMUSALQ" for m in group.mentions)


def test_a_first_name_before_a_town_name_makes_it_a_persons_name(code):
    document = code("Kenzo Oshima, the United Nations relief coordinator, demanded that the parties allow aid in.")
    assert not any(m.actor.country == "JPN" for m in document.mentions)
    assert document.events[0].source.actor.code == "IGOUNO"


def test_factions_are_parties(code):
    document = code("Palestinian factions met in Cairo.")
    assert any(m.actor.code == "PSEPTY" for m in document.mentions)


def test_aid_groups_are_non_governmental_organisations_of_their_country(code):
    document = code("Two American aid groups delivered medicine to Baghdad.")
    assert any(m.text == "American aid groups" and m.actor.code == "USANGO" for m in document.mentions)


@pytest.mark.parametrize("name, day, code", [
    ("Loretta Lynch", date(2016, 6, 1), "USAGOV"),  # attorney general
    ("Loretta Lynch", date(2018, 6, 1), "USAELI"),  # after leaving office
    ("Nancy Pelosi", date(2008, 3, 1), "USALEG"),  # speaker of the House: Congress, not the executive
    ("Gina Haspel", date(2019, 5, 1), "USASPY"),  # CIA director, coded as the agency
    ("Mitt Romney", date(2012, 9, 1), "USAOPP"),  # candidate of the party out of the White House
    ("Mitt Romney", date(2020, 2, 1), "USALEG"),  # later a senator
    ("Carly Fiorina", date(2015, 9, 1), "USAOPP"),  # 2016 candidate of the party out of the White House
    ("Martin O'Malley", date(2015, 9, 1), "USAELI"),  # of the party in it, and out of office
    ("Debbie Wasserman Schultz", date(2016, 5, 1), "USAPTY"),  # chair of the DNC
    ("Elaine Chao", date(2018, 1, 1), "USAGOV"),  # secretary of transportation
    ("Chuck Grassley", date(2018, 1, 1), "USALEG"),
    ("Jennifer Granholm", date(2015, 1, 1), "USAELI"),  # between the governorship and the cabinet
])
def test_american_office_holders_resolve_by_date(dictionary, name, day, code):
    assert code_on(dictionary, name, day) == code


@pytest.mark.parametrize("day, who, expected", [
    (date(1998, 5, 1), "Bill Clinton", "USAGOV"),
    (date(2005, 5, 1), "Hillary Clinton", "USALEG"),
    (date(2011, 5, 1), "Hillary Clinton", "USAGOV"),
])
def test_a_shared_american_surname_goes_to_whoever_holds_office(code, day, who, expected):
    document = code("Clinton met the Mexican foreign minister in Washington.", published=day)
    mention = next(m for m in document.mentions if m.text == "Clinton")
    assert (mention.actor.name, mention.actor.code) == (who, expected)


@pytest.mark.parametrize("name, day, code", [
    ("Narendra Modi", date(2002, 3, 1), "INDGOV"),  # chief minister of Gujarat
    ("Narendra Modi", date(2015, 3, 1), "INDGOV"),  # prime minister
    ("L. K. Advani", date(2002, 3, 1), "INDGOV"),  # home minister
    ("L. K. Advani", date(2006, 3, 1), "INDOPP"),  # leader of the opposition
    ("L. K. Advani", date(2012, 3, 1), "INDELI"),
    ("Sonia Gandhi", date(2010, 3, 1), "INDPTY"),  # Congress president
    ("Mayawati", date(2008, 3, 1), "INDGOV"),  # chief minister of Uttar Pradesh, and still BSP president
    ("Mayawati", date(2015, 3, 1), "INDPTY"),
    ("P. Chidambaram", date(2010, 3, 1), "INDGOV"),  # home minister
    ("Mohan Bhagwat", date(2015, 3, 1), "INDRAD"),  # the RSS's chief
    ("Praveen Togadia", date(2015, 3, 1), "INDREL"),
])
def test_indian_office_holders_resolve_by_date(dictionary, name, day, code):
    assert code_on(dictionary, name, day) == code


@pytest.mark.parametrize("name, day, code", [
    ("George Osborne", date(2013, 3, 20), "GBRGOV"),  # chancellor of the exchequer
    ("George Osborne", date(2018, 1, 1), "GBRELI"),  # after leaving office
    ("Jeremy Corbyn", date(2017, 6, 1), "GBROPP"),  # leader of the opposition
    ("Keir Starmer", date(2022, 1, 1), "GBROPP"),  # opposition leader before becoming prime minister
    ("Keir Starmer", date(2025, 1, 1), "GBRGOV"),
    ("Nick Clegg", date(2009, 1, 1), "GBROPP"),  # Liberal Democrat leader out of government
    ("Nick Clegg", date(2012, 1, 1), "GBRGOV"),  # deputy prime minister in the coalition
    ("Nicola Sturgeon", date(2016, 1, 1), "GBRGOV"),  # a devolved government is its country's
    ("John Bercow", date(2016, 1, 1), "GBRLEG"),
])
def test_british_office_holders_resolve_by_date(dictionary, name, day, code):
    assert code_on(dictionary, name, day) == code


@pytest.mark.parametrize("name, day, code", [
    ("Pervez Musharraf", date(1999, 6, 1), "PAKMIL"),  # army chief, before the coup
    ("Pervez Musharraf", date(2003, 6, 1), "PAKGOV"),
    ("Ashfaq Parvez Kayani", date(2010, 6, 1), "PAKMIL"),
    ("Ahmad Shuja Pasha", date(2011, 6, 1), "PAKSPY"),
    ("Imran Khan", date(2015, 6, 1), "PAKPTY"),  # party chairman, before and after being prime minister
    ("Imran Khan", date(2020, 6, 1), "PAKGOV"),
    ("Maryam Nawaz", date(2024, 6, 1), "PAKGOV"),  # chief minister of Punjab
])
def test_pakistani_office_holders_resolve_by_date(dictionary, name, day, code):
    assert code_on(dictionary, name, day) == code


def test_a_people_of_a_named_country_is_that_countrys(code):
    document = code("The Kurds of Syria rallied against the offensive.")
    assert "SYRKUR" in {m.actor.code for m in document.mentions}


def test_two_country_adjectives_on_one_phrase_give_an_actor_each(code):
    document = code("Indian and Pakistani troops exchanged fire along the border.")
    assert {(e.source.actor.code, e.target.actor.code) for e in document.events if e.source and e.target} \
        >= {("INDMIL", "PAKMIL"), ("PAKMIL", "INDMIL")}


# ----------------------------------------------------------------------------------- parties and movements
@pytest.mark.parametrize("name, code", [
    ("BJP", "INDPTY"), ("Congress party", "INDPTY"), ("CPI(M)", "INDPTY"), ("Trinamool Congress", "INDPTY"),
    ("PML-N", "PAKPTY"), ("Awami League", "BGDPTY"), ("Likud", "ISRPTY"), ("Fatah", "PSEPTY"),
    ("AKP", "TURPTY"), ("United Russia", "RUSPTY"), ("ZANU-PF", "ZWEPTY"), ("ANC", "ZAFPTY"),
    ("DNC", "USAPTY"), ("Republicans", "USAPTY"), ("Tories", "GBRPTY"), ("CDU", "DEUPTY"),
    ("Kuomintang", "TWNPTY"), ("LDP", "JPNPTY"), ("PSUV", "VENPTY"), ("UMNO", "MYSPTY"),
])
def test_parties_are_their_countrys_parties(dictionary, name, code):
    (entry,) = dictionary.lookup(name)
    assert dictionary.organisations[entry.key].code == code


@pytest.mark.parametrize("name, code", [
    ("RSS", "INDRAD"), ("VHP", "INDREL"), ("Bajrang Dal", "INDRAD"), ("SIMI", "INDRAD"), ("AIMPLB", "INDREL"),
    ("Hurriyat", "INDSEP"), ("CITU", "INDLAB"), ("Indian Mujahideen", "INDRADIMJ"), ("WikiLeaks", "NGOMEDWKL"),
    ("ACLU", "USAHRI"), ("AFL-CIO", "USALAB"), ("PLO", "PSEGOV"),
    ("Muslim Brotherhood", "EGYREL"), ("Syrian National Coalition", "SYROPP"), ("NHRC", "---HRI"),
])
def test_movements_and_civil_society_are_coded_by_what_they_are(dictionary, name, code):
    (entry,) = dictionary.lookup(name)
    assert dictionary.organisations[entry.key].code == code


def test_a_party_name_several_countries_share_takes_the_country_its_phrase_or_sentence_names(code):
    document = code("Germany's Social Democrats criticised the plan. The Greens rejected it. "
                    "In Japan, the Social Democratic Party walked out.")
    found = [(m.text, m.actor.code) for m in document.mentions if m.actor.code.endswith("PTY")]
    assert found == [("Social Democrats", "DEUPTY"), ("Greens", "---PTY"), ("Social Democratic Party", "JPNPTY")]


def test_no_surface_form_names_two_actors(dictionary):
    """A name given to two actors (besides people sharing a surname, whom the date tells apart) would be
    coded as whichever file was read first."""
    def meaning(entry):
        if entry.kind in ("organisation", "group", "people"):
            return "actor", dictionary.organisations[entry.key].code
        return ("country" if entry.kind in ("country", "adjective", "demonym", "metonym") else entry.kind), entry.key

    for surface, entries in dictionary.names.items():
        meanings = {meaning(e) for e in entries}
        assert len(meanings) == 1 or {kind for kind, _ in meanings} == {"person"}, (surface, meanings)


@pytest.mark.parametrize("entry, reason", [
    ("- code: XYZPTY\n  name: Freedom Party\n  country: XYZ\n", "unknown country 'XYZ'"),
    ("- code: INDPTY\n  name: Freedom Party\n  country: PAK\n", "code 'INDPTY' is not 'PAK' followed by a sector"),
    ("- code: INDXXX\n  name: Freedom Party\n  country: IND\n", "code 'INDXXX' is not 'IND' followed by a sector"),
    ("- code: INDPTY\n  name: Freedom Party\n  country: null\n", "code 'INDPTY' is not '---' followed by a sector"),
    ("- code: INDPTY\n  name: Freedom Party\n  aliases: FP\n  country: IND\n", "aliases: Input should be a valid list"),
    ("- code: INDPTY\n  name: Freedom Party\n  country: IND\n  alias: FP\n",
     "unknown key 'alias' (did you mean 'aliases'?)"),
])
def test_a_national_entry_is_checked_and_its_mistake_named_with_file_and_line(dictionary, tmp_path, entry, reason):
    path = tmp_path / "parties.yaml"
    path.write_text("# a party file\n- code: INDPTY\n  name: Good Party\n  country: IND\n" + entry, "utf-8")
    with pytest.raises(DictionaryError) as caught:
        load_national(dictionary, path)
    message = str(caught.value)
    assert message.startswith(f"{path}:") and int(message.split(":")[1]) >= 5  # the line of entry 2 or of its key
    assert "entry 2 (Freedom Party)" in message and reason in message


def test_an_office_that_ends_before_it_starts_is_an_error():
    item = {"name": "Rupert Osmond", "roles": [{"code": "INDGOV", "title": "chief minister of goa",
                                                 "start": "2010-05-01", "end": "2001-05-01"}]}
    with pytest.raises(DictionaryError, match="Rupert Osmond: chief minister of goa ends .2001-05-01. before"):
        people_from_yaml([item], "ind.yaml")
