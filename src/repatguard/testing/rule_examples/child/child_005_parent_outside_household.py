"""Worked examples of CHILD-005 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from typing import Any

from repatguard.model import (
    BestInterestsDetermination,
    BestInterestsOutcome,
    FamilyLink,
    FamilyTie,
    Operation,
    Whereabouts,
)
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import AS_OF, with_member

_STAYS = FamilyLink(
    relationship=FamilyTie.PARENT, whereabouts=Whereabouts.HOST_COUNTRY, returns=False
)

_DETERMINATION = BestInterestsDetermination(
    completed_on=AS_OF.subtract(days=20),
    outcome=BestInterestsOutcome.RETURN_IN_BEST_INTERESTS,
    authority="BID panel",
)


def _parent_outside(op: Operation, link: FamilyLink, **changes: Any) -> Operation:
    return with_member(op, 0, 2, family_links=(link,), **changes)


EXAMPLES = RuleExamples(
    passing=Example(
        description="A parent of the child P-3 stays in the host country; a BID panel found "
        "return in the child's best interests 20 days before as_of.",
        change=lambda op: _parent_outside(op, _STAYS, best_interests_determination=_DETERMINATION),
    ),
    failing=Example(
        description="A parent of the child P-3 stays in the host country and does not return; "
        "the child has no best-interests determination.",
        change=lambda op: _parent_outside(op, _STAYS),
    ),
    missing=Example(
        description="The whereabouts of a parent of the child P-3, outside the household, are "
        "unknown.",
        change=lambda op: _parent_outside(op, FamilyLink(relationship=FamilyTie.PARENT)),
    ),
)
