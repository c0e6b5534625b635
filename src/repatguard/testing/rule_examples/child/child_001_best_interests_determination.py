"""Worked examples of CHILD-001 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from typing import Any

from repatguard.model import BestInterestsDetermination, BestInterestsOutcome, Operation
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import AS_OF, with_member


def _separated_child(op: Operation, **changes: Any) -> Operation:
    return with_member(op, 0, 2, unaccompanied_or_separated=True, **changes)


_DETERMINATION = BestInterestsDetermination(
    completed_on=AS_OF.subtract(days=20),
    outcome=BestInterestsOutcome.RETURN_IN_BEST_INTERESTS,
    authority="BID panel",
)


EXAMPLES = RuleExamples(
    passing=Example(
        description="The child P-3 is separated; a BID panel found return in the child's best "
        "interests 20 days before as_of, after the latest assessment of the area.",
        change=lambda op: _separated_child(op, best_interests_determination=_DETERMINATION),
    ),
    failing=Example(
        description="The child P-3 is separated and has no best-interests determination.",
        change=_separated_child,
    ),
    missing=Example(
        description="It is not recorded whether the child P-3 is unaccompanied or separated.",
        change=lambda op: with_member(op, 0, 2, unaccompanied_or_separated=None),
    ),
)
