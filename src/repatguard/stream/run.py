"""The streaming check: an operation plus a manifest of cases, in flat memory.

Three steps, each reusing the engine of :func:`repatguard.check`:

1. **Cases.** The manifest is read in chunks; :func:`~repatguard.stream.cases.check_cases`
   checks each chunk (in this process or in a pool of ``jobs`` processes). Findings stream out
   as JSON Lines; only counters, tallies and the references seen stay in memory; a compressed
   spill of references and findings goes to a temporary file.
2. **Operation.** The operation- and area-scope rules run once, with the counters standing
   in for the households (population mix, PREM-014), then the area and operation verdicts.
3. **Verdicts.** The spill is read back and every person and household verdict is decided
   exactly as the in-memory check decides it, and streamed out.

The result equals :func:`repatguard.check` on the same operation with the households inline:
same verdicts, reasons, case verdicts, findings and tallies. A record that cannot be loaded is
reported with its line and path and counted, and the verdict is then at best
``insufficient_information``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import multiprocessing
import os
import pickle
import struct
import tempfile
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import IO, Any, Protocol, TypeVar

import attrs
import pendulum

from repatguard.engine.check import effective_policy, require_valid, to_instant
from repatguard.engine.evaluate import Evaluation, evaluate
from repatguard.engine.headline import FindingCounts, assemble_report, decide_areas, gate_codes
from repatguard.engine.review import candidate_instants, scheduled_reviews
from repatguard.engine.settle import Settlement, located_waivers
from repatguard.engine.verdict import operation_level
from repatguard.facts.facts import ManifestCounts, build_facts
from repatguard.facts.links import LinkedHousehold
from repatguard.facts.parameters import Parameters, days
from repatguard.model import Operation, Waiver
from repatguard.model.validate import population_problems
from repatguard.outcomes import Outcome, Scope, Severity, Verdict
from repatguard.policy.policy import Policy
from repatguard.render.i18n import SOURCE_LANGUAGE, check_language
from repatguard.report.finding import Evidence, Finding, RuleTally, Wording
from repatguard.report.pseudonyms import (
    ReferenceKey,
    key_id,
    pseudonym,
    rename_references,
    resolve_key,
)
from repatguard.report.report import References, Report
from repatguard.report.trace import ParameterSource
from repatguard.rules.registry import Registry, Rule
from repatguard.stream._manifest_messages import EXPECTED, REMEDIATION, TITLE, incomplete
from repatguard.stream.cases import (
    CASE_SCOPES,
    PROVISIONAL_PREFIX,
    CaseContext,
    CasesResult,
    CheckedCase,
    ChunkLinks,
    ManifestIssue,
    VerdictLines,
    catalogue_ref,
    check_cases,
    chunk_links,
    chunk_summaries,
    probe_cases,
    resolve_catalogue,
    verdict_lines,
)
from repatguard.stream.fast import fast_available
from repatguard.stream.manifest import (
    CaseRecord,
    Chunk,
    ManifestFormat,
    chunks_of,
    manifest_format,
    read_manifest,
)
from repatguard.stream.progress import Progress, ProgressCallback
from repatguard.stream.review import KeptInstants, Probe, ReviewBase, search_next_review

__all__ = [
    "KEPT_ISSUES",
    "MANIFEST_CODE",
    "MAX_JOBS",
    "CaseExecutor",
    "Executor",
    "LinkIndex",
    "ManifestStats",
    "Rerun",
    "StreamResult",
    "all_chunks",
    "case_context",
    "check_manifest",
    "run_check",
]

MAX_JOBS = 256
"""The most worker processes a streamed check may ask for (``jobs``, ``--jobs``)."""

MANIFEST_CODE = "INPUT-001"
"""Code of the finding that holds the verdict at ``insufficient_information`` while any case
failed to load, a reference is used twice, a family link names a household the manifest does
not hold, or the declared population is below the manifest."""

_UNKNOWN_HOUSEHOLD = "unknown household (no household of the operation has this reference)"

KEPT_ISSUES = 100
"""Input issues kept in the result (all of them are passed to ``on_issue`` and counted)."""


@attrs.frozen(kw_only=True)
class ManifestStats:
    """What was read from the manifest and what could not be used."""

    source: str | None
    format: str | None
    cases: int
    """Households read: those held in the operation file plus the manifest's records."""
    checked: int
    """Households that loaded and were checked."""
    failed: int
    """Records that could not be loaded (each reported with its line and path)."""
    duplicates: int
    """References used by more than one household or person."""
    persons: int
    """Persons in the households checked."""
    issues: int
    """Input issues reported (a record may have several)."""
    first_issues: tuple[ManifestIssue, ...]
    """The first :data:`KEPT_ISSUES` input issues."""

    @property
    def complete(self) -> bool:
        """Every case loaded and every reference is unique."""
        return self.failed == 0 and self.duplicates == 0 and self.issues == 0


