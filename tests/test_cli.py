"""The command line as a user runs it: outputs, error messages and exit status."""
from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from accord.cli import app
from accord.errors import InputError

from .conftest import ROOT

runner = CliRunner()
EXAMPLE = ROOT / "examples" / "manila-coast-guard.html"


def test_code_writes_one_json_object_per_document(tmp_path):
    out = tmp_path / "events.jsonl"
    result = runner.invoke(app, ["code", str(EXAMPLE), "--output", str(out)])
    assert result.exit_code == 0, result.output
    (line,) = out.read_text().splitlines()
    doc = json.loads(line)
    for key in ("id", "title", "url", "published", "dateline", "text", "warnings", "actors", "events", "quotes"):
        assert key in doc
    event = doc["events"][0]
    for key in ("id", "sentence", "evidence", "source", "target", "trigger", "cameo", "root", "quad_class",
                "goldstein", "plover", "status", "date", "date_precision", "location", "rule", "confidence"):
        assert key in event
    assert all(e["rule"] and 0 < e["confidence"] <= 1 for e in doc["events"])
    start, end = event["trigger"]["start"], event["trigger"]["end"]
    assert doc["text"][start:end] == event["trigger"]["text"]
    actor = next(a for a in doc["actors"] if a["code"] == "PHLGOV")
    s, e = actor["mentions"][0]
    assert "Marcos" in doc["text"][s:e] or "Philippine" in doc["text"][s:e]


def test_table_format_is_readable():
    result = runner.invoke(app, ["code", str(EXAMPLE), "--format", "table"])
    assert result.exit_code == 0
    assert "PHLGOV" in result.stdout and "CONSULT" in result.stdout and "status" in result.stdout
    assert "Consult," in result.stdout  # the CAMEO code's name, not only its number


def test_bad_items_are_named_on_stderr_and_the_good_ones_still_coded(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("BEIJING, May 2 -- China and Russia held talks on trade in Beijing on Monday.")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)))
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 talks between Japan and France.".encode("latin-1"))
    batch = tmp_path / "batch.jsonl"
    batch.write_text(json.dumps({"id": "j1", "text": "Japan and France held talks in Paris."}) + "\n{broken\n")
    result = runner.invoke(app, ["code", str(good), str(empty), str(binary), str(latin), str(batch),
                                 "--published", "2024-05-03"])
    assert result.exit_code == 1
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert {d["id"] for d in docs} == {"good", "j1"}
    assert f"{empty}: empty input" in result.stderr
    assert f"{binary}: binary data" in result.stderr
    assert f"{latin}: not valid UTF-8" in result.stderr
    assert f"{batch}:2: malformed JSON" in result.stderr


def test_a_bad_date_option_is_a_usage_error():
    result = runner.invoke(app, ["code", str(EXAMPLE), "--published", "8 April"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output + result.stderr


def test_standard_input_is_read_with_dash():
    text = "SEOUL, June 3 -- South Korea and Japan held talks in Seoul on Monday."
    proc = subprocess.run([sys.executable, "-m", "accord.cli", "code", "-", "--published", "2024-06-04"],
                          input=text, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["dateline"] == {"place": "Seoul", "date": "2024-06-03"}
    assert any(e["cameo"].startswith("04") for e in doc["events"])


def test_actors_lookup_explains_the_resolution():
    result = runner.invoke(app, ["actors", "lookup", "Fumio Kishida", "--date", "2024-04-08"])
    assert result.exit_code == 0
    assert "JPNGOV" in result.stdout and "prime minister" in result.stdout and "2021-10-04" in result.stdout
    unknown = runner.invoke(app, ["actors", "lookup", "Nobody Atall"])
    assert unknown.exit_code == 1 and "unknown" in unknown.stdout


def test_explain_says_which_rule_coded_each_event_and_why_others_were_set_aside():
    result = runner.invoke(app, ["explain", "The United Nations urged Israel to withdraw its troops. "
                                            "Iran refused to meet the envoy."])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "sentence 0:" in out and "sentence 1:" in out
    assert "appeal by 'urged' -> 0256" in out  # the governing word's decision, named
    assert "refuse by 'refused' -> 125" in out
    assert "wins: verb 'withdraw'" in out and "tried " in out  # the entries that lost, and the one that won
    assert "set aside: sets the status of 'meet'" in out  # why "refused" is no event of its own
    assert "rule 'core.yaml:" in out or 'rule "core.yaml:' in out


def test_explain_of_a_text_too_short_says_why_without_a_traceback():
    result = runner.invoke(app, ["explain", "Too short."])
    assert result.exit_code == 1
    assert "text: no article text" in result.output
    assert not isinstance(result.exception, InputError)  # a clean exit, not the reader's exception


def test_code_explain_reads_files_like_code(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Japan and the Philippines signed a defence pact on Monday.", "utf-8")
    result = runner.invoke(app, ["code", str(path), "--explain"])
    assert result.exit_code == 0, result.output
    assert "pattern core.yaml:" in result.stdout and "2 event(s) 057" in result.stdout


def test_eval_only_takes_scorer_names_repeated_or_comma_separated(tmp_path):
    repeated = runner.invoke(app, ["eval", "--shared", str(tmp_path), "--only", "seed", "--only", "nonsense"])
    commas = runner.invoke(app, ["eval", "--shared", str(tmp_path), "--only", "seed, nonsense"])
    for result in (repeated, commas):
        assert result.exit_code != 0
        assert "unknown scorer(s) nonsense" in result.output  # "seed" was read as a scorer in both forms
