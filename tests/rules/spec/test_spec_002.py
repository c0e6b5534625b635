"""SPEC-002: re-trafficking and reprisal risk assessed for trafficking survivors."""

from __future__ import annotations

import pendulum
import pytest

import repatguard
from repatguard.model import Operation, RiskAssessmentOutcome
from repatguard.outcomes import Outcome, Severity, Verdict
from repatguard.testing.factories import AS_OF, sound_operation, with_member
from repatguard.testing.rules import run_rule

SPOUSE = "$.households[0].members[1]"


def _survivor(
    assessed_on: pendulum.Date | None,
    outcome: RiskAssessmentOutcome | None = RiskAssessmentOutcome.NO_RISK,
    survivor: bool | None = True,
) -> Operation:
    return with_member(
        sound_operation(),
        0,
        1,
        trafficking_survivor=survivor,
        retrafficking_risk_assessed_on=assessed_on,
        retrafficking_risk_outcome=outcome,
    )


def test_does_not_apply_to_people_not_flagged_as_survivors() -> None:
    run = run_rule("SPEC-002", sound_operation())
    assert not run.findings
    assert run.outcomes == {Outcome.NOT_APPLICABLE}


def test_an_unrecorded_survivor_status_without_an_assessment_is_unknown_at_full_weight() -> None:
    # Item 20: an unknown status is never kinder than a survivor's.
    op = with_member(sound_operation(), 0, 1, trafficking_survivor=None)
    finding = run_rule("SPEC-002", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.subject == "P-2"
    assert finding.path == f"{SPOUSE}.trafficking_survivor"


def test_an_unrecorded_survivor_status_holds_the_person() -> None:
    op = with_member(sound_operation(), 0, 1, trafficking_survivor=None)
    report = repatguard.check(op, as_of=AS_OF, reveal_references=True)
    assert report.case("P-2").verdict is Verdict.INSUFFICIENT_INFORMATION
    assert report.case("P-1").verdict is Verdict.PROMOTE


def test_an_unrecorded_survivor_status_with_a_future_assessment_is_still_unknown() -> None:
    finding = run_rule("SPEC-002", _survivor(AS_OF.add(days=1), survivor=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{SPOUSE}.trafficking_survivor"


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        (RiskAssessmentOutcome.NO_RISK, Outcome.PASS),
        (RiskAssessmentOutcome.RISK_FOUND, Outcome.FAIL),
        (None, Outcome.INSUFFICIENT_INFORMATION),
    ],
)
@pytest.mark.parametrize("days_before", [10, 0])
def test_with_the_status_unrecorded_a_recorded_assessment_decides_as_for_a_survivor(
    outcome: RiskAssessmentOutcome | None, expected: Outcome, days_before: int
) -> None:
    # An assessment dated on as_of has been made, like one dated earlier.
    op = _survivor(AS_OF.subtract(days=days_before), outcome, survivor=None)
    run = run_rule("SPEC-002", op)
    assert run.outcomes - {Outcome.NOT_APPLICABLE} == {expected}


def test_an_assessment_that_found_a_risk_is_a_major_failure() -> None:
    op = _survivor(AS_OF.subtract(days=10), RiskAssessmentOutcome.RISK_FOUND)
    finding = run_rule("SPEC-002", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{SPOUSE}.retrafficking_risk_outcome"


def test_an_assessment_with_no_recorded_outcome_is_insufficient_information() -> None:
    finding = run_rule("SPEC-002", _survivor(AS_OF.subtract(days=10), None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{SPOUSE}.retrafficking_risk_outcome"


def test_a_survivor_without_an_assessment_holds_the_person_as_blocked() -> None:
    report = repatguard.check(_survivor(None), as_of=AS_OF, reveal_references=True)
    assert report.case("P-2").verdict is Verdict.BLOCKED


@pytest.mark.parametrize("days_before", [10, 0])
def test_passes_when_the_risk_was_assessed_on_or_before_as_of_and_none_found(
    days_before: int,
) -> None:
    run = run_rule("SPEC-002", _survivor(AS_OF.subtract(days=days_before)))
    assert run.clean
    assert run.tally.passed == 1


def test_a_survivor_without_a_risk_assessment_is_a_major_failure() -> None:
    finding = run_rule("SPEC-002", _survivor(None)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.subject == "P-2"
    assert finding.path == f"{SPOUSE}.retrafficking_risk_assessed_on"


def test_an_assessment_dated_after_as_of_has_not_been_made_yet() -> None:
    finding = run_rule("SPEC-002", _survivor(AS_OF.add(days=1))).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{SPOUSE}.retrafficking_risk_assessed_on"
