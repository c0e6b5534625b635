"""LEGAL-004: housing, land and property restitution or compensation."""

from __future__ import annotations

from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import evolve, sound_operation, with_assessment
from repatguard.testing.rules import run_rule


def test_passes_when_restitution_or_compensation_is_available() -> None:
    assert run_rule("LEGAL-004", sound_operation()).clean


def test_fails_as_major_without_restitution_or_compensation() -> None:
    op = with_assessment(sound_operation(), property_restitution=False)
    finding = run_rule("LEGAL-004", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.assessments[0].property_restitution"


def test_unrecorded_restitution_is_insufficient_information() -> None:
    op = with_assessment(sound_operation(), property_restitution=None)
    finding = run_rule("LEGAL-004", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.assessments[0].property_restitution"


def test_no_assessment_is_insufficient_information() -> None:
    finding = run_rule("LEGAL-004", evolve(sound_operation(), assessments=())).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.assessments"
