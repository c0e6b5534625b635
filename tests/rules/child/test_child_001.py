"""CHILD-001: formal best-interests determination before a child without parental care returns."""

from __future__ import annotations

import re
from typing import Any

import pytest

from repatguard.facts.parameters import Parameters
from repatguard.model import (
    BestInterestsDetermination,
    BestInterestsOutcome,
    Operation,
    Relationship,
)
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import (
    AS_OF,
    evolve,
    sound_assessment,
    sound_operation,
    with_assessment,
    with_member,
)
from repatguard.testing.rule_examples.child.child_001_best_interests_determination import EXAMPLES
from repatguard.testing.rules import run_rule

CHILD = "$.households[0].members[2]"
BID = f"{CHILD}.best_interests_determination"


def _separated(op: Operation | None = None, **bid_changes: Any) -> Operation:
    """The child P-3 is separated; a favourable BID 20 days before AS_OF, changed as given."""
    determination = BestInterestsDetermination(
        completed_on=AS_OF.subtract(days=20),
        outcome=BestInterestsOutcome.RETURN_IN_BEST_INTERESTS,
        authority="BID panel",
    )
    return with_member(
        op or sound_operation(),
        0,
        2,
        unaccompanied_or_separated=True,
        best_interests_determination=evolve(determination, **bid_changes),
    )


def test_does_not_apply_to_adults_and_accompanied_children() -> None:
    run = run_rule("CHILD-001", sound_operation())
    assert not run.findings
    assert run.outcomes == {Outcome.NOT_APPLICABLE}


def test_an_adult_of_unknown_care_status_is_not_concerned() -> None:
    op = with_member(sound_operation(), 0, 0, unaccompanied_or_separated=None)
    assert run_rule("CHILD-001", op).outcomes == {Outcome.NOT_APPLICABLE}


def test_passes_with_a_current_favourable_determination_by_a_named_authority() -> None:
    run = run_rule("CHILD-001", _separated())
    assert run.clean
    assert run.tally.passed == 1
    assert run.tally.not_applicable == 2


