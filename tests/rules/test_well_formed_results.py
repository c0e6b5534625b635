"""Every rule's result on a subject is one the engine can read: nothing (a pass),
``NOT_APPLICABLE`` alone, or problems that fail or are unknown, whatever the input.

A rule can no longer report a pass beside a problem for one subject (it reports no passes);
what it can still do wrong is yield ``NOT_APPLICABLE`` beside a problem, or something that is
not a problem, or raise. The engine turns each of those into an ``error`` finding, so a
well-formed catalogue produces no error finding on any valid operation. (A surviving mutant
once showed VOL-006 reporting a pass beside a failure; this file replaces that guard.)
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from repatguard.engine.check import to_instant
from repatguard.engine.evaluate import evaluate
from repatguard.facts.facts import build_facts
from repatguard.facts.parameters import Parameters
from repatguard.model import CoercionIndicator, Operation, Person
from repatguard.outcomes import Outcome
from repatguard.rules.examples import NoExample
from repatguard.rules.registry import builtin_registry
from repatguard.testing.factories import AS_OF, sound_operation, with_member
from repatguard.testing.rule_examples import examples_for
from repatguard.testing.strategies import operations


def _errors(operation: Operation) -> list[str]:
    facts = build_facts(operation, to_instant(AS_OF), Parameters())
    evaluation = evaluate(builtin_registry(), facts)
    return [
        f"{finding.code} on {finding.path}: {finding.message}"
        for finding in evaluation.findings
        if finding.outcome is Outcome.ERROR
    ]


def _example_operations() -> list[object]:
    cases: list[object] = [pytest.param(sound_operation(), id="sound")]
    for rule in builtin_registry():
        examples = examples_for(rule)
        if examples is None:
            continue
        for name in ("passing", "failing", "missing"):
            example = getattr(examples, name)
            if isinstance(example, NoExample):
                continue
            cases.append(pytest.param(example.change(sound_operation()), id=f"{rule.code}-{name}"))
    return cases


@pytest.mark.parametrize("operation", _example_operations())
def test_no_rule_yields_an_unreadable_result_on_any_rule_example(operation: Operation) -> None:
    assert _errors(operation) == []


def test_an_indicator_on_a_screened_person_of_unknown_age_gives_no_error() -> None:
    op = with_member(
        sound_operation(),
        0,
        1,
        date_of_birth=None,
        age=None,
        coercion_indicators=(CoercionIndicator.THREATS_OR_PRESSURE,),
    )
    assert _errors(op) == []


def _single_changes() -> Iterator[Operation]:
    """The sound operation with one fact of one person forgotten or flipped."""
    sound = sound_operation()
    for m, person in enumerate(sound.households[0].members):
        for field in attrs.fields(Person):
            value = getattr(person, field.name)
            if isinstance(value, bool):
                yield with_member(sound, 0, m, **{field.name: not value})
            if value is not None and field.default is None:
                yield with_member(sound, 0, m, **{field.name: None})
        for indicator in CoercionIndicator:
            yield with_member(sound, 0, m, coercion_indicators=(indicator,))


def test_no_rule_yields_an_unreadable_result_when_one_personal_fact_changes() -> None:
    found = [error for op in _single_changes() for error in _errors(op)]
    assert found == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operation=operations())
def test_no_rule_yields_an_unreadable_result_on_any_operation(operation: Operation) -> None:
    assert _errors(operation) == []
