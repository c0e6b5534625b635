"""The one plan per model class (``model._plan``) that the converter, the invariants and the
fast loader read: made once, complete for the model, and safe for a class it cannot read."""

from __future__ import annotations

import typing
from typing import Any

import attrs
import pytest

from repatguard.errors import InputIssue
from repatguard.model import Household, Operation, Person
from repatguard.model._plan import RECORDS, class_plan, plans_under
from repatguard.model.validate import _constraints, _types


def _model_classes(root: type) -> list[type]:
    found: list[type] = []
    todo = [root]
    while todo:
        cls = todo.pop()
        if cls in found:
            continue
        found.append(cls)
        for hint in typing.get_type_hints(cls).values():
            todo.extend(_attrs_classes_in(hint))
    return found


def _attrs_classes_in(hint: Any) -> list[type]:
    found = [hint] if isinstance(hint, type) and attrs.has(hint) else []
    for argument in typing.get_args(hint):
        found.extend(_attrs_classes_in(argument))
    return found


def test_a_class_has_one_plan_made_once() -> None:
    assert class_plan(Person) is class_plan(Person)
    assert class_plan(str) is None


@pytest.mark.parametrize("cls", _model_classes(Operation), ids=lambda cls: cls.__name__)
def test_every_model_class_has_a_complete_plan(cls: type) -> None:
    plan = class_plan(cls)
    assert plan is not None
    # Without a type plan the check of objects built in Python could not run.
    assert plan.types is not None
    assert [name for name, *_ in plan.types] == [field.name for field in attrs.fields(cls)]
    assert plan.allowed == {field.name for field in attrs.fields(cls) if field.init}


@pytest.mark.parametrize("cls", _model_classes(Household), ids=lambda cls: cls.__name__)
def test_the_fast_loader_sees_every_nested_record_of_a_household(cls: type) -> None:
    # A nested record the plan missed would send every line the slow way (its keys would not
    # add up), which is safe but would silently lose the fast path.
    plan = class_plan(cls)
    assert plan is not None
    holding = {name for name, hint in typing.get_type_hints(cls).items() if _attrs_classes_in(hint)}
    assert {name for name, _, _ in plan.records} == holding


def test_the_plans_under_a_household_are_its_model_classes_own() -> None:
    plans = plans_under(Household)
    assert set(plans) == set(_model_classes(Household))
    assert all(plan is class_plan(cls) for cls, plan in plans.items())


def test_lists_of_records_are_planned_as_lists() -> None:
    plan = class_plan(Household)
    assert plan is not None
    assert ("members", Person, True) in plan.records
    assert plan.types is not None
    members = next(entry for entry in plan.types if entry[0] == "members")
    assert members[1] == RECORDS


@attrs.frozen
class _Unreadable:
    reference: str
    count: int
    nested: Undefined  # type: ignore[name-defined]  # noqa: F821 - does not resolve on purpose


@attrs.frozen
class _Inner:
    reference: str


def test_a_class_whose_annotations_do_not_resolve_is_walked_whole() -> None:
    plan = class_plan(_Unreadable)
    assert plan is not None
    # Every field is visited by the constraint walk (nothing is left out unseen) ...
    assert [name for name, _, _ in plan.checked] == ["reference", "count", "nested"]
    value = _Unreadable(reference="R", count=1, nested=(_Inner(reference=" "),))
    assert list(_constraints(value, "$")) == [
        InputIssue(path="$.nested[0].reference", message="must not be empty")
    ]
    # ... and the type check refuses to run rather than pass what it cannot read.
    assert plan.types is None
    with pytest.raises(NameError):
        _types(value, _Unreadable, "$", [])
