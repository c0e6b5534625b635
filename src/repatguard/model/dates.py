"""Dates known only to the month or the year.

Registration records often give a date of birth as a month or a year. Such a value is a
:class:`PartialDate`: it knows its precision and the first and last days it may stand for,
and each reader picks the day least favourable to the check it makes. Only fields declared
with :func:`~repatguard.model._fields.partial_date` accept one (see ``docs/model.md``).

Every date and instant the library reads, ``as_of`` included, lies in the supported range
(:data:`FIRST_YEAR` to :data:`LAST_YEAR`): far enough from the calendar's ends (years 1 and
9999) that adding the longest parameter or subtracting it never leaves the calendar.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any, Literal

import pendulum

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "PARTIAL_DATE_PATTERN",
    "SUPPORTED_RANGE",
    "PartialDate",
    "age_bounds",
    "earliest",
    "in_supported_range",
    "latest",
    "parse_partial",
]

Precision = Literal["year", "month"]

PARTIAL_DATE_PATTERN = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
"""A full date, a month (``YYYY-MM``) or a year (``YYYY``)."""

FIRST_YEAR = 1900
"""The earliest year of a supported date (from 1900-01-01)."""

LAST_YEAR = 2199
"""The latest year of a supported date (to 2199-12-31)."""

SUPPORTED_RANGE = f"{FIRST_YEAR}-01-01 to {LAST_YEAR}-12-31"
"""The supported range, as error messages and documents name it."""


def in_supported_range(value: dt.date) -> bool:
    """Whether a date (a month or a year too), or the day of an instant as written in its own
    offset, lies in the supported range.

    The range holds whole years, so the year decides; the check needs no arithmetic, which
    is what could fail on a date near the calendar's ends.
    """
    return FIRST_YEAR <= value.year <= LAST_YEAR


_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


class PartialDate(pendulum.Date):
    """A date known to the month (``2001-02``) or to the year (``2001``).

    As a plain date it is its first possible day, but no reader should take it so: read
    :attr:`earliest` or :attr:`latest`, whichever is least favourable to the check. Equal only
    to a partial date of the same precision; arithmetic gives plain dates.
    """

    __slots__ = ("_precision",)
    _precision: Precision

    def __new__(cls, year: int, month: int | None = None, day: int | None = None) -> Any:
        if day is not None:  # pendulum's arithmetic rebuilds the class with a full date
            return pendulum.Date(year, month or 1, day)
        self = super().__new__(cls, year, month or 1, 1)
        self._precision = "year" if month is None else "month"
        return self

    @property
    def precision(self) -> Precision:
        return self._precision

    @property
    def earliest(self) -> pendulum.Date:
        """The first day the value may stand for."""
        return pendulum.Date(self.year, self.month, 1)

    @property
    def latest(self) -> pendulum.Date:
        """The last day the value may stand for."""
        if self._precision == "year":
            return pendulum.Date(self.year, 12, 31)
        return pendulum.Date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def isoformat(self) -> str:
        return (
            f"{self.year:04d}" if self._precision == "year" else f"{self.year:04d}-{self.month:02d}"
        )

    def __str__(self) -> str:
        return self.isoformat()

    def __repr__(self) -> str:
        return f"PartialDate({self.isoformat()!r})"

    def __reduce__(self) -> Any:  # pickling (the streaming check may send households away)
        month = None if self._precision == "year" else self.month
        return (PartialDate, (self.year, month))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PartialDate):
            return (self.year, self.month, self._precision) == (
                other.year,
                other.month,
                other._precision,
            )
        if isinstance(other, dt.date):
            return False  # a day is more than a month or a year: not the same fact
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash((self.year, self.month, self._precision))


def parse_partial(text: str) -> PartialDate | None:
    """``YYYY-MM`` or ``YYYY`` as a partial date; ``None`` for any other shape.

    Raises ``ValueError`` for a month that does not exist (``2001-13``) or year 0.
    """
    found = _MONTH.match(text)
    if found is not None:
        year, month = int(found.group(1)), int(found.group(2))
        if not 1 <= month <= 12 or year < 1:
            raise ValueError(text)
        by_month: PartialDate = PartialDate(year, month)
        return by_month
    found = _YEAR.match(text)
    if found is not None:
        year = int(found.group(1))
        if year < 1:
            raise ValueError(text)
        by_year: PartialDate = PartialDate(year)
        return by_year
    return None


def earliest(value: pendulum.Date) -> pendulum.Date:
    """The first day ``value`` may stand for (the value itself when it is a full date)."""
    return value.earliest if isinstance(value, PartialDate) else value


def latest(value: pendulum.Date) -> pendulum.Date:
    """The last day ``value`` may stand for (the value itself when it is a full date)."""
    return value.latest if isinstance(value, PartialDate) else value


def _completed_years(born: pendulum.Date, on: pendulum.Date) -> int:
    before_birthday = (on.month, on.day) < (born.month, born.day)
    return on.year - born.year - int(before_birthday)


def age_bounds(born: pendulum.Date, on: pendulum.Date) -> tuple[int, int]:
    """The youngest and the oldest age in completed years on ``on`` of someone born on
    ``born`` (equal for a full date of birth)."""
    if not isinstance(born, PartialDate):
        years = _completed_years(born, on)
        return years, years
    return _completed_years(born.latest, on), _completed_years(born.earliest, on)
