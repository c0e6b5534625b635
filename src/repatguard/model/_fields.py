"""Field helpers that attach validation and data-protection metadata to model fields.

The metadata is read by the validator in :mod:`repatguard.model.validate` (constraints) and by
the renderers (personal data is never printed).
"""

from __future__ import annotations

import functools
from typing import Any

import attrs

__all__ = [
    "CONSTRAINT",
    "PARTIAL_DATE",
    "PERSONAL",
    "constrained",
    "constrained_fields",
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


def records() -> Any:
    """A list of records; an empty list means *none on record*, which rules treat with care."""
    return attrs.field(default=(), converter=tuple)


def _tuple_or_none(value: Any) -> Any:
    return None if value is None else tuple(value)


def optional_records() -> Any:
    """A list that rules read as evidence of absence: ``None`` (left out) means *not
    recorded* (unknown), an empty list means *none, after review*. Fail closed by default."""
    return attrs.field(default=None, converter=_tuple_or_none)


@functools.cache
def constrained_fields(cls: type) -> tuple[tuple[str, str, Any], ...]:
    """The constrained fields of an attrs class: name, constraint and declared type. Built
    once per class for the loaders, which ask for every record they read."""
    return tuple(
        (field.name, field.metadata[CONSTRAINT], field.type)
        for field in attrs.fields(cls)
        if CONSTRAINT in field.metadata
    )
