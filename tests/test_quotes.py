"""Quotations and reported speech, their speakers and cues; the PolNeAR scorer's reading of brat files."""
from __future__ import annotations

from datetime import date

import pytest

from accord.evaluate import polnear
from accord.model import Quote


def _by_text(document, words):
    found = [q for q in document.quotes if words in q.text]
    assert found, f"no quote containing {words!r} in {[q.text for q in document.quotes]}"
    return found[0]


def _speaker(document, quote):
    return document.text[quote.speaker_start:quote.speaker_end] if quote.speaker_start is not None else None


@pytest.fixture(scope="module")
def talks(pipeline):
    return pipeline.code_text(
        'TOKYO, April 8 -- Japanese Foreign Minister Yoko Kamikawa met Chinese officials. '
        '"We had frank talks about the East China Sea," Kamikawa said. '
        '"Our position has not changed," she added. '
        'China said it was open to talks "without conditions" with Japan. '
        'Kamikawa said: "We will keep talking."', published=date(2024, 4, 8))


def test_direct_quotes_with_speaker_after_and_pronoun_speaker(talks):
    first = _by_text(talks, "frank talks")
    assert (first.kind, first.speaker.code, first.cue_text) == ("direct", "JPNGOV", "said")
    assert _speaker(talks, first) == "Kamikawa"
    added = _by_text(talks, "has not changed")
    assert (added.kind, added.speaker.code, added.cue_text, _speaker(talks, added)) == \
        ("direct", "JPNGOV", "added", "she")
    colon = _by_text(talks, "keep talking")
    assert colon.speaker.code == "JPNGOV"
    for q in talks.quotes:
        assert talks.text[q.start:q.end] == q.text
        assert talks.text[q.cue_start:q.cue_end] == q.cue_text


def test_partial_quote_inside_reported_speech(talks):
    partial = [q for q in talks.quotes if q.kind == "partial"]
    assert [(q.text, q.speaker.code) for q in partial] == [("without conditions", "CHN")]
    indirect = _by_text(talks, "open to talks")
    assert indirect.kind == "indirect" and indirect.speaker.code == "CHN"
    assert indirect.text.startswith("it was open to talks")


def test_indirect_speech_in_its_three_orders(code):
    document = code(
        "The mayor of the port told reporters that the city would rebuild the old bridge within a year. "
        "The repairs will cost more than the council planned, a city spokeswoman said on Tuesday. "
        "According to two engineers, the old bridge had been unsafe for a decade.")
    told = _by_text(document, "rebuild")
    assert (told.kind, _speaker(document, told), told.cue_text) == ("indirect", "The mayor of the port", "told")
    assert told.text.rstrip(".") .endswith("within a year")
    after = _by_text(document, "repairs")
    assert (after.kind, after.cue_text) == ("indirect", "said")
    assert after.text == "The repairs will cost more than the council planned"
    assert "spokeswoman" in _speaker(document, after)
    according = _by_text(document, "unsafe")
    assert according.cue_text.lower() == "according to"
    assert _speaker(document, according) == "two engineers"
    assert "According" not in according.text


def test_participial_cue_and_a_quotation_closing_the_reported_speech(code):
    document = code('The senator attacked the contracts on Tuesday, '
                    'adding that the permits were handed out "like candy."')
    adding = next(q for q in document.quotes if q.kind == "indirect")
    assert (adding.cue_text, _speaker(document, adding)) == ("adding", "The senator")
    assert adding.text.startswith("that the permits") and adding.text.endswith('"like candy."')
    partial = next(q for q in document.quotes if q.kind == "partial")
    assert (partial.speaker_start, partial.cue_start) == (adding.speaker_start, adding.cue_start)


def test_reported_speech_the_parser_attaches_oddly(code):
    document = code("In Canberra on Monday, the minister told a gathering of farm leaders that the drought "
                    "payments would arrive before winter.")
    told = _by_text(document, "drought payments")
    assert told.text.startswith("that the drought payments") and _speaker(document, told) == "the minister"


