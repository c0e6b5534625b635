"""SPEC-002: re-trafficking and reprisal risk assessed for trafficking survivors."""

from __future__ import annotations

import pendulum
import pytest

from repatguard.model import Operation
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, sound_operation, with_member
from repatguard.testing.rules import run_rule

SPOUSE = "$.households[0].members[1]"


def _survivor(assessed_on: pendulum.Date | None) -> Operation:
    return with_member(
        sound_operation(),
        0,
        1,
        trafficking_survivor=True,
        retrafficking_risk_assessed_on=assessed_on,
    )


def test_does_not_apply_to_people_not_flagged_as_survivors() -> None:
    run = run_rule("SPEC-002", sound_operation())
    assert not run.findings
    assert run.outcomes == {Outcome.NOT_APPLICABLE}


def test_an_unrecorded_survivor_flag_is_not_applicable() -> None:
    op = with_member(sound_operation(), 0, 1, trafficking_survivor=None)
    assert run_rule("SPEC-002", op).outcomes == {Outcome.NOT_APPLICABLE}


@pytest.mark.parametrize("days_before", [10, 0])
def test_passes_when_the_risk_was_assessed_on_or_before_as_of(days_before: int) -> None:
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
