"""Worked examples of LEGAL-001 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_assessment

EXAMPLES = RuleExamples(
    passing=Example(
        description="The latest assessment of the area records an amnesty covering returnees.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The latest assessment of the area records no amnesty or guarantees.",
        change=lambda op: with_assessment(op, amnesty_or_guarantees=False),
    ),
    missing=Example(
        description="The latest assessment of the area does not say whether there is an amnesty.",
        change=lambda op: with_assessment(op, amnesty_or_guarantees=None),
    ),
)
