"""SPEC-003: individual assessment for at-risk profiles under a current UNHCR position."""

from __future__ import annotations

from typing import Any

import pendulum

from repatguard.model import MovementKind, Operation, ReturnArea, Stance, UnhcrPosition
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_member
from repatguard.testing.rules import run_rule

HEAD = "$.households[0].members[0]"
ASSESSMENT = f"{HEAD}.individual_protection_assessment_on"


def _journalist(
    op: Operation | None = None, assessed_on: pendulum.Date | None = None, **position: Any
) -> Operation:
    """The head matches 'journalists'; a position in force names that profile (changed as given)."""
    op = op or sound_operation()
    found = UnhcrPosition(
        reference="POS-2",
        stances=(Stance.NO_FORCED_RETURNS,),
        country="AGO",
        profiles=("journalists", "judges"),
        issued_on=AS_OF.subtract(days=60),
    )
    op = evolve(op, positions=(*op.positions, evolve(found, **position)))
    return with_member(
        op,
        0,
        0,
        risk_profiles=("journalists",),
        individual_protection_assessment_on=assessed_on,
    )


def test_does_not_apply_to_people_without_risk_profiles() -> None:
    run = run_rule("SPEC-003", sound_operation())
    assert not run.findings
    assert run.outcomes == {Outcome.NOT_APPLICABLE}


def test_passes_when_the_person_was_assessed_individually() -> None:
    run = run_rule("SPEC-003", _journalist(assessed_on=AS_OF.subtract(days=10)))
    assert run.clean
    assert run.tally.passed == 1


def test_passes_when_no_position_in_force_names_the_persons_profile() -> None:
    assert run_rule("SPEC-003", _journalist(profiles=("judges",))).clean


def test_an_unassessed_person_matching_a_profile_is_a_major_failure() -> None:
    finding = run_rule("SPEC-003", _journalist()).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.subject == "P-1"
    assert finding.path == ASSESSMENT
    assert "POS-2" in (finding.evidence.observed or "")


def test_for_a_forced_return_it_is_a_blocker() -> None:
    op = evolve(sound_operation(), movement_kind=MovementKind.FORCED)
    finding = run_rule("SPEC-003", _journalist(op)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER


def test_an_assessment_dated_after_as_of_has_not_been_made_yet() -> None:
    finding = run_rule("SPEC-003", _journalist(assessed_on=AS_OF.add(days=1))).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == ASSESSMENT


def test_a_position_for_another_country_does_not_count() -> None:
    assert run_rule("SPEC-003", _journalist(country="HTI")).clean


def test_the_country_is_the_return_areas_own() -> None:
    op = evolve(
        sound_operation(),
        return_areas=(ReturnArea(reference="AREA-1", name="Northern valley", country="COD"),),
    )
    assert run_rule("SPEC-003", _journalist(op)).clean
    assert run_rule("SPEC-003", _journalist(op, country="COD")).only().outcome is Outcome.FAIL


def test_a_position_limited_to_the_area_counts_and_one_for_another_area_does_not() -> None:
    assert run_rule("SPEC-003", _journalist(areas=("AREA-1",))).only().outcome is Outcome.FAIL
    assert run_rule("SPEC-003", _journalist(areas=("AREA-9",))).clean


def test_a_lifted_position_or_one_not_yet_issued_does_not_count() -> None:
    assert run_rule("SPEC-003", _journalist(lifted_on=AS_OF.subtract(days=1))).clean
    assert run_rule("SPEC-003", _journalist(issued_on=AS_OF.add(days=1))).clean


def test_a_regional_position_with_the_return_area_unknown_is_insufficient_information() -> None:
    op = _journalist(areas=("AREA-1",))
    household = evolve(op.households[0], intended_return_area=None)
    finding = run_rule("SPEC-003", evolve(op, households=(household,))).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.households[0].intended_return_area"


def test_a_nationwide_position_applies_when_the_return_area_is_unknown() -> None:
    op = _journalist()
    household = evolve(op.households[0], intended_return_area=None)
    finding = run_rule("SPEC-003", evolve(op, households=(household,))).only()
    assert finding.outcome is Outcome.FAIL


def test_positions_not_consulted_are_insufficient_information() -> None:
    op = evolve(_journalist(profiles=("judges",)), positions_consulted_on=None)
    finding = run_rule("SPEC-003", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.positions_consulted_on"


def test_a_stale_consultation_is_insufficient_information_at_blocker_weight_when_forced() -> None:
    op = evolve(
        _journalist(profiles=("judges",)),
        positions_consulted_on=AS_OF.subtract(days=8),
        movement_kind=MovementKind.FORCED,
    )
    finding = run_rule("SPEC-003", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER


def test_an_individual_assessment_holds_whatever_the_consultation() -> None:
    op = evolve(_journalist(assessed_on=AS_OF.subtract(days=10)), positions_consulted_on=None)
    assert run_rule("SPEC-003", op).clean
