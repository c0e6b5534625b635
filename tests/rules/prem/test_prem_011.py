"""PREM-011: spontaneous return into conditions not conducive is escalated."""

from __future__ import annotations

import pytest

from repatguard.model import MovementKind, Operation, Stance, UnhcrPosition
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_assessment
from repatguard.testing.rules import run_rule

_NOT_PROMOTING = UnhcrPosition(
    reference="POS-2",
    stances=(Stance.NOT_PROMOTING, Stance.FACILITATING_ONLY),
    country="AGO",
    issued_on=AS_OF.subtract(days=60),
)


def _spontaneous(
    kind: MovementKind = MovementKind.SPONTANEOUS, *, conducive: bool | None = False
) -> Operation:
    op = evolve(sound_operation(), movement_kind=kind, positions=())
    return with_assessment(op, conducive_for_promotion=conducive)


def _with_position(op: Operation, **changes: object) -> Operation:
    return evolve(op, positions=(evolve(_NOT_PROMOTING, **changes),))


def test_passes_for_spontaneous_return_into_conducive_conditions() -> None:
    assert run_rule("PREM-011", _spontaneous(conducive=True)).clean


def test_not_applicable_to_an_organised_movement() -> None:
    run = run_rule("PREM-011", sound_operation())
    assert not run.findings
    assert run.outcomes == {Outcome.NOT_APPLICABLE}


@pytest.mark.parametrize("kind", [MovementKind.SPONTANEOUS, MovementKind.ASSISTED_SPONTANEOUS])
def test_no_position_in_force_fails_and_escalates(kind: MovementKind) -> None:
    finding = run_rule("PREM-011", _spontaneous(kind)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.escalate
    assert finding.path == "$.positions"
    assert finding.subject == "AREA-1"


def test_a_position_for_another_area_does_not_discharge_the_escalation() -> None:
    op = _with_position(_spontaneous(), areas=("AREA-9",))
    assert run_rule("PREM-011", op).only().escalate


def test_a_position_in_force_with_route_monitoring_passes() -> None:
    assert run_rule("PREM-011", _with_position(_spontaneous())).clean


def test_a_position_in_force_without_route_monitoring_fails_without_escalation() -> None:
    op = evolve(_with_position(_spontaneous()), route_monitoring=False)
    finding = run_rule("PREM-011", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert not finding.escalate
    assert finding.path == "$.route_monitoring"


def test_unrecorded_route_monitoring_is_insufficient_information() -> None:
    op = evolve(_with_position(_spontaneous()), route_monitoring=None)
    finding = run_rule("PREM-011", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.route_monitoring"


def test_an_unrecorded_conducive_finding_is_insufficient_information() -> None:
    finding = run_rule("PREM-011", _spontaneous(conducive=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    # It could hide an escalation, which stops everything.
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.assessments[0].conducive_for_promotion"


def test_no_assessment_is_insufficient_information() -> None:
    op = evolve(_spontaneous(), assessments=())
    finding = run_rule("PREM-011", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.assessments"
