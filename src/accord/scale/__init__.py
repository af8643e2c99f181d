"""Coding on several cores or on a Dask cluster, with the same results as coding in one process.

Input is read in the calling process and cut into batches; each worker process holds one Pipeline
(built once, from a picklable PipelineSpec) and codes whole batches; results come back in input order.
A pipeline lives as long as its process: once built it is moved out of the garbage collector's way
(``gc.freeze``), so the collections that coding sets off do not walk its dictionary and gazetteer.
At most a few batches are in flight at a time, so memory does not grow with the input.

    coded = code_stream(items, PipelineSpec(), processes=2)          # both cores of this machine
    coded = code_stream(items, PipelineSpec(), dask="tcp://host:8786")  # a running scheduler
    coded = code_stream(items, PipelineSpec(), dask="local:2")          # a LocalCluster of 2 workers
"""
from __future__ import annotations

import gc
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import Any, Protocol

from ..errors import AccordError, InputError
from ..model import Document

BATCH_SIZE = 8
WINDOW_PER_WORKER = 2
AUTO = "auto"
MEMORY_PER_PROCESS = 700 * 2**20  # a worker's peak after warming up on long articles, with some margin


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
    from ..geo import gazetteer

    _pipelines[spec] = pipeline
    gazetteer()  # loaded on first use otherwise: load it now, so that it is frozen with the rest
    gc.freeze()


def worker_pipeline(spec: PipelineSpec):
    """The pipeline of this process, built on first use and kept for every later batch."""
    if spec not in _pipelines:
        register_pipeline(spec, spec.build())
    return _pipelines[spec]


def available_cores() -> int:
    """The processors this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def auto_processes() -> int:
    """One process per core, as many as the memory now available holds."""
    cores = available_cores()
    try:
        import psutil
    except ImportError:  # pragma: no cover - psutil comes with Dask, a dependency
        return cores
    return max(1, min(cores, psutil.virtual_memory().available // MEMORY_PER_PROCESS))


def processes_option(value: str | int) -> int:
    """``--processes``: a number of processes, or "auto" (``auto_processes``)."""
    if str(value).strip().lower() == AUTO:
        return auto_processes()
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise AccordError(f"--processes {value!r}: give a number of processes (1 or more) or {AUTO!r}")
    return number


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
                processes: int = 1, dask: str | None = None,
                here: Callable[[], Any] | None = None) -> Iterator[Document | InputError]:
    """Code a stream of documents in this process, in ``processes`` local processes, or on Dask.

    ``here`` gives the pipeline that codes in this process (one process, or an input of one batch);
    by default the process's own for ``spec`` (``worker_pipeline``)."""
    if dask:
        yield from _on_dask(items, spec, dask)
        return
    items = iter(items)
    if processes > 1:
        # an input of one batch would keep one worker busy while the others start for nothing: code it here
        head = list(islice(items, BATCH_SIZE + 1))
        items = chain(head, items)
        if len(head) > BATCH_SIZE:
            yield from _on_processes(items, spec, processes)
            return
    yield from (here() if here else worker_pipeline(spec)).code_documents(items)


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
