"""What a rule sees: the facts at as_of and one subject, with its path into the input."""

from __future__ import annotations

import attrs
import pendulum

from repatguard.engine.facts import Facts, age_on
from repatguard.model import Household, Person, ReturnArea

__all__ = ["AreaContext", "HouseholdContext", "OperationContext", "PersonContext"]


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
    # Derived once per person and shared by every person rule (the engine reuses contexts).
    _departure: pendulum.Date | None = attrs.field(init=False, repr=False, eq=False)
    _age: int | None = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        departure = self.facts.departure(self.household, self.person)
        object.__setattr__(self, "_departure", departure)
        object.__setattr__(self, "_age", age_on(self.person, departure or self.facts.today))

    @property
    def departure(self) -> pendulum.Date | None:
        """Planned departure of this person (person, then household, then operation window)."""
        return self._departure

    @property
    def area(self) -> str | None:
        """Reference of the intended return area, if known."""
        return self.facts.area_of(self.household, self.person)

    @property
    def age(self) -> int | None:
        """Age on the planned departure date, else at as_of; ``None`` if unknown."""
        return self._age

    @property
    def is_adult(self) -> bool | None:
        age = self._age
        return None if age is None else age >= self.facts.params.adult_age
