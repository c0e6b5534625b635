"""Who decides to return: adults, and children without parental care. The one definition,
read by the person rules (``rules._people``), the coercion-screening counts (PREM-014) and the
streamed check alike.

A dependent child is covered by the parents' decision; an unaccompanied or separated child
must decide, and meet the safeguards, individually. Unknown age or status never reads as "not
concerned".

Parental care is a parent in the household who moves with the child (CRC Art. 9); any other
adult of the household does not count, and a child recorded as accompanied with no parent
moving with them is treated as separated. Relationships are recorded to the head of
household only, so a parent is known only through a recorded link (the head of a child of the
head, a parent of a child who heads the household); a link that is not recorded (the head's
spouse, who may be a step-parent) makes parental care unknown, never established.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from repatguard.model import Household, Operation, Person, Relationship

if TYPE_CHECKING:
    # Types only: the facts module asks this one who decides (needs_own_screening).
    from repatguard.facts.facts import Facts, Kin, Member, MemberTest

__all__ = [
    "decides_individually",
    "decides_individually_given",
    "disaster_displaced",
    "is_adult",
    "parents_passing",
    "without_parental_care",
    "without_parental_care_given",
]

_R = Relationship
# For a child by relationship to the head: the relationships to the head a parent of the
# child is known to have, and those a parent may have (a link the record does not hold).
_PARENT_LINKS: dict[Relationship, tuple[frozenset[Relationship], frozenset[Relationship]]] = {
    _R.CHILD: (frozenset({_R.HEAD}), frozenset({_R.SPOUSE})),
    _R.HEAD: (frozenset({_R.PARENT}), frozenset()),
    _R.SIBLING: (frozenset(), frozenset({_R.PARENT})),  # half-siblings share one parent
    _R.SPOUSE: (frozenset(), frozenset({_R.OTHER_RELATIVE})),
    _R.PARENT: (frozenset(), frozenset({_R.OTHER_RELATIVE})),
    _R.OTHER_RELATIVE: (
        frozenset(),
        frozenset({_R.CHILD, _R.SIBLING, _R.SPOUSE, _R.OTHER_RELATIVE}),
    ),
    _R.NOT_RELATED: (frozenset(), frozenset({_R.NOT_RELATED})),
}


# The same links as sets to count by (see parents_passing): a member whose relationship is
# unrecorded may be a parent.
_COUNTED_LINKS = {
    child: (known, possible | {None}) for child, (known, possible) in _PARENT_LINKS.items()
}


def parents_passing(kin: Kin, child: Person, test: MemberTest) -> tuple[int, int]:
    """How many members of the household of ``kin`` that pass ``test`` are known to be a
    parent of ``child`` (by ``_PARENT_LINKS``), and how many may be one (a link the record
    does not hold, or an unrecorded relationship).

    The members are counted by relationship to the head once per household and test
    (:class:`~repatguard.facts.facts.Kin`), so the time does not grow with the household.
    ``test`` must be a function defined once (see ``MemberTest``).
    """
    if child.relationship_to_head is None:
        return 0, kin.count(None, test, besides=child)
    known, possible = _COUNTED_LINKS[child.relationship_to_head]
    return kin.count(known, test, besides=child), kin.count(possible, test, besides=child)


def _moves(member: Member) -> bool:
    return member.person.stays_behind is False


def _may_move(member: Member) -> bool:
    return member.person.stays_behind is not True


def _parent_moves(kin: Kin, person: Person) -> bool | None:
    """Whether a parent of ``person`` moves with them (is not staying behind): ``True`` for
    a known parent known to move, ``None`` when one may, ``False`` otherwise."""
    known, _ = parents_passing(kin, person, _moves)
    if known:
        return True
    known, possible = parents_passing(kin, person, _may_move)
    return None if known or possible else False


def is_adult(facts: Facts, household: Household, person: Person) -> bool | None:
    """Whether ``person`` is an adult from as_of to departure (:meth:`Facts.age`); ``None``
    when the age is unknown or crosses ``adult_age`` in that time."""
    age = facts.age(household, person)
    return None if age is None else age >= facts.params.adult_age


def without_parental_care(facts: Facts, kin: Kin, person: Person) -> bool | None:
    """Whether ``person`` is to be treated as an unaccompanied or separated child.

    Recorded as unaccompanied or separated: ``True``; unrecorded: ``None``. Recorded as
    accompanied: an adult is not concerned (``False``); a child is treated as separated
    unless a parent moves with them. It is unknown when a parent only may, or when no parent
    moves with a person whose age is unknown (who may be an adult).
    """
    return without_parental_care_given(kin, person, is_adult(facts, kin.household, person))


def without_parental_care_given(kin: Kin, person: Person, adult: bool | None) -> bool | None:
    """:func:`without_parental_care` with the answer of :func:`is_adult` already known (a
    person's context keeps it)."""
    recorded = person.unaccompanied_or_separated
    if recorded is not False or adult is True:
        return recorded
    care = _parent_moves(kin, person)
    if care is True:
        return False
    if care is None or adult is None:
        return None
    return True


def decides_individually(facts: Facts, kin: Kin, person: Person) -> bool | None:
    """Whether ``person`` takes the decision to return themselves: an adult, or a child
    without parental care (``False`` for a dependent child covered by the parents' decision,
    ``None`` when age or parental care is unknown)."""
    adult = is_adult(facts, kin.household, person)
    return decides_individually_given(adult, without_parental_care_given(kin, person, adult))


def decides_individually_given(adult: bool | None, separated: bool | None) -> bool | None:
    """:func:`decides_individually` from the answers of :func:`is_adult` and
    :func:`without_parental_care` (a person's context keeps both)."""
    if adult is True:
        return True
    if separated is True:
        return True
    if adult is False and separated is False:
        return False
    return None


def disaster_displaced(person: Person, operation: Operation) -> bool | None:
    """Whether the person was displaced across the border in the context of a disaster or of
    the adverse effects of climate change; ``None`` when it cannot be told.

    The person's own record is read first; left out, the operation's record for the people in
    scope stands for it (``False`` there means that none were, and the loader refuses a person
    recorded as displaced by a disaster under it, so forgetting the person's record never
    reads as "not displaced by a disaster").
    """
    if person.disaster_displaced is not None:
        return person.disaster_displaced
    return operation.disaster_displacement
