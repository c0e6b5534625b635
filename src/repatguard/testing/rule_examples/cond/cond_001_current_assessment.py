"""Worked examples of COND-001 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import AS_OF, with_assessment

EXAMPLES = RuleExamples(
    passing=Example(
        description="The area was assessed 30 days before as_of from two named sources.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The latest assessment of the area is 200 days old (volatility normal).",
        change=lambda op: with_assessment(op, assessed_on=AS_OF.subtract(days=200)),
    ),
    missing=Example(
        description="The assessment of the area carries no date.",
        change=lambda op: with_assessment(op, assessed_on=None),
    ),
)
