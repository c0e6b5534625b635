"""What a rule sees: the facts at as_of and one subject, with its path into the input."""

from __future__ import annotations

from typing import cast

import attrs
import pendulum

from repatguard.facts.facts import Facts
from repatguard.model import Household, Person, ReturnArea

__all__ = ["AreaContext", "HouseholdContext", "OperationContext", "PersonContext"]

_UNSET = object()
"""Marks a derived value not computed yet (``None`` is a value: unknown)."""


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


@attrs.frozen(kw_only=True)
class PersonContext:
    facts: Facts
    household: Household
    person: Person
    path: str
    household_path: str
    # Derived on first use and shared by every person rule (the engine reuses contexts).
    # Lazily, inside a rule's run: a derivation that raises on odd data must give an error
    # finding for that rule, as before, not stop the whole check.
    _departure: object = attrs.field(init=False, repr=False, eq=False, default=_UNSET)
    _age: object = attrs.field(init=False, repr=False, eq=False, default=_UNSET)

    @property
    def departure_days(self) -> tuple[pendulum.Date, pendulum.Date | None] | None:
        """Earliest and latest day this person may leave (:meth:`Facts.departure_days`)."""
        found = self._departure
        if found is _UNSET:
            found = self.facts.departure_days(self.household, self.person)
            object.__setattr__(self, "_departure", found)
        return cast("tuple[pendulum.Date, pendulum.Date | None] | None", found)

    @property
    def area(self) -> str | None:
        """Reference of the intended return area, if known."""
        return self.facts.area_of(self.household, self.person)

    @property
    def age(self) -> int | None:
        """Age from as_of to departure; ``None`` if unknown, or if the person is a child on
        one of those days and an adult on another (:meth:`Facts.age`)."""
        found = self._age
        if found is _UNSET:
            found = self.facts.age(self.household, self.person)
            object.__setattr__(self, "_age", found)
        return cast("int | None", found)

    @property
    def owes_adult_safeguards(self) -> bool:
        """Certainly an adult on some day the person may leave
        (:meth:`Facts.owes_adult_safeguards`)."""
        return self.facts.owes_adult_safeguards(self.household, self.person)

    @property
    def is_adult(self) -> bool | None:
        age = self.age
        return None if age is None else age >= self.facts.params.adult_age
