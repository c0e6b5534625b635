"""Worked examples of MIX-007 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_member

EXAMPLES = RuleExamples(
    passing=Example(
        description="Both adults of the organised return have a reintegration plan.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The spouse (P-2) has no reintegration plan.",
        change=lambda op: with_member(op, 0, 1, reintegration_plan=False),
    ),
    missing=Example(
        description="Whether the spouse has a reintegration plan is not recorded.",
        change=lambda op: with_member(op, 0, 1, reintegration_plan=None),
    ),
)
