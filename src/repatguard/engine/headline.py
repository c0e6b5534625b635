"""From settled findings and case verdicts to the report: area verdicts, the headline bounded
by the people, the summary. Written once for the in-memory and the streamed check."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import pendulum

from repatguard._version import __version__
from repatguard.engine.trace import build_trace, scope_trace
from repatguard.engine.verdict import Decision, StepTaken, applies_to_area, decide, escalates
from repatguard.model import Operation
from repatguard.outcomes import Outcome, Scope, Severity, Verdict
from repatguard.policy.policy import Policy
from repatguard.report.finding import Finding, RuleTally
from repatguard.report.report import (
    SCHEMA_VERSION,
    AreaVerdict,
    CaseVerdict,
    Reason,
    References,
    Report,
    Summary,
)
from repatguard.report.trace import ParameterSource, ScopeTrace, Step, Trace, TraceCase
from repatguard.rules.registry import Registry

__all__ = [
    "AreaDecisions",
    "FindingCounts",
    "assemble_report",
    "bound_by_cases",
    "decide_areas",
    "gate_codes",
]

_COUNTED_OUTCOMES = (Outcome.FAIL, Outcome.INSUFFICIENT_INFORMATION, Outcome.ERROR, Outcome.WAIVED)


def gate_codes(rules: Registry) -> frozenset[str]:
    """The codes of the rules the facilitation gate reads."""
    return frozenset(rule.code for rule in rules if rule.meta.facilitation_gate)


@attrs.frozen
class FindingCounts:
    """Findings counted by severity and outcome, and those that escalate: what the summary
    needs of findings a streamed check no longer holds."""

    findings: int = 0
    by_severity: Counter[str] = attrs.field(factory=Counter)
    by_outcome: Counter[str] = attrs.field(factory=Counter)
    escalating: int = 0

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> FindingCounts:
        listed = list(findings)
        return cls(
            len(listed),
            Counter(f.severity.value for f in listed),
            Counter(f.outcome.value for f in listed),
            sum(1 for f in listed if escalates(f)),
        )

    def __add__(self, other: FindingCounts) -> FindingCounts:
        return FindingCounts(
            self.findings + other.findings,
            self.by_severity + other.by_severity,
            self.by_outcome + other.by_outcome,
            self.escalating + other.escalating,
        )


@attrs.frozen
class AreaDecisions:
    """The verdict of every return area and the operation's, before the people bound it."""

    areas: tuple[AreaVerdict, ...]
    overall: Decision
    area_traces: tuple[ScopeTrace, ...] | None = None
    """With ``record``: the trace of every area, in the order of :attr:`areas`."""


def decide_areas(
    operation: Operation,
    operation_findings: list[Finding],
    gates: frozenset[str],
    *,
    record: bool = False,
) -> AreaDecisions:
    """Every area decided on the operation- and area-level findings that apply to it;
    ``record`` keeps the steps taken for the decision trace."""
    area_verdicts: list[AreaVerdict] = []
    area_decisions: dict[str, Decision] = {}
    for area in operation.return_areas:
        relevant = [f for f in operation_findings if applies_to_area(f, area.reference)]
        decision = decide(relevant, gates, record=record)
        area_decisions[area.reference] = decision
        area_verdicts.append(
            AreaVerdict(
                area=area.reference,
                verdict=decision.verdict,
                escalate=decision.escalate,
                reasons=tuple(Reason.of(f) for f in decision.reasons),
            )
        )
    traces = None
    if record:
        traces = tuple(
            scope_trace(
                Scope.AREA,
                reference,
                decision.verdict,
                decision.steps,
                escalate=decision.escalate,
                provisional=decision.provisional,
            )
            for reference, decision in area_decisions.items()
        )
    overall = _overall(operation_findings, area_decisions, gates, record=record)
    return AreaDecisions(tuple(area_verdicts), overall, traces)


# Long in lines, not in logic: one keyword per field of the report it assembles.
def assemble_report(
    *,
    operation: Operation,
    policy: Policy,
    catalogue: Registry,
    rules_run: int,
    instant: pendulum.DateTime,
    decisions: AreaDecisions,
    findings: tuple[Finding, ...],
    counts: FindingCounts,
    tallies: tuple[RuleTally, ...],
    cases: tuple[CaseVerdict, ...],
    people: Mapping[str, int],
    resolved_people: Mapping[str, int],
    references: References | None = None,
    case_traces: tuple[ScopeTrace, ...] | None = None,
    parameter_sources: Mapping[str, ParameterSource] | None = None,
    case_trace_codes: Iterable[str] = (),
) -> Report:
    """The report: ``findings`` are those it lists (a streamed check lists the operation's
    only), ``counts`` all findings of the check; ``people`` and ``resolved_people`` count the
    person verdicts, now and once every escalation is resolved.

    With ``case_traces`` (and ``decisions`` recorded) the report carries the decision trace:
    the operation's, the areas' and these; ``parameter_sources`` says where each parameter
    was set (see :func:`~repatguard.engine.trace.build_trace`). A streamed check passes no
    case traces (they go out with the case verdicts) and ``case_trace_codes``, the codes of
    the findings they list, so that the parameters named are those of the in-memory trace.

    domain.md A-2: the headline and the provisional headline are bounded by the people.
    """
    overall = decisions.overall
    verdict, held_from = bound_by_cases(overall.verdict, people)
    provisional = overall.provisional
    if provisional is not None:
        # Once resolved, the operation may still go no further than its people.
        provisional, _ = bound_by_cases(provisional, resolved_people)
    summary = Summary(
        findings=counts.findings,
        by_severity={s.value: counts.by_severity.get(s.value, 0) for s in reversed(Severity)},
        by_outcome={o.value: counts.by_outcome.get(o.value, 0) for o in _COUNTED_OUTCOMES},
        rules_run=rules_run,
        checks_passed=sum(t.passed for t in tallies),
        checks_not_applicable=sum(t.not_applicable for t in tallies),
        cases={v.value: people.get(v.value, 0) for v in Verdict},
    )
    extra: dict[str, Any] = {} if references is None else {"references": references}
    if case_traces is not None:
        extra["trace"] = _trace(
            operation.reference,
            decisions,
            (verdict, provisional, overall.escalate or counts.escalating > 0),
            people,
            case_traces,
            policy=policy,
            catalogue=catalogue,
            sources=parameter_sources,
            codes_elsewhere=case_trace_codes,
        )
    return Report(
        schema_version=SCHEMA_VERSION,
        library_version=__version__,
        catalogue_version=catalogue.version,
        operation=operation.reference,
        as_of=instant.isoformat(),
        verdict=verdict,
        cases_bound=held_from,
        escalate=overall.escalate or counts.escalating > 0,
        provisional_verdict=provisional,
        reasons=tuple(Reason.of(f) for f in overall.reasons),
        why_not_promote=tuple(Reason.of(f) for f in overall.not_promotable),
        area_verdicts=decisions.areas,
        case_verdicts=cases,
        findings=findings,
        summary=summary,
        rule_tallies=tallies,
        parameters=policy.parameters,
        policy=policy,
        policy_digest=policy.digest,
        movement_kind=operation.movement_kind,
        **extra,
    )


