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
    "PERSONAL",
    "constrained",
    "constrained_fields",
    "optional",
    "personal",
    "records",
]

CONSTRAINT = "repatguard.constraint"
PERSONAL = "repatguard.personal"


def optional(**metadata: Any) -> Any:
    """An optional fact: ``None`` means *unknown*, never *absent* or *safe*."""
    return attrs.field(default=None, metadata=metadata)


def constrained(constraint: str, *, required: bool = False) -> Any:
    """A field with a named constraint checked by the validator (``country``, ``non_negative``)."""
    if required:
        return attrs.field(metadata={CONSTRAINT: constraint})
    return attrs.field(default=None, metadata={CONSTRAINT: constraint})


def personal() -> Any:
    """A field that holds personal data; renderers never print it."""
    return attrs.field(default=None, metadata={PERSONAL: True})


def records() -> Any:
    """A list of records; an empty list means *none on record*, which rules treat with care."""
    return attrs.field(default=(), converter=tuple)


@functools.cache
def constrained_fields(cls: type) -> tuple[tuple[str, str, Any], ...]:
    """The constrained fields of an attrs class: name, constraint and declared type. Built
    once per class for the loaders, which ask for every record they read."""
    return tuple(
        (field.name, field.metadata[CONSTRAINT], field.type)
        for field in attrs.fields(cls)
        if CONSTRAINT in field.metadata
    )
