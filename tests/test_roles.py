"""The ConfliBERT roles scorer (evaluate/roles.py): the text it rebuilds from the file's tokens."""
from accord.evaluate.roles import read_sentences


def test_initialisms_split_into_letters_are_joined_back(tmp_path):
    # the file splits "U.K." into "U", ".", "K", "."; coded as "U. K." no actor is found there
    lines = ["Oslo B-S", "thanked O", "the B-T", "U I-T", ". I-T", "K I-T", ". O", "", "Mr O", ". O", "X O", "left O"]
    path = tmp_path / "train.txt"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    first, second = read_sentences(path)
    assert first.text == "Oslo thanked the U.K."
    assert [first.text[s:e] for _, s, e in first.spans] == ["Oslo", "the U.K"]
    assert second.text == "Mr. X left"  # a word of two letters before the stop is no initialism
