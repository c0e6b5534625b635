"""COND-004: mines and explosive remnants of war."""

from __future__ import annotations

from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_assessment
from repatguard.testing.rules import run_rule


def test_passes_when_no_contamination_is_reported() -> None:
    assert run_rule("COND-004", sound_operation()).clean


def test_passes_when_contamination_is_mitigated() -> None:
    op = with_assessment(sound_operation(), mines_or_erw=True, mine_risk_mitigated=True)
    assert run_rule("COND-004", op).clean


def test_fails_as_major_when_contamination_is_not_mitigated() -> None:
    op = with_assessment(sound_operation(), mines_or_erw=True, mine_risk_mitigated=False)
    finding = run_rule("COND-004", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.assessments[0].mine_risk_mitigated"


def test_unknown_mitigation_of_known_contamination_is_insufficient_information() -> None:
    op = with_assessment(sound_operation(), mines_or_erw=True, mine_risk_mitigated=None)
    finding = run_rule("COND-004", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.assessments[0].mine_risk_mitigated"


def test_unknown_contamination_is_insufficient_information() -> None:
    op = with_assessment(sound_operation(), mines_or_erw=None)
    finding = run_rule("COND-004", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.assessments[0].mines_or_erw"


def test_no_assessment_is_insufficient_information() -> None:
    finding = run_rule("COND-004", evolve(sound_operation(), assessments=())).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.assessments"


def test_a_pass_read_from_an_assessment_past_its_age_limit_is_insufficient_information() -> None:
    op = with_assessment(sound_operation(), assessed_on=AS_OF.subtract(days=181))
    run = run_rule("COND-004", op)
    assert Outcome.PASS not in run.outcomes
    finding = run.only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert "older than its age limit" in finding.message
