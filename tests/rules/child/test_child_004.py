"""CHILD-004: the movement keeps families together."""

from __future__ import annotations

import pendulum

from repatguard.model import ConsentEvent, ConsentKind, Operation, Relationship
from repatguard.outcomes import Outcome, Severity
from repatguard.render.i18n import say, use_language
from repatguard.testing.factories import (
    AS_OF,
    DEPARTURE,
    adult,
    at,
    evolve,
    sound_consent,
    sound_operation,
    with_member,
)
from repatguard.testing.rules import run_rule

MEMBERS = "$.households[0].members"
WITHDRAWAL = ConsentEvent(kind=ConsentKind.WITHDRAWAL, at=at(AS_OF.subtract(days=5)))


def _staying(*members: int, withdrawn: tuple[int, ...] = ()) -> Operation:
    """The given members stay behind; those in ``withdrawn`` withdrew their declaration."""
    op = sound_operation()
    for member in members:
        op = with_member(op, 0, member, stays_behind=True)
    for member in withdrawn:
        op = with_member(op, 0, member, consent=(*sound_consent(), WITHDRAWAL))
    return op


def test_passes_when_nobody_stays_behind() -> None:
    run = run_rule("CHILD-004", sound_operation())
    assert run.clean
    assert run.tally.passed == 1


def test_passes_when_the_whole_household_stays_behind() -> None:
    assert run_rule("CHILD-004", _staying(0, 1, 2)).clean


