"""LEGAL-001: amnesty or non-penalisation for having fled."""

from __future__ import annotations

from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import (
    AS_OF,
    evolve,
    sound_assessment,
    sound_operation,
    with_assessment,
)
from repatguard.testing.rules import run_rule


def test_passes_when_an_amnesty_or_guarantees_cover_returnees() -> None:
    assert run_rule("LEGAL-001", sound_operation()).clean


def test_fails_as_major_without_amnesty_or_guarantees() -> None:
    op = with_assessment(sound_operation(), amnesty_or_guarantees=False)
    finding = run_rule("LEGAL-001", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.assessments[0].amnesty_or_guarantees"
    assert finding.subject == "AREA-1"


def test_the_latest_assessment_of_the_area_decides() -> None:
    newer = evolve(
        sound_assessment(reference="ASM-2"),
        assessed_on=AS_OF.subtract(days=5),
        amnesty_or_guarantees=False,
    )
    op = sound_operation()
    op = evolve(op, assessments=(*op.assessments, newer))
    finding = run_rule("LEGAL-001", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == "$.assessments[1].amnesty_or_guarantees"


def test_unrecorded_amnesty_is_insufficient_information_at_major() -> None:
    op = with_assessment(sound_operation(), amnesty_or_guarantees=None)
    finding = run_rule("LEGAL-001", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.assessments[0].amnesty_or_guarantees"


def test_no_assessment_is_insufficient_information() -> None:
    finding = run_rule("LEGAL-001", evolve(sound_operation(), assessments=())).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.assessments"


def test_a_pass_read_from_an_assessment_past_its_age_limit_is_insufficient_information() -> None:
    op = with_assessment(sound_operation(), assessed_on=AS_OF.subtract(days=181))
    run = run_rule("LEGAL-001", op)
    assert Outcome.PASS not in run.outcomes
    finding = run.only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert "older than its age limit" in finding.message
