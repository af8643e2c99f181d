"""Temporal expressions: values and precision relative to the reference date."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.evaluate.common import SetResult
from accord.evaluate.seed import score_articles
from accord.temporal import normalise, resolve

REF = date(2024, 4, 8)  # a Monday


@pytest.mark.parametrize("text, future, value, precision", [
    ("last year", False, "2023", "year"),
    ("next year", False, "2025", "year"),
    ("this month", False, "2024-04", "month"),
    ("earlier this month", False, "2024-04", "month"),
    ("next week", False, "2024-04-15", "week"),
    ("last week", False, "2024-04-01", "week"),
    ("yesterday", False, "2024-04-07", "day"),
    ("tomorrow", False, "2024-04-09", "day"),
    ("on Friday", False, "2024-04-05", "day"),
    ("on Friday", True, "2024-04-12", "day"),
    ("last Monday", False, "2024-04-01", "day"),
    ("Monday", False, "2024-04-08", "day"),
    ("April 10", True, "2024-04-10", "day"),
    ("March 18", False, "2024-03-18", "day"),
    ("December 30", False, "2023-12-30", "day"),
    ("10 April 2019", False, "2019-04-10", "day"),
    ("in March", False, "2024-03", "month"),
    ("in 2019", False, "2019", "year"),
    ("since 2011", False, "2011", "year"),
    ("by the end of the year", True, "2024", "year"),
    ("two weeks ago", False, "2024-03-25", "week"),
    ("three years ago", False, "2021", "year"),
])
def test_normalise(text, future, value, precision):
    result = normalise(text, REF, future=future)
    assert result is not None, text
    assert (result.iso(), result.precision) == (value, precision)


def test_unknown_expression_gives_nothing():
    assert normalise("the reign of the last emperor", REF) is None


def test_part_of_a_century():
    found = resolve("the first half of the 20th century", REF)
    assert (found.value, found.mod) == ("19", "START")


def test_events_take_the_expression_that_governs_them(code):
    document = code("Germany last year delivered tanks to Ukraine and is negotiating a security pact with Kyiv.")
    delivered = next(e for e in document.events if e.trigger.text == "delivered")
    negotiating = next(e for e in document.events if e.trigger.text == "negotiating")
    assert (delivered.date, delivered.date_precision) == ("2023", "year")
    assert negotiating.date == "2024-04-08" and negotiating.status == "ongoing"


def test_future_date_makes_an_event_planned(code):
    document = code("Japan and China hold talks in Beijing next week.")
    assert document.events and all(e.status == "planned" for e in document.events)
    assert document.events[0].date == "2024-04-15"


# ----------------------------------------------------------------------------- TimeML values (TIMEX3)
@pytest.mark.parametrize("text, future, kind, value", [
    ("Friday", False, "DATE", "2024-04-05"),
    ("on Friday", True, "DATE", "2024-04-12"),
    ("last week", False, "DATE", "2024-W14"),
    ("this weekend", False, "DATE", "2024-W15-WE"),
    ("earlier this month", False, "DATE", "2024-04"),
    ("last September", False, "DATE", "2023-09"),
    ("Sept. 9", False, "DATE", "2023-09-09"),  # an abbreviation besides the first three letters
    ("in 2019", False, "DATE", "2019"),
    ("the 1990s", False, "DATE", "199"),
    ("the third quarter", True, "DATE", "2024-Q3"),
    ("the fourth quarter of last year", False, "DATE", "2023-Q4"),
    ("spring", False, "DATE", "2024-SP"),
    ("Friday morning", False, "TIME", "2024-04-05TMO"),
    ("14:30 GMT", False, "TIME", "2024-04-08T14:30Z"),
    ("6.15 p.m.", False, "TIME", "2024-04-08T18:15"),
    ("three years", False, "DURATION", "P3Y"),
    ("almost two and a half years", False, "DURATION", "P2.5Y"),
    ("12-year", False, "DURATION", "P12Y"),
    ("the past five trading days", False, "DURATION", "P5D"),
    ("ninety minutes", False, "DURATION", "PT90M"),
    ("several months", False, "DURATION", "PXM"),
    ("over a decade", False, "DURATION", "P10Y"),
    ("at least 30 days", False, "DURATION", "P30D"),  # a modifier that begins with a signal word
    ("no more than sixty days", False, "DURATION", "P60D"),
    ("less than a year", False, "DURATION", "P1Y"),  # not the repetition "twice a year"
    ("the year", False, "DATE", "2024"),  # a period named with "the": the current one ...
    ("the full year", False, "DATE", "2024"),
    ("the quarter", False, "DATE", "2024-Q1"),  # ... the quarter just ended, whose results news reports
    ("the latest fiscal year", False, "DATE", "2023"),
    ("this year's third quarter", False, "DATE", "2024-Q3"),
    ("the 1988 second quarter", False, "DATE", "1988-Q2"),
    ("fiscal second-quarter", False, "DATE", "2024-Q2"),
    ("the last half of 2019", False, "DATE", "2019-H2"),
    ("the first two quarters of 2025", False, "DATE", "2025-H1"),
    ("the nine months", False, "DURATION", "P9M"),
    ("each of the past three years", False, "DURATION", "P3Y"),
    ("the next couple of years", False, "DURATION", "P2Y"),
    ("just a few minutes", False, "DURATION", "PTXM"),
    ("the late 1970s", False, "DATE", "197"),
    ("the nineties", False, "DATE", "199"),  # years and decades in words, as transcripts write them
    ("nineteen ninety-one", False, "DATE", "1991"),
    ("the year two thousand", False, "DATE", "2000"),
    ("the winter of nineteen ninety-four", False, "DATE", "1994-WI"),
    ("this past spring", False, "DATE", "2024-SP"),  # the latest spring begun, as "last March" is
    ("last summer", False, "DATE", "2023-SU"),
    ("several years ago", False, "DATE", "PAST_REF"),
    ("earlier Sunday", False, "DATE", "2024-04-07"),
    ("later in the day", False, "DATE", "2024-04-08"),
    ("last Oct. 23", False, "DATE", "2023-10-23"),
    ("each Thursday", False, "SET", "XXXX-WXX-4"),
    ("every July", False, "SET", "XXXX-07"),
    ("weekly", False, "SET", "P1W"),
    ("twice a year", False, "SET", "P1Y"),
    ("recently", False, "DATE", "PAST_REF"),
    ("the night of March 5", False, "TIME", "2024-03-05TNI"),  # a part of the day named
    ("the 3rd", False, "DATE", "2024-04-03"),  # a day of the month alone: the latest one gone ...
    ("the 20th", False, "DATE", "2024-03-20"),
    ("the 5th", True, "DATE", "2024-05-05"),  # ... or the coming one
    ("currently", False, "DATE", "PRESENT_REF"),
    ("the near future", False, "DATE", "FUTURE_REF"),
])
def test_timeml_values(text, future, kind, value):
    found = resolve(text, REF, future=future)
    assert found is not None, text
    assert (found.type, found.value) == (kind, value)


@pytest.mark.parametrize("text, value", [("by year-end", "2024"), ("the year's end", "2024"), ("month-end", "2024-04")])
def test_year_end_is_the_end_of_the_year(text, value):
    found = resolve(text, REF, future=True)
    assert (found.value, found.mod) == (value, "END")


def test_bounds_keep_their_meaning():
    by_end = resolve("by the end of the year", REF, future=True)
    assert (by_end.value, by_end.mod) == ("2024", "END")
    early = resolve("early 2019", REF)
    assert (early.value, early.mod) == ("2019", "START")
    since = resolve("since 2011", REF)
    assert since.value == "2011"


@pytest.mark.parametrize("text, value, ends", [
    ("from 2009 to 2011", "P2Y", ("2009", "2011")),
    ("between March and May", "P2M", ("2024-03", "2024-05")),
    ("March 3-5", "P3D", ("2024-03-03", "2024-03-05")),
    ("March 3 and 4", "P2D", ("2024-03-03", "2024-03-04")),
])
def test_ranges_give_a_duration_and_both_ends(text, value, ends):
    found = resolve(text, REF)
    assert (found.type, found.value, found.interval) == ("DURATION", value, ends)


def test_words_that_are_not_times_give_nothing():
    for text in ("Airbus", "60 and 90", "the board"):
        assert resolve(text, REF) is None, text


# ----------------------------------------------------------------------------- expressions in a document
def _times(document):
    return {t.text: t for t in document.times}


def test_document_lists_its_time_expressions(code):
    document = code("The ministers met on Tuesday and will meet again on Friday. Both countries have held "
                    "talks since 2011 and currently plan annual drills over the next three years.")
    times = _times(document)
    assert times["Tuesday"].value == "2024-04-02"  # past tense: the Tuesday just gone
    assert times["Friday"].value == "2024-04-12"  # "will meet": the coming Friday
    assert times["2011"].signal == "since"
    assert times["currently"].value == "PRESENT_REF"
    assert times["the next three years"].type == "DURATION" and times["the next three years"].value == "P3Y"
    assert "times" in document.to_dict() and document.to_dict()["times"][0]["value"]


def test_the_day_means_the_last_day_named(code):
    document = code("Shares fell sharply on Thursday. Trading was halted twice during the day.")
    assert _times(document)["the day"].value == _times(document)["Thursday"].value == "2024-04-04"


def test_range_in_text_is_found_with_its_ends(code):
    document = code("The agreement covers exports from 2025 to 2027.")
    times = _times(document)
    assert times["from 2025 to 2027"].value == "P2Y"
    assert times["2025"].value == "2025" and times["2027"].value == "2027"


def test_ages_and_prices_are_not_times(code):
    document = code("The 58-year-old minister said the shares rose 3.25 percent to 12.40 dollars.")
    assert document.times == []


def test_event_takes_its_own_clause_expression_not_the_nearest(code):
    document = code("On Monday the Japanese foreign minister said that Japan would deliver radars to the "
                    "Philippines next year.")
    deliver = [e for e in document.events if e.trigger.text == "deliver"]
    assert deliver and deliver[0].date == "2025" and deliver[0].date_text == "next year"


def test_times_survive_batches(pipeline):
    """Documents coded in several batches (spaCy frees each batch's strings) all get their expressions."""
    from accord.ingest.readers import from_text

    items = [from_text(f"Officials met on Monday for the {n}th time since 2019.", f"t{n}", f"t{n}",
                       published=date(2024, 4, 8)) for n in range(11)]
    coded = list(pipeline.code_documents(items))
    assert all(not isinstance(d, Exception) and [t.value for t in d.times] == ["2024-04-08", "2019"] for d in coded)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["the", "last", "next", "end", "of", "between", "and", "from", "to", "2019", "70s",
                                 "March", "February", "30", "Friday", "morning", "14:30", "GMT", "quarter", "fourth",
                                 "years", "two", "half", "12-year", "ago", "century", "0th", "spring", "-", ","]),
                min_size=1, max_size=6),
       st.dates(), st.booleans())
