"""``check``: an operation and an instant in, a report out."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pendulum

from repatguard._version import __version__
from repatguard.engine.evaluate import evaluate
from repatguard.engine.facts import build_facts
from repatguard.engine.verdict import Decision, applies_to_area, decide, operation_level
from repatguard.errors import InputError
from repatguard.model import Operation
from repatguard.model.validate import validate_operation
from repatguard.outcomes import Outcome, Scope, Severity, Verdict
from repatguard.report.finding import Finding
from repatguard.report.report import (
    SCHEMA_VERSION,
    AreaVerdict,
    CaseVerdict,
    Reason,
    Report,
    Summary,
)
from repatguard.rules.parameters import Parameters
from repatguard.rules.registry import Registry, builtin_registry

__all__ = ["check", "to_instant"]


def to_instant(as_of: Any) -> pendulum.DateTime:
    """A date means the start of that day at UTC; a datetime must carry a UTC offset."""
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
    parameters: Parameters | None = None,
    registry: Registry | None = None,
) -> Report:
    """Check every safeguard of ``operation`` as things stand at ``as_of``.

    ``as_of`` is required: no rule reads the clock. Raises :class:`InputError` when the
    operation breaks an invariant (the same checks as loading a file).
    """
    issues = validate_operation(operation)
    if issues:
        raise InputError(issues)
    instant = to_instant(as_of)
    params = parameters or Parameters()
    rules = registry if registry is not None else builtin_registry()
    facts = build_facts(operation, instant, params)
    evaluation = evaluate(rules, facts)
    gate_codes = frozenset(rule.code for rule in rules if rule.meta.facilitation_gate)
    findings = tuple(
        sorted((*evaluation.findings, *_not_run(rules, operation.reference)), key=Finding.sort_key)
    )

    operation_findings = operation_level(findings)
    area_verdicts: list[AreaVerdict] = []
    area_decisions: dict[str, Decision] = {}
    for area in operation.return_areas:
        relevant = [f for f in operation_findings if applies_to_area(f, area.reference)]
        decision = decide(relevant, gate_codes)
        area_decisions[area.reference] = decision
        area_verdicts.append(
            AreaVerdict(
                area=area.reference,
                verdict=decision.verdict,
                escalate=decision.escalate,
                reasons=tuple(Reason.of(f) for f in decision.reasons),
            )
        )
    overall = _overall(operation_findings, area_decisions, gate_codes)
    cases = _case_verdicts(operation, facts, findings, operation_findings, gate_codes)
    return Report(
        schema_version=SCHEMA_VERSION,
        library_version=__version__,
        catalogue_version=rules.version,
        operation=operation.reference,
        as_of=instant.isoformat(),
        verdict=overall.verdict,
        escalate=overall.escalate,
        provisional_verdict=overall.provisional,
        reasons=tuple(Reason.of(f) for f in overall.reasons),
        why_not_promote=tuple(Reason.of(f) for f in overall.not_promotable),
        area_verdicts=tuple(area_verdicts),
        case_verdicts=tuple(cases),
        findings=findings,
        summary=_summary(findings, evaluation.tallies, cases, len(rules)),
        rule_tallies=evaluation.tallies,
        parameters=params,
    )


REQUIRED_RULES = (
    "LEAD-001",
    "VOL-001",
    "VOL-003",
    "VOL-005",
    "VOL-006",
    "VOL-009",
    "VOL-015",
    "COND-001",
    "COND-002",
    "COND-003",
    "COND-007",
    "COND-008",
    "PREM-001",
    "PREM-002",
    "PREM-006",
)
"""Rules whose safeguards no verdict better than ``insufficient_information`` can do without.

