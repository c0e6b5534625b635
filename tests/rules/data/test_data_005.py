"""DATA-005: deregistration only after confirmed departure."""

from __future__ import annotations

import pendulum

from repatguard.model import Operation
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_member
from repatguard.testing.rules import run_rule

SPOUSE = "$.households[0].members[1]"
DEPARTED = AS_OF.subtract(days=5)


def _deregistered(on: pendulum.Date, confirmed: pendulum.Date | None = DEPARTED) -> Operation:
    """The sound operation in which the spouse was deregistered in the host country."""
    return with_member(
        sound_operation(), 0, 1, deregistered_on=on, departure_confirmed_on=confirmed
    )


def test_passes_when_deregistered_after_the_confirmed_departure() -> None:
    run = run_rule("DATA-005", _deregistered(DEPARTED.add(days=1)))
    assert run.clean
    assert run.tally.passed == 3  # the spouse, and the two others still registered


def test_deregistration_on_the_day_of_confirmed_departure_passes() -> None:
    assert run_rule("DATA-005", _deregistered(DEPARTED)).clean


def test_people_without_a_deregistration_date_pass_once_registrations_were_checked() -> None:
    run = run_rule("DATA-005", sound_operation())
    assert run.clean
    assert run.tally.passed == 3


def test_no_deregistration_date_without_a_registration_check_is_insufficient_information() -> None:
    op = evolve(sound_operation(), registrations_checked_on=None)
    run = run_rule("DATA-005", op)
    assert {f.subject for f in run.findings} == {"P-1", "P-2", "P-3"}
    assert {f.outcome for f in run.findings} == {Outcome.INSUFFICIENT_INFORMATION}
    assert {f.severity for f in run.findings} == {Severity.MAJOR}
    assert run.tally.passed == 0


def test_a_registration_check_dated_after_as_of_has_not_happened_yet() -> None:
    op = evolve(sound_operation(), registrations_checked_on=AS_OF.add(days=1))
    run = run_rule("DATA-005", op)
    assert {f.outcome for f in run.findings} == {Outcome.INSUFFICIENT_INFORMATION}


def test_a_recorded_deregistration_is_judged_even_without_a_registration_check() -> None:
    op = evolve(_deregistered(DEPARTED, None), registrations_checked_on=None)
    spouse = [f for f in run_rule("DATA-005", op).findings if f.subject == "P-2"]
    assert [f.outcome for f in spouse] == [Outcome.FAIL]


def test_a_deregistration_dated_after_as_of_has_not_happened_yet() -> None:
    run = run_rule("DATA-005", _deregistered(AS_OF.add(days=1), None))
    assert run.clean
    assert run.tally.passed == 2  # the spouse is not concerned yet; the others pass


def test_fails_when_deregistered_before_departure_was_confirmed() -> None:
    finding = run_rule("DATA-005", _deregistered(DEPARTED.subtract(days=1))).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{SPOUSE}.deregistered_on"


def test_fails_when_deregistered_with_no_confirmed_departure() -> None:
    finding = run_rule("DATA-005", _deregistered(DEPARTED, None)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{SPOUSE}.deregistered_on"


def test_a_departure_confirmation_dated_after_as_of_does_not_count() -> None:
    finding = run_rule("DATA-005", _deregistered(DEPARTED, AS_OF.add(days=2))).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{SPOUSE}.deregistered_on"


def test_a_registration_check_dated_on_as_of_counts() -> None:
    op = evolve(sound_operation(), registrations_checked_on=AS_OF)
    run = run_rule("DATA-005", op)
    assert run.clean
    assert run.tally.passed == 3


def test_a_deregistration_dated_on_as_of_has_happened() -> None:
    finding = run_rule("DATA-005", _deregistered(AS_OF, None)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{SPOUSE}.deregistered_on"


def test_a_departure_confirmed_on_as_of_counts() -> None:
    run = run_rule("DATA-005", _deregistered(AS_OF, AS_OF))
    assert run.clean
    assert run.tally.passed == 3