def test_a_separated_child_without_a_determination_is_a_blocker() -> None:
    op = with_member(sound_operation(), 0, 2, unaccompanied_or_separated=True)
    finding = run_rule("CHILD-001", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.subject == "P-3"
    assert finding.path == BID


def test_a_person_of_unknown_age_marked_separated_is_treated_as_a_child() -> None:
    op = with_member(
        sound_operation(), 0, 2, unaccompanied_or_separated=True, date_of_birth=None, age=None
    )
    assert run_rule("CHILD-001", op).only().outcome is Outcome.FAIL


def test_a_person_adult_at_the_decision_is_not_concerned() -> None:
    op = with_member(
        sound_operation(),
        0,
        2,
        unaccompanied_or_separated=True,
        date_of_birth=AS_OF.subtract(years=18),
    )
    assert run_rule("CHILD-001", op).outcomes == {Outcome.NOT_APPLICABLE}


def test_a_child_who_comes_of_age_before_departure_still_needs_the_child_safeguards() -> None:
    # A child on as_of who turns 18 before departure decides as a child: the age is unknown
    # (child and adult), and the safeguards of a separated child are not set aside.
    op = with_member(
        sound_operation(),
        0,
        2,
        unaccompanied_or_separated=True,
        date_of_birth=AS_OF.subtract(years=18).add(days=5),
    )
    finding = run_rule("CHILD-001", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{CHILD}.best_interests_determination"


def test_unknown_care_status_of_a_child_is_insufficient_information_at_blocker_weight() -> None:
    op = with_member(sound_operation(), 0, 2, unaccompanied_or_separated=None)
    finding = run_rule("CHILD-001", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{CHILD}.unaccompanied_or_separated"


def test_unknown_care_status_and_unknown_age_is_insufficient_information() -> None:
    op = with_member(
        sound_operation(), 0, 2, unaccompanied_or_separated=None, date_of_birth=None, age=None
    )
    finding = run_rule("CHILD-001", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{CHILD}.unaccompanied_or_separated"


def test_an_undated_determination_is_insufficient_information() -> None:
    finding = run_rule("CHILD-001", _separated(completed_on=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{BID}.completed_on"


def test_a_determination_dated_after_as_of_is_not_yet_done() -> None:
    finding = run_rule("CHILD-001", _separated(completed_on=AS_OF.add(days=1))).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{BID}.completed_on"


@pytest.mark.parametrize(
    "outcome",
    [BestInterestsOutcome.PENDING, BestInterestsOutcome.RETURN_NOT_IN_BEST_INTERESTS],
)
def test_a_pending_or_unfavourable_determination_is_a_blocker(
    outcome: BestInterestsOutcome,
) -> None:
    finding = run_rule("CHILD-001", _separated(outcome=outcome)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{BID}.outcome"


def test_an_unrecorded_outcome_is_insufficient_information() -> None:
    finding = run_rule("CHILD-001", _separated(outcome=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{BID}.outcome"


def test_an_unrecorded_authority_is_insufficient_information() -> None:
    finding = run_rule("CHILD-001", _separated(authority=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{BID}.authority"


def _older_assessment(op: Operation) -> Operation:
    return with_assessment(op, assessed_on=AS_OF.subtract(days=200))


def test_a_determination_older_than_bid_max_age_must_be_reviewed() -> None:
    op = _older_assessment(_separated(completed_on=AS_OF.subtract(days=181)))
    finding = run_rule("CHILD-001", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{BID}.completed_on"
    assert "P180D" in finding.message


def test_a_determination_exactly_bid_max_age_old_is_still_current() -> None:
    op = _older_assessment(_separated(completed_on=AS_OF.subtract(days=180)))
    assert run_rule("CHILD-001", op).clean


def test_bid_max_age_is_a_parameter() -> None:
    op = _older_assessment(_separated(completed_on=AS_OF.subtract(days=181)))
    assert run_rule("CHILD-001", op, parameters=Parameters(bid_max_age="P365D")).clean


def test_a_reassessment_of_the_return_area_after_the_determination_requires_a_review() -> None:
    op = _separated(completed_on=AS_OF.subtract(days=40))  # the area was assessed 30 days ago
    finding = run_rule("CHILD-001", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{BID}.completed_on"
    assert "re-assessed" in finding.message


def test_an_assessment_made_on_the_day_of_the_determination_needs_no_review() -> None:
    op = _separated(completed_on=AS_OF.subtract(days=30))
    assert run_rule("CHILD-001", op).clean


def test_an_assessment_dated_after_as_of_has_not_happened_yet() -> None:
    op = _separated()
    later = sound_assessment(reference="ASM-2")
    op = evolve(op, assessments=(*op.assessments, evolve(later, assessed_on=AS_OF.add(days=3))))
    assert run_rule("CHILD-001", op).clean


def test_an_assessment_of_another_area_does_not_require_a_review() -> None:
    op = _separated()
    other = evolve(sound_assessment(area="AREA-9", reference="ASM-9"), assessed_on=AS_OF)
    assert run_rule("CHILD-001", evolve(op, assessments=(*op.assessments, other))).clean


def test_an_undated_assessment_of_the_area_is_insufficient_information() -> None:
    finding = run_rule("CHILD-001", with_assessment(_separated(), assessed_on=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.assessments[0].assessed_on"


def test_an_unknown_return_area_is_insufficient_information() -> None:
    op = _separated()
    household = evolve(op.households[0], intended_return_area=None)
    finding = run_rule("CHILD-001", evolve(op, households=(household,))).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.households[0].intended_return_area"


def test_every_problem_of_the_determination_is_reported() -> None:
    op = _separated(outcome=BestInterestsOutcome.PENDING, authority=None)
    paths = sorted(f.path for f in run_rule("CHILD-001", op).findings)
    assert paths == [f"{BID}.authority", f"{BID}.outcome"]


def test_a_child_moving_with_an_adult_who_is_not_a_parent_needs_a_determination() -> None:
    # Recorded as accompanied, but the head (the parent) stays behind and the child moves with
    # the head's sister: the child is treated as separated.
    op = with_member(sound_operation(), 0, 0, stays_behind=True)
    op = with_member(op, 0, 1, relationship_to_head=Relationship.SIBLING)
    finding = run_rule("CHILD-001", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == BID


def test_a_child_moving_only_with_someone_who_may_be_a_parent_is_insufficient_information() -> None:
    # The head stays behind; the head's spouse may be the child's step-parent.
    op = with_member(sound_operation(), 0, 0, stays_behind=True)
    finding = run_rule("CHILD-001", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{CHILD}.relationship_to_head"


def test_a_child_moving_with_a_parent_needs_no_determination() -> None:
    assert Outcome.NOT_APPLICABLE in run_rule("CHILD-001", sound_operation()).outcomes
    assert not run_rule("CHILD-001", sound_operation()).findings


def test_a_determination_completed_on_as_of_is_done() -> None:
    assert run_rule("CHILD-001", _separated(completed_on=AS_OF)).clean


def test_a_return_area_never_assessed_is_left_to_cond_001() -> None:
    # Nothing was re-assessed after the determination; the missing assessment is COND-001's.
    op = evolve(_separated(), assessments=())
    assert run_rule("CHILD-001", op).clean
    assert run_rule("COND-001", op).findings


def test_the_passing_example_is_dated_as_its_description_says() -> None:
    # The rule page publishes the description; its data must not drift from it.
    stated = re.search(r"(\d+) days before as_of", EXAMPLES.passing.description)
    assert stated is not None
    child = EXAMPLES.passing.change(sound_operation()).households[0].members[2]
    assert child.best_interests_determination is not None
    completed = child.best_interests_determination.completed_on
    assert completed == AS_OF.subtract(days=int(stated.group(1)))


@pytest.mark.parametrize(
    ("relationship", "outcome"),
    [
        # The head's child may be the parent of the head's grandchild, the head's sibling of
        # a nephew, the head's spouse or another relative of a child recorded as another
        # relative: parental care is then unknown.
        (Relationship.CHILD, Outcome.INSUFFICIENT_INFORMATION),
        (Relationship.SIBLING, Outcome.INSUFFICIENT_INFORMATION),
        (Relationship.SPOUSE, Outcome.INSUFFICIENT_INFORMATION),
        (Relationship.OTHER_RELATIVE, Outcome.INSUFFICIENT_INFORMATION),
        # The head's parent or someone unrelated to the head cannot be: the child is
        # treated as separated.
        (Relationship.PARENT, Outcome.FAIL),
        (Relationship.NOT_RELATED, Outcome.FAIL),
    ],
)
def test_who_may_be_the_parent_of_a_child_recorded_as_another_relative(
    relationship: Relationship, outcome: Outcome
) -> None:
    op = with_member(sound_operation(), 0, 0, stays_behind=True)
    op = with_member(op, 0, 2, relationship_to_head=Relationship.OTHER_RELATIVE)
    op = with_member(op, 0, 1, relationship_to_head=relationship)
    assert run_rule("CHILD-001", op).only().outcome is outcome
