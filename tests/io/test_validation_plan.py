"""The planned constraint walk of ``validate_operation`` finds what a naive walk finds.

The plan leaves out fields whose type cannot hold anything to check; this compares it with
a walk over every attribute of every object (how the check was first written) on arbitrary
operations, which break constraints often (negative counts, odd country codes, blank
references).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from repatguard.errors import InputIssue
from repatguard.model import Household, Operation, Person, ReturnArea
from repatguard.model._fields import CONSTRAINT
from repatguard.model.validate import _constraints, constraint_problem
from repatguard.testing.factories import sound_operation


def _naive(obj: Any, path: str) -> Iterator[InputIssue]:
    if isinstance(obj, tuple):
        for index, item in enumerate(obj):
            yield from _naive(item, f"{path}[{index}]")
        return
    if not attrs.has(type(obj)):
        return
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        child = f"{path}.{field.name}"
        problem = constraint_problem(field.metadata.get(CONSTRAINT), value)
        if problem is not None:
            yield InputIssue(path=child, message=problem)
        elif field.name == "reference" and isinstance(value, str) and not value.strip():
            yield InputIssue(path=child, message="must not be empty")
        else:
            yield from _naive(value, child)


_BAD = {"country": "XXX", "non_negative": -1}


def _break(obj: Any, data: st.DataObject) -> Any:
    """``obj`` with a random selection of its checked fields, at any depth, made invalid."""
    if isinstance(obj, tuple):
        return tuple(_break(item, data) for item in obj)
    if not attrs.has(type(obj)):
        return obj
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        constraint = field.metadata.get(CONSTRAINT)
        checked = constraint in _BAD or field.name == "reference"
        if checked and data.draw(st.booleans()):
            changes[field.name] = _BAD.get(str(constraint), " ")
        elif not checked:
            changes[field.name] = _break(value, data)
    return attrs.evolve(obj, **changes)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.from_type(Operation), st.data())
def test_planned_walk_equals_naive_walk_on_broken_operations(
    operation: Operation, data: st.DataObject
) -> None:
    broken = _break(operation, data)
    assert list(_constraints(broken, "$")) == list(_naive(broken, "$"))


def test_planned_walk_reaches_nested_constraints() -> None:
    operation = sound_operation()
    broken = attrs.evolve(
        operation,
        return_areas=(attrs.evolve(operation.return_areas[0], country="XXX"),),
        households=(Household(reference=" ", members=(Person(reference="P-1", age=-1),)),),
    )
    found = {issue.path for issue in _constraints(broken, "$")}
    assert found == {
        "$.return_areas[0].country",
        "$.households[0].reference",
        "$.households[0].members[0].age",
    }
    assert found == {issue.path for issue in _naive(broken, "$")}
    assert isinstance(broken.return_areas[0], ReturnArea)