def test_any_words_on_any_date_give_a_value_or_nothing(words, ref, future):
    found = resolve(" ".join(words), ref, future)
    assert found is None or found.type in ("DATE", "TIME", "DURATION", "SET")


# ----------------------------------------------------------------------------- the TimeBank/AQUAINT scorer
TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>XYZ19980212.0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-12" functionInDocument="CREATION_TIME">1998-02-12</TIMEX3></DCT>
<TITLE>TALKS</TITLE>
<TEXT>
The ministers <EVENT eid="e1">met</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-02-09">Monday</TIMEX3> and \
will meet again <TIMEX3 tid="t2" type="DATE" value="1998-Q2">next quarter</TIMEX3> for <TIMEX3 tid="t3" \
type="DURATION" value="P3D">three days</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_tbaq_reads_plain_text_offsets_and_creation_time(tmp_path):
    from accord.evaluate import tbaq

    path = tmp_path / "XYZ19980212.0001.tml"
    path.write_text(TIMEML, "utf-8")
    article = tbaq.read_article(path, "AQUAINT")
    assert article.creation == date(1998, 2, 12) and "<" not in article.text
    assert [(article.text[g.start:g.end], g.type, g.value) for g in article.gold] == [
        ("Monday", "DATE", "1998-02-09"), ("next quarter", "DATE", "1998-Q2"), ("three days", "DURATION", "P3D")]


