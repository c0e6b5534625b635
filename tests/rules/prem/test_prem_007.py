"""PREM-007: return incentives do not distort choice."""

from __future__ import annotations

from repatguard.model import Operation, PressureKind, PressureSignal
from repatguard.outcomes import Outcome, Severity
from repatguard.rules.registry import builtin_registry
from repatguard.testing.factories import AS_OF, evolve, sound_operation
from repatguard.testing.rules import run_rule


def _with_signal(**changes: object) -> Operation:
    signal = PressureSignal(
        kind=PressureKind.INCENTIVE_CHANGE,
        started_on=AS_OF.subtract(days=20),
        tied_to_refusing_return=False,
    )
    return evolve(sound_operation(), pressure_signals=(evolve(signal, **changes),))


def test_passes_when_a_current_review_found_no_incentive_change() -> None:
    assert run_rule("PREM-007", sound_operation()).clean


def test_an_incentive_change_is_a_major_failure() -> None:
    finding = run_rule("PREM-007", _with_signal()).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.pressure_signals[0]"


def test_an_incentive_tied_to_refusing_return_is_a_blocker() -> None:
    run = run_rule("PREM-007", _with_signal(tied_to_refusing_return=True))
    assert run.only().severity is Severity.BLOCKER


def test_other_kinds_of_pressure_belong_to_other_rules() -> None:
    assert run_rule("PREM-007", _with_signal(kind=PressureKind.AID_CUT)).clean


def test_no_review_on_record_is_insufficient_information() -> None:
    op = evolve(sound_operation(), pressure_review=None)
    finding = run_rule("PREM-007", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.pressure_review"


def test_incentives_are_a_facilitation_gate() -> None:
    assert builtin_registry().get("PREM-007").meta.facilitation_gate
