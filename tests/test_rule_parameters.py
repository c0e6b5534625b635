"""Every rule declares exactly the parameters it reads (the rule page and a policy's effect
depend on it): a recording set of parameters runs each rule on its worked examples."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from repatguard.engine.check import to_instant
from repatguard.engine.evaluate import evaluate
from repatguard.facts.facts import build_facts
from repatguard.facts.parameters import Parameters
from repatguard.rules.examples import Example
from repatguard.rules.registry import Rule, builtin_registry
from repatguard.testing.factories import AS_OF, sound_operation
from repatguard.testing.rule_examples import examples_for

_NAMES = frozenset(field.name for field in attrs.fields(Parameters))
_READ: set[str] = set()

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
        if name in _NAMES:
            _READ.add(name)
        return super().__getattribute__(name)


def _reads(rule: Rule[Any]) -> tuple[set[str], set[str]]:
    """What building the facts read, and what the rule then read, over its examples."""
    examples = examples_for(rule)
    assert examples is not None
    building: set[str] = set()
    running: set[str] = set()
    registry = builtin_registry().select([rule.code])
    for example in (examples.passing, examples.failing, examples.missing):
        if not isinstance(example, Example):
            continue
        operation = example.change(sound_operation())
        _READ.clear()
        facts = build_facts(operation, to_instant(example.as_of or AS_OF), _Recording())
        building |= _READ
        _READ.clear()
        evaluate(registry, facts)
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
