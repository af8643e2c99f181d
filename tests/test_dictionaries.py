"""User dictionaries: PETRARCH/TABARI files, YAML and CSV; precedence; malformed lines."""
from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from accord.actors.formats import build_dictionary, load_user_dictionary
from accord.cli import app
from accord.errors import DictionaryError
from accord.pipeline import Pipeline


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


PETRARCH = """\
# a small actor file in the PETRARCH format
RUPERT_OSMOND_  # a person with dated codes
+MINISTER_OSMOND_
\t[XYZELI 900101-201231]
\t[XYZGOV >20210101]
FREEDONIA_  [FRD]
+FREEDONIAN_
"""


def test_petrarch_actor_file_with_dated_codes(tmp_path):
    path = write(tmp_path, "actors.txt", PETRARCH)
    dictionary, (report,) = build_dictionary([path])
    assert report.entries == 2 and not report.errors
    (entry,) = [e for e in dictionary.lookup("Rupert Osmond") if e.kind == "person"]
    assert dictionary.resolve_person(entry.key, date(2019, 5, 1)).actor.code == "XYZELI"
    assert dictionary.resolve_person(entry.key, date(2022, 5, 1)).actor.code == "XYZGOV"
    assert [e.kind for e in dictionary.lookup("FREEDONIA")] == ["user"]


def test_user_entries_win_over_built_in_ones(tmp_path):
    path = write(tmp_path, "mine.yaml", "- name: Japan\n  code: JPNXXX\n")
    dictionary, _ = build_dictionary([path])
    pipeline = Pipeline(dictionary=dictionary)
    document = pipeline.code_text("Japan criticized China on Monday.", published=date(2024, 4, 8))
    assert [m.actor.code for m in document.mentions if m.text == "Japan"] == ["JPNXXX"]
    assert document.events[0].source.actor.code == "JPNXXX"


def test_csv_rows_with_dates_make_one_dated_actor(tmp_path):
    path = write(tmp_path, "people.csv", "name,code,start,end,aliases\n"
                                         "Mara Lind,SWEELI,2000-01-01,2019-12-31,Lind\n"
                                         "Mara Lind,SWEGOV,2020-01-01,,\n")
    dictionary, (report,) = build_dictionary([path])
    assert report.entries == 1
    (entry,) = [e for e in dictionary.lookup("Lind") if e.kind == "person"]
    assert dictionary.resolve_person(entry.key, date(2021, 1, 1)).actor.code == "SWEGOV"


def test_malformed_line_names_file_and_line_and_stops_or_skips(tmp_path):
    path = write(tmp_path, "bad.txt",
                 "GOOD_NAME_ [ABC]\nBAD NAME WITH SPACES [ABC]\nOTHER_ [DEF]\n\t[GHI 2004017-20061201]\n")
    with pytest.raises(DictionaryError) as error:
        load_user_dictionary(build_dictionary([])[0], path, strict=True)
    assert error.value.path == str(path) and error.value.line == 2
    dictionary, (report,) = build_dictionary([path], strict=False)
    assert [(e.line, e.reason.split(":")[0]) for e in report.errors] == [
        (2, "not a phrase line"), (4, "date '2004017' is not YYMMDD or YYYYMMDD")]
    assert dictionary.lookup("good name") and dictionary.lookup("other")


def test_cli_lookup_with_a_user_dictionary_and_its_errors(tmp_path):
    good = write(tmp_path, "actors.txt", PETRARCH)
    result = CliRunner().invoke(app, ["actors", "lookup", "Minister Osmond", "--date", "2023-01-01", "-d", str(good)])
    assert result.exit_code == 0, result.output
    assert "XYZGOV" in result.stdout and "actors.txt:4" in result.stdout.replace("\n", "")
    bad = write(tmp_path, "bad.txt", "GOOD_ [ABC]\nBAD NAME [ABC]\n")
    stopped = CliRunner().invoke(app, ["actors", "lookup", "Good", "-d", str(bad)])
    assert stopped.exit_code == 2 and f"{bad}:2" in stopped.stderr
    skipped = CliRunner().invoke(app, ["actors", "lookup", "Good", "-d", str(bad), "--dictionary-errors", "skip"])
    assert skipped.exit_code == 0 and f"{bad}:2" in skipped.stderr and "ABC" in skipped.stdout


PHOENIX = "reference/phoenix-dictionaries"


def test_phoenix_dictionaries_load(shared):
    folder = shared / PHOENIX
    paths = [folder / n for n in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                                  "Phoenix.MilNonState.actors.txt", "Phoenix.agents.txt")]
    dictionary, reports = build_dictionary(paths, strict=False)
    by_file = {r.path.rsplit("/", 1)[-1]: r for r in reports}
    assert by_file["Phoenix.Countries.actors.txt"].entries > 18000
    assert by_file["Phoenix.International.actors.txt"].entries > 7000
    assert by_file["Phoenix.MilNonState.actors.txt"].entries > 900
    assert by_file["Phoenix.agents.txt"].entries > 1500
    # every skipped line is named by file and line
    assert all(e.line for r in reports for e in r.errors)


