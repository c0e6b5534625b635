"""VOL-001: individual, express declaration of the wish to return."""

from __future__ import annotations

import pendulum

from repatguard.model import ConsentKind, Relationship
from repatguard.outcomes import Outcome
from repatguard.testing.factories import AS_OF, at, evolve, sound_operation, unplanned, with_member
from repatguard.testing.rules import run_rule

CHILD = "$.households[0].members[2]"


def test_passes_when_every_adult_declared_and_child_is_covered() -> None:
    run = run_rule("VOL-001", sound_operation())
    assert run.clean
    assert run.tally.passed == 3


def test_fails_for_an_adult_without_own_declaration() -> None:
    op = with_member(sound_operation(), 0, 1, consent=())
    finding = run_rule("VOL-001", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.subject == "P-2"
    assert finding.path == "$.households[0].members[1].consent"


def test_a_declaration_after_as_of_does_not_count() -> None:
    op = sound_operation()
    op = with_member(
        op,
        0,
        1,
        consent=(
            op.households[0]
            .members[1]
            .consent[0]
            .__class__(kind=ConsentKind.DECLARATION, at=at(AS_OF.add(days=1))),
        ),
    )
    assert run_rule("VOL-001", op).only().outcome is Outcome.FAIL


def test_fails_for_an_unaccompanied_child_without_own_declaration() -> None:
    op = with_member(sound_operation(), 0, 2, unaccompanied_or_separated=True)
    finding = run_rule("VOL-001", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.subject == "P-3"


def test_fails_for_a_dependent_child_when_no_adult_declared() -> None:
    op = with_member(sound_operation(), 0, 0, consent=())
    op = with_member(op, 0, 1, consent=())
    run = run_rule("VOL-001", op)
    assert {f.subject for f in run.findings} == {"P-1", "P-2", "P-3"}


def test_missing_age_is_insufficient_information() -> None:
    op = with_member(sound_operation(), 0, 1, consent=(), date_of_birth=None, age=None)
    finding = run_rule("VOL-001", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.households[0].members[1].date_of_birth"


def test_unknown_unaccompanied_status_is_insufficient_information() -> None:
    op = with_member(sound_operation(), 0, 2, unaccompanied_or_separated=None)
    op = with_member(op, 0, 0, consent=())
    op = with_member(op, 0, 1, consent=())
    child = [f for f in run_rule("VOL-001", op).findings if f.subject == "P-3"]
    assert [f.outcome for f in child] == [Outcome.INSUFFICIENT_INFORMATION]


def test_an_adult_at_the_decision_requires_own_declaration() -> None:
    born = pendulum.Date(2008, 5, 10)  # 18 on 2026-05-10, before as_of
    op = with_member(sound_operation(), 0, 2, date_of_birth=born)
    finding = run_rule("VOL-001", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.subject == "P-3"


def test_turning_eighteen_between_decision_and_departure_is_not_covered_by_the_parents() -> None:
    # An adult on the planned departure owes an own declaration, whatever the parents said.
    born = pendulum.Date(2008, 6, 10)  # 18 on 2026-06-10: after as_of, before departure
    op = with_member(sound_operation(), 0, 2, date_of_birth=born)
    finding = run_rule("VOL-001", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.subject == "P-3"


def test_a_past_departure_does_not_turn_an_adult_into_a_child() -> None:
    # Review of #11/#12: a planned departure before as_of read the age on that past day.
    born = AS_OF.subtract(years=21)  # adult on as_of; a child on 2000-01-01
    op = with_member(sound_operation(), 0, 2, date_of_birth=born, consent=())
    op = with_member(op, 0, 2, planned_departure=pendulum.Date(2000, 1, 1))
    finding = run_rule("VOL-001", op).only()
    assert (finding.outcome, finding.subject) == (Outcome.FAIL, "P-3")


def test_a_child_with_no_known_last_day_of_departure_is_of_unknown_age() -> None:
    # Review of #11/#12: forgetting the window's end must not read the child as a child.
    op = unplanned(sound_operation())
    assert op.movement_window is not None
    op = evolve(op, movement_window=evolve(op.movement_window, end=None))
    op = with_member(op, 0, 2, date_of_birth=pendulum.Date(2008, 7, 1))
    op = with_member(op, 0, 0, consent=())
    op = with_member(op, 0, 1, consent=())
    child = [f for f in run_rule("VOL-001", op).findings if f.subject == "P-3"]
    assert [(f.outcome, f.path) for f in child] == [
        (Outcome.INSUFFICIENT_INFORMATION, f"{CHILD}.date_of_birth")
    ]


def test_only_a_parents_declaration_covers_a_dependent_child() -> None:
    # The head (the child's parent) has not declared; P-2, the head's sister, has.
    op = with_member(sound_operation(), 0, 0, consent=())
    op = with_member(op, 0, 1, relationship_to_head=Relationship.SIBLING)
    child = [f for f in run_rule("VOL-001", op).findings if f.subject == "P-3"]
    assert [(f.outcome, f.path) for f in child] == [(Outcome.FAIL, f"{CHILD}.consent")]


def test_the_declaration_of_someone_who_may_be_a_parent_is_insufficient_information() -> None:
    # Only the head's spouse declared; she may be the child's step-parent.
    op = with_member(sound_operation(), 0, 0, consent=())
    child = [f for f in run_rule("VOL-001", op).findings if f.subject == "P-3"]
    assert [(f.outcome, f.path) for f in child] == [
        (Outcome.INSUFFICIENT_INFORMATION, f"{CHILD}.relationship_to_head")
    ]


def test_a_child_moving_with_no_parent_needs_an_own_declaration() -> None:
    # The head stays behind; the child moves with the head's sister, who declared.
    op = with_member(sound_operation(), 0, 0, stays_behind=True)
    op = with_member(op, 0, 1, relationship_to_head=Relationship.SIBLING)
    finding = run_rule("VOL-001", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{CHILD}.consent"
    assert "no parent moving" in finding.message


def test_an_unknown_relationship_of_the_child_is_not_parental_care() -> None:
    op = with_member(sound_operation(), 0, 2, relationship_to_head=None)
    finding = run_rule("VOL-001", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{CHILD}.relationship_to_head"


def test_an_unknown_unaccompanied_status_points_at_that_field() -> None:
    op = with_member(sound_operation(), 0, 2, unaccompanied_or_separated=None)
    op = with_member(op, 0, 0, consent=())
    op = with_member(op, 0, 1, consent=())
    (child,) = [f for f in run_rule("VOL-001", op).findings if f.subject == "P-3"]
    assert child.path == f"{CHILD}.unaccompanied_or_separated"
    assert child.evidence.observed == "unknown"
