"""Quotations and their speakers."""
from __future__ import annotations


def test_whole_and_partial_quotes_with_speakers(code):
    document = code(
        'TOKYO, April 8 -- Japanese Foreign Minister Yoko Kamikawa met Chinese officials. '
        '"We had frank talks about the East China Sea," Kamikawa said. '
        '"Our position has not changed," she added. '
        'China said it was open to talks "without conditions" with Japan. '
        'Kamikawa said: "We will keep talking."')
    quotes = [(q.text.rstrip(",."), q.speaker.code if q.speaker else None, q.kind) for q in document.quotes]
    assert quotes[0] == ("We had frank talks about the East China Sea", "JPNGOV", "direct")
    assert quotes[1] == ("Our position has not changed", "JPNGOV", "direct")
    assert quotes[2] == ("without conditions", "CHN", "partial")
    assert quotes[3][1] == "JPNGOV"
    for q in document.quotes:
        assert document.text[q.start:q.end] == q.text


def test_quote_without_speaker_is_kept_unattributed(code):
    document = code('The sign read "peace now" in large letters.')
    assert [(q.text, q.speaker) for q in document.quotes] == [("peace now", None)]
