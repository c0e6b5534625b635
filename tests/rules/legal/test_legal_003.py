"""LEGAL-003: civil-status events in exile recognised."""

from __future__ import annotations

from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import evolve, sound_operation, with_assessment
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
