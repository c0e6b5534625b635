"""Worked examples of MIX-002 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import AsylumClaim, ClaimStatus, Operation
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import AS_OF, with_member


def _withdrawn(operation: Operation, counselled: bool | None) -> Operation:
    """``operation`` in which the spouse withdrew an asylum claim ten days before as_of."""
    claim = AsylumClaim(
        status=ClaimStatus.WITHDRAWN,
        withdrawn_on=AS_OF.subtract(days=10),
        withdrawal_counselled=counselled,
    )
    return with_member(operation, 0, 1, asylum_claim=claim)


EXAMPLES = RuleExamples(
    passing=Example(
        description=(
            "The spouse (P-2) withdrew an asylum claim after counselling, with no coercion "
            "indicator on record."
        ),
        change=lambda op: _withdrawn(op, True),
    ),
    failing=Example(
        description="The spouse withdrew an asylum claim without counselling.",
        change=lambda op: _withdrawn(op, False),
    ),
    missing=Example(
        description="The spouse withdrew an asylum claim; counselling is not recorded.",
        change=lambda op: _withdrawn(op, None),
    ),
)
