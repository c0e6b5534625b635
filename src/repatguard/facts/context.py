"""What a rule sees: the facts at as_of and one subject, with its path into the input."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import attrs
import pendulum

from repatguard.facts import people
from repatguard.facts.facts import (
    AgeFacts,
    AgeSpan,
    Facts,
    Kin,
    adult_on_some_day,
    age_through,
)
from repatguard.model import ConsentEvent, ConsentKind, Household, Person, ReturnArea

__all__ = [
    "DERIVED_PARAMETERS",
    "AreaContext",
    "HouseholdContext",
    "OperationContext",
    "PartialPersonRow",
    "PersonContext",
    "person_row",
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
    disaster_displaced: bool | None
    """Displaced across the border in the context of a disaster or of climate change: the
    person's own record, else the operation's
    (:func:`repatguard.facts.people.disaster_displaced`)."""

    @classmethod
    def of(
        cls,
        facts: Facts,
        kin: Kin,
        person: Person,
        *,
        path: str,
        household_path: str,
        position: int | None = None,
    ) -> PersonContext:
        """The row of ``person`` (a member of ``kin.household``, at ``position`` in it when
        known: its age facts and consent events are then those the kin keeps for the other
        rules)."""
        household = kin.household
        if kin.facts is facts:
            ages = kin.ages(person, position)
            events = kin.events(person, position)
        else:
            ages = AgeFacts.of(facts, household, person)
            events = tuple(facts.events(person))
        age = ages.age
        adult = ages.is_adult
        separated = people.without_parental_care_given(kin, person, adult)
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
            owes_adult_safeguards=ages.owes_adult_safeguards,
            without_parental_care=separated,
            decides_individually=people.decides_individually_given(adult, separated),
            events=events,
            latest_session=sessions[-1] if sessions else None,
            disaster_displaced=people.disaster_displaced(person, facts.operation),
        )


class PartialPersonRow:
    """A person's row when some derived fact could not be derived (odd data built in Python,
    which the loader would refuse): the facts that could be derived read as usual, and reading
    one that could not raises the error it raised. So a rule that never reads the broken fact
    still reports what it finds (a blocker stays a blocker), and a rule that reads it gives an
    ``error`` finding, never a pass.
    """

    def __init__(
        self,
        base: dict[str, object],
        derived: dict[str, object],
        errors: dict[str, BaseException],
    ) -> None:
        self._values = {**base, **derived}
        self._errors = errors

    def __getattr__(self, name: str) -> object:
        errors = self.__dict__.get("_errors", {})
        if name in errors:
            raise errors[name]
        values = self.__dict__.get("_values", {})
        if name in values:
            return values[name]
        raise AttributeError(name)

    # Long in lines, not in logic: each derived fact of PersonContext.of on its own line, with
    # the facts it needs.
    @classmethod
    def of(
        cls,
        facts: Facts,
        kin: Kin | BaseException,
        household: Household,
        person: Person,
        *,
        path: str,
        household_path: str,
    ) -> PartialPersonRow:
        """Each fact of :meth:`PersonContext.of` on its own: one that raises, or that needs
        one that raised, is kept as its error."""
        errors: dict[str, BaseException] = {}
        derived: dict[str, object] = {}

        def derive(name: str, make: Callable[[], object], *needs: str) -> None:
            for need in needs:
                if need in errors:
                    errors[name] = errors[need]
                    return
            try:
                derived[name] = make()
            except Exception as exc:
                errors[name] = exc

        if isinstance(kin, BaseException):
            errors["kin"] = kin
        else:
            derived["kin"] = kin
        adult_age = facts.params.adult_age
        derive("departure_days", lambda: facts.departure_days(household, person))
        derive("area", lambda: facts.area_of(household, person))
        derive("_span", lambda: facts.age_span(household, person))
        derive("age", lambda: age_through(_span(derived), adult_age), "_span")
        derive("is_adult", lambda: _adult(derived["age"], adult_age), "age")
        derive(
            "owes_adult_safeguards", lambda: adult_on_some_day(_span(derived), adult_age), "_span"
        )
        derive(
            "without_parental_care",
            lambda: people.without_parental_care_given(
                _kin(derived), person, _flag(derived["is_adult"])
            ),
            "kin",
            "is_adult",
        )
        derive(
            "decides_individually",
            lambda: people.decides_individually_given(
                _flag(derived["is_adult"]), _flag(derived["without_parental_care"])
            ),
            "is_adult",
            "without_parental_care",
        )
        derive("events", lambda: tuple(facts.events(person)))
        derive("latest_session", lambda: _latest_session(_events(derived)), "events")
        derive("disaster_displaced", lambda: people.disaster_displaced(person, facts.operation))
        derived.pop("_span", None)
        errors.pop("_span", None)
        base: dict[str, object] = {
            "facts": facts,
            "household": household,
            "person": person,
            "path": path,
            "household_path": household_path,
        }
        return cls(base, derived, errors)


def _span(derived: dict[str, object]) -> AgeSpan:
    return cast("AgeSpan", derived["_span"])


def _kin(derived: dict[str, object]) -> Kin:
    return cast("Kin", derived["kin"])


def _events(derived: dict[str, object]) -> tuple[tuple[int, ConsentEvent], ...]:
    return cast("tuple[tuple[int, ConsentEvent], ...]", derived["events"])


def _flag(value: object) -> bool | None:
    return cast("bool | None", value)


def _adult(age: object, adult_age: int) -> bool | None:
    return None if age is None else cast("int", age) >= adult_age


def _latest_session(
    events: tuple[tuple[int, ConsentEvent], ...],
) -> tuple[int, ConsentEvent] | None:
    sessions = [item for item in events if item[1].kind is ConsentKind.INFORMATION_SESSION]
    return sessions[-1] if sessions else None


def person_row(
    facts: Facts,
    kin: Kin | BaseException,
    household: Household,
    person: Person,
    *,
    path: str,
    household_path: str,
    position: int | None = None,
) -> PersonContext | PartialPersonRow:
    """The person's row of the fact table: a :class:`PersonContext`, or, when a fact cannot be
    derived (or the household's ``Kin`` could not be made), a :class:`PartialPersonRow`.
    ``position`` is the person's index among the household's members, as for
    :meth:`PersonContext.of`."""
    if not isinstance(kin, BaseException):
        try:
            return PersonContext.of(
                facts,
                kin,
                person,
                path=path,
                household_path=household_path,
                position=position,
            )
        except Exception:  # noqa: S110 - each fact is derived again on its own below
            pass
    return PartialPersonRow.of(
        facts, kin, household, person, path=path, household_path=household_path
    )
