"""Coding on two local processes and on a Dask LocalCluster gives exactly the events of one process."""
from __future__ import annotations

import json

import pytest

from accord.ingest import read_paths
from accord.scale import PipelineSpec, code_stream, register_pipeline

PAIRS = [("Japan", "China"), ("France", "Germany"), ("India", "Pakistan"), ("Kenya", "Somalia"),
         ("Chile", "Peru"), ("Poland", "Russia"), ("Egypt", "Israel"), ("Canada", "Mexico")]


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    path = tmp_path_factory.mktemp("scale") / "batch.jsonl"
    lines = []
    for i in range(40):
        a, b = PAIRS[i % len(PAIRS)]
        text = (f"{a} and {b} held talks in Geneva on Monday, round {i}. {a} later accused {b} of violating "
                f"the agreement, and {b} rejected the accusation. \"We will not yield,\" {b}'s minister said.")
        lines.append(json.dumps({"id": f"d{i:02d}", "text": text, "published": "2024-05-06"}))
    lines.insert(7, "{not json")
    path.write_text("\n".join(lines) + "\n")
    return path


def _result(items):
    return [item.to_dict() if hasattr(item, "to_dict") else ("error", item.source, item.reason) for item in items]


@pytest.fixture(scope="module")
def serial(pipeline, batch):
    spec = PipelineSpec()
    register_pipeline(spec, pipeline)
    return _result(code_stream(read_paths([str(batch)]), spec))


def test_two_processes_give_the_events_of_one(batch, serial):
    parallel = _result(code_stream(read_paths([str(batch)]), PipelineSpec(), processes=2))
    assert parallel == serial
    assert sum(1 for r in serial if isinstance(r, tuple)) == 1  # the bad line is reported in its place


def test_a_dask_local_cluster_of_two_workers_gives_the_events_of_one_process(batch, serial):
    on_dask = _result(code_stream(read_paths([str(batch)]), PipelineSpec(), dask="local:2"))
    assert on_dask == serial
    assert sum(len(r["events"]) for r in on_dask if isinstance(r, dict)) > 100


def test_code_writes_parquet_one_row_per_event(batch, serial, tmp_path):
    import pandas as pd
    from typer.testing import CliRunner

    from accord.cli import app

    out = tmp_path / "events.parquet"
    result = CliRunner().invoke(app, ["code", str(batch), "--format", "parquet", "--output", str(out)])
    assert result.exit_code == 1  # the malformed line is reported; the rest is written
    frame = pd.read_parquet(out)
    assert len(frame) == sum(len(r["events"]) for r in serial if isinstance(r, dict))
    assert {"doc_id", "source_code", "cameo", "status", "event_day", "evidence"} <= set(frame.columns)


def test_processes_auto_is_one_per_core_within_free_memory(monkeypatch):
    import psutil

    from accord import scale
    from accord.errors import AccordError

    monkeypatch.setattr(scale, "available_cores", lambda: 8)
    monkeypatch.setattr(psutil, "virtual_memory", lambda: type("Memory", (), {"available": 64 * 2**30})())
    assert scale.processes_option("auto") == 8
    monkeypatch.setattr(psutil, "virtual_memory", lambda: type("Memory", (), {"available": 2 * 2**30})())
    assert scale.processes_option("auto") == 2  # 2 GB free holds two workers, not eight
    monkeypatch.setattr(psutil, "virtual_memory", lambda: type("Memory", (), {"available": 100 * 2**20})())
    assert scale.processes_option("AUTO") == 1
    assert scale.processes_option("3") == 3
    for bad in ("0", "-2", "two"):
        with pytest.raises(AccordError, match="--processes"):
            scale.processes_option(bad)


def test_code_defaults_to_auto_and_names_a_bad_processes_value(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from accord import cli, scale

    chosen = []
    monkeypatch.setattr(scale, "auto_processes", lambda: chosen.append("auto") or 1)
    page = tmp_path / "a.txt"
    page.write_text("Japan and China held talks in Geneva on Monday.")
    result = CliRunner().invoke(cli.app, ["code", str(page)])
    assert result.exit_code == 0 and chosen == ["auto"]
    result = CliRunner().invoke(cli.app, ["code", str(page), "--processes", "many"])
    assert result.exit_code == 2 and "--processes" in result.output


def test_an_input_of_one_batch_is_coded_here_without_starting_workers(batch, serial, monkeypatch):
    from accord import scale

    def no_pool(*args):
        raise AssertionError("workers started for one batch")

    monkeypatch.setattr(scale, "_on_processes", no_pool)
    first = list(read_paths([str(batch)]))[:scale.BATCH_SIZE]
    assert _result(code_stream(iter(first), PipelineSpec(), processes=2)) == serial[:scale.BATCH_SIZE]
    with pytest.raises(AssertionError, match="workers started"):
        list(code_stream(iter(first + first[:1]), PipelineSpec(), processes=2))
