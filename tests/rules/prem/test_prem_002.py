"""PREM-002: UNHCR neither promoting nor facilitating."""

from __future__ import annotations

import json
from typing import Any

import pytest

import repatguard
from repatguard.errors import InputError
from repatguard.io.converter import converter
from repatguard.model import (
    MovementKind,
    Operation,
    ReturnArea,
    RiskProfile,
    Stance,
    UnhcrPosition,
)
from repatguard.outcomes import Outcome, Severity, Verdict
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_member
from repatguard.testing.rules import run_rule


def _not_facilitating(
    movement_kind: MovementKind = MovementKind.ORGANISED, **changes: object
) -> Operation:
    op = evolve(sound_operation(), movement_kind=movement_kind)
    position = UnhcrPosition(
        reference="POS-2",
        stances=(Stance.NOT_PROMOTING, Stance.NOT_FACILITATING),
        country="AGO",
        issued_on=AS_OF.subtract(days=60),
    )
    return evolve(op, positions=(*op.positions, evolve(position, **changes)))


def test_passes_when_no_position_against_facilitation_is_in_force() -> None:
    assert run_rule("PREM-002", sound_operation()).clean


@pytest.mark.parametrize(
    "kind", [MovementKind.ORGANISED, MovementKind.ASSISTED_SPONTANEOUS, MovementKind.AVRR]
)
def test_an_assisted_movement_under_a_not_facilitating_position_is_a_blocker(
    kind: MovementKind,
) -> None:
    finding = run_rule("PREM-002", _not_facilitating(kind)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.positions[1]"


def test_self_organised_returns_are_monitored_only_never_facilitated() -> None:
    finding = run_rule("PREM-002", _not_facilitating(MovementKind.SPONTANEOUS)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert "monitored, not assisted or facilitated" in finding.message


def test_a_not_promoting_position_that_still_facilitates_passes() -> None:
    op = _not_facilitating(stances=(Stance.NOT_PROMOTING, Stance.FACILITATING_ONLY))
    assert run_rule("PREM-002", op).clean


def test_a_not_facilitating_position_for_another_area_does_not_count() -> None:
    op = sound_operation()
    op = evolve(op, return_areas=(*op.return_areas, ReturnArea(reference="AREA-2", name="South")))
    op = evolve(op, positions=_not_facilitating(areas=("AREA-2",)).positions)
    run = run_rule("PREM-002", op)
    assert {finding.subject for finding in run.findings} == {"AREA-2"}


# --- Review hole 5: a position's areas are return-area references, never free text ------------


def test_a_not_facilitating_position_naming_the_return_area_by_reference_blocks() -> None:
    report = repatguard.check(_not_facilitating(areas=("AREA-1",)), as_of=AS_OF)
    assert report.verdict is Verdict.BLOCKED


@pytest.mark.parametrize("area", ["Northern valley", "AREA-9", "area-1", ""])
def test_a_position_area_that_is_not_a_return_area_reference_is_an_input_error(
    area: str,
) -> None:
    # Read as free text, the area's name (or a typo) silently dropped the position: promote.
    op = _not_facilitating(areas=("AREA-1", area))
    with pytest.raises(InputError) as caught:
        repatguard.check(op, as_of=AS_OF)
    assert [(issue.path, issue.message) for issue in caught.value.issues] == [
        (
            "$.positions[1].areas[1]",
            "unknown return area (no return area of the operation has this reference)",
        )
    ]


def test_a_position_area_given_by_name_is_refused_when_the_file_is_loaded() -> None:
    data: dict[str, Any] = json.loads(
        json.dumps(converter().unstructure(_not_facilitating(areas=("AREA-1",))))
    )
    data["positions"][1]["areas"] = ["Northern valley"]
    with pytest.raises(InputError) as caught:
        repatguard.load(data)
    assert {issue.path for issue in caught.value.issues} == {"$.positions[1].areas[0]"}


def test_a_lifted_position_no_longer_counts() -> None:
    assert run_rule("PREM-002", _not_facilitating(lifted_on=AS_OF)).clean


def test_a_position_with_no_stance_recorded_is_insufficient_information_at_blocker_weight() -> None:
    finding = run_rule("PREM-002", _not_facilitating(stances=())).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.positions[1].stances"


def test_unrecorded_consultation_is_insufficient_information_at_blocker_weight() -> None:
    op = evolve(sound_operation(), positions_consulted_on=None)
    finding = run_rule("PREM-002", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.positions_consulted_on"


def test_a_stale_consultation_is_insufficient_information() -> None:
    op = evolve(sound_operation(), positions_consulted_on=AS_OF.subtract(days=30))
    assert run_rule("PREM-002", op).only().outcome is Outcome.INSUFFICIENT_INFORMATION


def test_a_not_facilitating_position_for_risk_profiles_only_is_judged_for_each_person() -> None:
    # Item 9: the area is not barred for everyone, but the journalist is, at blocker weight.
    op = _not_facilitating(profiles=(RiskProfile.JOURNALISTS,))
    assert run_rule("PREM-002", op).clean
    journalist = with_member(op, 0, 0, risk_profiles=(RiskProfile.JOURNALISTS,))
    finding = run_rule("SPEC-003", journalist).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.subject == "P-1"


@pytest.mark.parametrize(
    "op",
    [
        pytest.param(_not_facilitating(), id="organised-not-facilitating"),
        pytest.param(_not_facilitating(MovementKind.SPONTANEOUS), id="spontaneous"),
        pytest.param(_not_facilitating(stances=()), id="no-stance-recorded"),
        pytest.param(
            evolve(sound_operation(), positions_consulted_on=None), id="consultation-unrecorded"
        ),
        pytest.param(
            evolve(_not_facilitating(), positions_consulted_on=None),
            id="consultation-unrecorded-and-not-facilitating",
        ),
    ],
)
def test_no_pass_is_reported_beside_a_failure_or_unknown(op: Operation) -> None:
    run = run_rule("PREM-002", op)
    assert run.findings
    assert Outcome.PASS not in run.outcomes
