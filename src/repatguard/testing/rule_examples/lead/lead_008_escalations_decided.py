"""Worked examples of LEAD-008 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import EscalationDecision, EscalationKind
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import AS_OF, with_escalation

EXAMPLES = RuleExamples(
    passing=Example(
        description="IOM raised a dispute over who leads; the Chiefs of Staff decided jointly "
        "that the operation may proceed, five days before as_of.",
        change=lambda op: with_escalation(
            op,
            kind=EscalationKind.LEAD_DISPUTE,
            decision=EscalationDecision.PROCEED,
            decided_on=AS_OF.subtract(days=5),
        ),
    ),
    failing=Example(
        description="An issue of concern about AREA-1 was decided jointly: movements there "
        "are suspended.",
        change=lambda op: with_escalation(
            op,
            areas=("AREA-1",),
            decision=EscalationDecision.SUSPEND,
            decided_on=AS_OF.subtract(days=2),
        ),
    ),
    missing=Example(
        description="An issue of concern about the operation was raised ten days before as_of "
        "and awaits a joint decision.",
        change=with_escalation,
    ),
)
