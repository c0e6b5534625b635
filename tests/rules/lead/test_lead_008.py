"""LEAD-008: an open escalation holds what it concerns; a decision to stop or suspend blocks."""

from __future__ import annotations

import pytest

import repatguard
from repatguard.errors import InputError
from repatguard.model import Agency, EscalationDecision, EscalationKind, Operation, ReturnArea
from repatguard.outcomes import Outcome, Severity, Verdict
from repatguard.testing.factories import (
    AS_OF,
    evolve,
    sound_assessment,
    sound_operation,
    with_escalation,
)
from repatguard.testing.rules import run_rule

_DECIDED = {"decided_on": AS_OF.subtract(days=2)}


def _two_areas() -> Operation:
    op = sound_operation()
    return evolve(
        op,
        return_areas=(*op.return_areas, ReturnArea(reference="AREA-2", name="Eastern plateau")),
        assessments=(*op.assessments, sound_assessment("AREA-2", "ASM-2")),
    )


def test_passes_without_escalations_on_record() -> None:
    assert run_rule("LEAD-008", sound_operation()).clean


def test_a_decision_to_proceed_passes() -> None:
    op = with_escalation(sound_operation(), decision=EscalationDecision.PROCEED, **_DECIDED)
    assert run_rule("LEAD-008", op).clean
    assert repatguard.check(op, as_of=AS_OF).verdict is Verdict.PROMOTE


def test_an_open_escalation_holds_the_operation_at_insufficient_information() -> None:
    op = with_escalation(sound_operation())
    finding = run_rule("LEAD-008", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.escalate
    assert finding.area is None
    assert finding.path == "$.escalations[0].decision"
    assert "ESC-1" in finding.message
    report = repatguard.check(op, as_of=AS_OF)
    assert report.verdict is Verdict.INSUFFICIENT_INFORMATION
    assert report.escalate


def test_an_open_escalation_about_one_area_holds_that_area_only() -> None:
    op = with_escalation(_two_areas(), areas=("AREA-2",))
    finding = run_rule("LEAD-008", op).only()
    assert finding.area == "AREA-2"
    report = repatguard.check(op, as_of=AS_OF)
    areas = {a.area: a.verdict for a in report.area_verdicts}
    assert areas == {"AREA-1": Verdict.PROMOTE, "AREA-2": Verdict.INSUFFICIENT_INFORMATION}


def test_one_finding_per_area_concerned() -> None:
    op = with_escalation(_two_areas(), areas=("AREA-1", "AREA-2"))
    findings = run_rule("LEAD-008", op).findings
    assert [f.area for f in findings] == ["AREA-1", "AREA-2"]


@pytest.mark.parametrize("decision", [EscalationDecision.STOP, EscalationDecision.SUSPEND])
def test_a_decision_to_stop_or_suspend_blocks_and_is_never_a_clearance(
    decision: EscalationDecision,
) -> None:
    op = with_escalation(_two_areas(), areas=("AREA-1",), decision=decision, **_DECIDED)
    finding = run_rule("LEAD-008", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert not finding.escalate  # decided: no longer awaiting the path
    assert finding.area == "AREA-1"
    assert str(decision) in finding.message
    report = repatguard.check(op, as_of=AS_OF)
    areas = {a.area: a.verdict for a in report.area_verdicts}
    assert areas == {"AREA-1": Verdict.BLOCKED, "AREA-2": Verdict.PROMOTE}
    assert report.verdict is Verdict.BLOCKED


@pytest.mark.parametrize(
    ("changes", "path", "observed"),
    [
        ({"decision": EscalationDecision.PROCEED}, "decided_on", "undated"),
        ({"decided_on": AS_OF}, "decision", "not what was decided"),
        (
            {"decision": EscalationDecision.PROCEED, "decided_on": AS_OF.add(days=1)},
            "decided_on",
            "after as_of",
        ),
    ],
)
def test_a_decision_not_recorded_in_full_or_not_yet_taken_leaves_it_open(
    changes: dict[str, object], path: str, observed: str
) -> None:
    finding = run_rule("LEAD-008", with_escalation(sound_operation(), **changes)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.escalate
    assert finding.path == f"$.escalations[0].{path}"
    assert observed in (finding.evidence.observed or "")


def test_an_escalation_raised_after_as_of_is_not_yet_on_the_path() -> None:
    op = with_escalation(sound_operation(), raised_on=AS_OF.add(days=1))
    assert run_rule("LEAD-008", op).clean


def test_an_undated_escalation_counts_as_raised() -> None:
    finding = run_rule("LEAD-008", with_escalation(sound_operation(), raised_on=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION


def test_the_role_and_the_issue_are_never_quoted() -> None:
    op = with_escalation(
        sound_operation(), raised_by=Agency.IOM, raised_by_role="ROLE-TEXT", issue="ISSUE-TEXT"
    )
    finding = run_rule("LEAD-008", op).only()
    shown = f"{finding.message} {finding.evidence}"
    assert "ROLE-TEXT" not in shown
    assert "ISSUE-TEXT" not in shown


def test_a_waiver_cannot_clear_an_open_escalation() -> None:
    rule = next(r for r in repatguard.builtin_registry() if r.code == "LEAD-008")
    assert not rule.meta.waivable


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [
        (
            {"raised_on": AS_OF, "decided_on": AS_OF.subtract(days=1)},
            "$.escalations[0].decided_on",
            "before the date it was raised",
        ),
        ({"areas": ("Northern district",)}, "$.escalations[0].areas[0]", "unknown return area"),
        ({"rules": ("prem-11",)}, "$.escalations[0].rules[0]", "expected a rule code"),
    ],
)
def test_invariants_are_input_errors_with_paths(
    changes: dict[str, object], path: str, message: str
) -> None:
    with pytest.raises(InputError) as raised:
        repatguard.check(with_escalation(sound_operation(), **changes), as_of=AS_OF)
    [issue] = raised.value.issues
    assert issue.path == path
    assert message in issue.message


def test_a_repeated_reference_is_an_input_error() -> None:
    op = with_escalation(with_escalation(sound_operation()), kind=EscalationKind.LEAD_DISPUTE)
    with pytest.raises(InputError) as raised:
        repatguard.check(op, as_of=AS_OF)
    assert [issue.path for issue in raised.value.issues] == ["$.escalations"]