def test_quotation_interrupted_by_its_attribution_keeps_the_speaker(code):
    document = code(
        'Prime Minister Anthony Albanese spoke in Canberra on Monday. '
        '"We will not be rushed into a decision," Albanese said, standing beside his ministers. '
        '"The region deserves better than slogans. It deserves patience."')
    second = _by_text(document, "slogans")
    assert second.kind == "direct"
    assert _speaker(document, second) == "Albanese"
    assert second.speaker is not None and second.speaker.country == "AUS"


def test_speaker_named_in_the_next_sentence(code):
    document = code('"We are ready to sign the agreement tomorrow morning." The Kenyan president said so on Friday.')
    quote = _by_text(document, "ready to sign")
    assert quote.speaker is not None and quote.speaker.country == "KEN"


def test_speaker_introduces_the_quotation_in_the_paragraph_above(code):
    document = code('The governor of Ohio spoke at the fair. She said:\n\n'
                    '"We will fix every road in this county before the snow comes. That is a promise."')
    quote = _by_text(document, "fix every road")
    assert (quote.kind, _speaker(document, quote), quote.cue_text) == ("direct", "She", "said")


def test_quotation_signed_after_a_dash(code):
    document = code("Readers wrote to us about the vote.\n\n"
                    "“I have never seen a campaign this bitter, and I have voted for forty years.” ― Maria Lopez\n")
    quote = _by_text(document, "campaign this bitter")
    assert _speaker(document, quote) == "Maria Lopez"


def test_relative_pronoun_speaker_resolves_to_the_person_described(code):
    document = code("Japanese Foreign Minister Yoko Kamikawa, who said the talks had been useful, "
                    "left Beijing on Monday.")
    quote = _by_text(document, "talks had been useful")
    assert (_speaker(document, quote), quote.speaker.code) == ("who", "JPNGOV")


def test_unknown_speaker_keeps_its_words(code):
    document = code('"The numbers simply do not add up for this plan," a budget analyst at the institute said.')
    quote = _by_text(document, "numbers")
    assert "budget analyst" in _speaker(document, quote)


def test_quote_without_speaker_is_kept_unattributed(code):
    document = code('Banners with "peace now" hung from every balcony in the old town.')
    assert [(q.text, q.speaker, q.speaker_text) for q in document.quotes] == [("peace now", None, None)]


def test_title_in_quotation_marks_is_not_a_quote(code):
    document = code('She appeared on "Meet the Press" and spoke about the budget.')
    assert document.quotes == []


def test_quote_output_fields(talks):
    data = _by_text(talks, "frank talks").to_dict()
    assert data["cue"]["text"] == "said" and data["speaker"]["code"] == "JPNGOV"
    assert talks.text[data["speaker_start"]:data["speaker_end"]] == "Kamikawa"


# ---------------------------------------------------------------- the PolNeAR scorer (our own brat text)

ANN = ("T1\tSource 0 9\tThe mayor\n"
       "T2\tCue 10 14\tsaid\n"
       "T3\tContent 15 30;40 52\tthe bridge will ... be rebuilt\n"
       "T4\tAttribution 10 14\tsaid\n"
       "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
       "T5\tDiscuss 0 3\tThe\n")


def test_brat_attributions_with_discontinuous_content():
    (gold,) = polnear.parse_ann(ANN, "article")
    assert gold.source == ((0, 9),) and gold.cue == ((10, 14),)
    assert gold.content == ((15, 30), (40, 52))


def test_malformed_brat_line_names_the_file():
    with pytest.raises(ValueError, match="broken.ann: line 1"):
        polnear.parse_ann("T1\tSource zero nine\tx\n", "article", "broken.ann")


def test_found_needs_half_the_content_and_an_overlapping_speaker():
    (gold,) = polnear.parse_ann(ANN, "article")

    def reported(start, end, speaker):
        return polnear.Reported([Quote(text="x" * (end - start), start=start, end=end, sentence=0,
                                       speaker_start=speaker[0], speaker_end=speaker[1])])
    assert polnear.matches(reported(15, 35, (4, 9)), gold)
    assert not polnear.matches(reported(15, 27, (4, 9)), gold)  # 12 of 27 characters
    assert not polnear.matches(reported(15, 35, (9, 12)), gold)  # the speaker misses "The mayor"


