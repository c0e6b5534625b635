"""PREM-014: systemic pressure across cases."""

from __future__ import annotations

from repatguard.engine.check import to_instant
from repatguard.engine.evaluate import evaluate
from repatguard.facts.facts import build_facts, count_people
from repatguard.facts.parameters import PARAMETER_SPECS, Parameters, Provenance
from repatguard.model import CoercionIndicator, Household, Operation, Population, Relationship
from repatguard.outcomes import Outcome, Severity
from repatguard.rules.registry import builtin_registry
from repatguard.testing.factories import (
    AS_OF,
    adult,
    child,
    evolve,
    sound_operation,
    with_member,
)
from repatguard.testing.rules import run_rule

_COUNT_PATH = "$.households[*].members[*].coercion_indicators"


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
    assert finding.evidence.observed == "2 of 20 persons who decide (10%) with coercion indicators"


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


def test_a_child_recorded_as_accompanied_whose_parents_stay_behind_needs_own_screening() -> None:
    # Review of #13: the screening counts read "recorded as accompanied" as covered by a
    # parent, while the person rules treat a child no parent moves with as separated (one
    # definition now, repatguard.facts.people). The child P-3 is unscreened.
    op = with_member(sound_operation(), 0, 0, stays_behind=True)
    op = with_member(op, 0, 1, stays_behind=True)
    assert op.households[0].members[2].unaccompanied_or_separated is False
    assert run_rule("PREM-014", op).only().outcome is Outcome.INSUFFICIENT_INFORMATION


def test_a_child_whose_parent_only_may_move_needs_own_screening() -> None:
    # The head stays behind; the head's spouse may be a step-parent: care is unknown, so the
    # child counts as deciding (fail closed).
    op = with_member(sound_operation(), 0, 0, stays_behind=True)
    assert run_rule("PREM-014", op).only().outcome is Outcome.INSUFFICIENT_INFORMATION


def test_a_member_who_turned_adult_age_before_as_of_decides_and_needs_screening() -> None:
    # P-3, recorded as the head's accompanied child, turned 18 thirty days before as_of and
    # is unscreened: an adult on every day to departure, so counted as deciding.
    op = with_member(sound_operation(), 0, 2, date_of_birth=AS_OF.subtract(years=18, days=30))
    assert run_rule("PREM-014", op).only().outcome is Outcome.INSUFFICIENT_INFORMATION
    younger = with_member(op, 0, 2, date_of_birth=AS_OF.subtract(years=17, days=30))
    assert run_rule("PREM-014", younger).clean


def test_not_applicable_when_no_one_is_listed_and_every_count_is_zero() -> None:
    zero = Population(refugees=0, asylum_seekers=0, migrants=0, idps=0, stateless=0, unknown=0)
    op = evolve(sound_operation(), households=(), population=zero)
    run = run_rule("PREM-014", op)
    assert not run.findings
    assert run.outcomes == {Outcome.NOT_APPLICABLE}


