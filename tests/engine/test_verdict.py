"""The verdict gates, on hand-made findings: hard stops, escalation, promotion, facilitation."""

from __future__ import annotations

import attrs

from repatguard.engine.verdict import applies_to_area, decide, hold_case
from repatguard.outcomes import Outcome, Scope, Severity, Verdict
from repatguard.report.finding import Finding

GATE = frozenset({"GATE-001"})


def _finding(
    code: str = "COND-002",
    severity: Severity = Severity.MAJOR,
    outcome: Outcome = Outcome.FAIL,
    *,
    escalate: bool = False,
) -> Finding:
    return Finding(
        code=code,
        title="t",
        severity=severity,
        default_severity=severity,
        outcome=outcome,
        scope=Scope.OPERATION,
        subject="OP",
        path="$",
        message="m",
        escalate=escalate,
    )


def _person_finding(outcome: Outcome, severity: Severity = Severity.MAJOR) -> Finding:
    return attrs.evolve(_finding("SPEC-001", severity, outcome), scope=Scope.PERSON, subject="P1")


def test_no_open_finding_promotes() -> None:
    assert decide([], GATE).verdict is Verdict.PROMOTE


def test_minor_and_info_findings_do_not_prevent_promotion() -> None:
    findings = [_finding(severity=Severity.MINOR), _finding(severity=Severity.INFO)]
    assert decide(findings, GATE).verdict is Verdict.PROMOTE


def test_a_failed_blocker_blocks_whatever_else_holds() -> None:
    decision = decide([_finding(severity=Severity.BLOCKER)], GATE)
    assert decision.verdict is Verdict.BLOCKED
    assert [f.code for f in decision.reasons] == ["COND-002"]


def test_a_major_failure_allows_facilitation_only() -> None:
    decision = decide([_finding()], GATE)
    assert decision.verdict is Verdict.FACILITATE_ONLY
    assert len(decision.not_promotable) == 1


def test_a_blocker_that_lacks_information_is_insufficient_never_blocked() -> None:
    decision = decide(
        [_finding(severity=Severity.BLOCKER, outcome=Outcome.INSUFFICIENT_INFORMATION)], GATE
    )
    assert decision.verdict is Verdict.INSUFFICIENT_INFORMATION


def test_a_crashed_rule_is_never_a_pass() -> None:
    crashed = _finding(severity=Severity.MINOR, outcome=Outcome.ERROR)
    assert decide([crashed], GATE).verdict is Verdict.INSUFFICIENT_INFORMATION


def test_a_failed_gate_rule_blocks_when_promotion_is_disproved() -> None:
    findings = [_finding(), _finding("GATE-001", Severity.MINOR)]
    assert decide(findings, GATE).verdict is Verdict.BLOCKED


def test_a_failed_gate_rule_is_insufficient_when_promotion_failed_only_on_missing_data() -> None:
    findings = [
        _finding(outcome=Outcome.INSUFFICIENT_INFORMATION),
        _finding("GATE-001", Severity.MINOR),
    ]
    assert decide(findings, GATE).verdict is Verdict.INSUFFICIENT_INFORMATION


def test_a_gate_rule_is_ignored_when_promotion_is_possible() -> None:
    assert decide([_finding("GATE-001", Severity.MINOR)], GATE).verdict is Verdict.PROMOTE


def test_an_unknown_gate_rule_is_insufficient_when_facilitation_is_at_stake() -> None:
    findings = [_finding(), _finding("GATE-001", Severity.MINOR, Outcome.INSUFFICIENT_INFORMATION)]
    assert decide(findings, GATE).verdict is Verdict.INSUFFICIENT_INFORMATION


def test_escalation_blocks_and_keeps_the_provisional_result() -> None:
    decision = decide([_finding(escalate=True)], GATE)
    assert decision.verdict is Verdict.BLOCKED
    assert decision.escalate
    assert decision.provisional is Verdict.FACILITATE_ONLY


def test_a_hard_stop_blocks_and_still_escalates() -> None:
    # Issue 11 item 4: a hard stop does not settle an issue of concern.
    findings = [_finding(escalate=True), _finding("LEAD-001", Severity.BLOCKER)]
    decision = decide(findings, GATE)
    assert decision.verdict is Verdict.BLOCKED
    assert [f.code for f in decision.reasons] == ["LEAD-001"]
    assert decision.escalate
    assert decision.provisional is Verdict.BLOCKED