@attrs.frozen(kw_only=True)
class StreamResult:
    """The summary report and the manifest statistics of a streaming check.

    ``report.findings`` holds the operation- and area-level findings and
    ``report.case_verdicts`` is empty: case findings and case verdicts were streamed out (to
    ``findings_out`` and ``cases_out``). ``report.summary`` counts everything.
    """

    report: Report
    manifest: ManifestStats


def case_context(
    operation: Operation,
    *,
    as_of: dt.date | dt.datetime,
    policy: Policy | None = None,
    parameters: Parameters | None = None,
    registry: Registry | None = None,
    waivers: Iterable[Waiver] = (),
    reveal_references: bool = False,
    reference_key: str | bytes | ReferenceKey | None = None,
    fast: bool = False,
    trace: bool = False,
    lang: str = SOURCE_LANGUAGE,
    review: bool = False,
) -> tuple[CaseContext, References]:
    """The picklable context of the case-level check, and how references will appear.

    The operation's own households are left out of the context (they are checked as cases).
    ``trace`` records the decision trace of every verdict (see :func:`check_manifest`);
    ``review`` collects the candidate instants of the next review.
    Raises :class:`~repatguard.InputError` when the operation breaks an invariant.
    """
    require_valid(operation)
    catalogue = registry if registry is not None else resolve_catalogue("builtin")
    chosen = effective_policy(policy, parameters, catalogue)
    if reveal_references:
        key: bytes | None = None
        references = References(mode="revealed")
    else:
        key, source, linkable = resolve_key(reference_key)
        references = References(
            mode="pseudonymous", linkable=linkable, key_source=source, key_id=key_id(key)
        )
    context = CaseContext(
        operation=attrs.evolve(operation, households=()),
        instant=to_instant(as_of),
        policy=chosen,
        catalogue=catalogue_ref(catalogue),
        waivers=located_waivers(operation, waivers),
        key=key,
        fast=fast,
        trace=trace,
        lang=check_language(lang),
        review=review,
    )
    return context, references


