"""The in-order merge of a streamed check, and the driver that feeds it.

:func:`run_check` runs a check whatever executes its case-level steps (this process, a
process pool, a Dask cluster): the pre-pass into a
:class:`~repatguard.stream.link_index.LinkIndex`, then every chunk's result into a
:class:`Merge`, which counts, spills, reports input issues, and finally settles the operation,
decides every verdict and builds the :class:`~repatguard.stream.result.StreamResult`.
"""

from __future__ import annotations

import struct
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any

import attrs
import pendulum

from repatguard.engine.evaluate import Evaluation, evaluate
from repatguard.engine.headline import FindingCounts, assemble_report, decide_areas, gate_codes
from repatguard.engine.review import candidate_instants, scheduled_reviews
from repatguard.engine.settle import Settlement
from repatguard.engine.verdict import operation_level
from repatguard.facts.facts import ManifestCounts, build_facts
from repatguard.facts.parameters import days
from repatguard.model.validate import population_problems
from repatguard.outcomes import Outcome, Scope, Severity
from repatguard.report.finding import Evidence, Finding, RuleTally, Wording
from repatguard.report.pseudonyms import pseudonym, rename_references
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
    ManifestIssue,
    VerdictLines,
    verdict_lines,
)
from repatguard.stream.executor import CaseExecutor
from repatguard.stream.link_index import LinkIndex
from repatguard.stream.progress import Progress, ProgressCallback
from repatguard.stream.result import KEPT_ISSUES, ManifestStats, StreamResult
from repatguard.stream.review import KeptInstants, ReviewBase, search_next_review

if TYPE_CHECKING:
    from repatguard.stream.rerun import Rerun

__all__ = ["MANIFEST_CODE", "Merge", "VerdictRunner", "run_check"]

MANIFEST_CODE = "INPUT-001"
"""Code of the finding that holds the verdict at ``insufficient_information`` while any case
failed to load, a reference is used twice, a family link names a household the manifest does
not hold, or the declared population is below the manifest."""

_UNKNOWN_HOUSEHOLD = "unknown household (no household of the operation has this reference)"


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
