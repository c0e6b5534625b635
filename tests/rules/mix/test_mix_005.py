"""MIX-005: non-refoulement protects non-refugees too."""

from __future__ import annotations

import pytest

from repatguard.model import MovementKind, Operation, Stance, UnhcrPosition
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, evolve, sound_operation
from repatguard.testing.rules import run_rule


def _forced() -> Operation:
    return evolve(sound_operation(), movement_kind=MovementKind.FORCED)


def _advisory(**changes: object) -> Operation:
    """A forced return while a non-return advisory covers the country."""
    op = _forced()
    position = UnhcrPosition(
        reference="POS-2",
        stances=(Stance.NOT_PROMOTING, Stance.NO_FORCED_RETURNS),
        country="AGO",
        issued_on=AS_OF.subtract(days=60),
    )
    return evolve(op, positions=(*op.positions, evolve(position, **changes)))


def test_passes_for_a_forced_return_when_no_advisory_is_in_force() -> None:
    run = run_rule("MIX-005", _forced())
    assert run.clean
    assert run.tally.passed == 1


@pytest.mark.parametrize(
    "kind",
    [
        MovementKind.ORGANISED,
        MovementKind.ASSISTED_SPONTANEOUS,
        MovementKind.SPONTANEOUS,
        MovementKind.AVRR,
    ],
)
def test_does_not_apply_to_movements_that_are_not_forced(kind: MovementKind) -> None:
    op = evolve(_advisory(), movement_kind=kind)
    assert run_rule("MIX-005", op).outcomes == {Outcome.NOT_APPLICABLE}


@pytest.mark.parametrize("stance", [Stance.NO_FORCED_RETURNS, Stance.NOT_FACILITATING])
def test_forced_return_under_a_non_return_advisory_is_a_blocker(stance: Stance) -> None:
    finding = run_rule("MIX-005", _advisory(stances=(stance,))).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.positions[1]"


def test_an_advisory_for_another_area_does_not_count() -> None:
    assert run_rule("MIX-005", _advisory(areas=("AREA-9",))).clean


def test_a_lifted_advisory_no_longer_counts() -> None:
    assert run_rule("MIX-005", _advisory(lifted_on=AS_OF)).clean


def test_a_not_promoting_position_alone_does_not_bar_forced_return() -> None:
    assert run_rule("MIX-005", _advisory(stances=(Stance.NOT_PROMOTING,))).clean


def test_a_position_with_no_stance_recorded_is_insufficient_information() -> None:
    finding = run_rule("MIX-005", _advisory(stances=())).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.positions[1].stances"


def test_unrecorded_consultation_is_insufficient_information_at_blocker_weight() -> None:
    finding = run_rule("MIX-005", evolve(_forced(), positions_consulted_on=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.positions_consulted_on"


def test_a_stale_consultation_does_not_hide_a_known_advisory() -> None:
    op = evolve(_advisory(), positions_consulted_on=AS_OF.subtract(days=30))
    outcomes = sorted(f.outcome for f in run_rule("MIX-005", op).findings)
    assert outcomes == [Outcome.FAIL, Outcome.INSUFFICIENT_INFORMATION]


def test_a_kind_outside_the_vocabulary_may_be_forced_so_the_advisory_binds() -> None:
    # An operation built in Python with a plain string is not read as "not forced".
    op = evolve(_advisory(), movement_kind="forced")
    assert Outcome.FAIL in run_rule("MIX-005", op).outcomes
