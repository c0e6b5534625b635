"""CHILD-004: the movement keeps families together."""

from __future__ import annotations

import pendulum

from repatguard.model import ConsentEvent, ConsentKind, Operation, Relationship
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, at, sound_consent, sound_operation, with_member
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


def test_a_child_who_is_adult_on_departure_is_treated_as_an_adult() -> None:
    op = with_member(_staying(2), 0, 2, date_of_birth=pendulum.Date(2008, 6, 10), consent=())
    assert run_rule("CHILD-004", op).clean


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
