"""Worked examples of MIX-004 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import CoercionIndicator, Operation
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_member


def _detained(operation: Operation, counselled: bool | None) -> Operation:
    """``operation`` in which the spouse decided to return while detained."""
    return with_member(
        operation,
        0,
        1,
        coercion_indicators=(CoercionIndicator.DETAINED_AT_DECISION,),
        counselled_outside_detention=counselled,
    )


EXAMPLES = RuleExamples(
    passing=Example(
        description=(
            "The spouse (P-2) decided to return while detained and confirmed the decision in "
            "a second counselling session outside detention."
        ),
        change=lambda op: _detained(op, True),
    ),
    failing=Example(
        description=(
            "The spouse decided to return while detained and had no counselling outside detention."
        ),
        change=lambda op: _detained(op, False),
    ),
    missing=Example(
        description=(
            "The spouse decided to return while detained; counselling outside detention is "
            "not recorded."
        ),
        change=lambda op: _detained(op, None),
    ),
)
