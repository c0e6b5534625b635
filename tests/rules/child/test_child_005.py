"""CHILD-005: a child does not return apart from a parent outside the household."""

from __future__ import annotations

import json
from typing import Any

import pytest

from repatguard.engine.check import to_instant
from repatguard.engine.evaluate import evaluate
from repatguard.errors import InputError
from repatguard.facts import Parameters, build_facts
from repatguard.io.converter import converter
from repatguard.io.load import from_mapping
from repatguard.model import (
    BestInterestsDetermination,
    BestInterestsOutcome,
    ConsentEvent,
    ConsentKind,
    FamilyLink,
    FamilyTie,
    Household,
    Operation,
    Person,
    Relationship,
    Whereabouts,
)
from repatguard.model.validate import validate_operation
from repatguard.outcomes import Outcome, Severity
from repatguard.rules.examples import Example
from repatguard.rules.registry import builtin_registry
from repatguard.testing.factories import (
    AS_OF,
    adult,
    at,
    evolve,
    sound_consent,
    sound_operation,
    with_member,
)
from repatguard.testing.rule_examples.child.child_005_parent_outside_household import EXAMPLES
from repatguard.testing.rules import run_rule

CHILD = "$.households[0].members[2]"
FAVOURABLE = BestInterestsDetermination(
    completed_on=AS_OF.subtract(days=20),
    outcome=BestInterestsOutcome.RETURN_IN_BEST_INTERESTS,
    authority="BID panel",
)


def _link(
    whereabouts: Whereabouts = Whereabouts.HOST_COUNTRY,
    returns: bool | None = False,
    relationship: FamilyTie = FamilyTie.PARENT,
    household: str | None = None,
) -> FamilyLink:
    return FamilyLink(
        relationship=relationship, whereabouts=whereabouts, household=household, returns=returns
    )


def _with_links(*links: FamilyLink, member: int = 2, **changes: Any) -> Operation:
    return with_member(sound_operation(), 0, member, family_links=links, **changes)


def _second_household(op: Operation, *members: Person) -> Operation:
    other = Household(reference="HH-2", intended_return_area="AREA-1", members=members)
    return evolve(op, households=(*op.households, other))


def _back_link(returns: bool | None = True, household: str = "HH-1") -> FamilyLink:
    return _link(Whereabouts.OTHER_HOUSEHOLD, returns, FamilyTie.CHILD, household)


def _parent(reference: str = "P-21", **changes: Any) -> Person:
    """A member of HH-2 who moves with a declaration in force and records the child in HH-1
    as returning too (the parent's own link back), unless changed."""
    changes.setdefault("family_links", (_back_link(),))
    return adult(reference, Relationship.HEAD, **changes)


_RETURNS_TO_HH2 = _link(Whereabouts.OTHER_HOUSEHOLD, returns=True, household="HH-2")
_WITHDRAWAL = ConsentEvent(kind=ConsentKind.WITHDRAWAL, at=at(AS_OF.subtract(days=2)))


def test_a_child_with_no_link_outside_passes_and_adults_are_not_concerned() -> None:
    run = run_rule("CHILD-005", sound_operation())
    assert run.clean
    assert run.outcomes == {Outcome.PASS, Outcome.NOT_APPLICABLE}
    assert run.tally.passed == 1


def test_a_parent_staying_in_the_host_country_without_a_bid_is_a_blocker() -> None:
    finding = run_rule("CHILD-005", _with_links(_link())).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{CHILD}.family_links[0].returns"
    assert finding.evidence is not None
    assert finding.evidence.observed == "parent in the host country, does not return"


def test_a_parent_in_another_household_that_does_not_return_is_a_blocker() -> None:
    link = _link(Whereabouts.OTHER_HOUSEHOLD, household="HH-2")
    finding = run_rule("CHILD-005", _second_household(_with_links(link))).only()
    assert finding.outcome is Outcome.FAIL
    assert "another household" in finding.message


@pytest.mark.parametrize("whereabouts", [Whereabouts.HOST_COUNTRY, Whereabouts.OTHER_HOUSEHOLD])
def test_a_parent_who_returns_too_keeps_the_family_together(whereabouts: Whereabouts) -> None:
    household = "HH-2" if whereabouts is Whereabouts.OTHER_HOUSEHOLD else None
    link = _link(whereabouts, returns=True, household=household)
    op = _second_household(_with_links(link), _parent())
    assert run_rule("CHILD-005", op).clean


