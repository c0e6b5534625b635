"""Worked examples of LEGAL-007 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_assessment

EXAMPLES = RuleExamples(
    passing=Example(
        description="The assessment of the area reports no discrimination against returnees.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The latest assessment of the area reports discrimination against returnees.",
        change=lambda op: with_assessment(op, discrimination_reported=True),
    ),
    missing=Example(
        description="The assessment does not say whether discrimination is reported.",
        change=lambda op: with_assessment(op, discrimination_reported=None),
    ),
)
