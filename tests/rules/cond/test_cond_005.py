"""COND-005: material safety (basic services and livelihoods) in the return area."""

from __future__ import annotations

import repatguard
from repatguard.outcomes import Outcome, Severity, Verdict
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_assessment
from repatguard.testing.rules import run_rule


def test_passes_when_services_and_livelihoods_are_available_or_planned() -> None:
    assert run_rule("COND-005", sound_operation()).clean


def test_no_basic_services_is_a_major_failure() -> None:
    op = with_assessment(sound_operation(), basic_services=False)
    finding = run_rule("COND-005", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.assessments[0].basic_services"
    assert finding.subject == "AREA-1"


def test_no_livelihoods_is_a_major_failure() -> None:
    op = with_assessment(sound_operation(), livelihoods_available=False)
    finding = run_rule("COND-005", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.assessments[0].livelihoods_available"


def test_each_unrecorded_finding_is_insufficient_information_at_major_and_nothing_passes() -> None:
    op = with_assessment(sound_operation(), basic_services=None, livelihoods_available=None)
    run = run_rule("COND-005", op)
    assert {(f.path, f.outcome, f.severity) for f in run.findings} == {
        ("$.assessments[0].basic_services", Outcome.INSUFFICIENT_INFORMATION, Severity.MAJOR),
        (
            "$.assessments[0].livelihoods_available",
            Outcome.INSUFFICIENT_INFORMATION,
            Severity.MAJOR,
        ),
    }
    assert Outcome.PASS not in run.outcomes


def test_a_failure_beside_an_unrecorded_finding_reports_both_and_no_pass() -> None:
    op = with_assessment(sound_operation(), basic_services=False, livelihoods_available=None)
    run = run_rule("COND-005", op)
    assert {(f.path, f.outcome) for f in run.findings} == {
        ("$.assessments[0].basic_services", Outcome.FAIL),
        ("$.assessments[0].livelihoods_available", Outcome.INSUFFICIENT_INFORMATION),
    }
    assert Outcome.PASS not in run.outcomes


def test_no_assessment_is_insufficient_information_at_major() -> None:
    finding = run_rule("COND-005", evolve(sound_operation(), assessments=())).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.assessments"


def test_no_basic_services_rules_out_promotion() -> None:
    op = with_assessment(sound_operation(), basic_services=False)
    report = repatguard.check(op, as_of=AS_OF)
    assert report.verdict is Verdict.FACILITATE_ONLY
    assert [f.code for f in report.findings if f.outcome is Outcome.FAIL] == ["COND-005"]


def test_unrecorded_livelihoods_rule_out_promotion() -> None:
    op = with_assessment(sound_operation(), livelihoods_available=None)
    assert repatguard.check(op, as_of=AS_OF).verdict is not Verdict.PROMOTE


def test_a_pass_read_from_an_assessment_past_its_age_limit_is_insufficient_information() -> None:
    op = with_assessment(sound_operation(), assessed_on=AS_OF.subtract(days=181))
    run = run_rule("COND-005", op)
    assert Outcome.PASS not in run.outcomes
    finding = run.only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert "older than its age limit" in finding.message
