"""Worked examples of PREM-011 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import MovementKind, Operation
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import evolve, with_assessment


def _spontaneous(operation: Operation, conducive: bool | None) -> Operation:
    """Self-organised return, no UNHCR position on record, and the given conducive finding."""
    changed = evolve(operation, movement_kind=MovementKind.SPONTANEOUS, positions=())
    return with_assessment(changed, conducive_for_promotion=conducive)


EXAMPLES = RuleExamples(
    passing=Example(
        description="Refugees return to AREA-1 on their own, and the latest assessment finds "
        "conditions there conducive to promoting return.",
        change=lambda op: _spontaneous(op, True),
    ),
    failing=Example(
        description="Refugees return on their own to AREA-1, whose latest assessment finds "
        "conditions not conducive, and no UNHCR position on returns to the area is in force.",
        change=lambda op: _spontaneous(op, False),
    ),
    missing=Example(
        description="Refugees return on their own to AREA-1, and the latest assessment does "
        "not say whether conditions there are conducive.",
        change=lambda op: _spontaneous(op, None),
    ),
)