def test_tbaq_scores_as_tempeval_3(tmp_path):
    """Relaxed match on any overlap, strict on equal extents, values judged on the relaxed matches; value F1 is
    relaxed F1 times value accuracy."""
    from accord.evaluate import tbaq
    from accord.model import Document, TimeExpression

    path = tmp_path / "XYZ19980212.0001.tml"
    path.write_text(TIMEML, "utf-8")
    article = tbaq.read_article(path, "AQUAINT")

    def reported(words, kind, value):
        start = article.text.index(words)
        return TimeExpression(text=words, start=start, end=start + len(words), sentence=0, type=kind, value=value)

    document = Document(id=article.id, text=article.text, published=article.creation)
    document.times = [reported("Monday", "DATE", "1998-02-09"),  # right
                      reported("quarter", "DATE", "1998-Q1"),  # relaxed match only, wrong value
                      reported("ministers", "DATE", None)]  # a false alarm
    counts = tbaq.tally([article], {article.id: document})
    assert (counts.relaxed_found, counts.relaxed_right, counts.reported, counts.gold) == (2, 2, 3, 3)
    assert (counts.strict_found, counts.value_right, counts.type_right) == (1, 1, 2)
    assert counts.relaxed_f1() == pytest.approx(2 / 3)
    result = SetResult("tbaq", "")
    tbaq._add(result, "AQUAINT ", "tune", counts)
    assert result.figures["AQUAINT value F1"]["tune"] == pytest.approx(2 / 3 * 1 / 2)
    assert result.figures["AQUAINT strict F1"]["tune"] == pytest.approx(1 / 3)


