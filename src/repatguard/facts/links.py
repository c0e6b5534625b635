"""What a family link to another household of the operation is checked against (CHILD-005).

A link names a household, never a person of it, so the one thing the record can say about the
linked relative is what that household's record says about its members: who returns, who may,
and which of them record a child in the household the link comes from. Each household is
summed up here in a few counters, by one definition for the in-memory and the streamed check
(the streamed check's pre-pass reads the whole manifest for them, and keeps only these).

Whether a member returns, by the same facts the other rules read:

- *returns*: moves with the household (``stays_behind`` false) and has a declaration of the
  wish to return in force at as_of (declared, and no withdrawal since: VOL-005's reading);
- *stays*: stays behind (``stays_behind`` true), or has a withdrawal in force (VOL-005: a
  withdrawn decision takes the person off the manifest);
- otherwise it cannot be told (whether the member moves is not recorded, or the member moves
  without a declaration of their own on record, which VOL-001 reports).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs
import pendulum

from repatguard.model import ConsentEvent, ConsentKind, FamilyTie, Household, Person
from repatguard.model.dates import age_bounds

__all__ = [
    "LinkedHousehold",
    "ParentSide",
    "events_at",
    "known_minor",
    "linked_household",
    "linked_households",
    "member_returns",
    "named_households",
]


def events_at(person: Person, as_of: pendulum.DateTime) -> list[tuple[int, ConsentEvent]]:
    """The person's consent events that happened on or before ``as_of``, in time order, with
    their index in the record (:meth:`repatguard.facts.facts.Facts.events`)."""
    happened = [(index, event) for index, event in enumerate(person.consent) if event.at <= as_of]
    happened.sort(key=lambda item: (item[1].at, item[0]))
    return happened


def member_returns(person: Person, as_of: pendulum.DateTime) -> bool | None:
    """Whether ``person`` returns with their household: ``True`` when moving with a
    declaration in force, ``False`` when staying behind or with a withdrawal in force, ``None``
    when it cannot be told (see the module)."""
    if person.stays_behind is True:
        return False
    declared: pendulum.DateTime | None = None
    withdrawn: pendulum.DateTime | None = None
    for _, event in events_at(person, as_of):
        if event.kind is ConsentKind.DECLARATION:
            declared = event.at
        elif event.kind is ConsentKind.WITHDRAWAL:
            withdrawn = event.at
    # A declaration at the same instant does not undo the withdrawal (VOL-005).
    if withdrawn is not None and (declared is None or declared <= withdrawn):
        return False
    if person.stays_behind is False and declared is not None:
        return True
    return None


@attrs.frozen(kw_only=True)
class ParentSide:
    """What the members of a household who record a child in one other household (a link
    ``child`` naming it) say: whether any of those links says the child returns or may
    (``returns`` true or not recorded), how many of those members return or may, and how many
    confirm a parent who returns with the child: a member who returns and whose own link says
    the child returns too."""

    child_may_return: bool
    """Some of these links says the child returns, or does not say."""
    returning: int
    """Members holding such a link who return (:func:`member_returns`)."""
    may_return: int
    """Members holding such a link of whom it cannot be told."""
    confirming: int = 0
    """Members who return and whose link says the child returns (``returns: true``): the
    only record that confirms, from the parent's side, a link saying the parent returns."""


@attrs.frozen(kw_only=True)
class LinkedHousehold:
    """A household as a family link to it is checked: how many of its members return, how
    many may, and, for each other household where its members record a child, the
    :class:`ParentSide` of those links."""

    returning: int
    may_return: int
    parents_of: Mapping[str, ParentSide] = attrs.field(factory=dict)
    """By the reference of the household each ``child`` link names."""
    changes_later: bool = False
    """A member has a consent event after as_of, so the summary may read otherwise at a later
    instant (the streamed next review reads it at as_of only where none does)."""


def known_minor(person: Person, on: pendulum.Date, adult_age: int) -> bool:
    """Whether ``person`` is known to be under ``adult_age`` on ``on`` (oldest possible age
    below it); an unknown age is not known to be a minor."""
    if person.date_of_birth is not None:
        return age_bounds(person.date_of_birth, on)[1] < adult_age
    return person.age is not None and person.age < adult_age


def _parent_sides(
    household: Household, as_of: pendulum.DateTime, adult_age: int
) -> dict[str, ParentSide]:
    found: dict[str, tuple[bool, int, int, int]] = {}
    on = as_of.in_timezone("UTC").date()
    for person in household.members:
        # Per household named: whether some link may say the child returns, and whether one
        # says so outright (``returns: true``).
        named: dict[str, tuple[bool, bool]] = {}
        for link in person.family_links:
            if link.relationship is FamilyTie.CHILD and link.household is not None:
                may, says = named.get(link.household, (False, False))
                named[link.household] = (
                    may or link.returns is not False,
                    says or link.returns is True,
                )
        if not named:
            continue
        returns = member_returns(person, as_of)
        # A member known to be a child does not stand for a parent (review of issue 16).
        confirms = returns is True and not known_minor(person, on, adult_age)
        for reference, (child_may_return, says_returns) in named.items():
            may, returning, unsure, confirming = found.get(reference, (False, 0, 0, 0))
            found[reference] = (
                may or child_may_return,
                returning + (returns is True),
                unsure + (returns is None),
                confirming + (confirms and says_returns),
            )
    return {
        reference: ParentSide(
            child_may_return=may, returning=returning, may_return=unsure, confirming=confirming
        )
        for reference, (may, returning, unsure, confirming) in found.items()
    }


def linked_household(
    household: Household, as_of: pendulum.DateTime, adult_age: int
) -> LinkedHousehold:
    """The summary of ``household`` a family link to it is checked against, at ``as_of``."""
    returning = 0
    may_return = 0
    for person in household.members:
        returns = member_returns(person, as_of)
        returning += returns is True
        may_return += returns is None
    # The summary may read otherwise later: a consent event still to come, or a member known
    # to be a minor who holds a link back and comes of age (then confirms).
    on = as_of.in_timezone("UTC").date()
    later = any(
        any(event.at > as_of for event in person.consent)
        or (
            known_minor(person, on, adult_age)
            and any(link.relationship is FamilyTie.CHILD for link in person.family_links)
        )
        for person in household.members
    )
    return LinkedHousehold(
        returning=returning,
        may_return=may_return,
        parents_of=_parent_sides(household, as_of, adult_age),
        changes_later=later,
    )


def named_households(households: Iterable[Household]) -> set[str]:
    """The references of the households that the ``parent`` links of ``households`` name: the
    only links read against another household's record (CHILD-005). A sibling's or spouse's
    household is not summed up, so the next review of a streamed check does not depend on
    it."""
    return {
        link.household
        for household in households
        for person in household.members
        for link in person.family_links
        if link.household is not None and link.relationship is FamilyTie.PARENT
    }


def linked_households(
    households: Iterable[Household], as_of: pendulum.DateTime, adult_age: int
) -> dict[str, LinkedHousehold]:
    """The summaries of the households, among ``households``, that a family link of one of
    them names (a check that holds every household: the in-memory check). A reference used
    twice is left out, so that a link to it is never read against the wrong household."""
    held = list(households)
    named = named_households(held)
    found: dict[str, LinkedHousehold] = {}
    repeated: set[str] = set()
    for household in held:
        reference = household.reference
        if reference not in named:
            continue
        if reference in found:
            repeated.add(reference)
        found[reference] = linked_household(household, as_of, adult_age)
    for reference in repeated:
        del found[reference]
    return found
