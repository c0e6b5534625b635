"""Field helpers that attach validation and data-protection metadata to model fields.

The metadata is gathered once per class into its plan (:mod:`repatguard.model._plan`), which the
converter, the validator in :mod:`repatguard.model.validate` and the fast loader read; the
renderers read it too (personal data is never printed).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from enum import StrEnum
from typing import Any

import attrs
import pendulum

from repatguard.model import vocab

__all__ = [
    "CONSTRAINT",
    "PARTIAL_DATE",
    "PERSONAL",
    "constrained",
    "optional",
    "optional_records",
    "personal",
    "records",
]

CONSTRAINT = "repatguard.constraint"
PERSONAL = "repatguard.personal"
PARTIAL_DATE = "repatguard.partial_date"
"""Marks a date field that accepts ``YYYY-MM`` and ``YYYY`` as well as a full date."""


def optional(**metadata: Any) -> Any:
    """An optional fact: ``None`` means *unknown*, never *absent* or *safe*."""
    return attrs.field(default=None, metadata=metadata)


def constrained(constraint: str, *, required: bool = False) -> Any:
    """A field with a named constraint checked by the validator (``country``, ``non_negative``)."""
    if required:
        return attrs.field(metadata={CONSTRAINT: constraint})
    return attrs.field(default=None, metadata={CONSTRAINT: constraint})


def personal(*, partial_date: bool = False) -> Any:
    """A field that holds personal data; renderers never print it. ``partial_date``: a date
    field that also accepts a month or a year (:class:`~repatguard.model.dates.PartialDate`)."""
    metadata: dict[str, bool] = {PERSONAL: True}
    if partial_date:
        metadata[PARTIAL_DATE] = True
    return attrs.field(default=None, metadata=metadata)


def _as_tuple(value: Any) -> Any:
    """A list (as built in Python) as the tuple the loader makes; anything else as it is, for
    the validator to name: a text, a set or a mapping is not read as a list of its parts."""
    return tuple(value) if isinstance(value, list) else value


def records() -> Any:
    """A list of records; an empty list means *none on record*, which rules treat with care."""
    return attrs.field(default=(), converter=_as_tuple)


def optional_records() -> Any:
    """A list that rules read as evidence of absence: ``None`` (left out) means *not
    recorded* (unknown), an empty list means *none, after review*. Fail closed by default."""
    return attrs.field(default=None, converter=_as_tuple)  # None (not recorded) stays None


# --- Values built in Python, read as the loader reads them ---------------------------------


def _to_date(value: Any) -> Any:
    """A standard ``date`` as the pendulum date the loader makes; anything else as it is (the
    validator names what it does not accept)."""
    if type(value) is dt.date:
        return pendulum.Date(value.year, value.month, value.day)
    return value


def _to_datetime(value: Any) -> Any:
    """A standard ``datetime`` with a UTC offset as the pendulum instant the loader makes; a
    naive one stays as it is and is refused by the validator (it is ambiguous)."""
    if (
        isinstance(value, dt.datetime)
        and not isinstance(value, pendulum.DateTime)
        and value.utcoffset() is not None
    ):
        return pendulum.instance(value)
    return value


def _to_member(enum: type[StrEnum]) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        # A value of the vocabulary given as its text, as in a file; any other text stays
        # as it is for the validator to refuse with its path.
        if type(value) is str and value in enum._value2member_map_:
            return enum(value)
        return value

    return convert


def _each(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def convert_items(value: Any) -> Any:
        if isinstance(value, (tuple, list)):
            return tuple(convert(item) for item in value)
        return value

    return convert_items


_TUPLE = re.compile(r"^tuple\[(.+), \.\.\.\]$")


def _converter_for(annotation: object) -> Callable[[Any], Any] | None:
    """The conversion of a field declared as ``annotation`` (a string: the model defers its
    annotations), for the kinds of value the loader converts: dates, instants, vocabulary."""
    if not isinstance(annotation, str):
        return None
    kinds = [part.strip() for part in annotation.split("|") if part.strip() != "None"]
    if len(kinds) == 1 and (inner := _TUPLE.match(kinds[0])) is not None:
        item = _converter_for(inner.group(1))
        return _each(item) if item is not None else None
    if "pendulum.Date" in kinds:
        return _to_date
    if kinds == ["pendulum.DateTime"]:
        return _to_datetime
    if len(kinds) == 1:
        enum = getattr(vocab, kinds[0], None)
        if isinstance(enum, type) and issubclass(enum, StrEnum):
            return _to_member(enum)
    return None


def python_values(cls: type, fields: list[attrs.Attribute]) -> list[attrs.Attribute]:  # type: ignore[type-arg]
    """The ``field_transformer`` of every model class: its fields read a standard ``date``,
    an aware ``datetime`` and a vocabulary value given as its text as the loader does (issue
    15.4); anything else is left for the validator to refuse with its path."""
    changed = []
    for field in fields:
        convert = _converter_for(field.type)
        if convert is None:
            changed.append(field)
            continue
        existing = field.converter
        chained = convert if existing is None else attrs.converters.pipe(existing, convert)
        changed.append(field.evolve(converter=chained))
    return changed
