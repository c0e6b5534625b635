"""No VOL, CHILD or MIX rule reports a pass beside a failure or an unknown for one subject.

A report that says a safeguard both holds and fails (or is unknown) for the same person,
household, area or operation contradicts itself; a surviving mutant showed VOL-006 could.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from repatguard.engine.check import to_instant
from repatguard.facts.context import (
    AreaContext,
    HouseholdContext,
    OperationContext,
    PersonContext,
)
from repatguard.facts.facts import Kin, build_facts
from repatguard.facts.parameters import Parameters
from repatguard.model import CoercionIndicator, Operation, Person
from repatguard.outcomes import Outcome, Scope
from repatguard.rules.examples import NoExample
from repatguard.rules.registry import Check, Rule, builtin_registry
from repatguard.rules.vol._coherent import coherent
from repatguard.testing.factories import AS_OF, sound_operation, with_member
from repatguard.testing.rule_examples import examples_for
from repatguard.testing.strategies import operations

FAMILIES = ("VOL-", "CHILD-", "MIX-")
RULES = [r for r in builtin_registry() if r.code.startswith(FAMILIES)]
PROBLEMS = {Outcome.FAIL, Outcome.INSUFFICIENT_INFORMATION, Outcome.ERROR}


def _contexts(rule: Rule[Any], operation: Operation) -> Iterator[tuple[str, Any]]:
    facts = build_facts(operation, to_instant(AS_OF), Parameters())
    scope = rule.meta.scope
    if scope is Scope.OPERATION:
        yield "$", OperationContext(facts=facts)
    elif scope is Scope.AREA:
        for a, area in enumerate(operation.return_areas):
            path = f"$.return_areas[{a}]"
            yield path, AreaContext(facts=facts, area=area, path=path)
    elif scope is Scope.HOUSEHOLD:
        for h, household in enumerate(operation.households):
            path = f"$.households[{h}]"
            yield (
                path,
                HouseholdContext(
                    facts=facts, household=household, path=path, kin=Kin.of(facts, household)
                ),
            )
    else:
        for h, household in enumerate(operation.households):
            for m, person in enumerate(household.members):
                path = f"$.households[{h}].members[{m}]"
                yield (
                    path,
                    PersonContext.of(
                        facts,
                        Kin.of(facts, household),
                        person,
                        path=path,
                        household_path=f"$.households[{h}]",
                    ),
                )


def _contradictions(operation: Operation) -> list[str]:
    found: list[str] = []
    for rule in RULES:
        for subject, ctx in _contexts(rule, operation):
            outcomes = {check.outcome for check in cast("list[Check]", list(rule.check(ctx)))}
            if Outcome.PASS in outcomes and outcomes & PROBLEMS:
                found.append(f"{rule.code} on {subject}: {sorted(outcomes)}")
    return found


def _example_operations() -> list[Any]:
    cases: list[Any] = [pytest.param(sound_operation(), id="sound")]
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
def test_no_rule_reports_a_pass_beside_a_problem_on_any_rule_example(
    operation: Operation,
) -> None:
    assert _contradictions(operation) == []


def test_an_indicator_on_a_screened_person_of_unknown_age_is_not_reported_beside_a_pass() -> None:
    op = with_member(
        sound_operation(),
        0,
        1,
        date_of_birth=None,
        age=None,
        coercion_indicators=(CoercionIndicator.THREATS_OR_PRESSURE,),
    )
    assert _contradictions(op) == []


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


def test_no_rule_reports_a_pass_beside_a_problem_when_one_personal_fact_changes() -> None:
    found = [c for op in _single_changes() for c in _contradictions(op)]
    assert found == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operation=operations())
def test_no_rule_reports_a_pass_beside_a_problem_on_any_operation(operation: Operation) -> None:
    assert _contradictions(operation) == []


def test_the_guard_drops_a_pass_reported_beside_a_failure_or_an_unknown() -> None:
    def mixed(outcome: Outcome) -> list[Check]:
        return [
            Check.passed("$.a", "holds"),
            Check(outcome=outcome, path="$.a", message="problem"),
        ]

    for outcome in PROBLEMS:
        assert [c.outcome for c in coherent(mixed)(outcome)] == [outcome]
    assert [c.outcome for c in coherent(mixed)(Outcome.NOT_APPLICABLE)] == [
        Outcome.PASS,
        Outcome.NOT_APPLICABLE,
    ]