@pytest.mark.parametrize("whereabouts", [Whereabouts.HOST_COUNTRY, Whereabouts.OTHER_HOUSEHOLD])
def test_a_parent_whose_return_is_not_recorded_is_insufficient(whereabouts: Whereabouts) -> None:
    household = "HH-2" if whereabouts is Whereabouts.OTHER_HOUSEHOLD else None
    link = _link(whereabouts, returns=None, household=household)
    op = _second_household(_with_links(link), _parent())
    finding = run_rule("CHILD-005", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{CHILD}.family_links[0].returns"


@pytest.mark.parametrize(
    "members",
    [
        (),
        (_parent(stays_behind=True),),
        (_parent(consent=(*sound_consent(), _WITHDRAWAL)),),
        (_parent(stays_behind=True), _parent("P-22", consent=(*sound_consent(), _WITHDRAWAL))),
    ],
    ids=["empty", "stays-behind", "withdrew", "both"],
)
@pytest.mark.parametrize("returns", [True, None])
def test_a_linked_household_in_which_nobody_returns_contradicts_the_link(
    members: tuple[Person, ...], returns: bool | None
) -> None:
    # Issue 16: the link said the parent returns while that household's record says no one
    # does; it was believed, and the child cleared.
    link = _link(Whereabouts.OTHER_HOUSEHOLD, returns=returns, household="HH-2")
    finding = run_rule("CHILD-005", _second_household(_with_links(link), *members)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{CHILD}.family_links[0].returns"
    assert finding.evidence is not None
    assert "no member of that household returns" in (finding.evidence.observed or "")


@pytest.mark.parametrize(
    "member",
    [
        _parent(stays_behind=None),
        _parent(consent=()),
        _parent(stays_behind=None, consent=()),
    ],
    ids=["move-not-recorded", "no-declaration", "neither"],
)
def test_a_linked_household_with_nobody_known_to_return_is_insufficient(member: Person) -> None:
    op = _second_household(_with_links(_RETURNS_TO_HH2), _parent(stays_behind=True), member)
    finding = run_rule("CHILD-005", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{CHILD}.family_links[0].returns"


def test_one_returning_member_who_records_the_child_is_enough() -> None:
    # The link names the household, not the parent: the parent's own link back tells which
    # member is the parent, and that member returns.
    members = (_parent(stays_behind=True), _parent("P-22", stays_behind=None), _parent("P-23"))
    assert run_rule("CHILD-005", _second_household(_with_links(_RETURNS_TO_HH2), *members)).clean


@pytest.mark.parametrize(
    ("back", "parent_changes"),
    [
        (_back_link(returns=False), {}),
        (_back_link(returns=True), {"stays_behind": True}),
        (_back_link(returns=True), {"stays_behind": None}),
        (_back_link(returns=None), {"consent": (*sound_consent(), _WITHDRAWAL)}),
    ],
    ids=["says-child-stays", "parent-stays", "parent-may-move", "parent-withdrew"],
)
def test_a_link_back_that_disagrees_is_insufficient(
    back: FamilyLink, parent_changes: dict[str, Any]
) -> None:
    # Another member of HH-2 returns (with no link back), so the household alone would not
    # contradict the link.
    members = (
        _parent("P-21", family_links=(back,), **parent_changes),
        _parent("P-22", family_links=()),
    )
    op = _second_household(_with_links(_RETURNS_TO_HH2), *members)
    finding = run_rule("CHILD-005", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{CHILD}.family_links[0].returns"
    assert "do not agree on who returns" in finding.message


@pytest.mark.parametrize(
    "backs",
    [
        (_back_link(returns=True),),
        (_back_link(returns=False), _back_link(returns=True)),
    ],
    ids=["agrees", "one-of-two-agrees"],
)
def test_a_returning_parent_whose_link_back_says_the_child_returns_passes(
    backs: tuple[FamilyLink, ...],
) -> None:
    op = _second_household(_with_links(_RETURNS_TO_HH2), _parent(family_links=backs))
    assert run_rule("CHILD-005", op).clean


@pytest.mark.parametrize(
    "backs",
    [
        (),
        (_back_link(returns=None),),
        (_back_link(returns=False, household="HH-3"),),
        (_link(Whereabouts.OTHER_HOUSEHOLD, False, FamilyTie.SIBLING, "HH-1"),),
    ],
    ids=["no-link-back", "not-recorded", "other-household", "not-a-child"],
)
def test_without_the_parents_own_link_back_the_link_is_not_confirmed(
    backs: tuple[FamilyLink, ...],
) -> None:
    # Review of issue 16: the link names a household, so a returning member who records no
    # child here (a grandparent, a young child) does not show that the parent returns, and a
    # link back whose answer is forgotten cannot read as agreement.
    op = _second_household(_with_links(_RETURNS_TO_HH2), _parent(family_links=backs))
    third = Household(reference="HH-3", intended_return_area="AREA-1", members=(_parent("P-31"),))
    op = evolve(op, households=(*op.households, third))
    finding = run_rule("CHILD-005", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{CHILD}.family_links[0].returns"


def test_forgetting_the_answer_of_a_link_back_is_never_kinder() -> None:
    said = _parent(family_links=(_back_link(returns=False),))
    forgotten = _parent(family_links=(_back_link(returns=None),))
    removed = _parent(family_links=())
    for parent in (said, forgotten, removed):
        op = _second_household(_with_links(_RETURNS_TO_HH2), parent)
        assert run_rule("CHILD-005", op).only().outcome is Outcome.INSUFFICIENT_INFORMATION


def test_the_parent_side_is_read_member_by_member() -> None:
    # One member stays and says the child returns; another returns and says the child does
    # not: no member both returns and says the child returns, so nothing is confirmed.
    members = (
        _parent("P-21", stays_behind=True),
        _parent("P-22", family_links=(_back_link(returns=False),)),
    )
    op = _second_household(_with_links(_RETURNS_TO_HH2), *members)
    assert run_rule("CHILD-005", op).only().outcome is Outcome.INSUFFICIENT_INFORMATION


def test_a_young_child_of_the_linked_household_does_not_stand_in_for_the_parent() -> None:
    # Review of issue 16: every adult of HH-2 stays; a child of HH-2 moves with a declaration
    # of their own. Before, any returning member confirmed the parent (the child was cleared).
    young = _parent(
        "P-29", relationship_to_head=Relationship.CHILD, date_of_birth=AS_OF.subtract(years=6)
    )
    young = evolve(young, family_links=())
    members = (_parent(stays_behind=True, family_links=()), young)
    op = _second_household(_with_links(_RETURNS_TO_HH2), *members)
    assert run_rule("CHILD-005", op).only().outcome is Outcome.INSUFFICIENT_INFORMATION


def test_a_favourable_bid_covers_a_contradicted_link() -> None:
    op = _with_links(_RETURNS_TO_HH2, best_interests_determination=FAVOURABLE)
    assert run_rule("CHILD-005", _second_household(op, _parent(stays_behind=True))).clean


def test_a_linked_household_not_on_record_is_insufficient() -> None:
    # What a streamed manifest gives when the named household did not load: no summary.
    op = _second_household(_with_links(_RETURNS_TO_HH2), _parent())
    facts = build_facts(op, to_instant(AS_OF), Parameters(), linked={})
    (finding,) = evaluate(builtin_registry().select(["CHILD-005"]), facts).findings
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{CHILD}.family_links[0].household"


def test_a_parent_of_unknown_whereabouts_is_insufficient_information() -> None:
    finding = run_rule("CHILD-005", _with_links(_link(Whereabouts.UNKNOWN, None))).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{CHILD}.family_links[0].whereabouts"


@pytest.mark.parametrize("whereabouts", [Whereabouts.COUNTRY_OF_ORIGIN, Whereabouts.THIRD_COUNTRY])
def test_a_parent_not_parted_by_the_return_passes(whereabouts: Whereabouts) -> None:
    assert run_rule("CHILD-005", _with_links(_link(whereabouts, returns=False))).clean


@pytest.mark.parametrize("relationship", [FamilyTie.SIBLING, FamilyTie.SPOUSE, FamilyTie.OTHER])
def test_only_parents_count(relationship: FamilyTie) -> None:
    assert run_rule("CHILD-005", _with_links(_link(relationship=relationship))).clean


def test_a_current_favourable_bid_covers_a_known_or_unknown_separation() -> None:
    links = (_link(), _link(Whereabouts.UNKNOWN, None))
    op = _with_links(*links, best_interests_determination=FAVOURABLE)
    assert run_rule("CHILD-005", op).clean


@pytest.mark.parametrize(
    "bid",
    [
        evolve(FAVOURABLE, outcome=BestInterestsOutcome.RETURN_NOT_IN_BEST_INTERESTS),
        evolve(FAVOURABLE, outcome=BestInterestsOutcome.PENDING),
        evolve(FAVOURABLE, completed_on=AS_OF.subtract(days=400)),
    ],
)
def test_a_bid_against_return_pending_or_stale_does_not_cover_it(
    bid: BestInterestsDetermination,
) -> None:
    finding = run_rule("CHILD-005", _with_links(_link(), best_interests_determination=bid)).only()
    assert finding.outcome is Outcome.FAIL


def test_an_incompletely_recorded_bid_makes_a_known_separation_insufficient() -> None:
    # Fail closed but not harsher than the record: the BID might hold once its outcome is known.
    bid = evolve(FAVOURABLE, outcome=None)
    finding = run_rule("CHILD-005", _with_links(_link(), best_interests_determination=bid)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{CHILD}.best_interests_determination"
    assert finding.severity is Severity.BLOCKER


def test_an_adult_with_a_parent_outside_is_not_concerned() -> None:
    run = run_rule("CHILD-005", _with_links(_link(), member=0))
    assert Outcome.FAIL not in run.outcomes
    assert run.clean


def test_a_person_of_unknown_age_with_a_parent_staying_is_insufficient() -> None:
    op = _with_links(_link(), date_of_birth=None)
    finding = run_rule("CHILD-005", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{CHILD}.date_of_birth"
    assert run_rule("CHILD-005", with_member(sound_operation(), 0, 2, date_of_birth=None)).clean


def test_parents_inside_the_household_are_left_to_child_004() -> None:
    # A child staying behind apart from both parents is CHILD-004's finding, not this rule's.
    op = with_member(sound_operation(), 0, 0, stays_behind=True)
    op = with_member(op, 0, 1, stays_behind=True)
    assert run_rule("CHILD-005", op).clean
    assert run_rule("CHILD-004", op).findings


def _issues(op: Operation) -> list[tuple[str, str]]:
    return [(issue.path, issue.message) for issue in validate_operation(op)]


def test_a_link_to_another_household_must_name_one_that_exists() -> None:
    link = f"{CHILD}.family_links[0].household"
    missing = _link(Whereabouts.OTHER_HOUSEHOLD)
    assert _issues(_second_household(_with_links(missing)))[0][0] == link
    unknown = _link(Whereabouts.OTHER_HOUSEHOLD, household="HH-9")
    assert _issues(_second_household(_with_links(unknown))) == [
        (link, "unknown household (no household of the operation has this reference)")
    ]
    own = _link(Whereabouts.OTHER_HOUSEHOLD, household="HH-1")
    assert "own household" in _issues(_with_links(own))[0][1]
    elsewhere = _link(Whereabouts.HOST_COUNTRY, household="HH-2")
    assert (
        "only a family member in another household"
        in _issues(_second_household(_with_links(elsewhere)))[0][1]
    )
    good = _link(Whereabouts.OTHER_HOUSEHOLD, household="HH-2")
    assert _issues(_second_household(_with_links(good))) == []


def test_a_link_is_loaded_from_json_and_refused_with_its_path() -> None:
    op = _second_household(_with_links(_link(Whereabouts.OTHER_HOUSEHOLD, household="HH-2")))
    data: dict[str, Any] = json.loads(json.dumps(converter().unstructure(op)))
    assert from_mapping(data) == op
    data["households"][0]["members"][2]["family_links"][0]["whereabouts"] = "abroad"
    with pytest.raises(InputError) as raised:
        from_mapping(data)
    assert any(
        issue.path == f"{CHILD}.family_links[0].whereabouts" for issue in raised.value.issues
    )


def test_examples() -> None:
    op = sound_operation()
    assert run_rule("CHILD-005", EXAMPLES.passing.change(op)).clean
    failing = run_rule("CHILD-005", EXAMPLES.failing.change(op)).only()
    assert failing.outcome is Outcome.FAIL
    assert isinstance(EXAMPLES.missing, Example)
    missing = run_rule("CHILD-005", EXAMPLES.missing.change(op)).only()
    assert missing.outcome is Outcome.INSUFFICIENT_INFORMATION


@pytest.mark.parametrize(("later", "clean"), [(1, True), (0, False)], ids=["later", "same-instant"])
def test_a_declaration_after_a_withdrawal_returns_one_at_the_same_instant_does_not(
    later: int, clean: bool
) -> None:
    # VOL-005's reading: a declaration at the same instant does not undo the withdrawal.
    withdrawn = AS_OF.subtract(days=3)
    again = ConsentEvent(kind=ConsentKind.DECLARATION, at=at(withdrawn, 10 + later))
    events = (*sound_consent(), ConsentEvent(kind=ConsentKind.WITHDRAWAL, at=at(withdrawn)), again)
    op = _second_household(_with_links(_RETURNS_TO_HH2), _parent(consent=events))
    run = run_rule("CHILD-005", op)
    assert run.clean is clean
    if not clean:
        assert run.only().outcome is Outcome.FAIL


def test_a_link_back_held_by_a_young_child_does_not_confirm_the_parent() -> None:
    # Second review of issue 16: every adult of HH-2 stays; a six-year-old of HH-2 who moves
    # holds the only link back. A member known to be a child does not stand for a parent.
    young = _parent(
        "P-29",
        relationship_to_head=Relationship.CHILD,
        date_of_birth=AS_OF.subtract(years=6),
    )
    members = (_parent(stays_behind=True, family_links=()), young)
    op = _second_household(_with_links(_RETURNS_TO_HH2), *members)
    assert run_rule("CHILD-005", op).only().outcome is Outcome.INSUFFICIENT_INFORMATION
    # The same link back held by an adult who moves confirms it.
    adult_holder = _parent("P-28")
    op = _second_household(_with_links(_RETURNS_TO_HH2), members[0], adult_holder)
    assert run_rule("CHILD-005", op).clean
