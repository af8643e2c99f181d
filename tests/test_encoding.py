"""Text an earlier program decoded with the wrong codec is repaired before the Document is made."""
from __future__ import annotations

from accord.ingest.encoding import repair
from accord.ingest.readers import from_text

# Texts written for these tests, then damaged as archives damage them.
CLEAN = "Pakistan’s army shelled Indian posts in Kashmir on Monday, officials said."
MOJIBAKE = CLEAN.encode("utf-8").decode("cp1252")  # "Pakistanâ€™s army ..."


def test_utf8_read_as_windows_1252_is_decoded_again_and_said():
    assert "â€™" in MOJIBAKE
    text, warnings = repair(MOJIBAKE)
    assert text == CLEAN
    assert len(warnings) == 1 and "mojibake" in warnings[0]
    assert repair("Ã©lection de la prÃ©sidente")[0] == "élection de la présidente"  # read as Latin-1


def test_a_closing_quotation_mark_whose_last_byte_was_lost_is_restored():
    # "”" is E2 80 9D; Windows-1252 has no character for 9D, so a decoder left U+FFFD in its place
    text, _ = repair("â€œWe will not negotiate,â€\ufffd the minister said.")
    assert text == "“We will not negotiate,” the minister said."


def test_a_no_break_space_read_as_windows_1252_leaves_no_stray_letter():
    text, warnings = repair("related storiesÂ gujarat riots. read this story in... Â Â hindi")
    assert "Â" not in text and warnings
    document = from_text("curfew was lifted in two areas.Â Â the army moved in.", "archive.txt", "a1")
    assert document.text == "curfew was lifted in two areas. the army moved in."


def test_lost_and_doubled_apostrophes_before_an_ending_are_restored():
    text, warnings = repair("india\ufffds army said the state''s plea and they didn''t wait.")
    assert text == "india’s army said the state’s plea and they didn’t wait."
    assert any("apostrophe" in w for w in warnings)


def test_other_lost_characters_at_a_word_edge_become_spaces():
    text, warnings = repair("talks at the press\ufffd club in Caf\ufffde Ren\ufffd.")
    assert text == "talks at the press  club in Caf\ufffde Ren .", "inside a word the loss stays where it was"
    assert any("U+FFFD" in w for w in warnings)


def test_sound_text_is_left_alone():
    for text in (CLEAN, "Le café “Chez Zoë” — naïve résumé, Paris’s 5th arrondissement.", "ÂNGELO said ''no''."):
        assert repair(text) == (text, [])


def test_the_document_holds_the_repaired_text_and_says_so(pipeline):
    document = from_text(MOJIBAKE, "archive.txt", "a1")
    assert document.text == CLEAN
    assert any("mojibake" in w for w in document.warnings)
    coded = pipeline.code_text(MOJIBAKE)
    assert [(e.source.actor.code, e.cameo) for e in coded.events if e.source] == [("PAKMIL", "194")], \
        "the army is Pakistan's once 'Pakistanâ€™s' is one word again"
    assert coded.text[coded.events[0].source.start:coded.events[0].source.end] == coded.events[0].source.text
