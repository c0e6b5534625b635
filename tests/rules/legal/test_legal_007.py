"""LEGAL-007: no discrimination on return."""

from __future__ import annotations

from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_assessment
from repatguard.testing.rules import run_rule


def test_passes_when_no_discrimination_is_reported() -> None:
    assert run_rule("LEGAL-007", sound_operation()).clean


def test_reported_discrimination_fails_as_minor() -> None:
    op = with_assessment(sound_operation(), discrimination_reported=True)
    finding = run_rule("LEGAL-007", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MINOR
    assert finding.path == "$.assessments[0].discrimination_reported"


def test_unrecorded_discrimination_is_insufficient_information() -> None:
    op = with_assessment(sound_operation(), discrimination_reported=None)
    finding = run_rule("LEGAL-007", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MINOR
    assert finding.path == "$.assessments[0].discrimination_reported"


def test_no_assessment_is_insufficient_information() -> None:
    finding = run_rule("LEGAL-007", evolve(sound_operation(), assessments=())).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.assessments"


def test_a_pass_read_from_an_assessment_past_its_age_limit_is_insufficient_information() -> None:
    op = with_assessment(sound_operation(), assessed_on=AS_OF.subtract(days=181))
    run = run_rule("LEGAL-007", op)
    assert Outcome.PASS not in run.outcomes
    finding = run.only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert "older than its age limit" in finding.message
