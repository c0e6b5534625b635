"""Worked examples of MIX-001 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from typing import Any

import attrs

from repatguard.model import LegalCategory, MovementKind, Operation, ProtectionScreening
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import AS_OF, with_member


def _screened_migrants(operation: Operation, **screening: Any) -> Operation:
    """``operation`` as an AVRR of migrants, each screened with no fear of return; the
    spouse's screening changed as ``screening`` says."""
    operation = attrs.evolve(operation, movement_kind=MovementKind.AVRR)
    sound = ProtectionScreening(screened_on=AS_OF.subtract(days=25), expressed_fear_of_return=False)
    for member in range(len(operation.households[0].members)):
        operation = with_member(
            operation,
            0,
            member,
            legal_category=LegalCategory.MIGRANT,
            protection_screening=attrs.evolve(sound, **screening) if member == 1 else sound,
        )
    return operation


EXAMPLES = RuleExamples(
    passing=Example(
        description=(
            "An AVRR of a household of migrants; each was screened 25 days before as_of and "
            "expressed no fear of return."
        ),
        change=_screened_migrants,
    ),
    failing=Example(
        description=(
            "As above, but the spouse (P-2) expressed fear of return and was not referred to "
            "the asylum procedure or UNHCR."
        ),
        change=lambda op: _screened_migrants(
            op, expressed_fear_of_return=True, referred_to_protection=False
        ),
    ),
    missing=Example(
        description="As above, but the spouse's screening carries no date.",
        change=lambda op: _screened_migrants(op, screened_on=None),
    ),
)
