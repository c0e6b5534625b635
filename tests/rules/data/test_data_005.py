"""DATA-005: deregistration only after confirmed departure."""

from __future__ import annotations

import pendulum

from repatguard.model import Operation
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, sound_operation, with_member
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
    assert run.tally.passed == 1


def test_deregistration_on_the_day_of_confirmed_departure_passes() -> None:
    assert run_rule("DATA-005", _deregistered(DEPARTED)).clean


def test_does_not_apply_to_people_not_deregistered() -> None:
    assert run_rule("DATA-005", sound_operation()).outcomes == {Outcome.NOT_APPLICABLE}


def test_a_deregistration_dated_after_as_of_has_not_happened_yet() -> None:
    run = run_rule("DATA-005", _deregistered(AS_OF.add(days=1), None))
    assert run.outcomes == {Outcome.NOT_APPLICABLE}


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
