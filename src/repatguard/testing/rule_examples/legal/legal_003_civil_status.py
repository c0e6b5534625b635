"""Worked examples of LEGAL-003 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_assessment

EXAMPLES = RuleExamples(
    passing=Example(
        description="Civil status registered in exile is recognised in the area.",
        change=lambda op: op,
    ),
    failing=Example(
        description="Civil-status events registered in exile are not recognised in the area.",
        change=lambda op: with_assessment(op, civil_status_recognised=False),
    ),
    missing=Example(
        description="The assessment does not say whether civil status from exile is recognised.",
        change=lambda op: with_assessment(op, civil_status_recognised=None),
    ),
)
