"""COND-008: returnee monitoring in place."""

from __future__ import annotations

from repatguard.outcomes import Outcome, Severity
from repatguard.rules.registry import builtin_registry
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_assessment
from repatguard.testing.rules import run_rule


def test_passes_when_returnee_monitoring_is_in_place() -> None:
    assert run_rule("COND-008", sound_operation()).clean


def test_fails_as_major_without_monitoring() -> None:
    op = with_assessment(sound_operation(), returnee_monitoring=False)
    finding = run_rule("COND-008", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.assessments[0].returnee_monitoring"


def test_unrecorded_monitoring_is_insufficient_information() -> None:
    op = with_assessment(sound_operation(), returnee_monitoring=None)
    finding = run_rule("COND-008", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.assessments[0].returnee_monitoring"


def test_no_assessment_is_insufficient_information() -> None:
    finding = run_rule("COND-008", evolve(sound_operation(), assessments=())).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.assessments"


def test_monitoring_is_a_facilitation_gate() -> None:
    assert builtin_registry().get("COND-008").meta.facilitation_gate


def test_a_pass_read_from_an_assessment_past_its_age_limit_is_insufficient_information() -> None:
    op = with_assessment(sound_operation(), assessed_on=AS_OF.subtract(days=181))
    run = run_rule("COND-008", op)
    assert Outcome.PASS not in run.outcomes
    finding = run.only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert "older than its age limit" in finding.message
