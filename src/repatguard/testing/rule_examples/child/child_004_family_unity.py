"""Worked examples of CHILD-004 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_member

EXAMPLES = RuleExamples(
    passing=Example(
        description="The whole household (two adults and their child) moves together.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The child P-3 stays behind while both adults of the household move.",
        change=lambda op: with_member(op, 0, 2, stays_behind=True),
    ),
    missing=Example(
        description="It is not recorded whether the spouse P-2 moves or stays behind.",
        change=lambda op: with_member(op, 0, 1, stays_behind=None),
    ),
)
