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
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO, Any

import attrs

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
    ManifestIssue,
    VerdictLines,
    check_cases,
    verdict_lines,
)
from repatguard.stream.manifest import CaseRecord, Chunk, Partition, chunks_of, partitions
from repatguard.stream.progress import ProgressCallback
from repatguard.stream.run import (
    Executor,
    Rerun,
    StreamResult,
    all_chunks,
    case_context,
    run_check,
)

__all__ = ["check_manifest_dask", "check_partition"]


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
    context: CaseContext, partition: Partition, chunk_size: int = 200
) -> list[CasesResult]:
    """The case-level check of one partition: pure, picklable, runs on any worker."""
    return [check_cases(context, chunk) for chunk in partition.chunks(chunk_size)]


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
    next_review: bool = True,
) -> StreamResult:
    """:func:`repatguard.stream.check_manifest` on a Dask cluster.

    ``client`` is a ``distributed.Client`` (default: the current one). The manifest is split
    into partitions of about ``partition_bytes``; at most ``window`` partitions (default: twice
    the cluster's threads) are in flight, so neither the client nor the cluster holds more
    than that many partial results. ``fast`` needs msgspec on the workers. With a reference
    key (argument or ``REPATGUARD_REFERENCE_KEY`` on the client), the pseudonyms are the same
    as a single-process run's. ``trace`` and ``parameter_sources`` are those of
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
        review=_local_rerun(operation, cases, context, references, chunk_size)
        if next_review
        else None,
    )


def _local_rerun(
    operation: Operation,
    cases: str | os.PathLike[str],
    context: CaseContext,
    references: References,
    chunk_size: int,
) -> Rerun:
    """The next review's search passes, in this process (``repatguard.stream.review``)."""

    def chunks() -> Iterator[Chunk]:
        return all_chunks(operation, cases, "jsonl", chunk_size)

    return Rerun(context, Executor(context, 1, ()), chunks, references)


@attrs.define(kw_only=True)
class _DaskExecutor:
    """The case-level steps on the cluster (see :class:`~repatguard.stream.run.CaseExecutor`):
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

    def results(self) -> Iterator[CasesResult]:
        held = (
            CaseRecord(index=index, line=0, data=household)
            for index, household in enumerate(self.operation.households)
        )
        for chunk in chunks_of(held, source="operation", format="operation", size=self.chunk_size):
            yield check_cases(self.context, chunk)
        self.shared = self.client.scatter(self.context, broadcast=True)
        futures = _partition_futures(
            self.bag,
            self.client,
            self.shared,
            self.parts,
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
        shared = self.shared
        if shared is None:  # no partition was checked: the context is not out there yet
            shared = self.shared = self.client.scatter(self.context, broadcast=True)
        submissions = (
            self.client.submit(
                verdict_lines, shared, operation_findings, gate_codes, spill, pure=False
            )
            for spill in spills
        )
        return _ordered(self.client, _windowed(submissions, self.limit))


def _partition_futures(
    bag: Any, client: Any, context: Any, parts: list[Partition], *, chunk_size: int, limit: int
) -> Iterator[Any]:
    """One future per partition, through a ``dask.bag`` of the partitions."""
    if not parts:
        return iter(())
    items = bag.from_sequence(parts, npartitions=len(parts))
    mapped = items.map_partitions(_check_partitions, context, chunk_size)
    return _windowed((client.compute(part) for part in mapped.to_delayed()), limit)


def _check_partitions(
    parts: list[Partition], context: CaseContext, chunk_size: int
) -> list[CasesResult]:
    found: list[CasesResult] = []
    for part in parts:
        found.extend(check_partition(context, part, chunk_size))
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