# Long in lines, not in logic: the public signature with every option of repatguard.check,
# and its documentation.
def check_manifest(
    operation: Operation,
    cases: str | os.PathLike[str] | None = None,
    *,
    as_of: dt.date | dt.datetime,
    format: ManifestFormat | None = None,
    policy: Policy | None = None,
    parameters: Parameters | None = None,
    registry: Registry | None = None,
    waivers: Iterable[Waiver] = (),
    reveal_references: bool = False,
    reference_key: str | bytes | ReferenceKey | None = None,
    jobs: int = 1,
    chunk_size: int = 200,
    findings_out: IO[str] | None = None,
    cases_out: IO[str] | None = None,
    on_issue: Callable[[ManifestIssue], None] | None = None,
    progress: ProgressCallback | None = None,
    fast: bool | None = None,
    trace: bool = False,
    parameter_sources: Mapping[str, ParameterSource] | None = None,
    lang: str = SOURCE_LANGUAGE,
    next_review: bool = True,
) -> StreamResult:
    """Check ``operation`` with the households of the manifest ``cases`` (JSON Lines or CSV).

    The operation's own households, if any, come first. Case findings are written to
    ``findings_out`` and case verdicts to ``cases_out`` as JSON Lines (each line as in the
    JSON report); every input issue is passed to ``on_issue``; ``progress`` is called as the
    check advances. ``jobs`` > 1 checks chunks of ``chunk_size`` households in that many
    processes; the output is the same byte for byte. ``fast`` decodes JSON lines with
    msgspec where that is exact (default: when the ``fast`` extra is installed); the output
    is the same again. With ``trace`` every case verdict line carries the case's decision
    trace (``trace``, as in the in-memory report's trace) and ``report.trace`` holds the
    operation's and the areas'; without it nothing of the trace is computed. The other
    arguments are those of :func:`repatguard.check`; with ``next_review`` (the default) the
    manifest is read again to find when the result next changes by itself, as the in-memory
    check finds it (:mod:`repatguard.stream.review`). ``lang`` is the language of the finding
    messages written to ``findings_out`` and ``cases_out`` (English unless given; codes and
    keys do not change).

    Raises :class:`~repatguard.InputError` when the operation itself is invalid and
    :class:`~repatguard.stream.ManifestError` when the manifest cannot be read at all.
    """
    if cases is None and operation.cases_manifest is not None:
        # Never check an operation while silently leaving its cases out.
        raise ValueError(
            "the operation refers to a case manifest (cases_manifest); pass "
            "repatguard.stream.operation_manifest(operation_file, operation) as cases"
        )
    given: object = jobs  # typed as int, but a caller's bool or float must not get through
    if isinstance(given, bool) or not isinstance(given, int) or not 1 <= given <= MAX_JOBS:
        raise ValueError(f"jobs must be a whole number from 1 to {MAX_JOBS}")
    context, references = case_context(
        operation,
        as_of=as_of,
        policy=policy,
        parameters=parameters,
        registry=registry,
        waivers=waivers,
        reveal_references=reveal_references,
        reference_key=reference_key,
        fast=fast_available() if fast is None else fast,
        trace=trace,
        lang=lang,
        review=next_review,
    )
    chosen = None if cases is None else (format or manifest_format(cases))
    total = os.path.getsize(cases) if cases is not None and os.path.isfile(cases) else None

    def chunks() -> Iterator[Chunk]:
        return all_chunks(operation, cases, chosen, chunk_size)

    with Executor(context, jobs, chunks) as executor:
        rerun = Rerun(context, executor, chunks, references) if next_review else None
        return run_check(
            context,
            executor,
            references=references,
            source=None if cases is None else str(cases),
            format=chosen,
            total=total,
            on_issue=on_issue,
            findings_out=findings_out,
            cases_out=cases_out,
            progress=progress,
            parameter_sources=parameter_sources,
            review=rerun,
        )


Linked = Sequence[Mapping[str, LinkedHousehold]]
"""For each chunk of a check, in manifest order, the households its family links name (see
:class:`LinkIndex`)."""

Wanted = Mapping[int, Mapping[int, str]]
"""The records the pre-pass left unloaded that a family link names: by the chunk's place in
manifest order, each record's place in its chunk and its reference (see
:meth:`LinkIndex.wanted`)."""


class CaseExecutor(Protocol):
    """Where the case-level steps of a streamed check run: this process, a process pool
    (:class:`Executor`) or a Dask cluster (:mod:`repatguard.stream.dask`). Results come in
    manifest order whatever runs them, chunk by chunk, the same chunks in both passes."""

    def links(self) -> Iterator[ChunkLinks]:
        """The pre-pass: :func:`~repatguard.stream.cases.chunk_links` of every chunk of the
        check, in manifest order."""
        ...

    def summaries(self, wanted: Wanted) -> Iterator[tuple[tuple[str, LinkedHousehold], ...]]:
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


def run_check(
    context: CaseContext,
    executor: CaseExecutor,
    *,
    references: References,
    source: str | None,
    format: str | None,
    total: int | None,
    on_issue: Callable[[ManifestIssue], None] | None = None,
    findings_out: IO[str] | None = None,
    cases_out: IO[str] | None = None,
    progress: ProgressCallback | None = None,
    parameter_sources: Mapping[str, ParameterSource] | None = None,
    review: Rerun | None = None,
) -> StreamResult:
    """A streamed check, whatever executes its case-level steps: merge the results of the
    chunks in order, then settle the operation, decide every verdict and build the result.
    ``parameter_sources`` says where parameters were set, for a traced check's report; with
    ``review`` (which reads the manifest again), the report has its next review."""
    merge = Merge(context=context, on_issue=on_issue, findings_out=findings_out)
    try:
        index = LinkIndex()
        for found in executor.links():
            index.add(found)
        for households in executor.summaries(index.wanted()):
            index.add_households(households)
        if review is not None and index.names_one_that_changes_later():
            # The search passes read the households that links name as summed up at as_of; one
            # that may read otherwise later (a withdrawal coming into force) could move a
            # verdict unseen, so the next review is said not to be computed rather than late.
            review = None
        linked = index.per_chunk()
        if review is not None:
            review = attrs.evolve(review, linked=linked)
        for result in executor.results(linked):
            merge.add(result)
            if progress is not None:
                progress(merge.progress("cases", total))
        outcome = merge.finish(
            references=references,
            source=source,
            format=format,
            cases_out=cases_out,
            progress=progress,
            total=total,
            verdicts=executor.verdicts,
            parameter_sources=parameter_sources,
            review=review,
        )
    finally:
        merge.close()
    if progress is not None:
        progress(merge.progress("done", total))
    return outcome


