"""PREM-006: no detention, arrests or deportation threats against the population."""

from __future__ import annotations

import pytest

from repatguard.model import Agency, Operation, PressureKind, PressureSignal
from repatguard.outcomes import Outcome, Severity
from repatguard.rules.registry import builtin_registry
from repatguard.testing.factories import AS_OF, evolve, sound_operation
from repatguard.testing.rules import run_rule


def _with_signal(**changes: object) -> Operation:
    signal = PressureSignal(
        kind=PressureKind.DEPORTATION_THREAT,
        started_on=AS_OF.subtract(days=40),
        tied_to_refusing_return=False,
    )
    return evolve(sound_operation(), pressure_signals=(evolve(signal, **changes),))


def test_passes_when_a_current_review_found_no_such_measure() -> None:
    assert run_rule("PREM-006", sound_operation()).clean


@pytest.mark.parametrize(
    "kind",
    [
        PressureKind.DEPORTATION_THREAT,
        PressureKind.ONGOING_DEPORTATIONS,
        PressureKind.ARRESTS_OR_DETENTION,
        PressureKind.DETENTION_AS_ALTERNATIVE,
    ],
)
def test_each_coercive_measure_is_a_blocker(kind: PressureKind) -> None:
    finding = run_rule("PREM-006", _with_signal(kind=kind)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.pressure_signals[0]"


def test_an_unknown_tie_to_refusing_return_adds_nothing_to_a_blocker() -> None:
    finding = run_rule("PREM-006", _with_signal(tied_to_refusing_return=None)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER


def test_a_unhcr_lead_and_agreement_do_not_lift_the_finding() -> None:
    op = _with_signal()
    assert op.lead.lead_agency is Agency.UNHCR
    assert op.agreements
    assert run_rule("PREM-006", op).only().severity is Severity.BLOCKER
    assert not builtin_registry().get("PREM-006").meta.waivable


def test_other_kinds_of_pressure_belong_to_other_rules() -> None:
    assert run_rule("PREM-006", _with_signal(kind=PressureKind.DEADLINE)).clean


def test_measures_that_ended_before_the_lookback_no_longer_count() -> None:
    op = _with_signal(started_on=AS_OF.subtract(days=400), ended_on=AS_OF.subtract(days=181))
    assert run_rule("PREM-006", op).clean


def test_no_review_on_record_is_insufficient_information_at_blocker_weight() -> None:
    op = evolve(sound_operation(), pressure_review=None)
    finding = run_rule("PREM-006", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.pressure_review"
