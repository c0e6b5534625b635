"""Checking a manifest on a Dask cluster (the ``dask`` extra).

The manifest (JSON Lines) is split into byte-range partitions, a :mod:`dask.bag` maps the
case-level check over them on the cluster, and the partial results are merged in partition
order on the client, exactly as the single-process run merges its chunks; the case verdicts
are then decided on the cluster too. The report, the findings, the case verdicts and the input
issues are the same as :func:`repatguard.stream.check_manifest` gives.

The workers read the manifest themselves, so its path must be readable from every worker (a
shared file system); the client reads it once, without parsing, to number the partitions.

Example::

    from dask.distributed import Client
    from repatguard.stream.dask import check_manifest_dask

    client = Client("scheduler:8786")
    with open("findings.jsonl", "w") as findings:
        result = check_manifest_dask(operation, "/shared/cases.jsonl", as_of=date(2026, 6, 1),
                                     client=client, findings_out=findings)
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import IO, Any

import attrs

from repatguard.facts.links import LinkedHousehold
from repatguard.facts.parameters import Parameters
from repatguard.model import Operation, Waiver
from repatguard.policy.policy import Policy
from repatguard.report.finding import Finding
from repatguard.report.pseudonyms import ReferenceKey
from repatguard.report.report import References
from repatguard.report.trace import ParameterSource
from repatguard.rules.registry import Registry
from repatguard.stream.cases import (
    CaseContext,
    CasesResult,
    ChunkLinks,
    ManifestIssue,
    VerdictLines,
    check_cases,
    chunk_links,
    chunk_summaries,
    verdict_lines,
)
from repatguard.stream.executor import Executor
from repatguard.stream.link_index import Linked, Wanted, linked_at
from repatguard.stream.manifest import CaseRecord, Chunk, Partition, chunks_of, partitions
from repatguard.stream.merge import run_check
from repatguard.stream.progress import ProgressCallback
from repatguard.stream.rerun import Rerun
from repatguard.stream.result import StreamResult
from repatguard.stream.run import case_context

__all__ = ["check_manifest_dask", "check_partition", "partition_links", "partition_summaries"]


def _dask() -> tuple[Any, Any]:
    try:
        import dask.bag  # noqa: PLC0415 - optional extra
        import distributed  # noqa: PLC0415 - optional extra
    except ImportError as exc:
        raise ImportError(
            "the Dask integration needs the optional extra: pip install 'repatguard[dask]'"
        ) from exc
    return dask.bag, distributed


def check_partition(
    context: CaseContext,
    partition: Partition,
    chunk_size: int = 200,
    linked: Sequence[Mapping[str, LinkedHousehold]] = (),
) -> list[CasesResult]:
    """The case-level check of one partition: pure, picklable, runs on any worker. Chunk
    ``i`` of the partition is checked with ``linked[i]`` (see
    :meth:`~repatguard.stream.executor.CaseExecutor.results`)."""
    return [
        check_cases(context, chunk, linked_at(linked, index))
        for index, chunk in enumerate(partition.chunks(chunk_size))
    ]


def partition_links(
    context: CaseContext, partition: Partition, chunk_size: int = 200
) -> list[ChunkLinks]:
    """The pre-pass over one partition, chunk by chunk: pure, picklable, runs on any worker."""
    return [chunk_links(context, chunk) for chunk in partition.chunks(chunk_size)]


def partition_summaries(
    context: CaseContext, partition: Partition, chunk_size: int, wanted: Wanted
) -> list[tuple[tuple[str, LinkedHousehold | None], ...]]:
    """The pre-pass's second step over one partition: the records ``wanted`` names of each of
    its chunks (by the chunk's place in the partition), summed up (see
    :func:`~repatguard.stream.cases.chunk_summaries`). Pure, picklable, runs on any worker."""
    chunks = itertools.islice(enumerate(partition.chunks(chunk_size)), max(wanted, default=-1) + 1)
    return [
        chunk_summaries(context, chunk, wanted[place]) for place, chunk in chunks if place in wanted
    ]


# Long in lines, not in logic: the public signature with every option of check_manifest,
# and its documentation.
def check_manifest_dask(
    operation: Operation,
    cases: str | os.PathLike[str],
    *,
    as_of: dt.date | dt.datetime,
    client: Any = None,
    partition_bytes: int = 64 << 20,
    chunk_size: int = 200,
    policy: Policy | None = None,
    parameters: Parameters | None = None,
    registry: Registry | None = None,
    waivers: Iterable[Waiver] = (),
    reveal_references: bool = False,
    reference_key: str | bytes | ReferenceKey | None = None,
    fast: bool = False,
    findings_out: IO[str] | None = None,
    cases_out: IO[str] | None = None,
    on_issue: Callable[[ManifestIssue], None] | None = None,
    progress: ProgressCallback | None = None,
    window: int | None = None,
    trace: bool = False,
    parameter_sources: Mapping[str, ParameterSource] | None = None,
    lang: str = "en",
    next_review: bool = True,
) -> StreamResult:
    """:func:`repatguard.stream.check_manifest` on a Dask cluster.

    ``client`` is a ``distributed.Client`` (default: the current one). The manifest is split
    into partitions of about ``partition_bytes``; at most ``window`` partitions (default: twice
    the cluster's threads) are in flight, so neither the client nor the cluster holds more
    than that many partial results. ``fast`` needs msgspec on the workers. With a reference
    key (argument or ``REPATGUARD_REFERENCE_KEY`` on the client), the pseudonyms are the same
    as a single-process run's. ``trace``, ``parameter_sources`` and ``lang`` are those of
    :func:`~repatguard.stream.check_manifest`; so is ``next_review``, whose search passes
    read the manifest again in this process, not on the cluster.
    """
    bag, distributed = _dask()
    chosen_client = client if client is not None else distributed.get_client()
    context, references = case_context(
        operation,
        as_of=as_of,
        policy=policy,
        parameters=parameters,
        registry=registry,
        waivers=waivers,
        reveal_references=reveal_references,
        reference_key=reference_key,
        fast=fast,
        trace=trace,
        lang=lang,
        review=next_review,
    )
    executor = _DaskExecutor(
        client=chosen_client,
        bag=bag,
        context=context,
        operation=operation,
        parts=partitions(
            cases, target_bytes=partition_bytes, first_index=len(operation.households)
        ),
        chunk_size=chunk_size,
        limit=window or max(2, 2 * sum(chosen_client.nthreads().values())),
    )
    return run_check(
        context,
        executor,
        references=references,
        source=str(cases),
        format="jsonl",
        total=os.path.getsize(cases),
        on_issue=on_issue,
        findings_out=findings_out,
        cases_out=cases_out,
        progress=progress,
        parameter_sources=parameter_sources,
        review=_local_rerun(executor, references) if next_review else None,
    )


def _local_rerun(executor: _DaskExecutor, references: References) -> Rerun:
    """The next review's search passes, in this process (``repatguard.stream.review``), over
    the chunks the cluster checked, in the same layout: the households held in the operation,
    then each partition's chunks. The pre-pass numbers its summaries by that layout, so the
    search must read the same chunks in the same order (a partition's last chunk is short)."""

    def chunks() -> Iterator[Chunk]:
        each_part = (part.chunks(executor.chunk_size) for part in executor.parts)
        return itertools.chain(executor._held(), *each_part)

    context = executor.context
    # The executor only runs in this process here; the search passes read through ``chunks``.
    return Rerun(context, Executor(context, 1, lambda: iter(())), chunks, references)


@attrs.define(kw_only=True)
class _DaskExecutor:
    """The case-level steps on the cluster (see :class:`~repatguard.stream.executor.CaseExecutor`):
    the operation's own households here, the manifest's partitions and the verdicts on the
    workers, at most ``limit`` tasks in flight."""

    client: Any
    bag: Any
    context: CaseContext
    operation: Operation
    parts: list[Partition]
    chunk_size: int
    limit: int
    shared: Any = None
    """The context, scattered to every worker once."""
    held_chunks: int = 0
    """Chunks of the households held in the operation (checked here, before the partitions)."""
    partition_chunks: list[int] = attrs.field(factory=list)
    """How many chunks each partition had in the pre-pass."""

    def _held(self) -> Iterator[Chunk]:
        held = (
            CaseRecord(index=index, line=0, data=household)
            for index, household in enumerate(self.operation.households)
        )
        return chunks_of(held, source="operation", format="operation", size=self.chunk_size)

    def _scattered(self) -> Any:
        if self.shared is None:
            self.shared = self.client.scatter(self.context, broadcast=True)
        return self.shared

    def links(self) -> Iterator[ChunkLinks]:
        self.held_chunks = 0
        for chunk in self._held():
            self.held_chunks += 1
            yield chunk_links(self.context, chunk)
        shared = self._scattered()
        submissions = (
            self.client.submit(partition_links, shared, part, self.chunk_size, pure=False)
            for part in self.parts
        )
        self.partition_chunks = []
        for group in _ordered(self.client, _windowed(submissions, self.limit)):
            self.partition_chunks.append(len(group))
            yield from group

    def summaries(self, wanted: Wanted) -> Iterator[tuple[tuple[str, LinkedHousehold | None], ...]]:
        for place, chunk in enumerate(self._held()):
            if place in wanted:
                yield chunk_summaries(self.context, chunk, wanted[place])
        # The partitions' chunks follow, numbered as the first step numbered them.
        start = self.held_chunks
        asked: list[tuple[Partition, dict[int, Mapping[int, str]]]] = []
        for part, count in zip(self.parts, self.partition_chunks, strict=True):
            chosen = {
                place: wanted[start + place] for place in range(count) if start + place in wanted
            }
            if chosen:
                asked.append((part, chosen))
            start += count
        if not asked:
            return
        shared = self._scattered()
        submissions = (
            self.client.submit(
                partition_summaries, shared, part, self.chunk_size, chosen, pure=False
            )
            for part, chosen in asked
        )
        for group in _ordered(self.client, _windowed(submissions, self.limit)):
            yield from group

    def results(self, linked: Linked) -> Iterator[CasesResult]:
        for index, chunk in enumerate(self._held()):
            yield check_cases(self.context, chunk, linked_at(linked, index))
        start = self.held_chunks
        slices: list[Sequence[Mapping[str, LinkedHousehold]]] = []
        for count in self.partition_chunks or [0] * len(self.parts):
            slices.append(list(linked[start : start + count]))
            start += count
        futures = _partition_futures(
            self.bag,
            self.client,
            self._scattered(),
            list(zip(self.parts, slices, strict=True)),
            chunk_size=self.chunk_size,
            limit=self.limit,
        )
        for group in _ordered(self.client, futures):
            yield from group

    def verdicts(
        self,
        operation_findings: tuple[Finding, ...],
        gate_codes: frozenset[str],
        spills: Iterable[bytes],
    ) -> Iterator[VerdictLines]:
        shared = self._scattered()
        submissions = (
            self.client.submit(
                verdict_lines, shared, operation_findings, gate_codes, spill, pure=False
            )
            for spill in spills
        )
        return _ordered(self.client, _windowed(submissions, self.limit))


_Part = tuple[Partition, Sequence[Mapping[str, LinkedHousehold]]]
"""A partition and, for each of its chunks, the households its family links name."""


def _partition_futures(
    bag: Any, client: Any, context: Any, parts: list[_Part], *, chunk_size: int, limit: int
) -> Iterator[Any]:
    """One future per partition, through a ``dask.bag`` of the partitions."""
    if not parts:
        return iter(())
    items = bag.from_sequence(parts, npartitions=len(parts))
    mapped = items.map_partitions(_check_partitions, context, chunk_size)
    return _windowed((client.compute(part) for part in mapped.to_delayed()), limit)


def _check_partitions(
    parts: list[_Part], context: CaseContext, chunk_size: int
) -> list[CasesResult]:
    found: list[CasesResult] = []
    for part, linked in parts:
        found.extend(check_partition(context, part, chunk_size, linked))
    return found


def _windowed(futures: Iterator[Any], limit: int) -> Iterator[Any]:
    """Futures with at most ``limit`` submitted ahead of the one being consumed."""
    pending: deque[Any] = deque()
    for future in futures:
        pending.append(future)
        if len(pending) >= limit:
            yield pending.popleft()
    yield from pending


def _ordered(client: Any, futures: Iterator[Any]) -> Iterator[Any]:
    del client  # results are gathered one at a time, in order
    for future in futures:
        result = future.result()
        future.release()
        yield result
