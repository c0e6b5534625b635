"""Worked examples of LEAD-004 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import LegalCategory
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_member

EXAMPLES = RuleExamples(
    passing=Example(
        description="The head of household (P-1), a refugee, is labelled 'Recognised "
        "refugee'; the others carry no label.",
        change=lambda op: with_member(op, 0, 0, status_label="Recognised refugee"),
    ),
    failing=Example(
        description="The spouse (P-2), whose protection need has not been assessed, is "
        "labelled 'economic migrant'.",
        change=lambda op: with_member(
            op, 0, 1, legal_category=LegalCategory.UNKNOWN, status_label="economic migrant"
        ),
    ),
    missing=Example(
        description="The spouse is classed as a migrant, but who decided so is not recorded.",
        change=lambda op: with_member(
            op, 0, 1, legal_category=LegalCategory.MIGRANT, status_determined_by=None
        ),
    ),
)
