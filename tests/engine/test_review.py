"""next_review: the earliest instant after as_of at which the result changes by itself."""

from __future__ import annotations

import pendulum
import pytest

import repatguard
from repatguard.examples import Example, examples
from repatguard.model import ConsentEvent, ConsentKind, Operation
from repatguard.outcomes import Verdict
from repatguard.report.report import Report
from repatguard.testing.factories import AS_OF, at, evolve, sound_operation, with_member


def _signature(report: Report) -> tuple[object, ...]:
    return (
        report.verdict,
        tuple(sorted((f.fingerprint, f.outcome, f.severity) for f in report.findings)),
    )


def _first_change_day_by_day(operation: Operation, start: pendulum.Date, days: int) -> str | None:
    now = _signature(repatguard.check(operation, as_of=start, next_review=False))
    for offset in range(1, days + 1):
        day = start.add(days=offset)
        later = repatguard.check(operation, as_of=day, next_review=False)
        if _signature(later) != now:
            return pendulum.datetime(day.year, day.month, day.day, tz="UTC").isoformat()
    return None


def test_sound_operation_goes_insufficient_when_positions_consultation_is_stale() -> None:
    report = repatguard.check(sound_operation(), as_of=AS_OF)
    assert report.next_review is not None
    assert report.next_review.due == "2026-06-07T00:00:00+00:00"
    assert report.next_review.verdict_after is Verdict.INSUFFICIENT_INFORMATION
    assert {c.code for c in report.next_review.changes} == {"PREM-001", "PREM-002"}


@pytest.mark.parametrize("item", examples(), ids=lambda item: item.name)
def test_next_review_agrees_with_a_day_by_day_scan(item: Example) -> None:
    operation = item.load()
    as_of = item.as_of
    report = repatguard.check(operation, as_of=as_of)
    scanned = 100
    expected = _first_change_day_by_day(operation, as_of, scanned)
    due = report.next_review.due if report.next_review else None
    if expected is None:
        end = pendulum.datetime(as_of.year, as_of.month, as_of.day, tz="UTC").add(days=scanned)
        assert due is None or pendulum.DateTime.fromisoformat(due) > end
    else:
        assert due == expected


def test_a_future_consent_event_is_a_review_instant() -> None:
    op = sound_operation()
    events = tuple(
        e for e in op.households[0].members[1].consent if e.kind is not ConsentKind.DECLARATION
    )
    op = with_member(
        op,
        0,
        1,
        consent=(*events, ConsentEvent(kind=ConsentKind.DECLARATION, at=at(AS_OF.add(days=2), 9))),
    )
    report = repatguard.check(op, as_of=AS_OF, reveal_references=True)
    assert report.case("P-2").verdict is Verdict.BLOCKED
    assert report.next_review is not None
    assert report.next_review.due == "2026-06-03T09:00:00+00:00"
    changes = {(c.code, c.subject, c.after) for c in report.next_review.changes}
    assert ("VOL-001", "P-2", "absent") in changes


def test_no_change_within_the_horizon_gives_no_review() -> None:
    op = evolve(sound_operation(), positions_consulted_on=None)
    op = evolve(op, pressure_review=None, assessments=(), households=(), agreements=())
    assert op.data_sharing_agreements is not None
    sharing = evolve(op.data_sharing_agreements[0], ends_on=AS_OF.add(years=10))
    op = evolve(op, data_sharing_agreements=(sharing,))
    report = repatguard.check(op, as_of=AS_OF)
    assert report.next_review is None


def test_the_end_of_a_data_sharing_agreement_is_when_the_transfer_is_next_reviewed() -> None:
    # The agreement's term is recorded (DATA-009 needs it), so the review finds the day the
    # transfer it covers stops being lawful.
    op = evolve(sound_operation(), positions_consulted_on=None)
    op = evolve(op, pressure_review=None, assessments=(), households=(), agreements=())
    report = repatguard.check(op, as_of=AS_OF)
    assert report.next_review is not None
    assert report.next_review.due == "2027-11-01T00:00:00+00:00"
    assert [(c.code, c.after) for c in report.next_review.changes] == [("DATA-009", "fail/blocker")]


def test_review_can_be_switched_off() -> None:
    assert repatguard.check(sound_operation(), as_of=AS_OF, next_review=False).next_review is None


def test_a_positions_review_date_is_a_scheduled_review() -> None:
    op = sound_operation()
    position = evolve(op.positions[0], review_due_on=AS_OF.add(days=3))
    report = repatguard.check(evolve(op, positions=(position,)), as_of=AS_OF)
    assert report.next_review is not None
    assert report.next_review.due == "2026-06-04T00:00:00+00:00"
    assert report.next_review.changes == ()
    assert report.next_review.scheduled == (
        "UNHCR position POS-1 ($.positions[0]) is due for review",
    )


def test_an_open_escalation_is_reviewed_when_it_passes_its_time_limit() -> None:
    from repatguard.testing.factories import with_escalation

    # Raised 28 days before as_of: past the 30 days allowed (LEAD-009) on the 31st day.
    op = with_escalation(sound_operation(), raised_on=AS_OF.subtract(days=28))
    report = repatguard.check(op, as_of=AS_OF)
    assert report.next_review is not None
    assert report.next_review.due == "2026-06-04T00:00:00+00:00"
    assert {c.code for c in report.next_review.changes} == {"LEAD-009"}
    assert report.next_review.due == _first_change_day_by_day(op, AS_OF, 10)
