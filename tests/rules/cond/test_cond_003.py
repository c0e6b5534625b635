"""COND-003: physical security in the return area."""

from __future__ import annotations

from repatguard.model import SecurityLevel
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_assessment
from repatguard.testing.rules import run_rule


def test_passes_when_stable_without_conflict_or_new_outflows() -> None:
    assert run_rule("COND-003", sound_operation()).clean


def test_a_highly_dangerous_area_is_a_blocker() -> None:
    op = with_assessment(sound_operation(), security_level=SecurityLevel.HIGHLY_DANGEROUS)
    finding = run_rule("COND-003", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.assessments[0].security_level"


def test_an_unsafe_area_is_a_major_failure() -> None:
    op = with_assessment(sound_operation(), security_level=SecurityLevel.UNSAFE)
    finding = run_rule("COND-003", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR


def test_active_conflict_is_a_major_failure() -> None:
    op = with_assessment(sound_operation(), active_conflict=True)
    finding = run_rule("COND-003", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.assessments[0].active_conflict"


def test_active_conflict_is_subsumed_by_a_highly_dangerous_finding() -> None:
    op = with_assessment(
        sound_operation(), security_level=SecurityLevel.HIGHLY_DANGEROUS, active_conflict=True
    )
    assert run_rule("COND-003", op).only().severity is Severity.BLOCKER


def test_new_outflows_are_a_major_failure() -> None:
    op = with_assessment(sound_operation(), new_outflows=True)
    finding = run_rule("COND-003", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.assessments[0].new_outflows"


def test_an_unknown_security_level_is_insufficient_information_at_blocker_weight() -> None:
    op = with_assessment(sound_operation(), security_level=None)
    finding = run_rule("COND-003", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.assessments[0].security_level"


def test_unknown_conflict_and_outflows_are_insufficient_information_at_major_weight() -> None:
    op = with_assessment(sound_operation(), active_conflict=None, new_outflows=None)
    run = run_rule("COND-003", op)
    assert {(f.path, f.outcome, f.severity) for f in run.findings} == {
        (
            "$.assessments[0].active_conflict",
            Outcome.INSUFFICIENT_INFORMATION,
            Severity.MAJOR,
        ),
        ("$.assessments[0].new_outflows", Outcome.INSUFFICIENT_INFORMATION, Severity.MAJOR),
    }
    assert Outcome.PASS not in run.outcomes


def test_no_assessment_is_insufficient_information_at_blocker_weight() -> None:
    finding = run_rule("COND-003", evolve(sound_operation(), assessments=())).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.assessments"


def test_a_pass_read_from_an_assessment_past_its_age_limit_is_insufficient_information() -> None:
    op = with_assessment(sound_operation(), assessed_on=AS_OF.subtract(days=181))
    run = run_rule("COND-003", op)
    assert Outcome.PASS not in run.outcomes
    finding = run.only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert "older than its age limit" in finding.message
