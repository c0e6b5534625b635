"""CHILD-002: return sought by the child and by the caregiver."""

from __future__ import annotations

import pytest

from repatguard.model import ChildSafeguards, Operation
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import sound_operation, with_member
from repatguard.testing.rules import run_rule

CHILD = "$.households[0].members[2]"
SAFEGUARDS = f"{CHILD}.child_safeguards"


def _separated(view: bool | None = True, consent: bool | None = True) -> Operation:
    safeguards = ChildSafeguards(child_view_recorded=view, caregiver_consent=consent)
    return with_member(
        sound_operation(), 0, 2, unaccompanied_or_separated=True, child_safeguards=safeguards
    )


def test_does_not_apply_to_adults_and_accompanied_children() -> None:
    run = run_rule("CHILD-002", sound_operation())
    assert not run.findings
    assert run.outcomes == {Outcome.NOT_APPLICABLE}


def test_passes_when_the_child_was_heard_and_the_caregiver_seeks_the_return() -> None:
    run = run_rule("CHILD-002", _separated())
    assert run.clean
    assert run.tally.passed == 1


def test_fails_when_the_childs_view_was_not_recorded() -> None:
    finding = run_rule("CHILD-002", _separated(view=False)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.subject == "P-3"
    assert finding.path == f"{SAFEGUARDS}.child_view_recorded"


def test_fails_when_no_caregiver_seeks_the_return() -> None:
    finding = run_rule("CHILD-002", _separated(consent=False)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{SAFEGUARDS}.caregiver_consent"


@pytest.mark.parametrize(
    ("view", "consent", "field"),
    [(None, True, "child_view_recorded"), (True, None, "caregiver_consent")],
)
def test_an_unrecorded_view_or_consent_is_insufficient_information(
    view: bool | None, consent: bool | None, field: str
) -> None:
    finding = run_rule("CHILD-002", _separated(view, consent)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{SAFEGUARDS}.{field}"


def test_both_failures_are_reported() -> None:
    run = run_rule("CHILD-002", _separated(view=False, consent=False))
    assert {f.outcome for f in run.findings} == {Outcome.FAIL}
    assert len(run.findings) == 2


def test_no_child_safeguards_on_record_is_insufficient_information() -> None:
    op = with_member(sound_operation(), 0, 2, unaccompanied_or_separated=True)
    finding = run_rule("CHILD-002", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == SAFEGUARDS


def test_unknown_care_status_of_a_child_is_insufficient_information() -> None:
    op = with_member(sound_operation(), 0, 2, unaccompanied_or_separated=None)
    finding = run_rule("CHILD-002", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{CHILD}.unaccompanied_or_separated"
