"""VOL-004: decision reconfirmed shortly before departure."""

from __future__ import annotations

import pendulum
import pytest

from repatguard.model import ConsentEvent, ConsentKind, MovementKind, MovementWindow, Operation
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import (
    AS_OF,
    at,
    evolve,
    sound_consent,
    sound_operation,
    unplanned,
    with_member,
)
from repatguard.testing.rules import run_rule

SPOUSE = "$.households[0].members[1]"


def _reconfirmed_on(days_before_as_of: int) -> Operation:
    """The spouse reconfirmed ``days_before_as_of`` days before AS_OF (departure AS_OF + 20)."""
    consent = list(sound_consent())
    consent[2] = evolve(consent[2], at=at(AS_OF.subtract(days=days_before_as_of)))
    return with_member(sound_operation(), 0, 1, consent=tuple(consent))


def _without_reconfirmation() -> Operation:
    consent = tuple(e for e in sound_consent() if e.kind is not ConsentKind.RECONFIRMATION)
    return with_member(sound_operation(), 0, 1, consent=consent)


def test_passes_when_adults_reconfirmed_within_the_window() -> None:
    run = run_rule("VOL-004", sound_operation())
    assert run.clean
    assert run.tally.passed == 2
    assert run.tally.not_applicable == 1  # the dependent child


@pytest.mark.parametrize("kind", [MovementKind.SPONTANEOUS, MovementKind.FORCED])
def test_does_not_apply_to_movements_that_are_not_organised_or_assisted(
    kind: MovementKind,
) -> None:
    run = run_rule("VOL-004", evolve(_without_reconfirmation(), movement_kind=kind))
    assert not run.findings
    assert run.outcomes == {Outcome.NOT_APPLICABLE}


@pytest.mark.parametrize("kind", [MovementKind.ASSISTED_SPONTANEOUS, MovementKind.AVRR])
def test_applies_to_assisted_returns_and_avrr(kind: MovementKind) -> None:
    run = run_rule("VOL-004", evolve(_without_reconfirmation(), movement_kind=kind))
    assert run.only().outcome is Outcome.FAIL


def test_fails_without_reconfirmation_once_the_window_is_open() -> None:
    finding = run_rule("VOL-004", _without_reconfirmation()).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{SPOUSE}.consent"


