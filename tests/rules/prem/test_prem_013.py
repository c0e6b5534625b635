"""PREM-013: 'safe country' designation contradicts a UNHCR position."""

from __future__ import annotations

import pytest

from repatguard.model import Operation, Stance, UnhcrPosition
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, evolve, sound_operation
from repatguard.testing.rules import run_rule


def _listed_as_safe(*stances: Stance, **changes: object) -> Operation:
    """The origin is listed as safe; with ``stances``, a second position on it is in force."""
    op = evolve(sound_operation(), origin_listed_as_safe_country=True)
    if not stances and not changes:
        return op
    position = UnhcrPosition(
        reference="POS-2",
        stances=stances,
        country="AGO",
        issued_on=AS_OF.subtract(days=60),
    )
    return evolve(op, positions=(*op.positions, evolve(position, **changes)))


def test_passes_when_the_origin_is_not_listed_as_safe() -> None:
    assert run_rule("PREM-013", sound_operation()).clean


def test_a_listing_passes_when_no_position_advises_against_return() -> None:
    assert run_rule("PREM-013", _listed_as_safe()).clean


@pytest.mark.parametrize(
    "stance", [Stance.NO_FORCED_RETURNS, Stance.NOT_PROMOTING, Stance.NOT_FACILITATING]
)
def test_a_listing_against_a_position_in_force_fails(stance: Stance) -> None:
    finding = run_rule("PREM-013", _listed_as_safe(stance)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.origin_listed_as_safe_country"
    assert finding.evidence.observed is not None
    assert "POS-2" in finding.evidence.observed


def test_a_facilitating_only_position_is_no_contradiction() -> None:
    assert run_rule("PREM-013", _listed_as_safe(Stance.FACILITATING_ONLY)).clean


def test_a_position_on_another_country_does_not_count() -> None:
    assert run_rule("PREM-013", _listed_as_safe(Stance.NO_FORCED_RETURNS, country="ZMB")).clean


def test_a_lifted_position_no_longer_counts() -> None:
    op = _listed_as_safe(Stance.NO_FORCED_RETURNS, lifted_on=AS_OF)
    assert run_rule("PREM-013", op).clean


def test_a_position_with_no_stance_recorded_is_insufficient_information() -> None:
    finding = run_rule("PREM-013", _listed_as_safe(stances=())).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.positions[1].stances"


def test_a_stale_consultation_is_insufficient_information_at_major_weight() -> None:
    op = evolve(_listed_as_safe(), positions_consulted_on=AS_OF.subtract(days=30))
    finding = run_rule("PREM-013", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.positions_consulted_on"


def test_a_stale_consultation_does_not_matter_without_a_listing() -> None:
    op = evolve(sound_operation(), positions_consulted_on=None)
    assert run_rule("PREM-013", op).clean


def test_unknown_listing_is_insufficient_information() -> None:
    op = evolve(sound_operation(), origin_listed_as_safe_country=None)
    finding = run_rule("PREM-013", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.origin_listed_as_safe_country"


@pytest.mark.parametrize(
    "op",
    [
        pytest.param(_listed_as_safe(Stance.NO_FORCED_RETURNS), id="against-return"),
        pytest.param(_listed_as_safe(stances=()), id="no-stance-recorded"),
        pytest.param(
            evolve(_listed_as_safe(), positions_consulted_on=None), id="consultation-unrecorded"
        ),
    ],
)
def test_no_pass_is_reported_beside_a_failure_or_unknown(op: Operation) -> None:
    run = run_rule("PREM-013", op)
    assert run.findings
    assert Outcome.PASS not in run.outcomes
