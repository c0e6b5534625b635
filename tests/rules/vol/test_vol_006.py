"""VOL-006: no individual coercion indicators."""

from __future__ import annotations

import pytest

from repatguard.model import CoercionIndicator
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, sound_operation, with_member
from repatguard.testing.rules import run_rule

SPOUSE = "$.households[0].members[1]"
CHILD = "$.households[0].members[2]"


def test_passes_when_adults_were_screened_and_no_indicator_is_recorded() -> None:
    run = run_rule("VOL-006", sound_operation())
    assert run.clean
    assert run.tally.passed == 3


@pytest.mark.parametrize("indicator", list(CoercionIndicator))
def test_every_indicator_is_a_blocker(indicator: CoercionIndicator) -> None:
    op = with_member(sound_operation(), 0, 1, coercion_indicators=(indicator,))
    finding = run_rule("VOL-006", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{SPOUSE}.coercion_indicators[0]"


def test_one_failure_per_indicator() -> None:
    indicators = (CoercionIndicator.DETAINED_AT_DECISION, CoercionIndicator.DEPORTATION_ORDER)
    op = with_member(sound_operation(), 0, 1, coercion_indicators=indicators)
    run = run_rule("VOL-006", op)
    assert [f.path for f in run.findings] == [
        f"{SPOUSE}.coercion_indicators[0]",
        f"{SPOUSE}.coercion_indicators[1]",
    ]
    assert run.tally.passed == 2  # the other adult and the child


def test_an_indicator_on_a_dependent_child_fails_too() -> None:
    op = with_member(
        sound_operation(), 0, 2, coercion_indicators=(CoercionIndicator.THREATS_OR_PRESSURE,)
    )
    finding = run_rule("VOL-006", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{CHILD}.coercion_indicators[0]"


def test_an_unscreened_adult_is_insufficient_information_at_blocker_weight() -> None:
    op = with_member(sound_operation(), 0, 1, coercion_screened_on=None)
    finding = run_rule("VOL-006", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{SPOUSE}.coercion_screened_on"


def test_a_screening_dated_after_as_of_has_not_happened_yet() -> None:
    op = with_member(sound_operation(), 0, 1, coercion_screened_on=AS_OF.add(days=1))
    assert run_rule("VOL-006", op).only().outcome is Outcome.INSUFFICIENT_INFORMATION


def test_an_unscreened_unaccompanied_child_is_insufficient_information() -> None:
    op = with_member(sound_operation(), 0, 2, unaccompanied_or_separated=True)
    finding = run_rule("VOL-006", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{CHILD}.coercion_screened_on"


def test_unknown_age_of_an_unscreened_person_is_insufficient_information() -> None:
    op = with_member(
        sound_operation(), 0, 1, coercion_screened_on=None, date_of_birth=None, age=None
    )
    finding = run_rule("VOL-006", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{SPOUSE}.date_of_birth"


def test_unknown_age_does_not_matter_once_the_person_was_screened() -> None:
    op = with_member(sound_operation(), 0, 1, date_of_birth=None, age=None)
    assert run_rule("VOL-006", op).clean


def test_an_indicator_and_a_missing_screening_are_both_reported() -> None:
    op = with_member(
        sound_operation(),
        0,
        1,
        coercion_screened_on=None,
        coercion_indicators=(CoercionIndicator.DOCUMENTS_CONFISCATED,),
    )
    run = run_rule("VOL-006", op)
    assert sorted(f.outcome for f in run.findings) == [
        Outcome.FAIL,
        Outcome.INSUFFICIENT_INFORMATION,
    ]


def test_an_indicator_on_a_dependent_child_is_never_reported_beside_a_pass() -> None:
    # Regression (surviving mutant): the child's report must not also count a pass.
    op = with_member(
        sound_operation(), 0, 2, coercion_indicators=(CoercionIndicator.THREATS_OR_PRESSURE,)
    )
    tally = run_rule("VOL-006", op).tally
    assert (tally.passed, tally.failed) == (2, 1)  # the two adults pass; the child fails


def test_a_screened_person_with_an_indicator_is_not_also_counted_as_passing() -> None:
    op = with_member(
        sound_operation(), 0, 1, coercion_indicators=(CoercionIndicator.DEPORTATION_ORDER,)
    )
    tally = run_rule("VOL-006", op).tally
    assert (tally.passed, tally.failed) == (2, 1)  # P-1 and the child pass; P-2 fails only
