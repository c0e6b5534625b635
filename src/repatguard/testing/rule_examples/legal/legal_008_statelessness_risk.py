"""Worked examples of LEGAL-008 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_member

EXAMPLES = RuleExamples(
    passing=Example(
        description="Both adults were born in the country of origin and hold proof of its "
        "nationality; their child (P-3), born in exile, has a registered birth and no proof "
        "of nationality of their own, but the current assessment records that the country of "
        "origin recognises returnees to the area as its nationals.",
        change=lambda op: with_member(op, 0, 2, proof_of_nationality=False),
    ),
    failing=Example(
        description="The child (P-3) was born in exile and their birth was never registered.",
        change=lambda op: with_member(op, 0, 2, birth_registered=False),
    ),
    missing=Example(
        description="It is not recorded whether the child (P-3), born in exile, has a "
        "registered birth.",
        change=lambda op: with_member(op, 0, 2, birth_registered=None),
    ),
)
