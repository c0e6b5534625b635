"""Worked examples of LEAD-005 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import AgreementClause, Operation
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import evolve


def _agreement(op: Operation, **changes: object) -> Operation:
    """The sound operation with its tripartite agreement TPA-1 changed."""
    assert op.agreements is not None
    return evolve(op, agreements=(evolve(op.agreements[0], **changes),))


EXAMPLES = RuleExamples(
    passing=Example(
        description="Tripartite agreement TPA-1 between the host country, the country of "
        "origin and UNHCR, signed seven months before as_of, covers all four clauses.",
        change=lambda op: op,
    ),
    failing=Example(
        description="Agreement TPA-1 is in force but covers only voluntariness and "
        "documentation, not UNHCR access or guarantees.",
        change=lambda op: _agreement(
            op, covers=(AgreementClause.VOLUNTARINESS, AgreementClause.DOCUMENTATION)
        ),
    ),
    missing=Example(
        description="Agreement TPA-1 covers all four clauses but carries no signing date.",
        change=lambda op: _agreement(op, signed_on=None),
    ),
)
