"""``check``: an operation and an instant in, a report out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import pendulum

from repatguard.engine.cases import case_verdicts, person_counts, provisional_counts
from repatguard.engine.evaluate import evaluate, household_kins
from repatguard.engine.headline import FindingCounts, assemble_report, decide_areas, gate_codes
from repatguard.engine.review import candidate_instants, next_review_due, scheduled_reviews
from repatguard.engine.settle import Settlement, located_waivers
from repatguard.engine.verdict import operation_level
from repatguard.errors import InputError
from repatguard.facts.facts import build_facts, dependants
from repatguard.facts.parameters import Parameters, days
from repatguard.io.load import types_checked
from repatguard.model import Operation, Waiver
from repatguard.model.dates import SUPPORTED_RANGE, in_supported_range
from repatguard.model.validate import validate_operation
from repatguard.outcomes import Verdict
from repatguard.policy.policy import Policy, PolicyError, policy_problems
from repatguard.report.finding import Finding, RuleTally
from repatguard.report.pseudonyms import ReferenceKey, pseudonymise
from repatguard.report.report import Report
from repatguard.report.trace import ParameterSource, ScopeTrace
from repatguard.rules.registry import Registry, builtin_registry

__all__ = [
    "CheckRun",
    "build_report",
    "check",
    "effective_policy",
    "require_valid",
    "to_instant",
]
# Besides check, these are the engine's internal API, shared with repatguard.stream (as are
# engine.settle, engine.cases and engine.headline) so that a streamed check decides exactly
# as the in-memory one; they are not exported from repatguard.


def to_instant(as_of: Any) -> pendulum.DateTime:
    """A date means the start of that day at UTC; a datetime must carry a UTC offset; either
    must lie in the supported range (docs/model.md), as every date of the input does."""
    if isinstance(as_of, dt.date) and not in_supported_range(as_of):
        raise ValueError(f"as_of must lie from {SUPPORTED_RANGE} (the supported range)")
    if isinstance(as_of, dt.datetime):
        if as_of.tzinfo is None or as_of.utcoffset() is None:
            raise ValueError("as_of must carry a UTC offset; a naive datetime is ambiguous")
        return pendulum.instance(as_of)
    if isinstance(as_of, dt.date):
        return pendulum.datetime(as_of.year, as_of.month, as_of.day, tz="UTC")
    raise TypeError(f"as_of must be a date or an aware datetime, got {type(as_of).__name__}")


def check(
    operation: Operation,
    *,
    as_of: dt.date | dt.datetime,
    policy: Policy | None = None,
    parameters: Parameters | None = None,
    registry: Registry | None = None,
    waivers: Iterable[Waiver] = (),
    reveal_references: bool = False,
    reference_key: str | bytes | ReferenceKey | None = None,
    next_review: bool = True,
    trace: bool = False,
    parameter_sources: Mapping[str, ParameterSource] | None = None,
) -> Report:
    """Check every safeguard of ``operation`` as things stand at ``as_of``.

    ``as_of`` is required: no rule reads the clock. ``policy`` selects rules, overrides
    severities and sets parameters (``parameters`` alone is a shortcut for a default policy
    with those parameters). ``waivers`` adds waivers from a separate register to those attached
    to the operation. Subject references in the report are pseudonymous unless
    ``reveal_references`` is true (see :mod:`repatguard.report.pseudonyms`). With
    ``next_review`` the report says when the result will next change by itself. With
    ``trace`` the report carries the decision trace (:attr:`Report.trace`): every verdict
    step by step; ``parameter_sources`` says where the policy's parameters were set for it
    (the command line passes it; others are ``default`` or ``policy``).

    Raises :class:`InputError` when the operation breaks an invariant and
    :class:`~repatguard.policy.PolicyError` when the policy cannot be applied.
    """
    require_valid(operation)
    if operation.cases_manifest is not None:
        # Never check an operation while silently leaving its cases out.
        raise ValueError(
            "the operation refers to a case manifest (cases_manifest); check it with "
            "repatguard.stream.check_manifest or `repatguard check OP`"
        )
    instant = to_instant(as_of)
    catalogue = registry if registry is not None else builtin_registry()
    policy = effective_policy(policy, parameters, catalogue)
    settlement = Settlement(
        policy=policy,
        rules=policy.apply(catalogue),
        catalogue=catalogue,
        waivers=located_waivers(operation, waivers),
        operation=operation.reference,
    )
    run = CheckRun(operation=operation, settlement=settlement)
    findings, tallies, dependent = run.findings_at(instant)
    report = build_report(
        run, instant, findings, tallies, dependent, trace=trace, parameter_sources=parameter_sources
    )
    if next_review:
        report = _with_next_review(report, run, findings, instant)
    return pseudonymise(report, operation, reveal=reveal_references, key=reference_key)


def _with_next_review(
    report: Report, run: CheckRun, findings: tuple[Finding, ...], instant: pendulum.DateTime
) -> Report:
    """``report`` with the first instant at which its result changes by itself: the check run
    again at each candidate instant the input's dates draw, in order."""
    operation, settlement = run.operation, run.settlement
    policy = settlement.policy
    candidates = candidate_instants(
        operation,
        tuple(waiver for _, waiver in settlement.waivers),
        policy.parameters,
        instant,
        warning_days=days(policy.waiver_expiry_warning),
    )

    def at(later: pendulum.DateTime) -> tuple[tuple[Finding, ...], Verdict]:
        later_findings, later_tallies, later_dependent = run.findings_at(later)
        later_report = build_report(run, later, later_findings, later_tallies, later_dependent)
        return later_findings, later_report.verdict

    due = next_review_due(
        at, candidates, findings, report.verdict, scheduled_reviews(operation, instant)
    )
    return attrs.evolve(report, next_review=due, next_review_computed=True)


