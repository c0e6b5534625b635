"""The verdict gates, on hand-made findings: hard stops, escalation, promotion, facilitation."""

from __future__ import annotations

from repatguard.engine.verdict import decide
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


def test_a_hard_stop_wins_over_escalation() -> None:
    findings = [_finding(escalate=True), _finding("LEAD-001", Severity.BLOCKER)]
    decision = decide(findings, GATE)
    assert decision.verdict is Verdict.BLOCKED
    assert not decision.escalate


def test_verdict_order_for_may_proceed() -> None:
    ranked = sorted(Verdict, key=lambda v: v.rank, reverse=True)
    assert ranked == [
        Verdict.PROMOTE,
        Verdict.FACILITATE_ONLY,
        Verdict.INSUFFICIENT_INFORMATION,
        Verdict.BLOCKED,
    ]
    assert Verdict.worst([]) is Verdict.BLOCKED
