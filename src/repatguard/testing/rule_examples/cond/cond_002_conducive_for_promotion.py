"""Worked examples of COND-002 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_assessment

EXAMPLES = RuleExamples(
    passing=Example(
        description="The latest assessment of AREA-1, made 30 days before as_of, finds "
        "conditions conducive to promoting return.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The latest assessment of AREA-1 finds conditions not conducive to "
        "promoting return.",
        change=lambda op: with_assessment(op, conducive_for_promotion=False),
    ),
    missing=Example(
        description="The latest assessment of AREA-1 does not say whether conditions are "
        "conducive to promoting return.",
        change=lambda op: with_assessment(op, conducive_for_promotion=None),
    ),
)
