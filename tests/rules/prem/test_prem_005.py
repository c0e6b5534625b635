"""PREM-005: no camp closure, eviction or demolition of shelters."""

from __future__ import annotations

from repatguard.model import Operation, PressureKind, PressureSignal
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, evolve, sound_operation
from repatguard.testing.rules import run_rule


def _with_signal(**changes: object) -> Operation:
    signal = PressureSignal(
        kind=PressureKind.CAMP_CLOSURE,
        started_on=AS_OF.subtract(days=40),
        tied_to_refusing_return=False,
    )
    return evolve(sound_operation(), pressure_signals=(evolve(signal, **changes),))


def test_passes_when_a_current_review_found_no_such_measure() -> None:
    assert run_rule("PREM-005", sound_operation()).clean


def test_an_active_camp_closure_is_a_major_failure() -> None:
    finding = run_rule("PREM-005", _with_signal()).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.pressure_signals[0]"


def test_other_kinds_of_pressure_belong_to_other_rules() -> None:
    assert run_rule("PREM-005", _with_signal(kind=PressureKind.STATUS_REVOCATION)).clean


def test_a_measure_tied_to_refusing_return_is_a_blocker() -> None:
    run = run_rule("PREM-005", _with_signal(tied_to_refusing_return=True))
    assert run.only().severity is Severity.BLOCKER


def test_unknown_tie_adds_insufficient_information_at_blocker_weight() -> None:
    run = run_rule("PREM-005", _with_signal(tied_to_refusing_return=None))
    outcomes = sorted((f.outcome, f.severity) for f in run.findings)
    assert outcomes == [
        (Outcome.FAIL, Severity.MAJOR),
        (Outcome.INSUFFICIENT_INFORMATION, Severity.BLOCKER),
    ]


def test_a_measure_that_ended_before_the_lookback_no_longer_counts() -> None:
    op = _with_signal(started_on=AS_OF.subtract(days=400), ended_on=AS_OF.subtract(days=181))
    assert run_rule("PREM-005", op).clean
    recent = _with_signal(started_on=AS_OF.subtract(days=400), ended_on=AS_OF.subtract(days=10))
    assert run_rule("PREM-005", recent).only().outcome is Outcome.FAIL


def test_a_measure_starting_after_as_of_is_not_yet_pressure() -> None:
    assert run_rule("PREM-005", _with_signal(started_on=AS_OF.add(days=1))).clean


def test_no_review_on_record_is_insufficient_information_not_a_pass() -> None:
    op = evolve(sound_operation(), pressure_review=None)
    finding = run_rule("PREM-005", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.pressure_review"


def test_a_stale_review_is_insufficient_information() -> None:
    op = sound_operation()
    assert op.pressure_review is not None
    stale = evolve(op.pressure_review, reviewed_on=AS_OF.subtract(days=91))
    run = run_rule("PREM-005", evolve(op, pressure_review=stale))
    assert run.only().outcome is Outcome.INSUFFICIENT_INFORMATION