A registry that leaves one out (a narrowed selection, a custom catalogue) cannot clear
anything: each missing rule becomes an insufficient-information finding at blocker weight."""


def _not_run(rules: Registry, operation: str) -> list[Finding]:
    return [
        Finding(
            code=code,
            title="Required safeguard not checked",
            severity=Severity.BLOCKER,
            default_severity=Severity.BLOCKER,
            outcome=Outcome.INSUFFICIENT_INFORMATION,
            scope=Scope.OPERATION,
            subject=operation,
            path="$",
            message=f"rule {code} was not part of this check, so its safeguard is unknown",
            remediation=f"Run the check with a catalogue that includes {code}.",
        )
        for code in REQUIRED_RULES
        if code not in rules
    ]


def _overall(
    operation_findings: list[Finding], areas: dict[str, Decision], gate_codes: frozenset[str]
) -> Decision:
    # The headline verdict never overstates: it is the least permissive area verdict, so it
    # holds for every area; area verdicts show where more is possible.
    if not areas:
        return decide(operation_findings, gate_codes)
    worst = min(areas.values(), key=lambda d: d.verdict.rank)
    reasons = _unique(f for d in areas.values() if d.verdict is worst.verdict for f in d.reasons)
    not_promotable = _unique(f for d in areas.values() for f in d.not_promotable)
    escalate = any(d.escalate for d in areas.values())
    provisional = (
        Verdict.worst([d.provisional for d in areas.values() if d.provisional is not None])
        if escalate
        else None
    )
    return Decision(
        verdict=worst.verdict,
        reasons=reasons,
        not_promotable=not_promotable,
        escalate=escalate,
        provisional=provisional,
    )


def _unique(findings: Any) -> tuple[Finding, ...]:
    seen: dict[tuple[str, str, str], Finding] = {}
    for finding in findings:
        seen.setdefault((finding.code, finding.subject, finding.path), finding)
    return tuple(sorted(seen.values(), key=Finding.sort_key))


def _case_verdicts(
    operation: Operation,
    facts: Any,
    findings: tuple[Finding, ...],
    operation_findings: list[Finding],
    gate_codes: frozenset[str],
) -> list[CaseVerdict]:
    by_household: dict[str, list[Finding]] = {}
    by_person: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.scope is Scope.HOUSEHOLD:
            by_household.setdefault(finding.subject, []).append(finding)
        elif finding.scope is Scope.PERSON:
            by_person.setdefault(finding.subject, []).append(finding)
    cases: list[CaseVerdict] = []
    for household in operation.households:
        household_findings = by_household.get(household.reference, [])
        member_verdicts: list[Verdict] = []
        for person in household.members:
            if person.stays_behind is True:
                continue
            area = facts.area_of(household, person)
            relevant = [f for f in operation_findings if applies_to_area(f, area)]
            relevant += household_findings + by_person.get(person.reference, [])
            decision = decide(relevant, gate_codes)
            member_verdicts.append(decision.verdict)
            cases.append(
                CaseVerdict(
                    scope=Scope.PERSON,
                    subject=person.reference,
                    household=household.reference,
                    area=area,
                    verdict=decision.verdict,
                    reasons=tuple(Reason.of(f) for f in decision.reasons),
                )
            )
        area = household.intended_return_area
        relevant = [f for f in operation_findings if applies_to_area(f, area)]
        decision = decide(relevant + household_findings, gate_codes)
        verdict = Verdict.worst([decision.verdict, *member_verdicts])
        cases.append(
            CaseVerdict(
                scope=Scope.HOUSEHOLD,
                subject=household.reference,
                household=household.reference,
                area=area,
                verdict=verdict,
                reasons=tuple(Reason.of(f) for f in decision.reasons),
            )
        )
    return cases


def _summary(
    findings: tuple[Finding, ...], tallies: Any, cases: list[CaseVerdict], rules_run: int
) -> Summary:
    severities = Counter(f.severity.value for f in findings)
    outcomes = Counter(f.outcome.value for f in findings)
    people = Counter(c.verdict.value for c in cases if c.scope is Scope.PERSON)
    return Summary(
        findings=len(findings),
        by_severity={s.value: severities.get(s.value, 0) for s in reversed(Severity)},
        by_outcome={
            o.value: outcomes.get(o.value, 0)
            for o in (Outcome.FAIL, Outcome.INSUFFICIENT_INFORMATION, Outcome.ERROR)
        },
        rules_run=rules_run,
        checks_passed=sum(t.passed for t in tallies),
        checks_not_applicable=sum(t.not_applicable for t in tallies),
        cases={v.value: people.get(v.value, 0) for v in Verdict},
    )
