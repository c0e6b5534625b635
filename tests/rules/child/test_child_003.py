"""CHILD-003: safe reception and care confirmed in the area of return."""

from __future__ import annotations

import pytest

from repatguard.model import ChildSafeguards, Operation, TracingStatus
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import sound_operation, with_member
from repatguard.testing.rules import run_rule

CHILD = "$.households[0].members[2]"
SAFEGUARDS = f"{CHILD}.child_safeguards"


def _separated(tracing: TracingStatus | None, verified: bool | None) -> Operation:
    safeguards = ChildSafeguards(tracing_status=tracing, reception_care_verified=verified)
    return with_member(
        sound_operation(), 0, 2, unaccompanied_or_separated=True, child_safeguards=safeguards
    )


def test_does_not_apply_to_adults_and_accompanied_children() -> None:
    run = run_rule("CHILD-003", sound_operation())
    assert not run.findings
    assert run.outcomes == {Outcome.NOT_APPLICABLE}


@pytest.mark.parametrize("verified", [True, False, None])
def test_passes_when_tracing_located_the_family(verified: bool | None) -> None:
    run = run_rule("CHILD-003", _separated(TracingStatus.FAMILY_LOCATED, verified))
    assert run.clean
    assert run.tally.passed == 1


@pytest.mark.parametrize("tracing", [TracingStatus.ONGOING, TracingStatus.UNSUCCESSFUL, None])
def test_passes_when_a_care_arrangement_was_verified(tracing: TracingStatus | None) -> None:
    assert run_rule("CHILD-003", _separated(tracing, True)).clean


@pytest.mark.parametrize(
    "tracing", [TracingStatus.NOT_STARTED, TracingStatus.ONGOING, TracingStatus.UNSUCCESSFUL]
)
def test_fails_when_care_is_not_verified_and_the_family_was_not_located(
    tracing: TracingStatus,
) -> None:
    finding = run_rule("CHILD-003", _separated(tracing, False)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.subject == "P-3"
    assert finding.path == f"{SAFEGUARDS}.reception_care_verified"


def test_unverified_care_with_unrecorded_tracing_is_insufficient_information() -> None:
    finding = run_rule("CHILD-003", _separated(None, False)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{SAFEGUARDS}.tracing_status"


@pytest.mark.parametrize("tracing", [TracingStatus.ONGOING, None])
def test_unrecorded_care_is_insufficient_information(tracing: TracingStatus | None) -> None:
    finding = run_rule("CHILD-003", _separated(tracing, None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{SAFEGUARDS}.reception_care_verified"


def test_no_child_safeguards_on_record_is_insufficient_information() -> None:
    op = with_member(sound_operation(), 0, 2, unaccompanied_or_separated=True)
    finding = run_rule("CHILD-003", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == SAFEGUARDS


def test_unknown_care_status_of_a_child_is_insufficient_information() -> None:
    op = with_member(sound_operation(), 0, 2, unaccompanied_or_separated=None)
    finding = run_rule("CHILD-003", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{CHILD}.unaccompanied_or_separated"


def test_unrecorded_tracing_is_shown_as_not_recorded() -> None:
    finding = run_rule("CHILD-003", _separated(None, False)).only()
    assert finding.evidence.observed is not None
    assert finding.evidence.observed.startswith("tracing not recorded")
