"""LEGAL-006: border screening limited to identification."""

from __future__ import annotations

from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_assessment
from repatguard.testing.rules import run_rule

ASSESSMENT = "$.assessments[0]"


def test_passes_when_screening_is_limited_and_no_arrests_are_reported() -> None:
    assert run_rule("LEGAL-006", sound_operation()).clean


def test_fails_as_major_when_arrests_on_return_are_reported() -> None:
    op = with_assessment(sound_operation(), arrests_on_return_reported=True)
    finding = run_rule("LEGAL-006", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{ASSESSMENT}.arrests_on_return_reported"


def test_fails_when_screening_goes_beyond_identification() -> None:
    op = with_assessment(sound_operation(), border_screening_limited_to_identification=False)
    finding = run_rule("LEGAL-006", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{ASSESSMENT}.border_screening_limited_to_identification"


def test_reports_each_failing_fact() -> None:
    op = with_assessment(
        sound_operation(),
        arrests_on_return_reported=True,
        border_screening_limited_to_identification=False,
    )
    run = run_rule("LEGAL-006", op)
    assert {f.outcome for f in run.findings} == {Outcome.FAIL}
    assert {f.path for f in run.findings} == {
        f"{ASSESSMENT}.arrests_on_return_reported",
        f"{ASSESSMENT}.border_screening_limited_to_identification",
    }


def test_unrecorded_arrests_are_insufficient_information() -> None:
    op = with_assessment(sound_operation(), arrests_on_return_reported=None)
    finding = run_rule("LEGAL-006", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{ASSESSMENT}.arrests_on_return_reported"


def test_unrecorded_screening_is_insufficient_information() -> None:
    op = with_assessment(sound_operation(), border_screening_limited_to_identification=None)
    finding = run_rule("LEGAL-006", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{ASSESSMENT}.border_screening_limited_to_identification"


def test_a_reported_arrest_fails_even_when_screening_is_unrecorded() -> None:
    op = with_assessment(
        sound_operation(),
        arrests_on_return_reported=True,
        border_screening_limited_to_identification=None,
    )
    run = run_rule("LEGAL-006", op)
    assert Outcome.FAIL in run.outcomes
    assert Outcome.PASS not in run.outcomes


def test_no_assessment_is_insufficient_information() -> None:
    finding = run_rule("LEGAL-006", evolve(sound_operation(), assessments=())).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.assessments"


def test_a_pass_read_from_an_assessment_past_its_age_limit_is_insufficient_information() -> None:
    op = with_assessment(sound_operation(), assessed_on=AS_OF.subtract(days=181))
    run = run_rule("LEGAL-006", op)
    assert Outcome.PASS not in run.outcomes
    finding = run.only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert "older than its age limit" in finding.message
