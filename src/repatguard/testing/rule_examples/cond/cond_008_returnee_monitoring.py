"""Worked examples of COND-008 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_assessment

EXAMPLES = RuleExamples(
    passing=Example(
        description="The assessment of AREA-1 records that returnee monitoring is in place.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The assessment of AREA-1 records that no returnee monitoring is in place.",
        change=lambda op: with_assessment(op, returnee_monitoring=False),
    ),
    missing=Example(
        description="The assessment of AREA-1 does not say whether returnees are monitored.",
        change=lambda op: with_assessment(op, returnee_monitoring=None),
    ),
)
