"""Worked examples of LEGAL-002 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_assessment, with_member

EXAMPLES = RuleExamples(
    passing=Example(
        description="Both adults hold identity or travel documents; their child is covered.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The spouse (P-2) has no documents and the return arrangement issues none "
        "in the area.",
        change=lambda op: with_assessment(
            with_member(op, 0, 1, identity_or_travel_document=False),
            documentation_available=False,
        ),
    ),
    missing=Example(
        description="It is not recorded whether the spouse holds documents.",
        change=lambda op: with_member(op, 0, 1, identity_or_travel_document=None),
    ),
)