@pytest.mark.parametrize("sentence, extent", [
    ("The president commented on the two-week gulf crisis.", "two-week"),  # the article is the noun's
    ("She is a 20th century democrat.", "20th century"),
    ("The company has 13 plants in operation, up from seven a year ago.", "a year ago"),
    ("Last year's profit was higher.", "Last year"),
    ("The company lost money in its fourth quarter.", "fourth quarter"),
    ("Earnings will fall in both 1990 and 1991.", "1990"),
    ("Shares were bought under an Aug. 10, 1988, agreement.", "Aug. 10, 1988"),  # the article is the agreement's
    ("The index is at its lowest level since '82.", "'82"),
])
def test_extents_leave_out_words_that_are_not_the_time(code, sentence, extent):
    assert extent in [t.text for t in code(sentence).times]


def test_an_entity_of_several_expressions_is_split_where_each_part_is_understood(code):
    times = _times(code("Net income for the year ended Sept. 30 rose, after job growth in the first nine months "
                        "of 2023 and a revision Friday to December's figures."))
    assert (times["the year"].value, times["Sept. 30"].value) == ("P1Y", "2023-09-30")
    assert (times["the first nine months"].value, times["2023"].value) == ("P9M", "2023")
    assert (times["Friday"].value, times["December"].value) == ("2024-04-05", "2023-12")


def test_a_year_ago_is_the_period_last_named_a_year_back(code):
    document = code("Net income rose in the fourth quarter to $5 million from $4 million a year earlier. Revenue "
                    "rose 8% from the year-ago period, and results for that quarter included a charge.")
    times = _times(document)
    assert times["the fourth quarter"].value == "2023-Q4"  # said in April: the one that ended
    assert times["a year earlier"].value == times["year-ago"].value == "2022-Q4"
    assert times["that quarter"].value == "2023-Q4"


def test_a_phrase_read_against_an_earlier_one_is_no_anchor_for_the_next(code):
    document = code("The plant opened in 1995. A year earlier, the firm had been sold. The year before, it had "
                    "been founded.")
    times = _times(document)
    assert times["A year earlier"].value == "1994" and times["The year before"].value == "1994"


