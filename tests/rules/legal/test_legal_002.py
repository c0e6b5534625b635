"""LEGAL-002: identity, travel and nationality documents."""

from __future__ import annotations

from repatguard.model import Operation
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import (
    AS_OF,
    evolve,
    sound_operation,
    with_assessment,
    with_member,
)
from repatguard.testing.rules import run_rule

SPOUSE = "$.households[0].members[1]"


def _spouse_without_documents(documentation_available: bool | None) -> Operation:
    op = with_member(sound_operation(), 0, 1, identity_or_travel_document=False)
    return with_assessment(op, documentation_available=documentation_available)


def test_passes_when_every_adult_holds_documents() -> None:
    run = run_rule("LEGAL-002", sound_operation())
    assert run.clean
    assert run.tally.passed == 2
    assert run.tally.not_applicable == 1


def test_passes_when_the_return_arrangement_issues_missing_documents() -> None:
    assert run_rule("LEGAL-002", _spouse_without_documents(True)).clean


def test_fails_as_major_when_an_adult_has_no_documents_and_none_are_issued() -> None:
    finding = run_rule("LEGAL-002", _spouse_without_documents(False)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.subject == "P-2"
    assert finding.path == f"{SPOUSE}.identity_or_travel_document"


def test_fails_for_an_unaccompanied_child_without_documents() -> None:
    op = with_member(
        sound_operation(), 0, 2, unaccompanied_or_separated=True, identity_or_travel_document=False
    )
    op = with_assessment(op, documentation_available=False)
    finding = run_rule("LEGAL-002", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.subject == "P-3"


def test_does_not_apply_to_a_dependent_child() -> None:
    op = with_member(sound_operation(), 0, 2, identity_or_travel_document=False)
    op = with_assessment(op, documentation_available=False)
    run = run_rule("LEGAL-002", op)
    assert not run.findings
    assert run.tally.not_applicable == 1


def test_unrecorded_documents_are_insufficient_information() -> None:
    op = with_member(sound_operation(), 0, 1, identity_or_travel_document=None)
    finding = run_rule("LEGAL-002", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{SPOUSE}.identity_or_travel_document"


def test_unrecorded_issuance_is_insufficient_information() -> None:
    finding = run_rule("LEGAL-002", _spouse_without_documents(None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.assessments[0].documentation_available"


def test_no_assessment_of_the_area_is_insufficient_information() -> None:
    op = evolve(_spouse_without_documents(True), assessments=())
    finding = run_rule("LEGAL-002", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.assessments"


def test_unknown_return_area_is_insufficient_information() -> None:
    op = _spouse_without_documents(True)
    household = evolve(op.households[0], intended_return_area=None)
    op = evolve(op, households=(household,))
    finding = run_rule("LEGAL-002", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.households[0].intended_return_area"


def test_unknown_age_without_documents_is_insufficient_information() -> None:
    op = with_member(_spouse_without_documents(False), 0, 1, date_of_birth=None, age=None)
    finding = run_rule("LEGAL-002", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{SPOUSE}.date_of_birth"


def test_unknown_age_with_documents_passes() -> None:
    op = with_member(sound_operation(), 0, 1, date_of_birth=None, age=None)
    assert run_rule("LEGAL-002", op).clean


def test_documents_issued_per_a_stale_assessment_are_insufficient_information() -> None:
    op = with_assessment(_spouse_without_documents(True), assessed_on=AS_OF.subtract(days=181))
    run = run_rule("LEGAL-002", op)
    finding = run.only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.subject == "P-2"
    assert "older than its age limit" in finding.message
    assert run.tally.passed == 1  # P-1 holds documents of their own: no assessment needed


def test_missing_documents_are_still_a_failure_on_a_stale_assessment() -> None:
    op = with_assessment(_spouse_without_documents(False), assessed_on=AS_OF.subtract(days=181))
    assert run_rule("LEGAL-002", op).only().outcome is Outcome.FAIL
