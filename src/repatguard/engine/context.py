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

    @property
    def departure(self) -> pendulum.Date | None:
        """Planned departure of this person (person, then household, then operation window)."""
        return self.facts.departure(self.household, self.person)

    @property
    def area(self) -> str | None:
        """Reference of the intended return area, if known."""
        return self.facts.area_of(self.household, self.person)

    @property
    def age(self) -> int | None:
        """Age on the planned departure date, else at as_of; ``None`` if unknown."""
        return age_on(self.person, self.departure or self.facts.today)

    @property
    def is_adult(self) -> bool | None:
        age = self.age
        return None if age is None else age >= self.facts.params.adult_age