def test_a_child_left_behind_while_every_adult_moves_is_a_blocker() -> None:
    finding = run_rule("CHILD-004", _staying(2)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.subject == "HH-1"
    assert finding.path == f"{MEMBERS}[2].stays_behind"


def test_a_child_moving_while_every_adult_stays_behind_is_a_blocker() -> None:
    op = _staying(0, 1, withdrawn=(0, 1))  # the adults' own decision to stay
    finding = run_rule("CHILD-004", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{MEMBERS}[2].stays_behind"
    assert "moves while every adult" in finding.message


def test_an_adult_left_behind_against_the_declared_wish_is_major() -> None:
    finding = run_rule("CHILD-004", _staying(1)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{MEMBERS}[1].stays_behind"


def test_an_adult_who_withdrew_may_stay_behind() -> None:
    assert run_rule("CHILD-004", _staying(1, withdrawn=(1,))).clean


def test_an_adult_who_never_declared_may_stay_behind() -> None:
    op = with_member(_staying(1), 0, 1, consent=())
    assert run_rule("CHILD-004", op).clean


def test_a_declaration_after_the_withdrawal_restores_the_wish_to_return() -> None:
    redeclared = ConsentEvent(kind=ConsentKind.DECLARATION, at=at(AS_OF.subtract(days=2)))
    op = with_member(_staying(1), 0, 1, consent=(*sound_consent(), WITHDRAWAL, redeclared))
    finding = run_rule("CHILD-004", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR


def test_a_withdrawal_after_as_of_has_not_happened_yet() -> None:
    later = ConsentEvent(kind=ConsentKind.WITHDRAWAL, at=at(AS_OF.add(days=1)))
    op = with_member(_staying(1), 0, 1, consent=(*sound_consent(), later))
    assert run_rule("CHILD-004", op).only().severity is Severity.MAJOR


def test_a_child_staying_with_one_parent_is_not_separated() -> None:
    # The head (P-1) is the known parent of a child of the head.
    assert run_rule("CHILD-004", _staying(0, 2, withdrawn=(0,))).clean


def test_the_heads_spouse_is_not_taken_for_the_childs_parent() -> None:
    # The spouse may be a step-parent: the record does not say, so it is unknown, not a pass.
    finding = run_rule("CHILD-004", _staying(1, 2, withdrawn=(1,))).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{MEMBERS}[2].relationship_to_head"


def test_a_child_moving_with_another_adult_but_apart_from_its_parent_is_a_blocker() -> None:
    # P-2 is the head's sibling (the child's aunt), not a parent; the head stays behind.
    op = with_member(_staying(0, withdrawn=(0,)), 0, 1, relationship_to_head=Relationship.SIBLING)
    finding = run_rule("CHILD-004", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{MEMBERS}[2].stays_behind"
    assert "apart from every parent" in finding.message


def test_an_unknown_relationship_is_not_a_parent() -> None:
    op = with_member(_staying(0, withdrawn=(0,)), 0, 1, relationship_to_head=None)
    finding = run_rule("CHILD-004", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{MEMBERS}[2].relationship_to_head"


def test_a_child_with_no_parent_in_the_household_may_move_with_another_adult() -> None:
    # The child is the head's niece and P-2 a lodger: no parent in the household to be
    # separated from (the rules for separated children apply instead); P-2 stays by choice.
    op = with_member(
        _staying(1, withdrawn=(1,)), 0, 2, relationship_to_head=Relationship.OTHER_RELATIVE
    )
    op = with_member(op, 0, 1, relationship_to_head=Relationship.NOT_RELATED)
    assert run_rule("CHILD-004", op).clean


def test_a_child_apart_from_someone_who_may_be_a_parent_is_insufficient_information() -> None:
    # The niece's possible mother (the head's sister) stays behind; the head moves with her.
    op = with_member(
        _staying(1, withdrawn=(1,)), 0, 2, relationship_to_head=Relationship.OTHER_RELATIVE
    )
    op = with_member(op, 0, 1, relationship_to_head=Relationship.SIBLING)
    finding = run_rule("CHILD-004", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{MEMBERS}[2].relationship_to_head"


def test_a_minor_of_another_relationship_counts_as_a_child() -> None:
    op = with_member(_staying(2), 0, 2, relationship_to_head=Relationship.SIBLING)
    finding = run_rule("CHILD-004", op).only()
    assert finding.severity is Severity.BLOCKER


def test_a_member_adult_before_the_decision_is_treated_as_an_adult() -> None:
    op = with_member(_staying(2), 0, 2, date_of_birth=pendulum.Date(2008, 5, 10), consent=())
    assert run_rule("CHILD-004", op).clean


def test_a_member_who_comes_of_age_between_decision_and_departure_is_of_unknown_age() -> None:
    # 18 on 2026-06-10: a child at as_of (2026-06-01), an adult at departure (2026-06-21).
    # Reading either age alone would skip the other's safeguards (review hole 14 of #11).
    op = with_member(_staying(2), 0, 2, date_of_birth=pendulum.Date(2008, 6, 10), consent=())
    finding = run_rule("CHILD-004", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{MEMBERS}[2].date_of_birth"


def test_unknown_whereabouts_of_a_member_is_insufficient_information() -> None:
    op = with_member(sound_operation(), 0, 1, stays_behind=None)
    finding = run_rule("CHILD-004", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{MEMBERS}[1].stays_behind"


def test_an_unknown_age_in_a_split_household_is_insufficient_information() -> None:
    op = with_member(_staying(2), 0, 2, date_of_birth=None, age=None)
    finding = run_rule("CHILD-004", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{MEMBERS}[2].date_of_birth"


def test_an_unknown_age_does_not_matter_when_nobody_stays_behind() -> None:
    op = with_member(sound_operation(), 0, 2, date_of_birth=None, age=None)
    assert run_rule("CHILD-004", op).clean


def test_a_member_of_unknown_age_may_be_the_adult_a_child_travels_with() -> None:
    # P-1 stays by own decision; the child moves with P-2, whose age is unknown.
    op = with_member(_staying(0, withdrawn=(0,)), 0, 1, date_of_birth=None, age=None)
    findings = run_rule("CHILD-004", op).findings
    # P-2, the head's spouse, is also only possibly the child's parent.
    assert [(f.outcome, f.path) for f in findings] == [
        (Outcome.INSUFFICIENT_INFORMATION, f"{MEMBERS}[1].date_of_birth"),
        (Outcome.INSUFFICIENT_INFORMATION, f"{MEMBERS}[2].relationship_to_head"),
    ]


def _without_parent(op: Operation) -> Operation:
    """The child P-3 is the head's niece and P-2 a lodger: no parent of P-3 in the household."""
    op = with_member(op, 0, 2, relationship_to_head=Relationship.OTHER_RELATIVE)
    return with_member(op, 0, 1, relationship_to_head=Relationship.NOT_RELATED)


def _findings(op: Operation) -> list[tuple[Outcome, Severity, str]]:
    return [(f.outcome, f.severity, f.path) for f in run_rule("CHILD-004", op).findings]


def test_a_child_without_parents_left_behind_by_every_adult_is_an_established_blocker() -> None:
    # Nothing is unknown here: a failure, not insufficient information.
    finding = run_rule("CHILD-004", _without_parent(_staying(2))).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{MEMBERS}[2].stays_behind"
    assert "stays behind while every adult" in finding.message


def test_a_child_without_parents_moving_while_every_adult_stays_behind_is_a_blocker() -> None:
    finding = run_rule("CHILD-004", _without_parent(_staying(0, 1, withdrawn=(0, 1)))).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{MEMBERS}[2].stays_behind"
    assert "moves while every adult" in finding.message


def test_an_adult_of_unknown_whereabouts_may_be_the_one_a_child_without_parents_goes_with() -> None:
    # P-2 may move with the child: only P-2's own unknown is reported, not a separation.
    op = with_member(_without_parent(_staying(0, withdrawn=(0,))), 0, 1, stays_behind=None)
    assert _findings(op) == [
        (Outcome.INSUFFICIENT_INFORMATION, Severity.BLOCKER, f"{MEMBERS}[1].stays_behind")
    ]


def test_a_member_of_unknown_age_may_be_the_adult_a_child_without_parents_goes_with() -> None:
    op = _without_parent(_staying(0, withdrawn=(0,)))
    op = with_member(op, 0, 1, date_of_birth=None, age=None)
    assert _findings(op) == [
        (Outcome.INSUFFICIENT_INFORMATION, Severity.BLOCKER, f"{MEMBERS}[1].date_of_birth")
    ]


def test_a_member_exactly_adult_age_at_the_decision_is_an_adult_a_child_may_go_with() -> None:
    # Adult from as_of to departure (the age is read over both; see Facts.age).
    op = _without_parent(_staying(0, withdrawn=(0,)))
    op = with_member(op, 0, 1, date_of_birth=AS_OF.subtract(years=18))
    assert run_rule("CHILD-004", op).clean


def test_members_exactly_adult_age_at_the_decision_are_adults_a_child_must_not_leave() -> None:
    op = _without_parent(_staying(0, 1, withdrawn=(0, 1)))
    for member in (0, 1):
        op = with_member(op, 0, member, date_of_birth=AS_OF.subtract(years=18))
    finding = run_rule("CHILD-004", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{MEMBERS}[2].stays_behind"


def test_children_with_no_member_known_to_be_adult_leave_only_the_unknown_age() -> None:
    # P-2, a 16-year-old lodger, and the niece P-3 move; the head, of unknown age, stays behind.
    # No member is known to be adult, so no separation is established; the head's unknown age
    # (the head may be the adult both children leave) is reported at blocker weight.
    op = _without_parent(_staying(0, withdrawn=(0,)))
    op = with_member(op, 0, 0, date_of_birth=None, age=None)
    op = with_member(op, 0, 1, date_of_birth=DEPARTURE.subtract(years=16))
    assert _findings(op) == [
        (Outcome.INSUFFICIENT_INFORMATION, Severity.BLOCKER, f"{MEMBERS}[0].date_of_birth")
    ]


def test_a_declaration_at_the_instant_of_the_withdrawal_leaves_the_withdrawal_in_force() -> None:
    # Read as VOL-005 reads it: the withdrawal stands, so staying is the adult's own decision.
    declared = ConsentEvent(kind=ConsentKind.DECLARATION, at=WITHDRAWAL.at)
    op = with_member(_staying(1), 0, 1, consent=(*sound_consent(), WITHDRAWAL, declared))
    assert run_rule("CHILD-004", op).clean
    assert not [f for f in run_rule("VOL-005", op).findings if f.subject == "P-2"]


def _fourth_member_moving(op: Operation) -> Operation:
    """``op`` with the head's parent P-4, an adult who moves."""
    household = op.households[0]
    grandparent = adult("P-4", Relationship.PARENT, date_of_birth=pendulum.Date(1958, 1, 20))
    household = evolve(household, members=(*household.members, grandparent))
    return evolve(op, households=(household,))


def test_a_member_of_unknown_age_staying_with_an_adult_by_own_decision_is_not_a_finding() -> None:
    # P-1, P-2 (age unknown) and the child stay behind by their own decision; P-4 moves.
    op = _fourth_member_moving(_staying(0, 1, 2, withdrawn=(0, 1)))
    op = with_member(op, 0, 1, date_of_birth=None, age=None)
    assert run_rule("CHILD-004", op).clean


def test_a_member_of_unknown_age_left_with_an_adult_against_their_wish_is_major() -> None:
    # As above, but P-2 declared the wish to return: at worst an adult left behind (major).
    op = _fourth_member_moving(_staying(0, 1, 2, withdrawn=(0,)))
    op = with_member(op, 0, 1, date_of_birth=None, age=None)
    assert _findings(op) == [
        (Outcome.INSUFFICIENT_INFORMATION, Severity.MAJOR, f"{MEMBERS}[1].date_of_birth")
    ]


def test_two_members_of_unknown_age_are_not_each_others_adult() -> None:
    op = with_member(_staying(1, 2), 0, 1, date_of_birth=None, age=None, consent=())
    op = with_member(op, 0, 2, date_of_birth=None, age=None)
    assert _findings(op) == [
        (Outcome.INSUFFICIENT_INFORMATION, Severity.BLOCKER, f"{MEMBERS}[1].date_of_birth"),
        (Outcome.INSUFFICIENT_INFORMATION, Severity.BLOCKER, f"{MEMBERS}[2].date_of_birth"),
    ]


def test_a_member_of_unknown_age_who_declared_is_not_left_behind_when_nobody_moves() -> None:
    # The whole household stays: nobody leaves P-2 behind, whatever P-2's age.
    op = with_member(_staying(0, 1, 2, withdrawn=(0,)), 0, 1, date_of_birth=None, age=None)
    assert run_rule("CHILD-004", op).clean


def test_a_member_exactly_adult_age_at_the_decision_is_an_adult_to_stay_with() -> None:
    # P-2, of unknown age, stays behind by own decision with P-1, who turns 18 on as_of.
    op = _fourth_member_moving(_staying(0, 1, 2, withdrawn=(0, 1)))
    op = with_member(op, 0, 0, date_of_birth=AS_OF.subtract(years=18))
    op = with_member(op, 0, 1, date_of_birth=None, age=None)
    assert run_rule("CHILD-004", op).clean


def test_a_child_staying_behind_with_another_adult_apart_from_its_parent_in_every_language() -> (
    None
):
    # P-2 (the head's sibling, not a parent) stays with the child by own decision; the head,
    # the child's parent, moves. One whole sentence for the child's side (issue 14).
    op = with_member(
        _staying(1, 2, withdrawn=(1,)), 0, 1, relationship_to_head=Relationship.SIBLING
    )
    finding = run_rule("CHILD-004", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{MEMBERS}[2].stays_behind"
    # The English of before the conversion.
    assert finding.message == (
        "a child stays behind apart from every parent in the household; the child would be "
        "separated from the parents"
    )
    assert finding.evidence.observed == "the child stays behind, 1 parent(s) moves"
    assert finding.wording is not None
    with use_language("fr"):
        assert say(finding.wording.message).startswith("un enfant reste sur place sans aucun")
        assert say(finding.wording.observed[0]) == "l'enfant reste sur place, 1 parent(s) parte(nt)"
