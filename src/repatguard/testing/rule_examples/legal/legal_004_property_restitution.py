"""Worked examples of LEGAL-004 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_assessment

EXAMPLES = RuleExamples(
    passing=Example(
        description="The latest assessment of the area records a restitution mechanism.",
        change=lambda op: op,
    ),
    failing=Example(
        description="No restitution of, or compensation for, property is available in the area.",
        change=lambda op: with_assessment(op, property_restitution=False),
    ),
    missing=Example(
        description="The assessment does not say whether restitution is available.",
        change=lambda op: with_assessment(op, property_restitution=None),
    ),
)