def test_an_actor_only_phoenix_knows_is_coded(shared):
    path = shared / PHOENIX / "Phoenix.Countries.actors.txt"
    builtin = Pipeline()
    text = "Yoshimi Watanabe criticized China on Monday."
    before = builtin.code_text(text, published=date(2007, 6, 4))
    assert not any(e.source and e.source.actor.code == "JPNGOV" for e in before.events)
    dictionary, _ = build_dictionary([path], strict=False)
    after = Pipeline(dictionary=dictionary).code_text(text, published=date(2007, 6, 4))
    assert [(e.source.actor.code, e.cameo, e.target.actor.code) for e in after.events] == [("JPNGOV", "111", "CHN")]


def test_every_format_the_docs_describe_loads_as_they_say(tmp_path):
    """docs/dictionaries.md describes the user dictionary formats; each example file in it loads, and
    resolves as the page says."""
    import re

    from accord.actors.dictionary import ActorDictionary

    from .conftest import ROOT

    page = (ROOT / "docs" / "dictionaries.md").read_text("utf-8")
    files = dict(re.findall(r"<!-- file: (\S+) -->\n```\w*\n(.*?)```", page, re.S))
    assert set(files) == {"my-actors.yaml", "militias.csv", "actors.txt", "agents.txt"}
    dictionary = ActorDictionary()
    for name, text in files.items():
        report = load_user_dictionary(dictionary, write(tmp_path, name, text))
        assert report.entries and not report.errors, name

    def code(name, day=None):
        entry = dictionary.lookup(name)[0]
        if entry.kind == "person":
            return dictionary.resolve_person(entry.key, day).actor.code
        return dictionary.user_actors[entry.key].code

    assert code("governor example", date(2020, 6, 1)) == "XYZGOV" and code("Jane Example", date(2024, 6, 1)) == "XYZELI"
    assert code("RVM") == code("River Valley Militia") == "XYZREB"
    assert dictionary.user_actors["Example Relief Fund"].country == "XYZ"
    assert code("the Brigade") == "XYZREB" and code("Minister Sample", date(2022, 1, 1)) == "XYZGOV"
    assert code("Tom Sample", date(2016, 1, 1)) == "XYZREB"
    assert dictionary.sector_words["harbour warden"].key == "COP"
    assert dictionary.sector_words["border scouts"].key == "MIL"


PALACE = "- name: the Palace\n  aliases: [Malacanang]\n  code: PHLGOV\n  news_of: PHL\n"


@pytest.fixture
def palace(pipeline, tmp_path):
    """A pipeline whose user dictionary holds "the Palace" as PHLGOV in Philippine news only."""
    dictionary, _ = build_dictionary([write(tmp_path, "palace.yaml", PALACE)])
    return Pipeline(pipeline.nlp, dictionary)


def palace_codes(pipeline, text):
    from accord.ingest.readers import from_text

    document = pipeline.code_documents([from_text(text, "t", "t", published=date(2024, 4, 8))])
    return [m.actor.code for m in next(iter(document)).mentions if m.text.lower() == "the palace"]


def test_an_entry_limited_to_one_countrys_news_holds_there_and_nowhere_else(palace):
    philippine = ("The Palace rejected the demands of China on Monday. Philippine officials said the Philippines "
                  "would not leave the shoal.")
    british = "The Palace said on Monday that the King would meet the British prime minister in London."
    assert palace_codes(palace, philippine) == ["PHLGOV"]
    assert "PHLGOV" not in palace_codes(palace, british)
    # the dateline says whose news it is, whatever the text names most
    datelined = "MANILA, April 8 (Example Wire) -- The Palace criticized China, and China answered China's critics."
    assert palace_codes(palace, datelined) == ["PHLGOV"]
    assert "PHLGOV" not in palace_codes(palace, datelined.replace("MANILA", "LONDON"))


def test_news_of_must_name_a_country_and_one_only(tmp_path):
    with pytest.raises(DictionaryError, match=r"palace.yaml.*news_of 'Philippines' is not the code of a country"):
        build_dictionary([write(tmp_path, "palace.yaml", PALACE.replace("PHL\n", "Philippines\n"))])
    rows = "name,code,start,end,aliases,news_of\nthe Palace,PHLGOV,,,,PHL\nthe Palace,GBRGOV,2020-01-01,,,GBR\n"
    with pytest.raises(DictionaryError, match=r"palace.csv:3: the Palace: news_of 'GBR' here, 'PHL'"):
        build_dictionary([write(tmp_path, "palace.csv", rows)])
    dictionary, (report,) = build_dictionary([write(tmp_path, "palace.csv", rows.replace(",GBR\n", ",\n"))])
    assert report.entries == 1 and dictionary.news_of == {"The Palace": "PHL"}
