"""The learned judge: its model files, how it decides, and how it is fitted (on examples made by hand, so no
gold set and no vectors are needed here)."""
from __future__ import annotations

import json
import math

import pytest

from accord.errors import DictionaryError
from accord.learn.judge import JudgeModel, LearnedJudge, load
from accord.learn.lexicon import Lexicon
from accord.learn.linear import Calibration, LinearModel


def model(drop_below: float = 0.3, weights: dict | None = None) -> JudgeModel:
    thresholds = {"material_conflict": drop_below, "other": drop_below}
    type_model = LinearModel(weights or {"lemma=attack": 2.0, "w=match": -4.0, "lexicon:sentence": 1.0}, 0.0)
    sides_model = LinearModel({"src:named": 1.0}, 0.0)
    lexicon = Lexicon({"goal": 0, "troops": 1}, {0: (-3.0, 0.0), 1: (2.0, 0.0)})
    return JudgeModel(type_model, sides_model, Calibration((0.0, 1.0), (0.1, 0.9)), thresholds, {}, lexicon)


def test_the_lexicon_adds_the_mean_share_of_the_words_it_knows():
    lexicon = Lexicon({"goal": 0, "troops": 1}, {0: (-3.0, 1.0), 1: (2.0, 0.5)})
    assert lexicon.features(("goal", "troops", "unknown"), ("troops",)) == {"lexicon:sentence": -0.5,
                                                                          "lexicon:window": 0.5}
    assert lexicon.features(("unknown",), ()) == {}


def test_a_sport_word_lowers_the_type_probability_below_the_threshold():
    judge_model = model()
    p_war, _ = judge_model.probabilities({"lemma=attack": 1.0}, (("troops",), ()))
    p_sport, _ = judge_model.probabilities({"lemma=attack": 1.0, "w=match": 0.5}, (("goal",), ()))
    assert p_sport < judge_model.drop_below["material_conflict"] < p_war


def test_calibration_is_monotone_and_clipped():
    calibration = Calibration((0.2, 0.5, 0.8), (0.1, 0.4, 0.95))
    assert calibration(0.0) == 0.1 and calibration(1.0) == 0.95
    assert calibration(0.35) == pytest.approx(0.25)
    values = [calibration(x / 20) for x in range(21)]
    assert values == sorted(values)


def test_a_logistic_calibration_is_monotone_bounded_and_round_trips():
    calibration = Calibration(slope=0.8, intercept=-0.3)
    values = [calibration(x / 20) for x in range(21)]
    assert values == sorted(values) and 0.0 < values[0] < 0.1 and 0.9 < values[-1] < 1.0
    assert calibration(0.5) == pytest.approx(1 / (1 + math.exp(0.3)))
    assert Calibration.from_dict(json.loads(json.dumps(calibration.to_dict()))) == calibration
    table = Calibration((0.2, 0.5), (0.1, 0.9))
    assert Calibration.from_dict(table.to_dict()) == table


def test_platt_scaling_learns_an_overconfident_scores_real_odds():
    pytest.importorskip("sklearn")
    from accord.learn.train import _platt

    # scores of 0.9 right half the time, of 0.1 never: the curve brings 0.9 down to about 0.5
    scored = [(0.9, n % 2 == 0) for n in range(100)] + [(0.1, False) for _ in range(100)]
    calibration = _platt(scored)
    assert calibration(0.9) == pytest.approx(0.5, abs=0.05) and calibration(0.1) < 0.05
    assert _platt([(0.9, True)] * 20) == Calibration()  # one class: nothing to learn, the score stands


def test_the_regularisation_chosen_is_the_one_with_the_lowest_held_out_loss():
    pytest.importorskip("sklearn")
    from accord.learn.train import REGULARISATION_GRID, Example, _chosen

    # a word that is right two times in three: strong regularisation predicts better than a free fit of noise
    examples = [Example(f"d{n}", "test", {"bias": 1.0, f"w=word{n % 7}": 1.0}, n % 3 != 0, None) for n in range(90)]
    chosen, predictions, losses = _chosen(examples, lambda e: bool(e.type_right))
    assert set(losses) == {str(c) for c in REGULARISATION_GRID} and len(predictions) == len(examples)
    assert losses[str(chosen)] == min(losses.values())


def test_a_model_and_its_lexicon_round_trip_through_their_files(tmp_path):
    original = model()
    (tmp_path / "judge.json").write_text(json.dumps(original.to_dict()), "utf-8")
    original.lexicon.write(tmp_path)
    again = load(tmp_path / "judge.json")
    assert again.type_model == original.type_model and again.lexicon == original.lexicon
    assert again.drop_below == original.drop_below


