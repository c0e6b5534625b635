"""Worked examples of VOL-013 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import evolve

EXAMPLES = RuleExamples(
    passing=Example(
        description="Communications give information on conditions without encouraging return.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The operation's communications urge refugees to go home.",
        change=lambda op: evolve(op, promotional_messaging=True),
    ),
    missing=Example(
        description="The operation does not record whether its communications encourage return.",
        change=lambda op: evolve(op, promotional_messaging=None),
    ),
)
