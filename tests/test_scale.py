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
