"""Worked examples of VOL-016 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_visit

EXAMPLES = RuleExamples(
    passing=Example(
        description="Two refugee representatives visited AREA-1 45 to 40 days before as_of "
        "and reported back to their community.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The representatives came back from the visit but did not report back "
        "to their community.",
        change=lambda op: with_visit(op, reported_back=False),
    ),
    missing=Example(
        description="The visit is over, and whether its representatives reported back is "
        "not recorded.",
        change=lambda op: with_visit(op, reported_back=None),
    ),
)
