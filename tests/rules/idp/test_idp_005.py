"""IDP-005: returnees at risk of being displaced again."""

from __future__ import annotations

from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_assessment
from repatguard.testing.rules import run_rule


def test_passes_when_homes_can_be_reached_and_lived_in() -> None:
    assert run_rule("IDP-005", sound_operation()).clean


def test_fails_when_homes_are_destroyed_or_inaccessible() -> None:
    op = with_assessment(sound_operation(), housing_destroyed_or_inaccessible=True)
    finding = run_rule("IDP-005", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.subject == "AREA-1"
    assert finding.path == "$.assessments[0].housing_destroyed_or_inaccessible"
    assert "internally displaced on arrival" in finding.message


def test_unrecorded_housing_situation_is_insufficient_information() -> None:
    op = with_assessment(sound_operation(), housing_destroyed_or_inaccessible=None)
    finding = run_rule("IDP-005", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.assessments[0].housing_destroyed_or_inaccessible"


def test_no_assessment_is_insufficient_information() -> None:
    op = evolve(sound_operation(), assessments=())
    finding = run_rule("IDP-005", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.assessments"


def test_a_pass_read_from_an_assessment_past_its_age_limit_is_insufficient_information() -> None:
    op = with_assessment(sound_operation(), assessed_on=AS_OF.subtract(days=181))
    run = run_rule("IDP-005", op)
    assert Outcome.PASS not in run.outcomes
    finding = run.only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert "older than its age limit" in finding.message