def test_a_reconfirmation_before_the_window_was_too_early_and_fails() -> None:
    # The window opens 30 days before departure on AS_OF + 20, i.e. on AS_OF - 10.
    finding = run_rule("VOL-004", _reconfirmed_on(11)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{SPOUSE}.consent[2]"
    assert "too early" in finding.message


def test_the_first_day_of_the_window_counts() -> None:
    assert run_rule("VOL-004", _reconfirmed_on(10)).clean


def test_not_yet_due_is_insufficient_information_with_the_window() -> None:
    op = with_member(_without_reconfirmation(), 0, 1, planned_departure=AS_OF.add(days=60))
    finding = run_rule("VOL-004", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{SPOUSE}.consent"
    assert "2026-07-01" in finding.message
    assert "2026-07-31" in finding.message


def test_an_early_reconfirmation_before_the_window_opens_must_be_repeated() -> None:
    op = with_member(sound_operation(), 0, 1, planned_departure=AS_OF.add(days=60))
    finding = run_rule("VOL-004", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{SPOUSE}.consent[2]"
    assert "repeated" in finding.message


def test_a_reconfirmation_before_the_latest_declaration_does_not_count() -> None:
    redeclared = ConsentEvent(kind=ConsentKind.DECLARATION, at=at(AS_OF.subtract(days=1), 12))
    op = with_member(sound_operation(), 0, 1, consent=(*sound_consent(), redeclared))
    finding = run_rule("VOL-004", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{SPOUSE}.consent"


def test_a_reconfirmation_after_as_of_has_not_happened_yet() -> None:
    finding = run_rule("VOL-004", _reconfirmed_on(-1)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{SPOUSE}.consent"


def test_unknown_departure_is_insufficient_information() -> None:
    run = run_rule("VOL-004", evolve(unplanned(sound_operation()), movement_window=None))
    assert {f.outcome for f in run.findings} == {Outcome.INSUFFICIENT_INFORMATION}
    assert f"{SPOUSE}.planned_departure" in {f.path for f in run.findings}


def test_a_reconfirmation_after_the_recorded_departure_is_insufficient_information() -> None:
    op = with_member(sound_operation(), 0, 1, planned_departure=AS_OF.subtract(days=5))
    finding = run_rule("VOL-004", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{SPOUSE}.planned_departure"


def test_applies_to_an_unaccompanied_child() -> None:
    op = with_member(sound_operation(), 0, 2, unaccompanied_or_separated=True)
    finding = run_rule("VOL-004", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.subject == "P-3"


def test_applies_to_a_mixed_movement_which_has_organised_parts() -> None:
    op = evolve(sound_operation(), movement_kind=MovementKind.MIXED)
    op = with_member(op, 0, 1, consent=sound_consent()[:2])  # no reconfirmation
    finding = run_rule("VOL-004", op).only()
    assert finding.outcome is Outcome.FAIL


def test_a_reconfirmation_at_the_same_instant_as_the_latest_declaration_does_not_count() -> None:
    same = ConsentEvent(kind=ConsentKind.DECLARATION, at=sound_consent()[2].at)
    op = with_member(sound_operation(), 0, 1, consent=(*sound_consent(), same))
    finding = run_rule("VOL-004", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{SPOUSE}.consent"


def test_no_reconfirmation_is_reported_as_none_not_as_too_early() -> None:
    finding = run_rule("VOL-004", _without_reconfirmation()).only()
    assert finding.evidence.observed == "no reconfirmation"
    assert "too early" not in finding.message
    assert "has not been reconfirmed" in finding.message


def test_the_latest_reconfirmation_decides_when_an_earlier_one_was_too_early() -> None:
    early = ConsentEvent(kind=ConsentKind.RECONFIRMATION, at=at(AS_OF.subtract(days=15)))
    consent = sound_consent()
    op = with_member(sound_operation(), 0, 1, consent=(*consent[:2], early, consent[2]))
    assert run_rule("VOL-004", op).clean


def test_a_reconfirmation_on_the_departure_day_counts() -> None:
    # The spouse reconfirmed on AS_OF, the planned departure.
    consent = list(sound_consent())
    consent[2] = evolve(consent[2], at=at(AS_OF, hour=0))
    op = with_member(sound_operation(), 0, 1, consent=tuple(consent), planned_departure=AS_OF)
    assert run_rule("VOL-004", op).clean


def test_a_planned_departure_already_past_is_insufficient_information() -> None:
    # Review of #11/#12: a departure before as_of is out of date; the person may leave any
    # day from as_of on, so no reconfirmation can be judged yet.
    op = with_member(sound_operation(), 0, 1, planned_departure=AS_OF.subtract(days=1))
    finding = run_rule("VOL-004", op).only()
    assert (finding.outcome, finding.path) == (
        Outcome.INSUFFICIENT_INFORMATION,
        f"{SPOUSE}.planned_departure",
    )


def test_a_reconfirmation_too_early_for_the_first_day_of_the_window_fails() -> None:
    # Review of #11/#12: "not yet due" was read from the window's last day. A departure on
    # the first day (AS_OF + 20) needed a reconfirmation from AS_OF - 10 on.
    op = _window(_without_reconfirmation(), AS_OF.add(days=20), AS_OF.add(days=39))
    spouse = [f for f in run_rule("VOL-004", op).findings if f.subject == "P-2"]
    assert [(f.outcome, f.severity) for f in spouse] == [(Outcome.FAIL, Severity.MAJOR)]


def test_the_window_is_due_on_the_day_it_opens() -> None:
    # A departure 30 days after AS_OF opens the window on AS_OF itself.
    op = with_member(_without_reconfirmation(), 0, 1, planned_departure=AS_OF.add(days=30))
    finding = run_rule("VOL-004", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{SPOUSE}.consent"


def test_a_person_of_unknown_age_whose_own_checks_pass_is_counted_as_passed() -> None:
    # Whatever the missing age, the safeguard holds when the person's own checks pass: the
    # pass is reported (and counted), not dropped (kills a mutant of rules/_people.py).
    from repatguard.testing.factories import with_member

    known = run_rule("VOL-004", sound_operation())
    unknown_age = run_rule("VOL-004", with_member(sound_operation(), 0, 1, date_of_birth=None))
    assert not unknown_age.findings
    assert unknown_age.tally.passed == known.tally.passed


def _window(op: Operation, start: pendulum.Date, end: pendulum.Date | None) -> Operation:
    return evolve(unplanned(op), movement_window=MovementWindow(start=start, end=end))


def test_without_a_planned_departure_the_reconfirmation_must_precede_every_day_of_the_window() -> (
    None
):
    # Both adults reconfirmed the day before as_of (2026-05-31). Review hole 8 of #11: the
    # first day of the window was read as the departure, the kindest day for this rule.
    fits = _window(sound_operation(), AS_OF.add(days=2), AS_OF.add(days=25))
    assert run_rule("VOL-004", fits).clean
    # A departure on the last day (2026-07-06) opens its window on 2026-06-06: a
    # reconfirmation on 2026-05-31 is not shortly before it.
    wide = _window(sound_operation(), AS_OF.add(days=2), AS_OF.add(days=35))
    run = run_rule("VOL-004", wide)
    assert {(f.outcome, f.severity) for f in run.findings} == {
        (Outcome.INSUFFICIENT_INFORMATION, Severity.MAJOR)
    }
    assert {f.path for f in run.findings} == {
        "$.households[0].members[0].planned_departure",
        f"{SPOUSE}.planned_departure",
    }


def test_a_window_that_began_before_as_of_is_read_from_as_of() -> None:
    # The days before as_of can no longer be departure days: a reconfirmation the day before
    # as_of is shortly before every day left (AS_OF to AS_OF + 20).
    op = _window(sound_operation(), AS_OF.subtract(days=3), AS_OF.add(days=20))
    assert run_rule("VOL-004", op).clean


def test_a_window_that_has_ended_is_insufficient_information() -> None:
    op = _window(sound_operation(), AS_OF.subtract(days=40), AS_OF.subtract(days=10))
    run = run_rule("VOL-004", op)
    assert {(f.outcome, f.path) for f in run.findings} >= {
        (Outcome.INSUFFICIENT_INFORMATION, "$.households[0].members[0].planned_departure"),
        (Outcome.INSUFFICIENT_INFORMATION, f"{SPOUSE}.planned_departure"),
    }
    assert {f.outcome for f in run.findings} == {Outcome.INSUFFICIENT_INFORMATION}


def test_without_a_planned_departure_a_reconfirmation_too_early_for_every_day_fails() -> None:
    op = _window(_reconfirmed_on(40), AS_OF.add(days=2), AS_OF.add(days=20))
    finding = run_rule("VOL-004", op).only()
    assert (finding.outcome, finding.subject) == (Outcome.FAIL, "P-2")


def test_an_open_window_without_a_planned_departure_is_insufficient_information() -> None:
    op = _window(sound_operation(), AS_OF.add(days=2), None)
    run = run_rule("VOL-004", op)
    # The child may come of age before an unknown last day: its age is unknown too.
    assert {(f.outcome, f.path) for f in run.findings} == {
        (Outcome.INSUFFICIENT_INFORMATION, "$.households[0].members[0].planned_departure"),
        (Outcome.INSUFFICIENT_INFORMATION, f"{SPOUSE}.planned_departure"),
        (Outcome.INSUFFICIENT_INFORMATION, "$.households[0].members[2].date_of_birth"),
    }


def test_a_planned_departure_decides_over_the_movement_window() -> None:
    op = evolve(sound_operation(), movement_window=MovementWindow(start=AS_OF, end=None))
    assert run_rule("VOL-004", op).clean


def test_a_reconfirmation_dated_after_the_departure_in_its_own_offset_is_insufficient() -> None:
    # The departure is today (as_of in UTC), but the reconfirmation, made before as_of, falls
    # on the next day where it was recorded (Asia/Tashkent, UTC+05:00): the departure date
    # on record cannot be current, so it is not judged shortly before departure.
    late = pendulum.datetime(AS_OF.year, AS_OF.month, AS_OF.day, 19, 30, tz="UTC")
    consent = list(sound_consent())
    consent[2] = evolve(consent[2], at=late.in_timezone("Asia/Tashkent"))
    op = with_member(sound_operation(), 0, 1, consent=tuple(consent), planned_departure=AS_OF)
    as_of = pendulum.datetime(AS_OF.year, AS_OF.month, AS_OF.day, 20, tz="UTC")
    finding = run_rule("VOL-004", op, as_of=as_of).only()
    assert (finding.outcome, finding.path) == (
        Outcome.INSUFFICIENT_INFORMATION,
        f"{SPOUSE}.planned_departure",
    )
    assert "after the recorded planned departure" in finding.message
