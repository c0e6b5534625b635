"""PREM-014: systemic pressure across cases."""

from __future__ import annotations

from repatguard.model import CoercionIndicator, Household, Operation, Population, Relationship
from repatguard.outcomes import Outcome, Severity
from repatguard.rules.parameters import Parameters
from repatguard.testing.factories import AS_OF, adult, evolve, sound_operation, with_member
from repatguard.testing.rules import run_rule


def _large(adults: int = 20) -> Operation:
    """One household of ``adults`` screened adults with no indicators."""
    members = tuple(
        adult(f"P-{i}", Relationship.HEAD if i == 1 else Relationship.OTHER_RELATIVE)
        for i in range(1, adults + 1)
    )
    op = sound_operation()
    household = Household(reference="HH-1", intended_return_area="AREA-1", members=members)
    return evolve(
        op,
        households=(household,),
        population=evolve(op.population, refugees=adults),
    )


_THREATS = (CoercionIndicator.THREATS_OR_PRESSURE,)


def test_passes_when_everyone_who_decides_was_screened_and_none_is_flagged() -> None:
    assert run_rule("PREM-014", sound_operation()).clean


def test_fails_as_a_blocker_when_the_flagged_share_reaches_the_threshold() -> None:
    op = with_member(_large(), 0, 0, coercion_indicators=_THREATS)
    op = with_member(op, 0, 1, coercion_indicators=_THREATS)
    finding = run_rule("PREM-014", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.households"
    assert finding.evidence.observed == "2 of 20 persons (10%) with coercion indicators"


def test_passes_below_the_threshold() -> None:
    op = with_member(_large(), 0, 0, coercion_indicators=_THREATS)
    assert run_rule("PREM-014", op).clean


def test_the_threshold_is_a_parameter() -> None:
    op = with_member(_large(), 0, 0, coercion_indicators=_THREATS)
    run = run_rule("PREM-014", op, parameters=Parameters(systemic_pressure_share=0.05))
    assert run.only().outcome is Outcome.FAIL


def test_unscreened_persons_who_could_reveal_a_pattern_are_insufficient_information() -> None:
    op = with_member(_large(), 0, 0, coercion_indicators=_THREATS)
    op = with_member(op, 0, 1, coercion_screened_on=None)
    finding = run_rule("PREM-014", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.households"


def test_a_screening_dated_after_as_of_has_not_happened_yet() -> None:
    op = with_member(_large(), 0, 0, coercion_indicators=_THREATS)
    op = with_member(op, 0, 1, coercion_screened_on=AS_OF.add(days=1))
    assert run_rule("PREM-014", op).only().outcome is Outcome.INSUFFICIENT_INFORMATION


def test_a_dependent_child_needs_no_own_screening() -> None:
    op = sound_operation()
    assert op.households[0].members[2].coercion_screened_on is None
    assert run_rule("PREM-014", op).clean


def test_a_member_staying_behind_needs_no_screening_but_still_counts_when_flagged() -> None:
    op = with_member(_large(), 0, 0, coercion_indicators=_THREATS)
    op = with_member(op, 0, 1, coercion_screened_on=None, stays_behind=True)
    assert run_rule("PREM-014", op).clean
    flagged = with_member(op, 0, 1, coercion_indicators=_THREATS)
    assert run_rule("PREM-014", flagged).only().outcome is Outcome.FAIL


def test_an_unaccompanied_child_needs_own_screening() -> None:
    op = with_member(sound_operation(), 0, 2, unaccompanied_or_separated=True)
    assert run_rule("PREM-014", op).only().outcome is Outcome.INSUFFICIENT_INFORMATION


def test_not_applicable_without_persons_on_the_manifest() -> None:
    op = evolve(sound_operation(), households=(), population=Population())
    run = run_rule("PREM-014", op)
    assert not run.findings
    assert run.outcomes == {Outcome.NOT_APPLICABLE}
