"""VOL-012: return initiated by the displaced themselves."""

from __future__ import annotations

import pytest

from repatguard.model import Initiator, Operation, Relationship, ReturnArea
from repatguard.outcomes import Outcome, Severity
from repatguard.rules.registry import builtin_registry
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_member
from repatguard.testing.rules import run_rule


def test_passes_when_the_displaced_initiated_the_return() -> None:
    assert run_rule("VOL-012", sound_operation()).clean


@pytest.mark.parametrize(
    "initiator", [i for i in Initiator if i is not Initiator.DISPLACED_PERSONS]
)
def test_a_return_initiated_by_anyone_else_fails_as_minor(initiator: Initiator) -> None:
    finding = run_rule("VOL-012", evolve(sound_operation(), initiated_by=initiator)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MINOR
    assert finding.path == "$.initiated_by"


def test_unknown_initiator_is_insufficient_information() -> None:
    finding = run_rule("VOL-012", evolve(sound_operation(), initiated_by=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MINOR
    assert finding.path == "$.initiated_by"


def test_is_a_condition_of_facilitation() -> None:
    assert builtin_registry().get("VOL-012").meta.facilitation_gate


def _requested(op: Operation, *members: int, days_before_as_of: int = 40) -> Operation:
    for member in members:
        on = AS_OF.subtract(days=days_before_as_of)
        op = with_member(op, 0, member, return_requested_on=on)
    return op


@pytest.mark.parametrize("initiator", [Initiator.IOM, Initiator.HOST_STATE, Initiator.MIXED, None])
def test_passes_when_every_adult_made_a_documented_individual_request(
    initiator: Initiator | None,
) -> None:
    # IOM assisted returns of screened migrants: each person asked for help to return.
    op = _requested(evolve(sound_operation(), initiated_by=initiator), 0, 1)
    run = run_rule("VOL-012", op)
    assert run.clean


def test_an_undocumented_request_never_counts() -> None:
    op = _requested(evolve(sound_operation(), initiated_by=Initiator.IOM), 0)
    finding = run_rule("VOL-012", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == "$.initiated_by"
    assert "$.households[0].members[1].return_requested_on" in str(finding.evidence.observed)


def test_a_request_dated_after_as_of_has_not_been_made_yet() -> None:
    op = evolve(sound_operation(), initiated_by=Initiator.IOM)
    op = _requested(op, 0, 1, days_before_as_of=-1)
    assert run_rule("VOL-012", op).only().outcome is Outcome.FAIL


def test_unknown_initiator_without_requests_stays_insufficient_information() -> None:
    op = _requested(evolve(sound_operation(), initiated_by=None), 0)
    finding = run_rule("VOL-012", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.initiated_by"


def test_a_child_moving_without_a_parent_needs_an_own_request() -> None:
    # The head (the parent) stays behind; the head's sister, who moves with the child, asked.
    op = _requested(evolve(sound_operation(), initiated_by=Initiator.IOM), 1)
    op = with_member(op, 0, 0, stays_behind=True)
    op = with_member(op, 0, 1, relationship_to_head=Relationship.SIBLING)
    finding = run_rule("VOL-012", op).only()
    assert finding.outcome is Outcome.FAIL
    assert "$.households[0].members[2].return_requested_on" in str(finding.evidence.observed)


def test_an_operation_with_no_one_on_the_manifest_cannot_rest_on_requests() -> None:
    op = evolve(sound_operation(), initiated_by=Initiator.IOM, households=())
    assert run_rule("VOL-012", op).only().outcome is Outcome.FAIL


def _second_area(op: Operation, **changes: object) -> Operation:
    """``op`` with a second return area, AREA-2, whose fields ``changes`` set."""
    area = ReturnArea(reference="AREA-2", name="Border hills", **changes)  # type: ignore[arg-type]
    return evolve(op, return_areas=(*op.return_areas, area))


def test_an_area_judged_on_its_own_initiator_ties_the_finding_to_it() -> None:
    op = _second_area(sound_operation(), initiated_by=Initiator.HOST_STATE)
    finding = run_rule("VOL-012", op).only()
    assert finding.outcome is Outcome.FAIL
    assert (finding.area, finding.path) == ("AREA-2", "$.return_areas[1].initiated_by")


def test_an_area_initiated_by_the_displaced_passes_where_the_operation_is_not() -> None:
    op = _second_area(
        evolve(sound_operation(), initiated_by=Initiator.UNHCR),
        initiated_by=Initiator.DISPLACED_PERSONS,
    )
    finding = run_rule("VOL-012", op).only()
    assert (finding.area, finding.path) == ("AREA-1", "$.initiated_by")


def test_an_area_without_its_own_record_keeps_the_operations_unknown() -> None:
    op = _second_area(
        evolve(sound_operation(), initiated_by=None), initiated_by=Initiator.DISPLACED_PERSONS
    )
    finding = run_rule("VOL-012", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.area == "AREA-1"
