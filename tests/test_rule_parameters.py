"""Every rule declares exactly the parameters it reads (the rule page and a policy's effect
depend on it): a recording set of parameters runs each rule on its worked examples."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from repatguard.engine.check import to_instant
from repatguard.engine.evaluate import evaluate
from repatguard.facts.context import DERIVED_PARAMETERS
from repatguard.facts.facts import build_facts
from repatguard.facts.parameters import Parameters
from repatguard.rules.examples import Example
from repatguard.rules.registry import Registry, Rule, builtin_registry
from repatguard.testing.factories import AS_OF, sound_operation
from repatguard.testing.rule_examples import examples_for

_NAMES = frozenset(field.name for field in attrs.fields(Parameters))
_READ: set[str] = set()
_RECORDING = [True]

CONDITIONAL = {
    "volatile_assessment_max_age": (
        "assessment_max_age",
        "read in place of assessment_max_age when the area's volatility is high or unknown",
    ),
}
"""Declared parameters the examples need not reach, by the parameter read in their place."""


class _Recording(Parameters):
    """Parameters that note every one of them read."""

    __slots__ = ()

    def __getattribute__(self, name: str) -> Any:
        if name in _NAMES and _RECORDING[0]:
            _READ.add(name)
        return super().__getattribute__(name)


class _Reader:
    """A rule's context that notes the derived facts the rule reads: a person's row of the
    fact table is derived before the rule runs, from the parameters in DERIVED_PARAMETERS."""

    def __init__(self, context: object) -> None:
        self._context = context

    def __getattr__(self, name: str) -> Any:
        _READ.update(DERIVED_PARAMETERS.get(name, ()))
        return getattr(self._context, name)


def _recorded(rule: Rule[Any]) -> Rule[Any]:
    """``rule`` with parameters recorded only while its own check runs."""
    check = rule.check

    def recorded(context: object) -> list[Any]:
        _RECORDING[0] = True
        try:
            return list(check(_Reader(context)))
        finally:
            _RECORDING[0] = False

    return attrs.evolve(rule, check=recorded)


def _reads(rule: Rule[Any]) -> tuple[set[str], set[str]]:
    """What building the facts read, and what the rule then read, over its examples."""
    examples = examples_for(rule)
    assert examples is not None
    building: set[str] = set()
    running: set[str] = set()
    registry = Registry([_recorded(rule)])
    for example in (examples.passing, examples.failing, examples.missing):
        if not isinstance(example, Example):
            continue
        operation = example.change(sound_operation())
        _READ.clear()
        facts = build_facts(operation, to_instant(example.as_of or AS_OF), _Recording())
        building |= _READ
        _READ.clear()
        _RECORDING[0] = False
        try:
            evaluate(registry, facts)
        finally:
            _RECORDING[0] = True
        running |= _READ
    return building, running


@pytest.mark.parametrize("rule", list(builtin_registry()), ids=lambda rule: rule.code)
def test_a_rule_declares_every_parameter_it_reads(rule: Rule[Any]) -> None:
    _, running = _reads(rule)
    assert running <= set(rule.meta.parameters), f"{rule.code} reads {running}"


@pytest.mark.parametrize("rule", list(builtin_registry()), ids=lambda rule: rule.code)
def test_a_rule_reads_every_parameter_it_declares(rule: Rule[Any]) -> None:
    building, running = _reads(rule)
    read = building | running
    unread = {
        name
        for name in rule.meta.parameters
        if name not in read and not (name in CONDITIONAL and CONDITIONAL[name][0] in read)
    }
    assert not unread, f"{rule.code} declares {unread} and never reads them"


def test_the_recording_parameters_record() -> None:
    _READ.clear()
    assert _Recording().before(AS_OF, "pressure_lookback") < AS_OF
    assert {"pressure_lookback"} == _READ