def _trace(
    operation: str,
    decisions: AreaDecisions,
    headline: tuple[Verdict, Verdict | None, bool],
    people: Mapping[str, int],
    case_traces: tuple[ScopeTrace, ...],
    *,
    policy: Policy,
    catalogue: Registry,
    sources: Mapping[str, ParameterSource] | None,
    codes_elsewhere: Iterable[str] = (),
) -> Trace:
    """The decision trace: the operation's steps (its areas, or its own findings when it has
    no area, then the bound of its people), the areas' and the cases'."""
    if decisions.area_traces is None:
        raise ValueError("a trace needs the area decisions recorded (decide_areas(record=True))")
    verdict, provisional, escalate = headline
    present = [Verdict(value) for value, count in people.items() if count]
    bound = StepTaken(
        step=Step.CASES_BOUND,
        verdict=max(present, key=lambda v: v.rank) if present else None,
    )
    operation_trace = scope_trace(
        Scope.OPERATION,
        operation,
        verdict,
        (*decisions.overall.steps, bound),
        escalate=escalate,
        provisional=provisional,
    )
    return build_trace(
        (operation_trace, *decisions.area_traces, *case_traces),
        parameters=policy.parameters,
        catalogue=catalogue,
        sources=sources,
        codes_elsewhere=codes_elsewhere,
    )


def bound_by_cases(
    verdict: Verdict, person_verdicts: Mapping[str, int]
) -> tuple[Verdict, Verdict | None]:
    """The headline bounded by the case verdicts, and what it was before when the bound held it.

    domain.md A-2: when an operation lists people, its verdict is never more permissive than
    the most permissive person verdict (if nobody may move, the operation may not say
    promote). ``person_verdicts`` counts person verdicts by value, as ``Summary.cases`` does,
    so the in-memory and the streamed check bound the headline the same way.
    """
    # Only positive counts: a count that went negative (a bug) must not stand for a person.
    present = [Verdict(value) for value, count in person_verdicts.items() if count > 0]
    if not present:
        return verdict, None
    best = max(present, key=lambda v: v.rank)
    if best.rank < verdict.rank:
        return best, verdict
    return verdict, None


def _overall(
    operation_findings: list[Finding],
    areas: dict[str, Decision],
    gate_codes: frozenset[str],
    *,
    record: bool = False,
) -> Decision:
    # The headline verdict never overstates: it is the least permissive area verdict, so it
    # holds for every area; area verdicts show where more is possible.
    if not areas:
        return decide(operation_findings, gate_codes, record=record)
    worst = min(areas.values(), key=lambda d: d.verdict.rank)
    reasons = _unique(f for d in areas.values() if d.verdict is worst.verdict for f in d.reasons)
    not_promotable = _unique(f for d in areas.values() for f in d.not_promotable)
    escalate = any(d.escalate for d in areas.values())
    # Once the escalation is resolved, an area that is blocked (or held) for another reason
    # stays so: the provisional headline is the worst of what every area would then give.
    provisional = (
        Verdict.worst(
            [d.provisional if d.provisional is not None else d.verdict for d in areas.values()]
        )
        if escalate
        else None
    )
    steps: tuple[StepTaken, ...] = ()
    if record:
        cases = tuple(
            TraceCase(scope=Scope.AREA, subject=reference, verdict=d.verdict)
            for reference, d in areas.items()
        )
        steps = (StepTaken(step=Step.AREAS, verdict=worst.verdict, findings=reasons, cases=cases),)
    return Decision(
        verdict=worst.verdict,
        reasons=reasons,
        not_promotable=not_promotable,
        escalate=escalate,
        provisional=provisional,
        steps=steps,
    )


def _unique(findings: Any) -> tuple[Finding, ...]:
    seen: dict[tuple[str, str, str], Finding] = {}
    for finding in findings:
        seen.setdefault((finding.code, finding.subject, finding.path), finding)
    return tuple(sorted(seen.values(), key=Finding.sort_key))
