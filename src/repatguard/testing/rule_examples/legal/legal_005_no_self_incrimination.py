"""Worked examples of LEGAL-005 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_assessment

EXAMPLES = RuleExamples(
    passing=Example(
        description="The latest assessment of the area records no self-incriminating requirements.",
        change=lambda op: op,
    ),
    failing=Example(
        description="Returnees to the area must sign a security 'settlement' document.",
        change=lambda op: with_assessment(op, self_incriminating_requirements=True),
    ),
    missing=Example(
        description="The latest assessment of the area does not say what returnees must sign.",
        change=lambda op: with_assessment(op, self_incriminating_requirements=None),
    ),
)
