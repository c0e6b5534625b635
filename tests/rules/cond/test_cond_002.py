"""COND-002: objective finding that conditions are conducive to promotion."""

from __future__ import annotations

from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_assessment
from repatguard.testing.rules import run_rule


def test_passes_when_the_assessment_finds_conditions_conducive() -> None:
    assert run_rule("COND-002", sound_operation()).clean


def test_fails_as_major_when_conditions_are_found_not_conducive() -> None:
    op = with_assessment(sound_operation(), conducive_for_promotion=False)
    finding = run_rule("COND-002", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.assessments[0].conducive_for_promotion"
    assert finding.subject == "AREA-1"


def test_an_unrecorded_finding_is_insufficient_information() -> None:
    op = with_assessment(sound_operation(), conducive_for_promotion=None)
    finding = run_rule("COND-002", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.assessments[0].conducive_for_promotion"


def test_no_assessment_is_insufficient_information() -> None:
    op = evolve(sound_operation(), assessments=())
    finding = run_rule("COND-002", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.assessments"


def test_the_latest_assessment_decides_over_an_older_one() -> None:
    op = sound_operation()
    newer = evolve(
        op.assessments[0],
        reference="ASM-2",
        assessed_on=AS_OF.subtract(days=5),
        conducive_for_promotion=False,
    )
    op = evolve(op, assessments=(*op.assessments, newer))
    assert run_rule("COND-002", op).only().path == "$.assessments[1].conducive_for_promotion"


def test_a_pass_read_from_an_assessment_past_its_age_limit_is_insufficient_information() -> None:
    op = with_assessment(sound_operation(), assessed_on=AS_OF.subtract(days=181))
    run = run_rule("COND-002", op)
    assert Outcome.PASS not in run.outcomes
    finding = run.only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert "older than its age limit" in finding.message