def test_a_failed_escalating_blocker_escalates() -> None:
    # Issue 11 item 4: LEAD-001 fails as a blocker and carries the flag itself.
    decision = decide([_finding("LEAD-001", Severity.BLOCKER, escalate=True)], GATE)
    assert decision.verdict is Verdict.BLOCKED
    assert decision.escalate


def test_a_possible_escalation_escalates_and_holds_as_insufficient() -> None:
    # Issue 11 item 18: an unknown that may be an issue of concern weighs as one, but a data
    # gap never blocks.
    unknown = _finding("LEAD-007", outcome=Outcome.INSUFFICIENT_INFORMATION, escalate=True)
    decision = decide([unknown], GATE)
    assert decision.verdict is Verdict.INSUFFICIENT_INFORMATION
    assert decision.escalate
    assert decision.provisional is Verdict.FACILITATE_ONLY
    established = decide([_finding("LEAD-007", escalate=True)], GATE)
    assert established.verdict is Verdict.BLOCKED
    assert established.escalate


def test_a_waived_escalation_does_not_escalate() -> None:
    waived = _finding("LEAD-007", outcome=Outcome.WAIVED, escalate=True)
    assert not decide([waived], GATE).escalate


def test_a_failed_gate_rule_blocks_when_one_reason_is_established_beside_unknowns() -> None:
    # Issue 11 item 25: promotion is disproved by *any* established major, even when other
    # reasons are only unknown (an `all` here would read the mix as a data gap).
    findings = [
        _finding("GATE-001", Severity.MAJOR, Outcome.FAIL),
        _finding("COND-002", Severity.MAJOR, Outcome.INSUFFICIENT_INFORMATION),
    ]
    assert decide(findings, GATE).verdict is Verdict.BLOCKED


def test_an_open_major_on_a_case_holds_it() -> None:
    # Issue 11 item 2 (domain.md A-2): established -> blocked, unknown -> insufficient.
    base = decide([], GATE)
    established = [_person_finding(Outcome.FAIL)]
    unknown = [_person_finding(Outcome.INSUFFICIENT_INFORMATION)]
    crashed = [_person_finding(Outcome.ERROR)]
    assert hold_case(base, established).verdict is Verdict.BLOCKED
    assert hold_case(base, unknown).verdict is Verdict.INSUFFICIENT_INFORMATION
    assert hold_case(base, crashed).verdict is Verdict.INSUFFICIENT_INFORMATION
    assert hold_case(base, established).reasons == tuple(established)
    minor = [_person_finding(Outcome.FAIL, Severity.MINOR)]
    assert hold_case(base, minor).verdict is Verdict.PROMOTE
    waived = [_person_finding(Outcome.WAIVED)]
    assert hold_case(base, waived).verdict is Verdict.PROMOTE


def test_holding_a_case_never_relaxes_it() -> None:
    blocked = decide([_finding(severity=Severity.BLOCKER)], GATE)
    unknown = [_person_finding(Outcome.INSUFFICIENT_INFORMATION)]
    assert hold_case(blocked, unknown).verdict is Verdict.BLOCKED


def test_a_case_with_an_unknown_area_faces_every_area_finding() -> None:
    # Issue 11 item 25: an unknown return area may be the blocked one.
    finding = attrs.evolve(_finding(severity=Severity.BLOCKER), scope=Scope.AREA, area="AREA-N")
    assert applies_to_area(finding, None)
    assert applies_to_area(finding, "AREA-N")
    assert not applies_to_area(finding, "AREA-S")
    assert applies_to_area(_finding(), "AREA-S")


def test_verdict_order_for_may_proceed() -> None:
    ranked = sorted(Verdict, key=lambda v: v.rank, reverse=True)
    assert ranked == [
        Verdict.PROMOTE,
        Verdict.FACILITATE_ONLY,
        Verdict.INSUFFICIENT_INFORMATION,
        Verdict.BLOCKED,
    ]
    assert Verdict.worst([]) is Verdict.BLOCKED
