"""What a rule sees: the facts at as_of and one subject, with its path into the input."""

from __future__ import annotations

import attrs
import pendulum

from repatguard.facts import people
from repatguard.facts.facts import Facts, Kin, adult_on_some_day, age_through
from repatguard.model import ConsentEvent, ConsentKind, Household, Person, ReturnArea

__all__ = [
    "DERIVED_PARAMETERS",
    "AreaContext",
    "HouseholdContext",
    "OperationContext",
    "PersonContext",
]

DERIVED_PARAMETERS: dict[str, tuple[str, ...]] = {
    "age": ("adult_age",),
    "is_adult": ("adult_age",),
    "owes_adult_safeguards": ("adult_age",),
    "without_parental_care": ("adult_age",),
    "decides_individually": ("adult_age",),
}
"""The parameters each derived fact of :class:`PersonContext` depends on: a rule that reads
the fact reads them (its metadata must declare them; ``tests/test_rule_parameters.py``)."""


@attrs.frozen(kw_only=True)
class OperationContext:
    facts: Facts
    path: str = "$"


@attrs.frozen(kw_only=True)
class AreaContext:
    facts: Facts
    area: ReturnArea
    path: str


@attrs.frozen(kw_only=True)
class HouseholdContext:
    facts: Facts
    household: Household
    path: str
    kin: Kin
    """The household's members grouped by relationship to the head."""


@attrs.frozen(kw_only=True)
class PersonContext:
    """One person's row of the fact table: the record, where it sits in the input, and what
    the person rules ask of it, each derived once per check by :meth:`of` (the one
    definition; rules read it, never derive it again)."""

    facts: Facts
    household: Household
    person: Person
    path: str
    household_path: str
    kin: Kin
    """The person's household grouped by relationship to the head (one per household)."""
    departure_days: tuple[pendulum.Date, pendulum.Date | None] | None
    """Earliest and latest day this person may leave (:meth:`Facts.departure_days`)."""
    area: str | None
    """Reference of the intended return area, if known."""
    age: int | None
    """Age from as_of to departure; ``None`` if unknown, or if the person is a child on one
    of those days and an adult on another (:meth:`Facts.age`)."""
    is_adult: bool | None
    """``age`` against ``adult_age``; ``None`` when the age is unknown."""
    owes_adult_safeguards: bool
    """Certainly an adult on some day the person may leave
    (:meth:`Facts.owes_adult_safeguards`)."""
    without_parental_care: bool | None
    """To be treated as an unaccompanied or separated child
    (:func:`repatguard.facts.people.without_parental_care`)."""
    decides_individually: bool | None
    """Takes the decision to return themselves: an adult or a child without parental care
    (:func:`repatguard.facts.people.decides_individually`)."""
    events: tuple[tuple[int, ConsentEvent], ...]
    """The consent events on or before as_of, in time order, with their index."""
    latest_session: tuple[int, ConsentEvent] | None
    """The latest information session among ``events``, with its index."""

    @classmethod
    def of(
        cls, facts: Facts, kin: Kin, person: Person, *, path: str, household_path: str
    ) -> PersonContext:
        """The row of ``person`` (a member of ``kin.household``)."""
        household = kin.household
        adult_age = facts.params.adult_age
        span = facts.age_span(household, person)
        age = age_through(span, adult_age)
        adult = None if age is None else age >= adult_age
        separated = people.without_parental_care_given(kin, person, adult)
        events = tuple(facts.events(person))
        sessions = [item for item in events if item[1].kind is ConsentKind.INFORMATION_SESSION]
        return cls(
            facts=facts,
            household=household,
            person=person,
            path=path,
            household_path=household_path,
            kin=kin,
            departure_days=facts.departure_days(household, person),
            area=facts.area_of(household, person),
            age=age,
            is_adult=adult,
            owes_adult_safeguards=adult_on_some_day(span, adult_age),
            without_parental_care=separated,
            decides_individually=people.decides_individually_given(adult, separated),
            events=events,
            latest_session=sessions[-1] if sessions else None,
        )
