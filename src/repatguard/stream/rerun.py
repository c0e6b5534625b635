"""The next review's passes over the manifest of a streamed check.

:class:`Rerun` reads the manifest again, in this process or in the pool of the check, to
probe the candidate instants of the next review and to decide the whole check's verdict at
another instant (:class:`_ShiftedExecutor` runs the check's steps at that instant). The
search itself is in :mod:`repatguard.stream.review`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

import attrs
import pendulum

from repatguard.facts.links import LinkedHousehold
from repatguard.outcomes import Verdict
from repatguard.report.finding import Finding
from repatguard.report.report import References
from repatguard.stream.cases import (
    CaseContext,
    CasesResult,
    ChunkLinks,
    VerdictLines,
    probe_cases,
    verdict_lines,
)
from repatguard.stream.executor import Executor, checked_chunks, pre_pass_links, wanted_summaries
from repatguard.stream.link_index import Linked, Wanted, linked_at
from repatguard.stream.manifest import Chunk
from repatguard.stream.merge import run_check
from repatguard.stream.review import Probe

__all__ = ["Rerun"]

_Asked = tuple[tuple[pendulum.DateTime, ...], tuple[Finding, ...], frozenset[str]]
"""What a probe of the next review asks: the instants, the findings above the cases and the
gate codes (see :func:`~repatguard.stream.cases.probe_cases`)."""


def _probe(
    context: CaseContext, chunk: Chunk, linked: Mapping[str, LinkedHousehold], asked: _Asked
) -> Probe:
    instants, above, gates = asked
    return probe_cases(context, chunk, instants, above, gates, linked=linked)


@attrs.frozen
class Rerun:
    """Reads the manifest again for the next review, in this process or in the pool of the
    check (:class:`Executor`), results in manifest order."""

    context: CaseContext
    executor: Executor
    chunks: Callable[[], Iterable[Chunk]]
    references: References
    linked: Linked = ()
    """The pre-pass's households per chunk, at as_of (see :func:`run_check`)."""

    def probes(
        self,
        instants: tuple[pendulum.DateTime, ...],
        above: tuple[Finding, ...],
        gates: frozenset[str],
    ) -> Iterator[Probe]:
        asked = (instants, above, gates)
        calls = (
            (chunk, linked_at(self.linked, index), asked)
            for index, chunk in enumerate(self.chunks())
        )
        return self.executor.each(self.context, _probe, calls)

    def verdict_at(self, instant: pendulum.DateTime) -> Verdict:
        """The verdict of the whole streamed check at ``instant`` (nothing written out)."""
        shifted = attrs.evolve(self.context, instant=instant, trace=False, review=False)
        result = run_check(
            shifted,
            _ShiftedExecutor(self, shifted),
            references=self.references,
            source=None,
            format=None,
            total=None,
        )
        return result.report.verdict


@attrs.frozen
class _ShiftedExecutor:
    """The case-level steps of the check at another instant (see :class:`CaseExecutor`)."""

    rerun: Rerun
    context: CaseContext

    def links(self) -> Iterator[ChunkLinks]:
        return pre_pass_links(self.rerun.executor, self.context, self.rerun.chunks())

    def summaries(self, wanted: Wanted) -> Iterator[tuple[tuple[str, LinkedHousehold | None], ...]]:
        return wanted_summaries(self.rerun.executor, self.context, wanted, self.rerun.chunks)

    def results(self, linked: Linked) -> Iterator[CasesResult]:
        return checked_chunks(self.rerun.executor, self.context, linked, self.rerun.chunks())

    def verdicts(
        self,
        operation_findings: tuple[Finding, ...],
        gate_codes: frozenset[str],
        spills: Iterable[bytes],
    ) -> Iterator[VerdictLines]:
        calls = ((operation_findings, gate_codes, spill) for spill in spills)
        return self.rerun.executor.each(self.context, verdict_lines, calls)
