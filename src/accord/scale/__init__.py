"""Coding on several cores or on a Dask cluster, with the same results as coding in one process.

Input is read in the calling process and cut into batches; each worker process holds one Pipeline
(built once, from a picklable PipelineSpec) and codes whole batches; results come back in input order.
At most a few batches are in flight at a time, so memory does not grow with the input.

    coded = code_stream(items, PipelineSpec(), processes=2)          # both cores of this machine
    coded = code_stream(items, PipelineSpec(), dask="tcp://host:8786")  # a running scheduler
    coded = code_stream(items, PipelineSpec(), dask="local:2")          # a LocalCluster of 2 workers
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ..errors import AccordError, InputError
from ..model import Document

BATCH_SIZE = 8
WINDOW_PER_WORKER = 2


@dataclass(frozen=True)
class PipelineSpec:
    """What a worker needs to build the same Pipeline as the caller (picklable)."""

    dictionaries: tuple[str, ...] = ()
    strict: bool = True

    def build(self):
        from ..pipeline import Pipeline

        dictionary = None
        if self.dictionaries:
            from ..actors.formats import build_dictionary

            dictionary, _ = build_dictionary([Path(p) for p in self.dictionaries], strict=self.strict)
        return Pipeline(dictionary=dictionary)


_pipelines: dict[PipelineSpec, Any] = {}


def register_pipeline(spec: PipelineSpec, pipeline) -> None:
    """Use an already built pipeline for this spec in this process (the caller's, when not parallel)."""
    _pipelines[spec] = pipeline


def worker_pipeline(spec: PipelineSpec):
    """The pipeline of this process, built on first use and kept for every later batch."""
    if spec not in _pipelines:
        _pipelines[spec] = spec.build()
    return _pipelines[spec]


def code_batch(spec: PipelineSpec, documents: list[Document]) -> list[Document | InputError]:
    """Code one batch in a worker (one result per document, in order)."""
    return list(worker_pipeline(spec).code_documents(documents))


def _batches(items: Iterable[Document | InputError], size: int) -> Iterator[list[Document | InputError]]:
    batch: list[Document | InputError] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Pending(Protocol):
    """A batch being coded: a concurrent.futures or a Dask future."""

    def result(self) -> list[Document | InputError]: ...


def _ordered(items: Iterable[Document | InputError], submit: Callable[[list[Document]], _Pending],
             window: int, size: int = BATCH_SIZE) -> Iterator[Document | InputError]:
    pending: deque[tuple[list[Document | InputError], _Pending | None]] = deque()

    def collect(batch: list[Document | InputError], future: _Pending | None) -> Iterator[Document | InputError]:
        results = iter(future.result() if future is not None else ())
        for item in batch:
            yield item if isinstance(item, InputError) else next(results)

    for batch in _batches(items, size):
        documents = [item for item in batch if isinstance(item, Document)]
        pending.append((batch, submit(documents) if documents else None))
        while len(pending) >= window:
            yield from collect(*pending.popleft())
    while pending:
        yield from collect(*pending.popleft())


def code_stream(items: Iterable[Document | InputError], spec: PipelineSpec = PipelineSpec(), *,
                processes: int = 1, dask: str | None = None) -> Iterator[Document | InputError]:
    """Code a stream of documents in this process, in ``processes`` local processes, or on Dask."""
    if dask:
        yield from _on_dask(items, spec, dask)
    elif processes > 1:
        yield from _on_processes(items, spec, processes)
    else:
        yield from worker_pipeline(spec).code_documents(items)


def _on_processes(items, spec: PipelineSpec, processes: int) -> Iterator[Document | InputError]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")  # no forking of a process that holds threads or models
    with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
        yield from _ordered(items, lambda docs: pool.submit(code_batch, spec, docs), processes * WINDOW_PER_WORKER)


def _on_dask(items, spec: PipelineSpec, address: str) -> Iterator[Document | InputError]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - dask is a dependency; this guards a broken install
        raise AccordError("Dask is not installed: pip install 'dask[distributed]'") from None
    cluster = None
    if address.startswith("local:"):
        try:
            workers = int(address.split(":", 1)[1])
        except ValueError:
            raise AccordError(f"--dask {address!r}: write local:N with N the number of workers") from None
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        try:
            client = Client(address, timeout="20s")
        except OSError as exc:
            raise AccordError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        yield from _ordered(items, lambda docs: client.submit(code_batch, spec, docs, pure=False),
                            workers * WINDOW_PER_WORKER)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
