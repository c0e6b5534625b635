"""MIX-007: reintegration support and follow-up."""

from __future__ import annotations

import pytest

from repatguard.model import MovementKind
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import evolve, sound_operation, with_member
from repatguard.testing.rules import run_rule

SPOUSE = "$.households[0].members[1]"
CHILD = "$.households[0].members[2]"


def test_passes_when_every_adult_has_a_reintegration_plan() -> None:
    run = run_rule("MIX-007", sound_operation())
    assert run.clean
    assert run.tally.passed == 2


def test_does_not_apply_to_a_dependent_child() -> None:
    op = with_member(sound_operation(), 0, 2, reintegration_plan=False)
    run = run_rule("MIX-007", op)
    assert run.clean
    assert run.tally.not_applicable == 1


@pytest.mark.parametrize("kind", [MovementKind.SPONTANEOUS, MovementKind.FORCED])
def test_does_not_apply_to_self_organised_or_forced_movements(kind: MovementKind) -> None:
    op = evolve(with_member(sound_operation(), 0, 1, reintegration_plan=False), movement_kind=kind)
    assert run_rule("MIX-007", op).outcomes == {Outcome.NOT_APPLICABLE}


@pytest.mark.parametrize("kind", [MovementKind.AVRR, MovementKind.ASSISTED_SPONTANEOUS])
def test_applies_to_assisted_movements(kind: MovementKind) -> None:
    op = evolve(with_member(sound_operation(), 0, 1, reintegration_plan=False), movement_kind=kind)
    assert run_rule("MIX-007", op).only().outcome is Outcome.FAIL


def test_fails_for_an_adult_without_a_plan() -> None:
    finding = run_rule("MIX-007", with_member(sound_operation(), 0, 1, reintegration_plan=False))
    only = finding.only()
    assert only.outcome is Outcome.FAIL
    assert only.severity is Severity.MINOR
    assert only.path == f"{SPOUSE}.reintegration_plan"


def test_fails_for_an_unaccompanied_child_without_a_plan() -> None:
    op = with_member(
        sound_operation(), 0, 2, unaccompanied_or_separated=True, reintegration_plan=False
    )
    finding = run_rule("MIX-007", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{CHILD}.reintegration_plan"


def test_unrecorded_plan_is_insufficient_information() -> None:
    op = with_member(sound_operation(), 0, 1, reintegration_plan=None)
    finding = run_rule("MIX-007", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MINOR
    assert finding.path == f"{SPOUSE}.reintegration_plan"


def test_unknown_age_without_a_plan_is_insufficient_information() -> None:
    op = with_member(
        sound_operation(), 0, 1, date_of_birth=None, age=None, reintegration_plan=False
    )
    finding = run_rule("MIX-007", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{SPOUSE}.date_of_birth"


def test_applies_to_a_mixed_movement_which_has_assisted_parts() -> None:
    op = evolve(sound_operation(), movement_kind=MovementKind.MIXED)
    op = with_member(op, 0, 1, reintegration_plan=None)
    assert run_rule("MIX-007", op).only().outcome is Outcome.INSUFFICIENT_INFORMATION
