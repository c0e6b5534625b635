"""PREM-001: UNHCR position or non-return advisory in force."""

from __future__ import annotations

import pytest

from repatguard.model import (
    MovementKind,
    Operation,
    ReturnArea,
    RiskProfile,
    Stance,
    UnhcrPosition,
)
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, evolve, sound_operation
from repatguard.testing.rules import run_rule


def _with_position(op: Operation | None = None, **changes: object) -> Operation:
    op = op or sound_operation()
    position = UnhcrPosition(
        reference="POS-2",
        stances=(Stance.NOT_PROMOTING, Stance.NO_FORCED_RETURNS),
        country="AGO",
        issued_on=AS_OF.subtract(days=60),
    )
    return evolve(op, positions=(*op.positions, evolve(position, **changes)))


def test_passes_when_consulted_recently_and_only_a_promoting_position_is_in_force() -> None:
    assert run_rule("PREM-001", sound_operation()).clean


def test_a_restricting_position_is_a_major_failure_for_a_voluntary_movement() -> None:
    finding = run_rule("PREM-001", _with_position()).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.positions[1]"
    assert finding.subject == "AREA-1"


@pytest.mark.parametrize(
    "stance",
    [
        Stance.NOT_PROMOTING,
        Stance.FACILITATING_ONLY,
        Stance.NO_FORCED_RETURNS,
        Stance.NOT_FACILITATING,
    ],
)
def test_every_restricting_stance_counts(stance: Stance) -> None:
    finding = run_rule("PREM-001", _with_position(stances=(stance,))).only()
    assert finding.outcome is Outcome.FAIL


def test_a_restricting_position_is_a_blocker_for_a_forced_return() -> None:
    op = evolve(sound_operation(), movement_kind=MovementKind.FORCED)
    finding = run_rule("PREM-001", _with_position(op)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER


def test_a_position_limited_to_the_area_counts_and_one_for_another_area_does_not() -> None:
    assert run_rule("PREM-001", _with_position(areas=("AREA-1",))).only().outcome is Outcome.FAIL
    # Another return area of the operation (an unknown one is an input error, PREM-002 tests).
    op = sound_operation()
    op = evolve(op, return_areas=(*op.return_areas, ReturnArea(reference="AREA-2", name="South")))
    run = run_rule("PREM-001", _with_position(op, areas=("AREA-2",)))
    assert {finding.subject for finding in run.findings} == {"AREA-2"}


def test_a_position_for_another_country_does_not_count() -> None:
    assert run_rule("PREM-001", _with_position(country="SYR")).clean


def test_a_position_for_risk_profiles_only_is_not_an_area_finding() -> None:
    # SPEC-003 judges the people who match it (tests/rules/spec/test_spec_003.py).
    assert run_rule("PREM-001", _with_position(profiles=(RiskProfile.JOURNALISTS,))).clean


def test_a_lifted_position_no_longer_counts() -> None:
    assert run_rule("PREM-001", _with_position(lifted_on=AS_OF.subtract(days=1))).clean
    lifted_later = _with_position(lifted_on=AS_OF.add(days=1))
    assert run_rule("PREM-001", lifted_later).only().outcome is Outcome.FAIL


def test_a_position_issued_after_as_of_is_not_yet_in_force() -> None:
    assert run_rule("PREM-001", _with_position(issued_on=AS_OF.add(days=1))).clean


def test_a_position_with_no_stance_recorded_is_insufficient_information() -> None:
    finding = run_rule("PREM-001", _with_position(stances=())).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.positions[1].stances"


def test_unrecorded_consultation_is_insufficient_information_at_blocker_weight() -> None:
    op = evolve(sound_operation(), positions_consulted_on=None)
    finding = run_rule("PREM-001", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.positions_consulted_on"


def test_consultation_older_than_the_limit_is_insufficient_information() -> None:
    op = evolve(sound_operation(), positions_consulted_on=AS_OF.subtract(days=7))
    assert run_rule("PREM-001", op).clean
    stale = evolve(op, positions_consulted_on=AS_OF.subtract(days=8))
    finding = run_rule("PREM-001", stale).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.positions_consulted_on"


def test_consultation_dated_after_as_of_has_not_happened_yet() -> None:
    op = evolve(sound_operation(), positions_consulted_on=AS_OF.add(days=1))
    assert run_rule("PREM-001", op).only().outcome is Outcome.INSUFFICIENT_INFORMATION


def test_a_stale_consultation_still_reports_the_positions_on_record() -> None:
    op = _with_position(evolve(sound_operation(), positions_consulted_on=None))
    run = run_rule("PREM-001", op)
    assert {(f.path, f.outcome) for f in run.findings} == {
        ("$.positions_consulted_on", Outcome.INSUFFICIENT_INFORMATION),
        ("$.positions[1]", Outcome.FAIL),
    }


@pytest.mark.parametrize(
    "op",
    [
        pytest.param(_with_position(), id="restricting-position"),
        pytest.param(_with_position(stances=()), id="no-stance-recorded"),
        pytest.param(
            evolve(sound_operation(), positions_consulted_on=None), id="consultation-unrecorded"
        ),
        pytest.param(
            _with_position(evolve(sound_operation(), positions_consulted_on=None)),
            id="consultation-unrecorded-and-restricting",
        ),
    ],
)
def test_no_pass_is_reported_beside_a_failure_or_unknown(op: Operation) -> None:
    run = run_rule("PREM-001", op)
    assert run.findings
    assert Outcome.PASS not in run.outcomes


def test_a_position_mixing_a_restricting_stance_with_promotion_still_restricts() -> None:
    op = _with_position(stances=(Stance.PROMOTING, Stance.FACILITATING_ONLY))
    run = run_rule("PREM-001", op)
    assert run.only().outcome is Outcome.FAIL
    assert run.only().path == "$.positions[1]"
    assert Outcome.PASS not in run.outcomes
