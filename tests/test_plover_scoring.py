"""The PLOVER GSR scorer: recall per gold record, precision per emitted event of a sentence."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from accord.evaluate.plover import tally


def _event(plover_type: str, cameo: str, source: str, target: str, start: int, confidence: float = 0.9):
    def side(code):
        return SimpleNamespace(actor=SimpleNamespace(code=code, country=code[:3]))
    return SimpleNamespace(plover={"type": plover_type}, cameo=cameo, source=side(source), target=side(target),
                           trigger=SimpleNamespace(start=start), confidence=confidence)


def _record(record_id: str, text: str, event: str, source: str, target: str) -> dict:
    return {"id": record_id, "text": text, "event": event, "source": [{"code": source}],
            "target": [{"code": target}]}


def test_a_sentence_with_two_gold_records_judges_each_event_once_against_both():
    text = "Benin opened its borders to Ghanaians but refused entry to Nigerians."
    records = [_record("r1", text, "AID", "BEN", "GHA"), _record("r2", text, "REJECT", "BEN", "NGA")]
    events = [_event("AID", "070", "BEN", "GHA", 1), _event("REJECT", "120", "BEN", "NGA", 40)]
    documents = {r["id"]: SimpleNamespace(events=events) for r in records}
    result = tally(records, documents)
    assert (result.type_found, result.triple_found, result.records) == (2, 2, 2)
    assert (result.emitted_correct, result.emitted) == (2, 2)  # not 2 of 4: each event is one of the gold ones
    assert result.judged == [(0.9, True), (0.9, True)]


def test_an_event_of_no_gold_type_is_still_wrong():
    records = [_record("r1", "Japan met Korea and attacked China.", "CONSULT", "JPN", "KOR")]
    events = [_event("CONSULT", "040", "JPN", "KOR", 1), _event("ASSAULT", "190", "JPN", "CHN", 20, 0.4)]
    result = tally(records, {"r1": SimpleNamespace(events=events)})
    assert (result.emitted_correct, result.emitted) == (1, 2)
    assert result.precision == pytest.approx(0.5)
    assert result.judged == [(0.9, True), (0.4, False)]