@pytest.mark.parametrize("sentence, text, value", [
    ("The two leaders meet separately Friday with the envoy.", "Friday", "2024-04-12"),  # the present: ahead
    ("Thirty-two members had filed their reports by Wednesday.", "Wednesday", "2024-04-03"),  # past: back
    ("The union signed a new labor pact effective June 1.", "June 1", "2024-06-01"),  # a noun's date: the nearest
    ("The bank is calling the notes on Dec. 7.", "Dec. 7", "2024-12-07"),  # the present progressive: ahead
    ("The bonds carry a premium over Thursday's closing price.", "Thursday", "2024-04-04"),
    ("Talks broke off at noon Thursday.", "noon Thursday", "2024-04-04T12:00"),  # a clock time and its day
    ("His relatives could not be located Wednesday.", "Wednesday", "2024-04-03"),  # "could": past as often
    ("The agency has given them until 9 a.m. Tuesday to sign.", "9 a.m. Tuesday", "2024-04-09T09:00"),
    ("Flights leave each Thursday from August 6.", "each Thursday", "XXXX-WXX-4"),
    ("The minister could arrive as early as Tuesday.", "as early as Tuesday", "2024-04-09"),  # ahead
    ("The talks could resume as soon as Friday.", "Friday", "2024-04-12"),
])
def test_the_clause_says_which_way_a_weekday_or_date_points(code, sentence, text, value):
    assert _times(code(sentence))[text].value == value


@pytest.mark.parametrize("sentence, text", [
    ("Dockworkers stayed off the job for a third straight day.", "a third straight day"),
    ("Officials said that today the border would reopen.", "that today"),
])
def test_words_taken_in_before_a_time_leave_its_value(code, sentence, text):
    assert _times(code(sentence))[text].value == "2024-04-08"


def test_the_following_year_counts_from_the_last_date_named(code):
    times = _times(code("On May 22, 1995, Farkas was made a general, and the following year he was appointed "
                        "attache in Washington."))
    assert times["the following year"].value == "1996"


def test_only_a_quarter_or_half_is_taken_a_year_back(code):
    times = _times(code("Exports rose in March to $5 billion from $4 billion a year ago. Profit in the latest "
                        "quarter was lower."))
    assert times["a year ago"].value == "2023"  # a month named is no period of account
    assert times["the latest quarter"].value == "2024-Q1"


def test_the_same_month_a_year_ago_is_the_month_named_a_year_back(code):
    times = _times(code("Exports rose 4% in March from the same month a year ago."))
    assert times["the same month a year ago"].value == "2023-03"


def test_the_following_month_counts_from_the_month_named(code):
    times = _times(code("Turkey shot down a Russian warplane in November, and Moscow imposed sanctions on Ankara "
                        "the following month."))
    assert times["November"].value == "2023-11" and times["the following month"].value == "2023-12"


# ----------------------------------------------------------------------------- events' dates
RECALLED = Path(__file__).resolve().parent / "fixtures" / "recalled" / "expected.json"


def test_recalled_events_take_the_date_the_text_gives_or_none(rules_pipeline):
    """Three articles of our own in which about half the events are recalled history: every event we read in
    them is coded with the date the text gives it, none where it places the event in the past without one,
    and the report's day only where it does not place it at all (tests/fixtures/recalled/expected.json)."""
    result = score_articles(rules_pipeline, RECALLED)
    assert result.found == result.required, result.problems


def test_an_event_recalled_without_a_date_has_none(code):
    document = code("Russia had expelled two American diplomats before the meeting. In the past, Iran accused "
                    "Saudi Arabia of arming rebels. During the 1980s, Iraq fought a long war against Iran.")
    dated = {e.trigger.text: (e.date, e.date_text) for e in document.events}
    assert dated["expelled"] == (None, None)  # the past perfect: before the time reported, no date named
    assert dated["accused"] == (None, "In the past")
    assert dated["fought"] == (None, "the 1980s")  # a decade is no day, month or year


def test_a_when_clause_and_its_main_clause_share_a_date(code):
    condemned = next(e for e in code("When Iraq invaded Kuwait in 1990, Iran condemned the attack.").events
                     if e.trigger.text == "condemned")
    assert (condemned.date, condemned.date_text) == ("1990", "1990")


