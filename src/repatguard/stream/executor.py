"""Where the case-level steps of a streamed check run.

:class:`CaseExecutor` is what every executor offers (the pre-pass in two steps, the cases,
the verdicts); :class:`Executor` runs them in this process or in a process pool whose
workers hold the check's context (:func:`_start_worker`, :func:`_in_worker`); the Dask
executor is in :mod:`repatguard.stream.dask`. :func:`all_chunks` reads the cases of a check
in manifest order, and :func:`pre_pass_links`, :func:`wanted_summaries` and
:func:`checked_chunks` submit each step's chunks to an executor.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Protocol, TypeVar

import attrs
import pendulum

from repatguard.facts.links import LinkedHousehold
from repatguard.model import Operation
from repatguard.report.finding import Finding
from repatguard.stream.cases import (
    CaseContext,
    CasesResult,
    ChunkLinks,
    VerdictLines,
    check_cases,
    chunk_links,
    chunk_summaries,
    verdict_lines,
)
from repatguard.stream.link_index import Linked, Wanted, linked_at
from repatguard.stream.manifest import CaseRecord, Chunk, ManifestFormat, chunks_of, read_manifest

__all__ = [
    "CaseExecutor",
    "Executor",
    "all_chunks",
    "checked_chunks",
    "pre_pass_links",
    "wanted_summaries",
]


class CaseExecutor(Protocol):
    """Where the case-level steps of a streamed check run: this process, a process pool
    (:class:`Executor`) or a Dask cluster (:mod:`repatguard.stream.dask`). Results come in
    manifest order whatever runs them, chunk by chunk, the same chunks in both passes."""

    def links(self) -> Iterator[ChunkLinks]:
        """The pre-pass: :func:`~repatguard.stream.cases.chunk_links` of every chunk of the
        check, in manifest order."""
        ...

    def summaries(self, wanted: Wanted) -> Iterator[tuple[tuple[str, LinkedHousehold | None], ...]]:
        """The pre-pass's second step: :func:`~repatguard.stream.cases.chunk_summaries` of
        each chunk ``wanted`` names (by its place in manifest order), with the records it
        wants; nothing read when it names none."""
        ...

    def results(self, linked: Linked) -> Iterator[CasesResult]:
        """The case-level result of every chunk of the check, in manifest order; chunk ``i``
        is checked with ``linked[i]`` (an empty mapping past the end)."""
        ...

    def verdicts(
        self,
        operation_findings: tuple[Finding, ...],
        gate_codes: frozenset[str],
        spills: Iterable[bytes],
    ) -> Iterator[VerdictLines]:
        """The case verdicts of each spill (see :func:`~repatguard.stream.cases.verdict_lines`),
        in the order of the spills."""
        ...


def all_chunks(
    operation: Operation,
    cases: str | os.PathLike[str] | None,
    format: ManifestFormat | None,
    size: int,
) -> Iterator[Chunk]:
    """The households held in the operation, then the manifest's (opened at once, so that a
    missing file raises before anything starts)."""
    held = (
        CaseRecord(index=index, line=0, data=household)
        for index, household in enumerate(operation.households)
    )
    first = chunks_of(held, source="operation", format="operation", size=size)
    if cases is None:
        return first
    manifest = read_manifest(
        cases, format=format, chunk_size=size, first_index=len(operation.households)
    )
    return itertools.chain(first, manifest)


_WORKER_CONTEXT: CaseContext | None = None


def _start_worker(context: CaseContext) -> None:
    global _WORKER_CONTEXT  # noqa: PLW0603 - one context per worker process, set once
    _WORKER_CONTEXT = context


_T = TypeVar("_T")


def _in_worker(function: Callable[..., _T], instant: pendulum.DateTime, *args: Any) -> _T:
    """``function`` of the worker's context, moved to ``instant`` (:func:`_shifted`)."""
    assert _WORKER_CONTEXT is not None
    return function(_shifted(_WORKER_CONTEXT, instant), *args)


_WORKER_SHIFTED: dict[pendulum.DateTime, CaseContext] = {}
"""The worker's context moved to another instant (one at a time): the prepared rules are
kept per context object, so it is made once."""


def _shifted(context: CaseContext, instant: pendulum.DateTime) -> CaseContext:
    if instant == context.instant:
        return context
    if instant not in _WORKER_SHIFTED:
        _WORKER_SHIFTED.clear()
        _WORKER_SHIFTED[instant] = attrs.evolve(context, instant=instant, trace=False, review=False)
    return _WORKER_SHIFTED[instant]