_NO_LINKS: Mapping[str, LinkedHousehold] = {}


@attrs.define
class LinkIndex:
    """The pre-pass of a streamed check, merged in manifest order: the summary of every
    household a family link names that loaded (by reference; one held twice is left out, so
    that a link to it is never read against the wrong household), and which households each
    chunk's links name.

    The first step (:func:`~repatguard.stream.cases.chunk_links`) sums up the households
    that hold a link and those their own chunk's links name, and leaves the others unloaded
    with their references; once every chunk is in, :meth:`wanted` lists the unloaded ones a
    link names, and the second step sums those up (:meth:`add_households`). Every household
    a link names is thus summed up, each copy of it once. While the pre-pass runs it holds a
    reference per household and a small summary (a few counters) per one summed up; the
    check then keeps, per chunk, only the summaries its links name."""

    summaries: dict[str, LinkedHousehold | None] = attrs.field(factory=dict)
    named: list[frozenset[str]] = attrs.field(factory=list)
    shared: dict[tuple[int, int, bool], LinkedHousehold] = attrs.field(factory=dict)
    """One summary object per pair of counts for households without links back: most
    households share a handful, so a household costs its reference and a slot."""

    later: set[str] = attrs.field(factory=set)
    """Households whose summary may read otherwise after as_of
    (:attr:`~repatguard.facts.links.LinkedHousehold.changes_later`)."""

    skipped: list[tuple[str | None, ...]] = attrs.field(factory=list)
    """Per chunk, the records the first step left unloaded (:attr:`ChunkLinks.skipped`)."""

    def add(self, found: ChunkLinks) -> None:
        """Take in the first step's result of the next chunk."""
        self.add_households(found.households)
        self.named.append(found.named)
        self.skipped.append(found.skipped)

    def add_households(self, households: Iterable[tuple[str, LinkedHousehold]]) -> None:
        """Take in summed-up households (of either step, in any order)."""
        for reference, summary in households:
            kept = summary
            if not summary.parents_of:
                key = (summary.returning, summary.may_return, summary.changes_later)
                kept = self.shared.setdefault(key, summary)
            self.summaries[reference] = None if reference in self.summaries else kept
            if summary.changes_later:
                self.later.add(reference)

    def wanted(self) -> dict[int, dict[int, str]]:
        """The records the first step left unloaded that some chunk's links name, by chunk
        (see :data:`Wanted`); the rest are forgotten."""
        named = frozenset().union(*self.named)
        found: dict[int, dict[int, str]] = {}
        for chunk, skipped in enumerate(self.skipped):
            chosen = {
                place: reference
                for place, reference in enumerate(skipped)
                if reference is not None and reference in named
            }
            if chosen:
                found[chunk] = chosen
        self.skipped.clear()
        return found

    def names_one_that_changes_later(self) -> bool:
        """Whether a family link names a household whose summary may change after as_of: the
        next review's search passes read every summary at as_of, exact only where none does (a
        household not on record stays so at every instant)."""
        return any(reference in self.later for named in self.named for reference in named)

    def per_chunk(self) -> list[Mapping[str, LinkedHousehold]]:
        """For each chunk, the summaries of the households its links name and that are on
        record (loaded, once)."""
        chunks: list[Mapping[str, LinkedHousehold]] = []
        for named in self.named:
            found = {
                reference: summary
                for reference in named
                if (summary := self.summaries.get(reference)) is not None
            }
            chunks.append(found or _NO_LINKS)
        self.summaries.clear()
        self.shared.clear()
        return chunks


