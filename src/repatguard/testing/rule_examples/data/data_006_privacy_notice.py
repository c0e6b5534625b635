"""Worked examples of DATA-006 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_member

EXAMPLES = RuleExamples(
    passing=Example(
        description="Both adults were given a privacy notice.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The spouse (P-2) was not given a privacy notice.",
        change=lambda op: with_member(op, 0, 1, privacy_notice_given=False),
    ),
    missing=Example(
        description="Whether the spouse was given a privacy notice is not recorded.",
        change=lambda op: with_member(op, 0, 1, privacy_notice_given=None),
    ),
)
