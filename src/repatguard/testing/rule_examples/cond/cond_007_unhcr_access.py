"""Worked examples of COND-007 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import Access
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_assessment

EXAMPLES = RuleExamples(
    passing=Example(
        description="UNHCR has full access to AREA-1 and to returnees.",
        change=lambda op: op,
    ),
    failing=Example(
        description="UNHCR's access to AREA-1 and to returnees is limited.",
        change=lambda op: with_assessment(op, unhcr_access=Access.LIMITED),
    ),
    missing=Example(
        description="The assessment of AREA-1 does not record UNHCR's access.",
        change=lambda op: with_assessment(op, unhcr_access=None),
    ),
)
