"""One plan per attrs class: what the readers of a model class need to know about its fields.

Worked out once per class (on first use) and kept in :data:`_PLANS`, so that loading and
checking millions of records never ask attrs or ``typing`` about a class again. Its readers:

- the cattrs converter (``io.converter``): the constrained fields, checked on the raw values,
  and the fields holding personal data or a partial date;
- the invariants of ``model.validate``: the fields its constraint walk visits, and how the
  type of each field of an object built in Python is checked;
- the msgspec fast loader (``stream.fast``): the keys an object may hold, its constraints and
  its nested records.

Each reader keeps its own behaviour (its messages, paths and order); the plan only says what
the class holds. Classes that are not attrs classes have no plan (``None``).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from enum import Enum
from typing import Any

import attrs
import pendulum

from repatguard.model._fields import CONSTRAINT, PARTIAL_DATE, PERSONAL

__all__ = [
    "ANY",
    "DATE",
    "INSTANT",
    "MEMBER",
    "PARTIAL",
    "RECORD",
    "RECORDS",
    "SIMPLE",
    "ClassPlan",
    "FieldType",
    "class_plan",
    "plans_under",
]

# How the type of a field is checked (plain integers: compared for every value of every
# object built in Python).
SIMPLE, DATE, INSTANT, MEMBER, RECORD, RECORDS, ANY, PARTIAL = range(8)

FieldType = tuple[str, int, Any, bool]
"""A field's name, its kind, what it admits (for ``RECORDS``: the item's ``FieldType``) and
whether ``None`` is admitted."""

_SIMPLE_TYPES: dict[Any, tuple[tuple[type, ...], str]] = {
    str: ((str,), "text"),
    int: ((int,), "a whole number"),
    bool: ((bool,), "true or false"),
    float: ((int, float), "a number"),
}


@attrs.frozen
class ClassPlan:
    """The facts about one attrs class that its readers need (see the module docstring)."""

    cls: type
    allowed: frozenset[str]
    """The fields given when an object is made (the keys of its JSON object)."""
    constrained: tuple[tuple[str, str, Any], ...]
    """Each constrained field: its name, its constraint and its declared type."""
    personal: frozenset[str]
    """The fields that hold personal data."""
    partial_dates: tuple[str, ...]
    """The date fields that also take a month or a year."""
    checked: tuple[tuple[str, object, bool], ...]
    """The fields the constraint walk visits: name, constraint (or ``None``) and whether it
    is a reference. Fields whose type can hold nothing to check (dates, enums, texts,
    records without constraints or references) are left out; with annotations that do not
    resolve, every field is visited."""
    types: tuple[FieldType, ...] | None
    """How the type of each field is checked; ``None`` when some annotation does not resolve
    (or a field has none)."""
    records: tuple[tuple[str, type, bool], ...]
    """The fields holding a record or a list of records: name, class, whether a list."""


_PLANS: dict[type, ClassPlan | None] = {}
"""Per class, its plan; ``None`` for a class that is not an attrs class."""


def class_plan(cls: type) -> ClassPlan | None:
    """The plan of ``cls``, made on first use; ``None`` if it is not an attrs class."""
    try:
        return _PLANS[cls]
    except KeyError:
        pass
    plan = _make_plan(cls) if attrs.has(cls) else None
    _PLANS[cls] = plan
    return plan


def plans_under(root: type) -> dict[type, ClassPlan]:
    """The plans of ``root`` and of every record class under it, by class: for a reader that
    looks a plan up for every object it reads (a dictionary lookup, not a call)."""
    plans: dict[type, ClassPlan] = {}
    todo = [root]
    while todo:
        cls = todo.pop()
        plan = class_plan(cls)
        if plan is None or cls in plans:
            continue
        plans[cls] = plan
        todo.extend(sub for _, sub, _ in plan.records)
    return plans


def _hints(cls: type) -> dict[str, Any] | None:
    try:
        return typing.get_type_hints(cls)
    except Exception:  # an annotation that does not resolve: the readers play safe
        return None


def _make_plan(cls: type) -> ClassPlan:
    fields = attrs.fields(cls)
    hints = _hints(cls)
    field_types = (
        None
        if hints is None or any(field.name not in hints for field in fields)
        else tuple(_partial(_field_type(field.name, hints[field.name]), field) for field in fields)
    )
    return ClassPlan(
        cls=cls,
        allowed=frozenset(field.name for field in fields if field.init),
        constrained=tuple(
            (field.name, field.metadata[CONSTRAINT], field.type)
            for field in fields
            if CONSTRAINT in field.metadata
        ),
        personal=frozenset(field.name for field in fields if field.metadata.get(PERSONAL)),
        partial_dates=tuple(field.name for field in fields if field.metadata.get(PARTIAL_DATE)),
        checked=_checked(cls, hints or {}, frozenset()),
        types=field_types,
        records=_records(field_types or ()),
    )


# --- The fields the constraint walk visits ---------------------------------------------------


def _classes_in(annotation: object) -> Iterator[type]:
    """The classes an annotation names, arguments included (``tuple[Person, ...] | None``)."""
    if isinstance(annotation, type):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _classes_in(argument)


def _holds_checks(cls: type, visiting: frozenset[type]) -> bool:
    """Whether a value of ``cls`` can hold something the constraint walk checks. A class
    being planned higher up (a cycle) counts as holding checks."""
    if cls in visiting:
        return True
    known = _PLANS.get(cls)
    if known is not None:
        return bool(known.checked)
    return bool(_checked(cls, _hints(cls) or {}, visiting))


def _checked(
    cls: type, hints: dict[str, Any], visiting: frozenset[type]
) -> tuple[tuple[str, object, bool], ...]:
    inner_visiting = visiting | {cls}
    plan: list[tuple[str, object, bool]] = []
    for field in attrs.fields(cls):
        constraint = field.metadata.get(CONSTRAINT)
        is_reference = field.name == "reference"
        nested = field.name not in hints or any(
            attrs.has(inner) and _holds_checks(inner, inner_visiting)
            for inner in _classes_in(hints[field.name])
        )
        if constraint is not None or is_reference or nested:
            plan.append((field.name, constraint, is_reference))
    return tuple(plan)


# --- How the type of each field is checked ---------------------------------------------------


def _field_type(name: str, hint: Any) -> FieldType:
    optional = False
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        inner = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(inner) != 1:
            return (name, ANY, None, True)
        hint, optional = inner[0], True
    args = typing.get_args(hint)
    if typing.get_origin(hint) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return (name, RECORDS, _field_type(name, args[0]), optional)
    if hint in _SIMPLE_TYPES:
        return (name, SIMPLE, _SIMPLE_TYPES[hint], optional)
    if hint is pendulum.Date:
        return (name, DATE, None, optional)
    if hint is pendulum.DateTime:
        return (name, INSTANT, None, optional)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return (name, MEMBER, hint, optional)
    if isinstance(hint, type) and attrs.has(hint):
        return (name, RECORD, hint, optional)
    return (name, ANY, None, True)


def _partial(plan: FieldType, field: attrs.Attribute[Any]) -> FieldType:
    """A date field declared to take a month or a year admits a PartialDate too."""
    name, kind, admits, optional = plan
    if kind == DATE and field.metadata.get(PARTIAL_DATE):
        return (name, PARTIAL, admits, optional)
    return plan


def _records(field_types: tuple[FieldType, ...]) -> tuple[tuple[str, type, bool], ...]:
    found: list[tuple[str, type, bool]] = []
    for name, kind, admits, _ in field_types:
        if kind == RECORD:
            found.append((name, admits, False))
        elif kind == RECORDS and admits[1] == RECORD:
            found.append((name, admits[2], True))
    return tuple(found)
