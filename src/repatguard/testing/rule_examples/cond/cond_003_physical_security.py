"""Worked examples of COND-003 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import SecurityLevel
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_assessment

EXAMPLES = RuleExamples(
    passing=Example(
        description="The assessment of AREA-1 finds the area stable, with no active conflict "
        "and no new outflows.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The assessment of AREA-1 rates the area as highly dangerous.",
        change=lambda op: with_assessment(op, security_level=SecurityLevel.HIGHLY_DANGEROUS),
    ),
    missing=Example(
        description="The assessment of AREA-1 records no security level.",
        change=lambda op: with_assessment(op, security_level=None),
    ),
)