class Executor:
    """Runs the case-level steps in this process (``jobs`` <= 1) or in a process pool.

    Results always come back in the order of the inputs, with at most ``3 * jobs`` tasks in
    flight, so memory stays flat however long the manifest.
    """

    def __init__(
        self, context: CaseContext, jobs: int, chunks: Callable[[], Iterable[Chunk]]
    ) -> None:
        self.context = context
        self.jobs = jobs
        self.chunks = chunks
        # Read once at once, so that a missing file raises before anything starts; the
        # pre-pass reads these chunks, the check reads them again.
        self.first: Iterable[Chunk] | None = chunks()
        self.pool: ProcessPoolExecutor | None = None
        if jobs > 1:
            try:
                pickle.dumps(context)
            except (pickle.PicklingError, TypeError, AttributeError) as exc:
                raise TypeError(
                    "jobs > 1 needs a catalogue every process can rebuild: the built-in "
                    "catalogue or the full one with installed rule packs (a registry built in "
                    f"Python cannot be sent to another process: {exc})"
                ) from None
            # The platform's default start method (fork on Linux up to Python 3.13): workers
            # start at once with the catalogue already imported. Where it is spawn or
            # forkserver, the calling script needs the ``if __name__ == "__main__":`` guard.
            self.pool = ProcessPoolExecutor(
                max_workers=jobs,
                mp_context=multiprocessing.get_context(),
                initializer=_start_worker,
                initargs=(context,),
            )

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *_: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def _read(self) -> Iterable[Chunk]:
        first, self.first = self.first, None
        return first if first is not None else self.chunks()

    def links(self) -> Iterator[ChunkLinks]:
        return pre_pass_links(self, self.context, self._read())

    def summaries(self, wanted: Wanted) -> Iterator[tuple[tuple[str, LinkedHousehold | None], ...]]:
        return wanted_summaries(self, self.context, wanted, self._read)

    def results(self, linked: Linked) -> Iterator[CasesResult]:
        return checked_chunks(self, self.context, linked, self._read())

    def verdicts(
        self,
        operation_findings: tuple[Finding, ...],
        gate_codes: frozenset[str],
        spills: Iterable[bytes],
    ) -> Iterator[VerdictLines]:
        calls = ((operation_findings, gate_codes, spill) for spill in spills)
        return self.each(self.context, verdict_lines, calls)

    def each(
        self,
        context: CaseContext,
        function: Callable[..., _T],
        calls: Iterable[tuple[Any, ...]],
    ) -> Iterator[_T]:
        """``function(context, *args)`` for each ``args`` of ``calls``, results in order: in
        this process, or submitted to the pool (whose workers hold the check's context and
        move it to ``context.instant``)."""
        pool = self.pool
        if pool is None:
            return (function(context, *args) for args in calls)
        instant = context.instant
        return self.ordered(pool.submit(_in_worker, function, instant, *args) for args in calls)

    def ordered(self, submissions: Iterator[Future[Any]]) -> Iterator[Any]:
        pending: deque[Future[Any]] = deque()
        for future in submissions:
            pending.append(future)
            if len(pending) >= 3 * self.jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def pre_pass_links(
    executor: Executor, context: CaseContext, chunks: Iterable[Chunk]
) -> Iterator[ChunkLinks]:
    return executor.each(context, chunk_links, ((chunk,) for chunk in chunks))


def wanted_summaries(
    executor: Executor,
    context: CaseContext,
    wanted: Wanted,
    read: Callable[[], Iterable[Chunk]],
) -> Iterator[tuple[tuple[str, LinkedHousehold | None], ...]]:
    """The pre-pass's second step; the manifest is read again only when some record is
    wanted, and only up to the last chunk that holds one."""
    if not wanted:
        return iter(())
    chunks = itertools.islice(enumerate(read()), max(wanted) + 1)
    calls = ((chunk, wanted[place]) for place, chunk in chunks if place in wanted)
    return executor.each(context, chunk_summaries, calls)


def checked_chunks(
    executor: Executor, context: CaseContext, linked: Linked, chunks: Iterable[Chunk]
) -> Iterator[CasesResult]:
    calls = ((chunk, linked_at(linked, index)) for index, chunk in enumerate(chunks))
    return executor.each(context, check_cases, calls)
