"""From findings to verdicts: hard stops, escalation, the promotion gate, the facilitation gate.

Follows domain.md §3.2 as amended by §0 (A-0, A-R2, A-R3). The verdict reads findings only.

Within one scope (an area, a case):

1. any blocker that *failed* → ``blocked`` (hard stop); the escalation flag is still set when
   any open finding carries it;
2. an escalation finding that failed → ``blocked`` with the escalation flag set and the
   provisional result of the remaining steps attached; an escalation finding that is only
   undetermined → at most ``insufficient_information``, flag set, provisional attached;
3. no finding of major or blocker weight open, no rule crashed → ``promote``;
4. otherwise promotion is not possible; the facilitation gate decides:
   - a gate rule failed and promotion was disproved by an established failure → ``blocked``;
   - a gate rule failed while promotion failed only on missing information, a blocker lacks
     information, a gate rule lacks information, or a rule crashed → ``insufficient_information``
     (data gaps never block);
   - else → ``facilitate_only``.

A case (a person or a household) is decided on the findings of its area plus its own, and
then held by its own open majors (:func:`hold_case`). The operation's headline is bounded by
its cases (see ``engine.check``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from repatguard.outcomes import Outcome, Scope, Severity, Verdict
from repatguard.report.finding import Finding
from repatguard.report.trace import Step, TraceCase

__all__ = [
    "OPEN_OUTCOMES",
    "Decision",
    "StepTaken",
    "applies_to_area",
    "decide",
    "escalates",
    "hold_case",
    "operation_level",
]

OPEN_OUTCOMES = (Outcome.FAIL, Outcome.INSUFFICIENT_INFORMATION, Outcome.ERROR)
"""Outcomes that still bear on a verdict: failed, undetermined or crashed (not waived)."""


def escalates(finding: Finding) -> bool:
    """Whether ``finding`` sends the report to the escalation path (open and flagged)."""
    return finding.escalate and finding.outcome in OPEN_OUTCOMES


@attrs.frozen(kw_only=True)
class StepTaken:
    """One step of the verdict as it was taken, for the decision trace (``record=True``)."""

    step: Step
    verdict: Verdict | None
    """What the step gives the scope; ``None`` when the step holds and the next decides."""
    findings: tuple[Finding, ...] = ()
    cases: tuple[TraceCase, ...] = ()


@attrs.frozen(kw_only=True)
class Decision:
    verdict: Verdict
    reasons: tuple[Finding, ...] = ()
    """The findings that decided the verdict (empty for ``promote``)."""
    not_promotable: tuple[Finding, ...] = ()
    """Every finding that rules out promotion."""
    escalate: bool = False
    provisional: Verdict | None = None
    """With ``escalate``: the verdict the gates would give once the escalation is resolved."""
    steps: tuple[StepTaken, ...] = ()
    """The steps taken, in order, when the decision was recorded (empty otherwise). The
    verdict is the least permissive verdict they give."""

    def then(self, step: StepTaken) -> Decision:
        """This decision with ``step`` recorded after its steps (its verdict unchanged)."""
        return attrs.evolve(self, steps=(*self.steps, step))


def decide(
    findings: Iterable[Finding], gate_codes: frozenset[str], *, record: bool = False
) -> Decision:
    """The verdict of one scope from its findings; ``record`` keeps the steps taken."""
    open_findings = [f for f in findings if f.outcome in OPEN_OUTCOMES]
    failed_blockers = [
        f for f in open_findings if f.outcome is Outcome.FAIL and f.severity is Severity.BLOCKER
    ]
    not_promotable = tuple(
        f
        for f in open_findings
        if f.severity.at_least(Severity.MAJOR) or f.outcome is Outcome.ERROR
    )
    # Any open finding that carries the flag escalates, whatever else decides the verdict: a
    # hard stop does not settle an issue of concern, and an unknown that may be one is sent
    # on as well (an unknown weighs as the worst its rule could find).
    escalations = [f for f in open_findings if f.escalate]
    established = [f for f in escalations if f.outcome is Outcome.FAIL]
    # An established issue of concern blocks until resolved; one that is only possible holds
    # the scope as insufficient information (data gaps never block).
    escalated = Verdict.BLOCKED if established else Verdict.INSUFFICIENT_INFORMATION
    steps: tuple[StepTaken, ...] = ()
    if record:
        steps = (
            StepTaken(
                step=Step.HARD_STOP,
                verdict=Verdict.BLOCKED if failed_blockers else None,
                findings=tuple(failed_blockers),
            ),
            StepTaken(
                step=Step.ESCALATION,
                verdict=escalated if escalations else None,
                findings=tuple(established or escalations),
            ),
        )
    if failed_blockers:
        return Decision(
            verdict=Verdict.BLOCKED,
            reasons=tuple(failed_blockers),
            not_promotable=not_promotable,
            escalate=bool(escalations),
            provisional=Verdict.BLOCKED if escalations else None,
            steps=steps,
        )
    gated = _gates(open_findings, not_promotable, gate_codes, record=record)
    if record:
        gated = attrs.evolve(gated, steps=steps + gated.steps)
    if not escalations:
        return gated
    return Decision(
        verdict=Verdict.worst([escalated, gated.verdict]),
        reasons=tuple(established or escalations),
        not_promotable=not_promotable,
        escalate=True,
        provisional=gated.verdict,
        steps=gated.steps,
    )


def hold_case(decision: Decision, own: Iterable[Finding], *, record: bool = False) -> Decision:
    """``decision`` for one case, held by the case's own open findings of major weight or more.

    domain.md A-2: a major about a person or household needs remediation before facilitation,
    so until it is remediated or waived the case is ``blocked`` when the finding is
    established and ``insufficient_information`` when the fact is unknown (or the rule
    crashed). Findings about the operation or its areas are left to the gates. ``record``
    adds the step to the decision's steps.
    """
    held = [f for f in own if f.outcome in OPEN_OUTCOMES and f.severity.at_least(Severity.MAJOR)]
    if not held:
        return decision.then(StepTaken(step=Step.CASE_HOLD, verdict=None)) if record else decision
    established = [f for f in held if f.outcome is Outcome.FAIL]
    verdict = Verdict.BLOCKED if established else Verdict.INSUFFICIENT_INFORMATION
    if record:
        step = StepTaken(step=Step.CASE_HOLD, verdict=verdict, findings=tuple(established or held))
        decision = decision.then(step)
    provisional = decision.provisional
    if provisional is not None:
        # Resolving an escalation does not remediate the case's own majors.
        provisional = Verdict.worst([provisional, verdict])
    if Verdict.worst([verdict, decision.verdict]) is decision.verdict:
        return attrs.evolve(decision, provisional=provisional)
    return attrs.evolve(
        decision, verdict=verdict, reasons=tuple(established or held), provisional=provisional
    )


def _gates(
    open_findings: Sequence[Finding],
    not_promotable: tuple[Finding, ...],
    gate_codes: frozenset[str],
    *,
    record: bool,
) -> Decision:
    if not not_promotable:
        promoted = (StepTaken(step=Step.PROMOTION_GATE, verdict=Verdict.PROMOTE),)
        return Decision(verdict=Verdict.PROMOTE, steps=promoted if record else ())
    gate_open = [f for f in open_findings if f.code in gate_codes]
    gate_failed = [f for f in gate_open if f.outcome is Outcome.FAIL]
    promotion_disproved = any(f.outcome is Outcome.FAIL for f in not_promotable)
    if gate_failed and promotion_disproved:
        verdict, reasons = Verdict.BLOCKED, tuple(gate_failed)
    else:
        undetermined = [
            f
            for f in open_findings
            if f.outcome is Outcome.ERROR
            or (f.outcome is Outcome.INSUFFICIENT_INFORMATION and f.severity is Severity.BLOCKER)
        ]
        if gate_open or undetermined:
            verdict, reasons = Verdict.INSUFFICIENT_INFORMATION, tuple(undetermined + gate_open)
        else:
            verdict, reasons = Verdict.FACILITATE_ONLY, not_promotable
    steps: tuple[StepTaken, ...] = ()
    if record:
        steps = (
            StepTaken(step=Step.PROMOTION_GATE, verdict=None, findings=not_promotable),
            StepTaken(step=Step.FACILITATION_GATE, verdict=verdict, findings=reasons),
        )
    return Decision(verdict=verdict, reasons=reasons, not_promotable=not_promotable, steps=steps)


def operation_level(findings: Iterable[Finding]) -> list[Finding]:
    """Findings that bear on the operation as a whole or on its areas (not on single cases)."""
    return [f for f in findings if f.scope in (Scope.OPERATION, Scope.AREA)]


def applies_to_area(finding: Finding, area: str | None) -> bool:
    """Whether an operation- or area-level finding bears on cases bound for ``area``.

    Findings tied to no area bear on every area; with an unknown area every finding applies.
    """
    return finding.area is None or area is None or finding.area == area
