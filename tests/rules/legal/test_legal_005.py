"""LEGAL-005: no self-incriminating conditions of return."""

from __future__ import annotations

from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_assessment
from repatguard.testing.rules import run_rule


def test_passes_when_no_admissions_or_settlement_documents_are_required() -> None:
    assert run_rule("LEGAL-005", sound_operation()).clean


def test_fails_as_major_when_returnees_must_sign_self_incriminating_documents() -> None:
    op = with_assessment(sound_operation(), self_incriminating_requirements=True)
    finding = run_rule("LEGAL-005", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.assessments[0].self_incriminating_requirements"


def test_unrecorded_requirements_are_insufficient_information() -> None:
    op = with_assessment(sound_operation(), self_incriminating_requirements=None)
    finding = run_rule("LEGAL-005", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.assessments[0].self_incriminating_requirements"


def test_no_assessment_is_insufficient_information() -> None:
    finding = run_rule("LEGAL-005", evolve(sound_operation(), assessments=())).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.assessments"


def test_a_pass_read_from_an_assessment_past_its_age_limit_is_insufficient_information() -> None:
    op = with_assessment(sound_operation(), assessed_on=AS_OF.subtract(days=181))
    run = run_rule("LEGAL-005", op)
    assert Outcome.PASS not in run.outcomes
    finding = run.only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert "older than its age limit" in finding.message
