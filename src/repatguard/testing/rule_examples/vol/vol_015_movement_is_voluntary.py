"""Worked examples of VOL-015 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import MovementKind
from repatguard.rules.examples import Example, NoExample, RuleExamples
from repatguard.testing.factories import evolve

EXAMPLES = RuleExamples(
    passing=Example(
        description="The operation is an organised voluntary repatriation.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The operation is recorded as a forced return.",
        change=lambda op: evolve(op, movement_kind=MovementKind.FORCED),
    ),
    missing=NoExample(
        reason="the movement kind is a required field of every operation and the loader "
        "refuses a kind outside the vocabulary, so a loaded operation always has a known kind; "
        "every kind other than forced passes.",
    ),
)