def require_valid(operation: Operation) -> None:
    """Raise :class:`InputError` with every invariant ``operation`` breaks. Objects built in
    Python get their value types checked too (the loader's are exact already)."""
    issues = validate_operation(operation, check_types=not types_checked(operation))
    if issues:
        raise InputError(issues)


def effective_policy(
    policy: Policy | None, parameters: Parameters | None, catalogue: Registry
) -> Policy:
    if policy is not None and parameters is not None:
        raise ValueError("give parameters through the policy, not both")
    effective = policy or Policy(parameters=parameters or Parameters())
    problems = policy_problems(effective, catalogue)
    if problems:
        raise PolicyError(problems)
    return effective


@attrs.frozen(kw_only=True)
class CheckRun:
    """Everything a check needs except the instant: re-run it at other instants."""

    operation: Operation
    settlement: Settlement

    @property
    def policy(self) -> Policy:
        return self.settlement.policy

    def findings_at(
        self, instant: pendulum.DateTime
    ) -> tuple[tuple[Finding, ...], tuple[RuleTally, ...], frozenset[str]]:
        """The findings at ``instant``, the rule tallies and the dependent children."""
        settlement = self.settlement
        facts = build_facts(self.operation, instant, settlement.policy.parameters)
        kins = household_kins(facts)
        evaluation = evaluate(settlement.rules, facts, kins=kins)
        findings = settlement.report_findings(settlement.settle(evaluation.findings, instant))
        return findings, evaluation.tallies, dependants(facts, facts.operation.households, kins)


def build_report(
    run: CheckRun,
    instant: pendulum.DateTime,
    findings: tuple[Finding, ...],
    tallies: tuple[RuleTally, ...],
    dependent: frozenset[str] = frozenset(),
    *,
    trace: bool = False,
    parameter_sources: Mapping[str, ParameterSource] | None = None,
) -> Report:
    """The in-memory report: every finding held, every case decided here; with ``trace``,
    the steps of every verdict recorded as they are taken."""
    operation = run.operation
    settlement = run.settlement
    gates = gate_codes(settlement.rules)
    operation_findings = operation_level(findings)
    case_traces: list[ScopeTrace] | None = [] if trace else None
    cases = case_verdicts(
        operation.households, findings, operation_findings, gates, dependent, trace=case_traces
    )
    return assemble_report(
        operation=operation,
        policy=settlement.policy,
        catalogue=settlement.catalogue,
        rules_run=len(settlement.rules),
        instant=instant,
        decisions=decide_areas(operation, operation_findings, gates, record=trace),
        findings=findings,
        counts=FindingCounts.of(findings),
        tallies=tallies,
        cases=tuple(cases),
        people=person_counts(cases),
        resolved_people=provisional_counts(cases),
        case_traces=None if case_traces is None else tuple(case_traces),
        parameter_sources=parameter_sources,
    )
