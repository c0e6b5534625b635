"""A mixed movement (organised and spontaneous parts together) is judged by both sets of rules."""

from __future__ import annotations

from typing import Any

import pytest

import repatguard
from repatguard.io.converter import converter
from repatguard.model import (
    Initiator,
    MovementKind,
    initiated_by_displaced,
    is_assisted,
    is_forced,
    is_organised,
    is_spontaneous,
    movement_applies,
)
from repatguard.outcomes import Outcome, Severity
from repatguard.rules.examples import Example, NoExample
from repatguard.rules.registry import builtin_registry
from repatguard.testing.factories import AS_OF, evolve, sound_operation
from repatguard.testing.rule_examples import examples_for
from repatguard.testing.rules import RuleRun, run_rule

_PARTS = (MovementKind.ORGANISED, MovementKind.ASSISTED_SPONTANEOUS, MovementKind.SPONTANEOUS)


def test_mixed_is_both_organised_and_spontaneous() -> None:
    assert is_organised(MovementKind.MIXED)
    assert is_spontaneous(MovementKind.MIXED)
    assert is_assisted(MovementKind.MIXED)


def test_mixed_is_a_voluntary_movement_not_a_forced_one() -> None:
    assert not is_forced(MovementKind.MIXED)


@pytest.mark.parametrize(
    ("kind", "organised", "spontaneous", "assisted", "forced"),
    [
        (MovementKind.ORGANISED, True, False, True, False),
        (MovementKind.ASSISTED_SPONTANEOUS, False, True, True, False),
        (MovementKind.SPONTANEOUS, False, True, False, False),
        (MovementKind.AVRR, False, False, True, False),
        (MovementKind.FORCED, False, False, False, True),
    ],
)
def test_single_kinds_keep_their_own_meaning(
    kind: MovementKind, organised: bool, spontaneous: bool, assisted: bool, forced: bool
) -> None:
    assert (is_organised(kind), is_spontaneous(kind)) == (organised, spontaneous)
    assert (is_assisted(kind), is_forced(kind)) == (assisted, forced)


def test_a_kind_that_is_not_a_member_makes_every_rule_apply() -> None:
    # An operation built in Python with a plain string: unknown, so every check applies.
    for helper in (is_organised, is_spontaneous, is_assisted, is_forced):
        assert helper("organised")
    assert movement_applies(None, frozenset({MovementKind.AVRR}))


def test_mixed_applies_to_rules_for_any_of_its_parts_only() -> None:
    assert movement_applies(MovementKind.MIXED, frozenset({MovementKind.ASSISTED_SPONTANEOUS}))
    assert not movement_applies(MovementKind.MIXED, frozenset({MovementKind.AVRR}))
    assert not movement_applies(MovementKind.MIXED, frozenset({MovementKind.FORCED}))


def test_a_mixed_initiator_never_counts_as_initiated_by_the_displaced() -> None:
    assert initiated_by_displaced(Initiator.MIXED) is False
    assert initiated_by_displaced(Initiator.DISPLACED_PERSONS) is True
    assert initiated_by_displaced(None) is None
    assert initiated_by_displaced("displaced_persons") is None


def test_vol_012_does_not_pass_a_mixed_initiator() -> None:
    finding = run_rule("VOL-012", evolve(sound_operation(), initiated_by=Initiator.MIXED)).only()
    assert finding.outcome is Outcome.FAIL


def _document(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = converter().unstructure(sound_operation())
    data.update(changes)
    return data


def test_mixed_movement_and_initiator_load_from_a_document() -> None:
    loaded = repatguard.load(_document(movement_kind="mixed", initiated_by="mixed"))
    assert loaded.movement_kind is MovementKind.MIXED
    assert loaded.initiated_by is Initiator.MIXED


# The weight of what a rule reports: nothing at all (not applicable) weighs least.
_OUTCOME_RANK = {
    Outcome.NOT_APPLICABLE: 0,
    Outcome.PASS: 1,
    Outcome.INSUFFICIENT_INFORMATION: 2,
    Outcome.FAIL: 3,
    Outcome.ERROR: 4,
}


def _weight(run: RuleRun) -> tuple[int, int]:
    outcome = max((_OUTCOME_RANK[o] for o in run.outcomes), default=0)
    severity = max((list(Severity).index(f.severity) for f in run.findings), default=-1)
    return outcome, severity


def _run(code: str, example: Example, kind: MovementKind) -> RuleRun:
    operation = evolve(example.change(sound_operation()), movement_kind=kind)
    return run_rule(code, operation, as_of=example.as_of or AS_OF)


def _cases() -> list[Any]:
    cases: list[Any] = []
    for rule in builtin_registry():
        examples = examples_for(rule)
        if examples is None:
            continue
        for name, example in (
            ("failing", examples.failing),
            ("missing", examples.missing),
        ):
            if isinstance(example, NoExample):
                continue
            cases.append(pytest.param(rule.code, example, id=f"{rule.code}-{name}"))
    return cases


@pytest.mark.parametrize(("code", "example"), _cases())
def test_a_mixed_movement_weighs_at_least_as_much_as_each_of_its_parts(
    code: str, example: Example
) -> None:
    mixed = _weight(_run(code, example, MovementKind.MIXED))
    worst_part = max(_weight(_run(code, example, kind)) for kind in _PARTS)
    assert mixed >= worst_part