def linked_at(linked: Linked, index: int) -> Mapping[str, LinkedHousehold]:
    """The households chunk ``index`` names (none past the end: a chunk the pre-pass did not
    see, fail closed)."""
    return linked[index] if index < len(linked) else _NO_LINKS


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
        return _pre_pass(self, self.context, self._read())

    def summaries(self, wanted: Wanted) -> Iterator[tuple[tuple[str, LinkedHousehold], ...]]:
        return _wanted_summaries(self, self.context, wanted, self._read)

    def results(self, linked: Linked) -> Iterator[CasesResult]:
        return _checked(self, self.context, linked, self._read())

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


def _pre_pass(
    executor: Executor, context: CaseContext, chunks: Iterable[Chunk]
) -> Iterator[ChunkLinks]:
    return executor.each(context, chunk_links, ((chunk,) for chunk in chunks))


def _wanted_summaries(
    executor: Executor,
    context: CaseContext,
    wanted: Wanted,
    read: Callable[[], Iterable[Chunk]],
) -> Iterator[tuple[tuple[str, LinkedHousehold], ...]]:
    """The pre-pass's second step; the manifest is read again only when some record is
    wanted, and only up to the last chunk that holds one."""
    if not wanted:
        return iter(())
    chunks = itertools.islice(enumerate(read()), max(wanted) + 1)
    calls = ((chunk, wanted[place]) for place, chunk in chunks if place in wanted)
    return executor.each(context, chunk_summaries, calls)


def _checked(
    executor: Executor, context: CaseContext, linked: Linked, chunks: Iterable[Chunk]
) -> Iterator[CasesResult]:
    calls = ((chunk, linked_at(linked, index)) for index, chunk in enumerate(chunks))
    return executor.each(context, check_cases, calls)


_LENGTH = struct.Struct("<Q")

VerdictRunner = Callable[
    [tuple[Finding, ...], frozenset[str], Iterable[bytes]],
    Iterator[VerdictLines],
]