def test_only_the_outermost_time_spans_are_kept_whatever_their_order():
    import random

    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from accord.temporal.expressions import _outermost

    doc = Doc(Vocab(), words=["w"] * 40)
    assert [(s.start, s.end) for s in _outermost([doc[3:5], doc[2:6], doc[3:5], doc[8:9], doc[7:9]])] == \
        [(2, 6), (7, 9)]
    rng = random.Random(7)
    for _ in range(500):  # against the definition: no longer span holds it
        spans = [doc[a:a + rng.randint(1, 4)] for a in (rng.randint(0, 35) for _ in range(rng.randint(0, 7)))]
        kept = [s for s in spans if not any(o.start <= s.start and s.end <= o.end and len(o) > len(s) for o in spans)]
        assert _outermost(spans) == kept


# ----------------------------------------------------------------------------- what TimeML does not mark
@pytest.mark.parametrize("sentence, word, kept", [
    ("The mill will repay its long-term loans first.", "long-term", None),
    ("Traders see near-term gains for the lender.", "near-term", None),
    ("The lender raised its quarterly dividend to 12 cents.", "quarterly", None),
    ("Tariffs should fall over the long term.", "long-term", "the long term"),  # a noun: FUTURE_REF
])
def test_words_timeml_leaves_unmarked_are_not_reported(code, sentence, word, kept):
    texts = [t.text.lower() for t in code(sentence).times]
    assert not any(word in text for text in texts if text != kept), texts
    assert kept is None or kept in texts


def test_a_long_term_pact_takes_the_date_of_its_clause(code):
    signed = next(e for e in code("Kenya signed a long-term trade pact with Ghana on Tuesday.").events
                  if e.trigger.text == "signed")
    assert (signed.date, signed.date_text) == ("2024-04-02", "Tuesday")


@pytest.mark.parametrize("sentence, word", [
    ("Chile said it would eventually sign a trade deal with Peru.", "eventually"),
    ("Mr. Ortiz, formerly the envoy to Peru, spoke on Tuesday.", "formerly"),
    ("The guerrillas once ruled the northern hills.", "once"),
    ("She flew as co-pilot before, but this time she commands the crew.", "this time"),
    ("Rebels seized the depot soon after the truce ended.", "soon"),  # a distance from another event
    ("The now-defunct council met in Lima.", "now"),  # part of an adjective
    ("Crowds gathered at the soon-to-open bridge.", "soon"),
])
def test_references_timeml_does_not_mark_are_not_reported(code, sentence, word):
    texts = [t.text.lower() for t in code(sentence).times]
    assert word not in texts, texts


def test_a_reference_timeml_marks_is_still_reported(code):
    texts = [t.text.lower() for t in code("Chile will soon sign a trade deal with Peru; talks are now over.").times]
    assert "soon" in texts and "now" in texts, texts


def test_an_unmarked_reference_still_places_its_event_ahead(code):
    events = code("Chile said it would eventually sign a trade deal with Peru.").events
    sign = next(e for e in events if e.trigger.text == "sign")
    assert (sign.date, sign.date_text) == (None, "eventually")  # ahead, no date: not the report's day


def test_a_repetition_adverb_is_still_a_set(code):
    times = _times(code("The coupon on the notes is reset quarterly."))
    assert times["quarterly"].type == "SET" and times["quarterly"].value == "P3M"


@pytest.mark.parametrize("sentence, share", [
    ("Egypt buys about three-quarters of its wheat abroad.", "three-quarters"),
    ("The union will close 40 branches, or about a quarter, of its offices.", "a quarter"),
])
def test_a_share_is_no_time(code, sentence, share):
    assert not any(share in t.text for t in code(sentence).times)


@pytest.mark.parametrize("sentence, text, value", [
    ("Output shrank for two consecutive quarters of weak demand.", "two consecutive quarters", "P2Q"),
    ("Sales rose in the first two quarters of 2023.", "the first two quarters of 2023", "2023-H1"),
])
def test_quarters_of_time_are_still_times(code, sentence, text, value):
    assert _times(code(sentence))[text].value == value


def test_the_future_of_something_is_no_time_and_steals_no_date(code):
    document = code("Turkey and Greece discussed the future of the alliance on Tuesday.")
    assert "the future" not in _times(document)
    discussed = next(e for e in document.events if e.trigger.text == "discussed")
    assert (discussed.date, discussed.date_text) == ("2024-04-02", "Tuesday")
    assert _times(code("Turkey will talk with Greece in the future."))["the future"].value == "FUTURE_REF"