def test_a_broken_model_file_is_an_error_naming_it(tmp_path):
    path = tmp_path / "judge.json"
    path.write_text(json.dumps({"format": "something else"}), "utf-8")
    with pytest.raises(DictionaryError) as error:
        load(path)
    assert str(path) in str(error.value)
    (tmp_path / "judge.json").write_text(json.dumps(model().to_dict()), "utf-8")
    (tmp_path / "word-rows.tsv").write_text("word\trow\ngoal\tzero\n", "utf-8")
    (tmp_path / "judge-lexicon.tsv").write_text("row\tsentence\twindow\n0\t1.0\t1.0\n", "utf-8")
    with pytest.raises(DictionaryError) as error:
        load(path)
    assert "word-rows.tsv" in str(error.value)


def test_the_learned_judge_drops_what_the_model_rejects_and_scores_the_rest(pipeline):
    strict = LearnedJudge(model(drop_below=0.99))
    lenient = LearnedJudge(model(drop_below=0.0))
    original = pipeline.coder.judge
    try:
        pipeline.coder.judge = strict
        assert pipeline.code_text("Russian troops attacked Ukrainian positions.").events == []
        pipeline.coder.judge = lenient
        events = pipeline.code_text("Russian troops attacked Ukrainian positions.").events
        assert events and all(0.1 <= e.confidence <= 0.9 for e in events)
    finally:
        pipeline.coder.judge = original


def test_fitting_on_examples_learns_what_separates_them():
    pytest.importorskip("sklearn")
    from accord.learn.train import Example, _fit, _out_of_fold

    examples = [Example(f"d{n}", "test", {"bias": 1.0, "w=goal": 1.0}, False, None) for n in range(30)]
    examples += [Example(f"e{n}", "test", {"bias": 1.0, "w=troops": 1.0}, True, None) for n in range(30)]
    fitted, lexicon = _fit(examples, lambda e: bool(e.type_right), 1.0)
    assert lexicon is None
    assert fitted.probability({"bias": 1.0, "w=troops": 1.0}) > 0.8 > 0.2 > fitted.probability(
        {"bias": 1.0, "w=goal": 1.0})
    held_out = _out_of_fold(examples, lambda e: bool(e.type_right), 1.0)
    assert all(p > 0.5 for p in held_out[30:]) and all(p < 0.5 for p in held_out[:30])
    again, _ = _fit(examples, lambda e: bool(e.type_right), 1.0)
    assert again == fitted  # same data, same model


def test_a_judge_model_is_read_once_then_from_the_cache_until_its_files_change(tmp_path, monkeypatch):
    from accord.learn import judge as judge_module
    from accord.learn.lexicon import Lexicon

    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "judge.json").write_text(json.dumps(model().to_dict()), "utf-8")
    model().lexicon.write(folder)
    monkeypatch.setenv("ACCORD_CACHE_DIR", str(tmp_path / "cache"))
    reads = []
    original = Lexicon.read.__func__
    monkeypatch.setattr(Lexicon, "read", classmethod(lambda cls, where: reads.append(where) or original(cls, where)))
    first = judge_module.load(folder / "judge.json")
    again = judge_module.load(folder / "judge.json")
    assert len(reads) == 1 and again.type_model == first.type_model and again.lexicon == first.lexicon
    shares = folder / "judge-lexicon.tsv"
    shares.write_text(shares.read_text("utf-8").replace("2.00000", "1.50000"), "utf-8")  # a retrained lexicon
    changed = judge_module.load(folder / "judge.json")
    assert len(reads) == 2 and changed.lexicon != first.lexicon


def test_the_drop_thresholds_keep_false_alarms_within_the_rate_and_move_little_with_the_data():
    from accord.learn.train import Example, _thresholds

    def example(group: str, source: str, probability: float, right: bool | None) -> tuple[Example, float]:
        return Example(group, source, {"root=19": 1.0}, right, None), probability

    # 100 non-political articles, each with one material-conflict candidate; 3 may stay (3%)
    bbc = [example(f"bbc{n}", "bbc", 0.30 + n * 0.003, False) for n in range(100)]  # 0.300 .. 0.597
    # labelled candidates: right ones likely, a wrong one unlikely
    labelled = [example(f"p{n}", "plover", 0.9, True) for n in range(5)] + [example("w", "plover", 0.2, False)]
    sets = {"bbc": [e for e, _ in bbc], "plover": [e for e, _ in labelled]}
    oof = {id(e): p for e, p in bbc + labelled}
    fine = _thresholds(sets, oof, articles=100, step=0.01)
    coarse = _thresholds(sets, oof, articles=100, step=0.05)
    kept = sum(p >= fine["material_conflict"] for _, p in bbc)
    assert kept <= 3 and fine["material_conflict"] == 0.59  # the lowest threshold within the rate
    assert coarse["material_conflict"] == 0.6  # a grid of 0.05 must go up to the next step
    assert all(p >= fine["material_conflict"] for e, p in labelled if e.type_right)