@attrs.define
class Merge:
    """Merges chunk results in order and finishes the check (also used by the Dask path)."""

    context: CaseContext
    on_issue: Callable[[ManifestIssue], None] | None = None
    findings_out: IO[str] | None = None
    spill: IO[bytes] = attrs.field(factory=tempfile.TemporaryFile)
    households_seen: set[str] = attrs.field(factory=set)
    persons_seen: set[str] = attrs.field(factory=set)
    counts: ManifestCounts = attrs.field(factory=ManifestCounts)
    tallies: dict[str, RuleTally] = attrs.field(factory=dict)
    findings: FindingCounts = attrs.field(factory=FindingCounts)
    read: int = 0
    checked: int = 0
    failed: int = 0
    duplicates: int = 0
    unresolved: int = 0
    """Family links naming a household the whole manifest does not hold."""
    links: list[tuple[str, ManifestIssue]] = attrs.field(factory=list)
    """Family links to other households: the reference named, and the issue if it is unknown."""
    issues: int = 0
    first_issues: list[ManifestIssue] = attrs.field(factory=list)
    waivers_matched: set[int] = attrs.field(factory=set)
    bytes_read: int = 0
    instants: KeptInstants = attrs.field(factory=KeptInstants)
    """The candidate instants of the next review the households drew (bounded)."""

    def add(self, result: CasesResult) -> None:
        """Take in the result of the next chunk (results must come in manifest order)."""
        self.read += result.read
        self.failed += result.failed
        self.checked += len(result.checked)
        found = list(result.issues)
        for case in result.checked:
            found.extend(self._duplicates(result.source, case))
        found.sort(key=lambda item: (item.line or 0, item.index))
        for issue in found:
            self._issue(issue)
        self.counts = self.counts.merge(result.counts)
        for tally in result.tallies:
            self.tallies[tally.code] = _add_tallies(self.tallies.get(tally.code), tally)
        self.findings += result.findings
        self.waivers_matched |= result.waivers_matched
        if result.instants:
            self.instants.add(result.instants)
        if self.findings_out is not None and result.records:
            self.findings_out.write(result.records)
        self.spill.write(_LENGTH.pack(len(result.spill)))
        self.spill.write(result.spill)
        if result.end_offset:
            self.bytes_read = result.end_offset

    def _duplicates(self, source: str, case: CheckedCase) -> Iterator[ManifestIssue]:
        from_operation = case.line is None
        prefix = f"$.households[{case.position}]" if from_operation else "$"
        if case.household in self.households_seen:
            self.duplicates += 1
            yield ManifestIssue(
                source=source,
                line=case.line,
                path=f"{prefix}.reference",
                # The reference itself is not repeated: the path says which one.
                message="the household reference is already used by an earlier household",
                index=case.position,
            )
        self.households_seen.add(case.household)
        for position, person in enumerate(case.members):
            if person in self.persons_seen:
                self.duplicates += 1
                line = case.member_lines[position] if case.member_lines else case.line
                yield ManifestIssue(
                    source=source,
                    line=line,
                    path=f"{prefix}.members[{position}].reference",
                    message="the person reference is already used by an earlier person",
                    index=case.position,
                )
            self.persons_seen.add(person)
        for member, index, reference in case.links:
            line = case.member_lines[member] if case.member_lines else case.line
            path = f"{prefix}.members[{member}].family_links[{index}].household"
            issue = ManifestIssue(
                source=source,
                line=line,
                path=path,
                message=_UNKNOWN_HOUSEHOLD,
                index=case.position,
            )
            self.links.append((reference, issue))

    def _unresolved(self) -> Iterator[ManifestIssue]:
        """Links naming no household of the whole manifest (or of the operation file)."""
        for reference, issue in self.links:
            if reference not in self.households_seen:
                self.unresolved += 1
                yield issue
        self.links.clear()

    def _issue(self, issue: ManifestIssue) -> None:
        self.issues += 1
        if len(self.first_issues) < KEPT_ISSUES:
            self.first_issues.append(issue)
        if self.on_issue is not None:
            self.on_issue(issue)

    def progress(self, phase: str, total: int | None) -> Progress:
        return Progress(
            phase=phase,
            cases=self.read,
            persons=self.counts.persons,
            failed=self.failed,
            bytes_read=self.bytes_read,
            bytes_total=total,
            verdicts=self.checked if phase == "done" else 0,
            verdicts_total=self.checked if phase == "done" else 0,
        )

    def _population_issues(self) -> Iterator[ManifestIssue]:
        population = self.context.operation.population
        for message in population_problems(population, self.counts.listed):
            yield ManifestIssue(source="operation", line=None, path="$.population", message=message)

    # Long on purpose: the merge's closing steps in the order they depend on each other
    # (operation-level rules, case verdicts, areas, report, next review), read as one story.
    def finish(
        self,
        *,
        references: References,
        source: str | None,
        format: str | None,
        cases_out: IO[str] | None = None,
        progress: ProgressCallback | None = None,
        total: int | None = None,
        verdicts: VerdictRunner | None = None,
        parameter_sources: Mapping[str, ParameterSource] | None = None,
        review: Rerun | None = None,
    ) -> StreamResult:
        """Run the operation-level rules, decide every verdict and build the result.

        ``verdicts`` decides the case verdicts of the spilled chunks (in a pool, say); by
        default in this process. With the context's ``trace`` the report's trace holds the
        operation's and the areas' steps; the cases' went out on their verdict lines. With
        ``review`` the report has its next review (:mod:`repatguard.stream.review`).
        """
        population = list(self._population_issues())
        for issue in [*self._unresolved(), *population]:
            self._issue(issue)
        context = self.context
        settlement = context.settlement()
        rules = settlement.rules
        shell = context.operation
        extra = []
        if self.failed or self.duplicates or self.unresolved or population:
            extra.append(self._manifest_finding(len(population)))
        operation_level_at = _OperationLevel(context, settlement, tuple(extra))
        evaluation, operation_findings = operation_level_at.run(
            context.instant, self.counts, frozenset(self.waivers_matched)
        )
        tallies = self._all_tallies(rules, evaluation.tallies)
        gates = gate_codes(rules)
        above_cases = operation_level(operation_findings)
        people, resolved, trace_codes = self._decide_cases(
            verdicts or self._verdicts_here,
            (tuple(above_cases), gates),
            cases_out=cases_out,
            progress=progress,
            total=total,
        )
        decisions = decide_areas(shell, above_cases, gates, record=context.trace)
        report = assemble_report(
            operation=shell,
            policy=settlement.policy,
            catalogue=settlement.catalogue,
            rules_run=len(rules),
            instant=context.instant,
            decisions=decisions,
            findings=operation_findings,
            counts=self.findings + FindingCounts.of(operation_findings),
            tallies=tallies,
            cases=(),
            people=people,
            resolved_people=resolved,
            references=references,
            case_traces=() if context.trace else None,
            parameter_sources=parameter_sources,
            case_trace_codes=trace_codes,
        )
        if review is not None:
            if progress is not None:
                progress(
                    attrs.evolve(self.progress("review", total), bytes_read=0, bytes_total=None)
                )
            report = self._reviewed(
                report,
                review,
                operation_level_at=operation_level_at,
                operation_findings=operation_findings,
                people=people,
                above=tuple(above_cases),
                gates=gates,
            )
        if context.key is not None:
            report = self._pseudonymise(report, context.key)
        return StreamResult(report=report, manifest=self._stats(source, format))

    def _reviewed(
        self,
        report: Report,
        review: Rerun,
        *,
        operation_level_at: _OperationLevel,
        operation_findings: tuple[Finding, ...],
        people: Mapping[str, int],
        above: tuple[Finding, ...],
        gates: frozenset[str],
    ) -> Report:
        """``report`` with its next review, searched for by reading the manifest again
        (:mod:`repatguard.stream.review`)."""
        context = self.context
        settlement = operation_level_at.settlement
        shell = context.operation
        base = ReviewBase(
            as_of=context.instant,
            operation_findings=operation_findings,
            verdict=report.verdict,
            people=people,
            counts=self.counts,
            instants=self.instants.finished(),
            operation_instants=candidate_instants(
                shell,
                tuple(waiver for _, waiver in settlement.waivers),
                settlement.policy.parameters,
                context.instant,
                warning_days=days(settlement.policy.waiver_expiry_warning),
            ),
            scheduled=scheduled_reviews(shell, context.instant),
            above=above,
            gates=gates,
        )
        due, computed = search_next_review(
            base,
            lambda instants: review.probes(instants, base.above, gates),
            lambda at, counts, matched: operation_level_at.run(at, counts, matched)[1],
            review.verdict_at,
            lambda found: decide_areas(shell, operation_level(found), gates).overall.verdict,
        )
        return attrs.evolve(report, next_review=due, next_review_computed=computed)

    def _all_tallies(
        self, rules: Iterable[Rule[Any]], operation_level: Iterable[RuleTally]
    ) -> tuple[RuleTally, ...]:
        """Each rule's tally: the households' counted as they streamed, and the operation's."""
        found = tuple(operation_level)
        return tuple(
            _add_tallies(
                self.tallies.get(rule.code, RuleTally(code=rule.code)),
                _tally_of(found, rule.code),
            )
            for rule in rules
        )

    def _stats(self, source: str | None, format: str | None) -> ManifestStats:
        return ManifestStats(
            source=source,
            format=format,
            cases=self.read,
            checked=self.checked,
            failed=self.failed,
            duplicates=self.duplicates,
            persons=self.counts.persons,
            issues=self.issues,
            first_issues=tuple(self.first_issues),
        )

    def _decide_cases(
        self,
        runner: VerdictRunner,
        above: tuple[tuple[Finding, ...], frozenset[str]],
        *,
        cases_out: IO[str] | None,
        progress: ProgressCallback | None,
        total: int | None,
    ) -> tuple[Counter[str], Counter[str], set[str]]:
        """Decide the case verdicts of every spill with ``runner`` given the findings above
        the cases and the gate codes (``above``), write them out, and return the person
        verdicts now and once escalations are resolved, and the codes the case traces list."""
        people: Counter[str] = Counter()
        resolved: Counter[str] = Counter()
        trace_codes: set[str] = set()
        done = 0
        for text, counts, households, codes in runner(*above, self._spills()):
            trace_codes |= codes
            for key, count in counts.items():
                if key.startswith(PROVISIONAL_PREFIX):
                    resolved[key.removeprefix(PROVISIONAL_PREFIX)] += count
                else:
                    people[key] += count
            if cases_out is not None:
                cases_out.write(text)
            done += households
            if progress is not None:
                progress(
                    Progress(
                        phase="verdicts",
                        cases=self.read,
                        persons=self.counts.persons,
                        failed=self.failed,
                        bytes_read=self.bytes_read,
                        bytes_total=total,
                        verdicts=done,
                        verdicts_total=self.checked,
                    )
                )
        return people, resolved, trace_codes

    def _pseudonymise(self, report: Report, key: bytes) -> Report:
        seen_households = self.households_seen
        seen_persons = self.persons_seen

        def rename(reference: str) -> str:
            if reference in seen_households or reference in seen_persons:
                return pseudonym(reference, key)
            return reference

        fields = ("reasons", "why_not_promote", "area_verdicts", "findings", "trace")
        changes = {name: rename_references(getattr(report, name), rename) for name in fields}
        if report.next_review is not None:
            changes["next_review"] = rename_references(report.next_review, rename)
        return attrs.evolve(report, **changes)

    def _manifest_finding(self, population: int) -> Finding:
        message, parts = incomplete(
            failed=self.failed,
            read=self.read,
            duplicates=self.duplicates,
            unresolved=self.unresolved,
            population_short=bool(population),
        )
        return Finding(
            code=MANIFEST_CODE,
            title=TITLE,
            severity=Severity.BLOCKER,
            default_severity=Severity.BLOCKER,
            outcome=Outcome.INSUFFICIENT_INFORMATION,
            scope=Scope.OPERATION,
            subject=self.context.operation.reference,
            path="$.households",
            message=str(message),
            evidence=Evidence(
                observed="; ".join(str(part) for part in parts), expected=str(EXPECTED)
            ),
            remediation=REMEDIATION,
            wording=Wording(message=message, observed=parts, expected=EXPECTED),
        )

    def close(self) -> None:
        """Remove the spill file (it is a temporary file, gone once closed)."""
        self.spill.close()

    def _spills(self) -> Iterator[bytes]:
        self.spill.seek(0)
        while True:
            head = self.spill.read(_LENGTH.size)
            if not head:
                return
            (length,) = _LENGTH.unpack(head)
            yield self.spill.read(length)

    def _verdicts_here(
        self,
        operation_findings: tuple[Finding, ...],
        gate_codes: frozenset[str],
        spills: Iterable[bytes],
    ) -> Iterator[VerdictLines]:
        for spill in spills:
            yield verdict_lines(self.context, operation_findings, gate_codes, spill)


