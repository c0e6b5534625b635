"""Worked examples of LEAD-006 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import Operation
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import AS_OF, evolve


def _last_met(op: Operation, days_before_as_of: int | None) -> Operation:
    met = None if days_before_as_of is None else AS_OF.subtract(days=days_before_as_of)
    assert op.agreements is not None
    return evolve(op, agreements=(evolve(op.agreements[0], commission_last_met=met),))


EXAMPLES = RuleExamples(
    passing=Example(
        description="The tripartite commission met 30 days before as_of.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The tripartite commission last met 200 days before as_of.",
        change=lambda op: _last_met(op, 200),
    ),
    missing=Example(
        description="The agreement does not record when the commission last met.",
        change=lambda op: _last_met(op, None),
    ),
)
