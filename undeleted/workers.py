"""Parallel extraction in worker processes: models loaded once per worker, order kept, memory bounded."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import cache, partial
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import TypeVar

from undeleted.errors import BadInput
from undeleted.extract import ExtractContext
from undeleted.models import Document, Record

In = TypeVar("In")
Out = TypeVar("Out")
Extract = Callable[[Document, ExtractContext], Record | BadInput]
CHUNK = 32  # documents sent to a worker at a time
IN_FLIGHT_PER_WORKER = 4  # chunks queued per worker; bounds memory whatever the corpus size


def available_cores() -> int:
    """Cores this process may use (respects taskset, cgroups and Slurm allocations)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


@cache
def worker_context() -> ExtractContext:
    """The extraction context of this process, loaded on first use and kept for its lifetime."""
    return ExtractContext.load()


def start_worker() -> None:
    """Pool initializer: load the models before the first chunk arrives."""
    worker_context()


def extract_chunk(extract: Extract, docs: list[Document]) -> list[Record | BadInput]:
    """Run `extract` on each document with this worker's context."""
    context = worker_context()
    return [extract(doc, context) for doc in docs]


def chunked(items: Iterable[In], size: int) -> Iterator[list[In]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def map_chunks(
    function: Callable[[list[In]], list[Out]], chunks: Iterable[list[In]], workers: int, in_flight: int
) -> Iterator[list[Out]]:
    """`function` over chunks in `workers` processes, results in input order, at most `in_flight` queued.

    The input is consumed in this thread only as results come back, so a lazy input stays lazy.
    """
    with multiprocessing.get_context("spawn").Pool(workers, initializer=start_worker) as pool:
        pending: deque[AsyncResult[list[Out]]] = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(function, (chunk,)))
            if len(pending) >= in_flight:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def extract_parallel(
    docs: Iterable[Document], extract: Extract, workers: int, chunk_size: int = CHUNK
) -> Iterator[Record | BadInput]:
    """Records of `docs` in input order, extracted by `workers` processes that each load the models once."""
    task = partial(extract_chunk, extract)
    in_flight = workers * IN_FLIGHT_PER_WORKER
    for results in map_chunks(task, chunked(docs, chunk_size), workers, in_flight):
        yield from results
