"""Worked examples of IDP-005 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_assessment

EXAMPLES = RuleExamples(
    passing=Example(
        description="The assessment finds homes in the area standing and reachable.",
        change=lambda op: op,
    ),
    failing=Example(
        description="Homes in the area are largely destroyed.",
        change=lambda op: with_assessment(op, housing_destroyed_or_inaccessible=True),
    ),
    missing=Example(
        description="The assessment does not record the state of housing in the area.",
        change=lambda op: with_assessment(op, housing_destroyed_or_inaccessible=None),
    ),
)
