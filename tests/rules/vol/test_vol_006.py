"""VOL-006: no individual coercion indicators."""

from __future__ import annotations

import pytest

import repatguard
from repatguard.engine.check import to_instant
from repatguard.facts.context import PersonContext
from repatguard.facts.facts import Kin, build_facts, count_people
from repatguard.facts.parameters import PARAMETER_SPECS, Parameters, Provenance
from repatguard.model import CoercionIndicator, Operation
from repatguard.outcomes import Outcome, Severity, Verdict
from repatguard.rules.registry import Problem, builtin_registry
from repatguard.testing.factories import AS_OF, sound_operation, with_member
from repatguard.testing.rules import run_rule

SPOUSE = "$.households[0].members[1]"
CHILD = "$.households[0].members[2]"


def test_passes_when_adults_were_screened_and_no_indicator_is_recorded() -> None:
    run = run_rule("VOL-006", sound_operation())
    assert run.clean
    assert run.tally.passed == 3


@pytest.mark.parametrize("indicator", list(CoercionIndicator))
def test_every_indicator_is_a_blocker(indicator: CoercionIndicator) -> None:
    op = with_member(sound_operation(), 0, 1, coercion_indicators=(indicator,))
    finding = run_rule("VOL-006", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{SPOUSE}.coercion_indicators[0]"


def test_one_failure_per_indicator() -> None:
    indicators = (CoercionIndicator.DETAINED_AT_DECISION, CoercionIndicator.DEPORTATION_ORDER)
    op = with_member(sound_operation(), 0, 1, coercion_indicators=indicators)
    run = run_rule("VOL-006", op)
    assert [f.path for f in run.findings] == [
        f"{SPOUSE}.coercion_indicators[0]",
        f"{SPOUSE}.coercion_indicators[1]",
    ]
    assert run.tally.passed == 2  # the other adult and the child


def test_an_indicator_on_a_dependent_child_fails_too() -> None:
    op = with_member(
        sound_operation(), 0, 2, coercion_indicators=(CoercionIndicator.THREATS_OR_PRESSURE,)
    )
    finding = run_rule("VOL-006", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{CHILD}.coercion_indicators[0]"


def test_an_unscreened_adult_is_insufficient_information_at_blocker_weight() -> None:
    op = with_member(sound_operation(), 0, 1, coercion_screened_on=None)
    finding = run_rule("VOL-006", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{SPOUSE}.coercion_screened_on"


def test_a_screening_dated_after_as_of_has_not_happened_yet() -> None:
    op = with_member(sound_operation(), 0, 1, coercion_screened_on=AS_OF.add(days=1))
    assert run_rule("VOL-006", op).only().outcome is Outcome.INSUFFICIENT_INFORMATION


def test_an_unscreened_unaccompanied_child_is_insufficient_information() -> None:
    op = with_member(sound_operation(), 0, 2, unaccompanied_or_separated=True)
    finding = run_rule("VOL-006", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{CHILD}.coercion_screened_on"


def test_unknown_age_of_an_unscreened_person_is_insufficient_information() -> None:
    op = with_member(
        sound_operation(), 0, 1, coercion_screened_on=None, date_of_birth=None, age=None
    )
    finding = run_rule("VOL-006", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{SPOUSE}.date_of_birth"


def test_unknown_age_does_not_matter_once_the_person_was_screened() -> None:
    op = with_member(sound_operation(), 0, 1, date_of_birth=None, age=None)
    assert run_rule("VOL-006", op).clean


def test_an_indicator_and_a_missing_screening_are_both_reported() -> None:
    op = with_member(
        sound_operation(),
        0,
        1,
        coercion_screened_on=None,
        coercion_indicators=(CoercionIndicator.DOCUMENTS_CONFISCATED,),
    )
    run = run_rule("VOL-006", op)
    assert sorted(f.outcome for f in run.findings) == [
        Outcome.FAIL,
        Outcome.INSUFFICIENT_INFORMATION,
    ]


def test_an_indicator_on_a_dependent_child_is_never_reported_beside_a_pass() -> None:
    # Regression (surviving mutant): the child's report must not also count a pass.
    op = with_member(
        sound_operation(), 0, 2, coercion_indicators=(CoercionIndicator.THREATS_OR_PRESSURE,)
    )
    tally = run_rule("VOL-006", op).tally
    assert (tally.passed, tally.failed) == (2, 1)  # the two adults pass; the child fails


def test_a_screened_person_with_an_indicator_is_not_also_counted_as_passing() -> None:
    op = with_member(
        sound_operation(), 0, 1, coercion_indicators=(CoercionIndicator.DEPORTATION_ORDER,)
    )
    tally = run_rule("VOL-006", op).tally
    assert (tally.passed, tally.failed) == (2, 1)  # P-1 and the child pass; P-2 fails only


def _both_adults_screened(days_before_as_of: int | None) -> Operation:
    """The sound operation with both adults screened ``days_before_as_of`` days before
    as_of (never, for ``None``)."""
    on = None if days_before_as_of is None else AS_OF.subtract(days=days_before_as_of)
    op = with_member(sound_operation(), 0, 0, coercion_screened_on=on)
    return with_member(op, 0, 1, coercion_screened_on=on)


def test_a_screening_older_than_its_age_limit_is_insufficient_information() -> None:
    findings = run_rule("VOL-006", _both_adults_screened(1500)).findings
    assert [(f.outcome, f.path) for f in findings] == [
        (Outcome.INSUFFICIENT_INFORMATION, "$.households[0].members[0].coercion_screened_on"),
        (Outcome.INSUFFICIENT_INFORMATION, f"{SPOUSE}.coercion_screened_on"),
    ]
    assert all(f.severity is Severity.BLOCKER for f in findings)
    assert "P90D" in str(findings[0].evidence.observed)


def test_a_screening_years_old_is_never_kinder_than_no_screening() -> None:
    # The reviewed reproducer: adults screened 1,500 days ago let the operation promote.
    stale = repatguard.check(_both_adults_screened(1500), as_of=AS_OF).verdict
    never = repatguard.check(_both_adults_screened(None), as_of=AS_OF).verdict
    assert stale.rank <= never.rank
    assert stale is not Verdict.PROMOTE


def test_a_screening_exactly_the_maximum_age_old_is_current() -> None:
    assert run_rule("VOL-006", _both_adults_screened(90)).clean
    assert not run_rule("VOL-006", _both_adults_screened(91)).clean


def test_the_screening_age_limit_is_a_parameter() -> None:
    tighter = Parameters(coercion_screening_max_age="P10D")
    findings = run_rule("VOL-006", sound_operation(), parameters=tighter).findings
    assert {f.outcome for f in findings} == {Outcome.INSUFFICIENT_INFORMATION}
    assert len(findings) == 2


def test_the_screening_age_limit_is_a_documented_proposed_parameter() -> None:
    spec = PARAMETER_SPECS["coercion_screening_max_age"]
    assert spec.default == "P90D"
    assert spec.provenance is Provenance.PROPOSED
    assert spec.source


def test_an_indicator_recorded_at_a_stale_screening_still_fails() -> None:
    op = with_member(
        _both_adults_screened(1500),
        0,
        1,
        coercion_indicators=(CoercionIndicator.THREATS_OR_PRESSURE,),
    )
    outcomes = {(f.outcome, f.path) for f in run_rule("VOL-006", op).findings}
    assert (Outcome.FAIL, f"{SPOUSE}.coercion_indicators[0]") in outcomes
    assert all(outcome is not Outcome.PASS for outcome, _ in outcomes)


def test_prem_014_counts_a_stale_screening_as_no_screening() -> None:
    facts = build_facts(_both_adults_screened(1500), to_instant(AS_OF), Parameters())
    counted = count_people(facts, facts.operation.households)
    assert (counted.coercion_deciding, counted.coercion_unscreened) == (2, 2)
    current = build_facts(_both_adults_screened(90), to_instant(AS_OF), Parameters())
    assert count_people(current, current.operation.households).coercion_unscreened == 0
    finding = run_rule("PREM-014", _both_adults_screened(1500)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert run_rule("PREM-014", _both_adults_screened(90)).clean


def test_a_screening_dated_on_as_of_counts() -> None:
    assert run_rule("VOL-006", _both_adults_screened(0)).clean


def _raw_problems(op: Operation, member: int) -> list[object]:
    """What VOL-006 itself reports for one member: its problems, with their paths relative to
    the member, or NOT_APPLICABLE (nothing at all is a pass)."""
    rule = builtin_registry().select(["VOL-006"])
    (vol_006,) = list(rule)
    facts = build_facts(op, to_instant(AS_OF), Parameters())
    household = op.households[0]
    ctx = PersonContext.of(
        facts,
        Kin.of(facts, household),
        household.members[member],
        path=f"$.households[0].members[{member}]",
        household_path="$.households[0]",
    )
    return [
        (found.outcome, found.path) if isinstance(found, Problem) else found
        for found in vol_006.check(ctx)
    ]


def test_a_screened_adult_passes_on_the_screening_not_as_a_covered_child() -> None:
    # The adult's pass rests on the own screening; the dependent child's on the parents'.
    # Both pass (nothing reported; the child is concerned by the rule, so not NOT_APPLICABLE).
    assert _raw_problems(sound_operation(), 1) == []
    assert _raw_problems(sound_operation(), 2) == []
    # Without a current own screening the adult no longer passes; the child (never screened
    # in the sound operation) is not judged on an own screening, even a stale one.
    unscreened_adult = with_member(sound_operation(), 0, 1, coercion_screened_on=None)
    assert _raw_problems(unscreened_adult, 1) == [
        (Outcome.INSUFFICIENT_INFORMATION, "coercion_screened_on")
    ]
    stale_child = with_member(
        sound_operation(), 0, 2, coercion_screened_on=AS_OF.subtract(days=1500)
    )
    assert _raw_problems(stale_child, 2) == []