def test_one_annotator_per_article_chosen_by_name(tmp_path):
    for name in ("story_b2.ann", "story_a1.ann", "other_ff.ann"):
        (tmp_path / name).write_text("", "utf-8")
    chosen = polnear.pick_annotators(tmp_path)
    assert chosen["story"].name == "story_a1.ann" and chosen["other"].name == "other_ff.ann"


def test_every_dev_file_parses(shared):
    folder = shared / "eval" / "polnear" / "dev"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    texts, gold, _ = polnear.load_gold(folder)
    assert len(texts) == 84
    assert sum(len(g) for g in gold.values()) > 2000
    for article, attributions in gold.items():
        for a in attributions:
            assert all(0 <= s < e <= len(texts[article]) for s, e in a.content)


def test_the_store_keeps_speaker_and_cue_offsets(talks, tmp_path):
    from sqlalchemy import select

    from accord.store import Store
    from accord.store.schema import quotes

    store = Store(f"sqlite:///{tmp_path / 'quotes.db'}")
    try:
        store.add_document(talks)
        with store.engine.connect() as conn:
            rows = [r._asdict() for r in conn.execute(select(quotes))]
        added = next(r for r in rows if "has not changed" in r["text"])
        assert (added["cue_text"], added["speaker_text"], added["speaker_code"]) == ("added", "she", "JPNGOV")
        assert talks.text[added["cue_start"]:added["cue_end"]] == "added"
        assert talks.text[added["speaker_start"]:added["speaker_end"]] == "she"
        assert {r["kind"] for r in rows} == {"direct", "partial", "indirect"}
    finally:
        store.close()


def test_a_quotation_opened_and_closed_with_marks_of_two_styles(code):
    document = code('“Immunity deals should not be a requirement for cooperating with the FBI," Senator Jason '
                    'Chaffetz said on Friday.')
    quote = _by_text(document, "Immunity deals")
    assert (quote.kind, _speaker(document, quote)) == ("direct", "Senator Jason Chaffetz")


def test_a_cue_that_introduces_the_quotation_with_a_colon_wins_over_a_later_one(code):
    document = code('Senator Claire McCaskill scolded the doctor: “The scientific community is almost monolithic '
                    'against you in terms of the efficacy of these products,” she said.')
    quote = _by_text(document, "scientific community")
    assert (_speaker(document, quote), quote.cue_text) == ("Senator Claire McCaskill", "scolded")


def test_a_paragraph_that_only_goes_on_quoting_keeps_the_speaker(code):
    document = code('“Nobody is writing songs for this campaign, and everybody has noticed it,” said Maria Lopez, '
                    'a party organiser in Miami.\n\n“Right now the vote is against the other man. It is not yet for '
                    'our candidate.”\n\nThe campaign did not reply to questions.')
    second = _by_text(document, "Right now the vote")
    assert (second.kind, _speaker(document, second), second.cue_text) == ("direct", "Maria Lopez", "said")


def test_a_straight_mark_after_a_word_closes_and_does_not_open(code):
    document = code('“Immunity deals should not be a requirement for cooperating with the police," Senator Jason '
                    'Chaffetz said, adding that the deals were handed out "like candy."')
    assert [q.text for q in document.quotes if q.kind != "indirect"] == [
        "Immunity deals should not be a requirement for cooperating with the police,", "like candy."]
    assert _speaker(document, _by_text(document, "Immunity deals")) == "Senator Jason Chaffetz"


def test_words_that_name_or_liken_attribute_the_words_in_marks(code):
    document = code('Another critic, the lawyer Laurence Tribe, likened the rules to "burning the Constitution."')
    quote = _by_text(document, "burning the Constitution")
    assert (quote.kind, quote.cue_text, _speaker(document, quote)) == ("partial", "likened", "Another critic")