@attrs.frozen
class _OperationLevel:
    """The operation- and area-level findings of a streamed check at an instant, from the
    counters of its households and the waivers their findings matched."""

    context: CaseContext
    settlement: Settlement
    extra: tuple[Finding, ...]
    """Findings of the merge itself (the manifest's): the same at every instant."""

    def run(
        self, instant: pendulum.DateTime, counts: ManifestCounts, matched: frozenset[int]
    ) -> tuple[Evaluation, tuple[Finding, ...]]:
        rules = Registry([r for r in self.settlement.rules if r.meta.scope not in CASE_SCOPES])
        shell = self.context.operation
        facts = build_facts(shell, instant, self.context.policy.parameters, counts)
        evaluation = evaluate(rules, facts)
        settled = self.settlement.settle(evaluation.findings, instant, matched_elsewhere=matched)
        return evaluation, self.settlement.report_findings(settled, self.extra)


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
        return _pre_pass(self.rerun.executor, self.context, self.rerun.chunks())

    def summaries(self, wanted: Wanted) -> Iterator[tuple[tuple[str, LinkedHousehold], ...]]:
        return _wanted_summaries(self.rerun.executor, self.context, wanted, self.rerun.chunks)

    def results(self, linked: Linked) -> Iterator[CasesResult]:
        return _checked(self.rerun.executor, self.context, linked, self.rerun.chunks())

    def verdicts(
        self,
        operation_findings: tuple[Finding, ...],
        gate_codes: frozenset[str],
        spills: Iterable[bytes],
    ) -> Iterator[VerdictLines]:
        calls = ((operation_findings, gate_codes, spill) for spill in spills)
        return self.rerun.executor.each(self.context, verdict_lines, calls)


def _tally_of(tallies: Iterable[RuleTally], code: str) -> RuleTally | None:
    for tally in tallies:
        if tally.code == code:
            return tally
    return None


def _add_tallies(first: RuleTally | None, second: RuleTally | None) -> RuleTally:
    if first is None:
        assert second is not None
        return second
    if second is None:
        return first
    return RuleTally(
        code=first.code,
        passed=first.passed + second.passed,
        failed=first.failed + second.failed,
        insufficient_information=first.insufficient_information + second.insufficient_information,
        not_applicable=first.not_applicable + second.not_applicable,
        error=first.error + second.error,
    )
