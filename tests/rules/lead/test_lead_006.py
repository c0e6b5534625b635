"""LEAD-006: a tripartite commission meets."""

from __future__ import annotations

import pytest

from repatguard.facts.parameters import Parameters
from repatguard.model import AgreementKind, MovementKind, Operation
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, evolve, sound_operation
from repatguard.testing.rules import run_rule

PATH = "$.agreements[0].commission_last_met"


def _agreement(**changes: object) -> Operation:
    op = sound_operation()
    assert op.agreements is not None
    return evolve(op, agreements=(evolve(op.agreements[0], **changes),))


def test_passes_when_the_commission_met_recently() -> None:
    assert run_rule("LEAD-006", sound_operation()).clean


def test_fails_as_minor_when_the_commission_has_not_met_within_the_gap() -> None:
    finding = run_rule("LEAD-006", _agreement(commission_last_met=AS_OF.subtract(days=184))).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MINOR
    assert finding.path == PATH


def test_the_gap_is_inclusive_on_the_oldest_day() -> None:
    assert run_rule("LEAD-006", _agreement(commission_last_met=AS_OF.subtract(days=183))).clean


def test_the_gap_is_a_parameter() -> None:
    run = run_rule("LEAD-006", sound_operation(), parameters=Parameters(commission_max_gap="P14D"))
    assert run.only().outcome is Outcome.FAIL


def test_a_meeting_dated_after_as_of_has_not_happened_yet() -> None:
    finding = run_rule("LEAD-006", _agreement(commission_last_met=AS_OF.add(days=1))).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == PATH


def test_unrecorded_meeting_is_insufficient_information() -> None:
    finding = run_rule("LEAD-006", _agreement(commission_last_met=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MINOR
    assert finding.path == PATH


@pytest.mark.parametrize(
    "kind",
    [MovementKind.ASSISTED_SPONTANEOUS, MovementKind.SPONTANEOUS, MovementKind.AVRR],
)
def test_does_not_apply_to_movements_that_are_not_organised(kind: MovementKind) -> None:
    op = evolve(_agreement(commission_last_met=None), movement_kind=kind)
    run = run_rule("LEAD-006", op)
    assert not run.findings
    assert run.outcomes == {Outcome.NOT_APPLICABLE}


@pytest.mark.parametrize(
    "op",
    [
        evolve(sound_operation(), agreements=()),
        _agreement(signed_on=AS_OF.add(days=1), commission_last_met=None),
        _agreement(kind=AgreementKind.BILATERAL, commission_last_met=None),
    ],
    ids=["no agreement", "not yet signed", "bilateral"],
)
def test_does_not_apply_without_a_tripartite_agreement_in_force(op: Operation) -> None:
    run = run_rule("LEAD-006", op)
    assert not run.findings
    assert run.outcomes == {Outcome.NOT_APPLICABLE}


def test_a_meeting_held_on_as_of_counts_as_held() -> None:
    assert run_rule("LEAD-006", _agreement(commission_last_met=AS_OF)).clean