def test_no_one_listed_and_no_count_declared_is_insufficient_information() -> None:
    op = evolve(sound_operation(), households=(), population=Population())
    finding = run_rule("PREM-014", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER


def test_an_unknown_population_count_leaves_the_people_not_listed_unbounded() -> None:
    # Forgetting a count must never be kinder than knowing it (reliability property 1).
    op = sound_operation()
    op = evolve(op, population=evolve(op.population, refugees=None))
    finding = run_rule("PREM-014", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.households"
    assert "unknown counts: refugee" in (finding.evidence.observed or "")


def test_an_established_share_fails_whatever_the_counts_not_declared() -> None:
    op = with_member(sound_operation(), 0, 0, coercion_indicators=_THREATS)
    op = evolve(op, population=evolve(op.population, refugees=None))
    assert run_rule("PREM-014", op).only().outcome is Outcome.FAIL


def _families(heads: int, flagged: int, children: int = 2) -> Operation:
    """``heads`` one-adult households, each with ``children`` dependent children; the first
    ``flagged`` heads have coercion indicators recorded."""
    households = tuple(
        Household(
            reference=f"HH-{h}",
            intended_return_area="AREA-1",
            members=(
                adult(
                    f"P-{h}-0",
                    Relationship.HEAD,
                    coercion_indicators=_THREATS if h < flagged else (),
                ),
                *(child(f"P-{h}-{c}") for c in range(1, children + 1)),
            ),
        )
        for h in range(heads)
    )
    op = sound_operation()
    persons = heads * (1 + children)
    return evolve(op, households=households, population=evolve(op.population, refugees=persons))


def test_the_share_is_taken_among_those_who_decide_not_their_dependent_children() -> None:
    # 59 coerced heads among 200 deciding adults (600 persons): 30%, not 9.8%.
    finding = run_rule("PREM-014", _families(200, 59)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.households"
    assert (
        finding.evidence.observed == "59 of 200 persons who decide (30%) with coercion indicators"
    )


def test_members_staying_behind_do_not_dilute_the_share() -> None:
    op = with_member(_large(10), 0, 0, coercion_indicators=_THREATS)
    stayers = tuple(
        adult(f"S-{i}", Relationship.OTHER_RELATIVE, stays_behind=True) for i in range(10)
    )
    household = op.households[0]
    op = evolve(
        op,
        households=(evolve(household, members=household.members + stayers),),
        population=evolve(op.population, refugees=20),
    )
    finding = run_rule("PREM-014", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.evidence.observed == "1 of 10 persons who decide (10%) with coercion indicators"


def test_the_minimum_count_calls_for_a_targeted_review_below_the_share() -> None:
    # 10 of 200 heads (5%): below the share, at the proposed count.
    finding = run_rule("PREM-014", _families(200, 10, children=0)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert not finding.escalate
    assert finding.path == _COUNT_PATH
    assert finding.evidence.observed == "10 persons with coercion indicators"


def test_below_the_minimum_count_and_the_share_passes() -> None:
    assert run_rule("PREM-014", _families(200, 9, children=0)).clean


def test_the_minimum_count_is_a_parameter() -> None:
    op = _families(200, 5, children=0)
    assert run_rule("PREM-014", op).clean
    run = run_rule("PREM-014", op, parameters=Parameters(systemic_pressure_min_count=5))
    assert run.only().path == _COUNT_PATH


def test_the_minimum_count_is_a_documented_proposed_parameter() -> None:
    spec = PARAMETER_SPECS["systemic_pressure_min_count"]
    assert spec.provenance is Provenance.PROPOSED
    assert spec.default == Parameters().systemic_pressure_min_count
    assert spec.description
    assert "systemic_pressure_min_count" in builtin_registry().get("PREM-014").meta.parameters


def test_unscreened_persons_who_could_reach_the_minimum_count_are_unknown() -> None:
    op = _families(200, 8, children=0)
    for h in (8, 9):
        op = with_member(op, h, 0, coercion_screened_on=None)
    finding = run_rule("PREM-014", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert not finding.escalate
    assert finding.path == _COUNT_PATH


def test_the_count_review_stands_beside_an_unknown_share() -> None:
    op = _families(200, 10, children=0)
    for h in range(10, 20):
        op = with_member(op, h, 0, coercion_screened_on=None)
    findings = {f.path: f for f in run_rule("PREM-014", op).findings}
    assert findings["$.households"].outcome is Outcome.INSUFFICIENT_INFORMATION
    assert findings["$.households"].severity is Severity.BLOCKER
    assert findings[_COUNT_PATH].outcome is Outcome.FAIL
    assert findings[_COUNT_PATH].severity is Severity.MAJOR


def test_a_declared_person_missing_from_the_manifest_counts_as_unscreened() -> None:
    op = sound_operation()
    household = op.households[0]
    # P-2 deleted from the list; the population still declares three refugees.
    removed = evolve(op, households=(evolve(household, members=household.members[::2]),))
    finding = run_rule("PREM-014", removed).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.households"
    assert "1 declared but not listed" in (finding.evidence.observed or "")


def test_a_declared_population_with_no_one_listed_is_insufficient_information() -> None:
    op = evolve(sound_operation(), households=())
    finding = run_rule("PREM-014", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.households"


def test_streamed_counters_count_those_who_decide_like_the_households() -> None:
    op = _families(30, 3)
    facts = build_facts(op, to_instant(AS_OF), Parameters())
    counted = count_people(facts, op.households)
    assert counted.coercion_deciding == 30
    inline = evaluate(builtin_registry().select(["PREM-014"]), facts).findings
    shell = evolve(op, households=())
    streamed_facts = build_facts(shell, to_instant(AS_OF), Parameters(), counted)
    streamed = evaluate(builtin_registry().select(["PREM-014"]), streamed_facts).findings
    assert streamed == inline
    assert [f.outcome for f in streamed] == [Outcome.FAIL]


def test_people_listed_beyond_a_declared_count_do_not_offset_those_missing_elsewhere() -> None:
    # Three refugees listed against one declared; one asylum seeker declared, none listed.
    op = sound_operation()
    op = evolve(op, population=evolve(op.population, refugees=1, asylum_seekers=1))
    run = run_rule("PREM-014", op)
    finding = run.only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.households"
    assert finding.evidence.observed is not None
    assert "1 declared but not listed" in finding.evidence.observed
    assert Outcome.PASS not in run.outcomes


def test_an_over_listed_category_does_not_shrink_those_who_decide() -> None:
    op = with_member(sound_operation(), 0, 0, coercion_indicators=_THREATS)
    op = evolve(op, population=evolve(op.population, refugees=1))
    finding = run_rule("PREM-014", op).only()
    assert finding.evidence.observed == "1 of 2 persons who decide (50%) with coercion indicators"
