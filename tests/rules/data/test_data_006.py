"""DATA-006: people were told how their data is used."""

from __future__ import annotations

from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import sound_operation, with_member
from repatguard.testing.rules import run_rule

SPOUSE = "$.households[0].members[1]"
CHILD = "$.households[0].members[2]"


def test_passes_when_every_adult_received_a_privacy_notice() -> None:
    run = run_rule("DATA-006", sound_operation())
    assert run.clean
    assert run.tally.passed == 2


def test_does_not_apply_to_a_dependent_child() -> None:
    run = run_rule("DATA-006", with_member(sound_operation(), 0, 2, privacy_notice_given=False))
    assert run.clean
    assert run.tally.not_applicable == 1


def test_fails_for_an_adult_not_told() -> None:
    op = with_member(sound_operation(), 0, 1, privacy_notice_given=False)
    finding = run_rule("DATA-006", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MINOR
    assert finding.path == f"{SPOUSE}.privacy_notice_given"


def test_fails_for_an_unaccompanied_child_not_told() -> None:
    op = with_member(
        sound_operation(), 0, 2, unaccompanied_or_separated=True, privacy_notice_given=False
    )
    finding = run_rule("DATA-006", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{CHILD}.privacy_notice_given"


def test_unrecorded_notice_is_insufficient_information() -> None:
    op = with_member(sound_operation(), 0, 1, privacy_notice_given=None)
    finding = run_rule("DATA-006", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MINOR
    assert finding.path == f"{SPOUSE}.privacy_notice_given"


def test_unknown_age_without_a_notice_is_insufficient_information() -> None:
    op = with_member(
        sound_operation(), 0, 1, date_of_birth=None, age=None, privacy_notice_given=False
    )
    finding = run_rule("DATA-006", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{SPOUSE}.date_of_birth"
