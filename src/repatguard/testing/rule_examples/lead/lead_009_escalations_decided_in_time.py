"""Worked examples of LEAD-009 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import AS_OF, with_escalation

EXAMPLES = RuleExamples(
    passing=Example(
        description="An issue of concern raised ten days before as_of awaits a joint decision, "
        "within the 30 days allowed.",
        change=with_escalation,
    ),
    failing=Example(
        description="An issue of concern raised 45 days before as_of still awaits a joint "
        "decision.",
        change=lambda op: with_escalation(op, raised_on=AS_OF.subtract(days=45)),
    ),
    missing=Example(
        description="An issue of concern awaits a joint decision, and when it was raised is "
        "not recorded.",
        change=lambda op: with_escalation(op, raised_on=None),
    ),
)
