"""Worked examples of VOL-001 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_member

EXAMPLES = RuleExamples(
    passing=Example(
        description="Both adults declared their wish to return; their child is covered.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The spouse (P-2) has no declaration of her own.",
        change=lambda op: with_member(op, 0, 1, consent=()),
    ),
    missing=Example(
        description="The spouse has no declaration and neither a date of birth nor an age.",
        change=lambda op: with_member(op, 0, 1, consent=(), date_of_birth=None, age=None),
    ),
)
