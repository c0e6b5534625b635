"""LEGAL-003: civil-status events in exile recognised."""

from __future__ import annotations

from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_assessment
from repatguard.testing.rules import run_rule


def test_passes_when_civil_status_from_exile_is_recognised() -> None:
    assert run_rule("LEGAL-003", sound_operation()).clean


def test_fails_as_major_when_civil_status_from_exile_is_not_recognised() -> None:
    op = with_assessment(sound_operation(), civil_status_recognised=False)
    finding = run_rule("LEGAL-003", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.assessments[0].civil_status_recognised"


def test_unrecorded_recognition_is_insufficient_information() -> None:
    op = with_assessment(sound_operation(), civil_status_recognised=None)
    finding = run_rule("LEGAL-003", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.assessments[0].civil_status_recognised"


def test_no_assessment_is_insufficient_information() -> None:
    finding = run_rule("LEGAL-003", evolve(sound_operation(), assessments=())).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.assessments"


def test_a_pass_read_from_an_assessment_past_its_age_limit_is_insufficient_information() -> None:
    op = with_assessment(sound_operation(), assessed_on=AS_OF.subtract(days=181))
    run = run_rule("LEGAL-003", op)
    assert Outcome.PASS not in run.outcomes
    finding = run.only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert "older than its age limit" in finding.message
