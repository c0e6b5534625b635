"""Worked examples of MIX-005 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

import attrs

from repatguard.model import MovementKind, Operation, Stance, UnhcrPosition
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import AS_OF


def _forced(operation: Operation, *stances: Stance) -> Operation:
    """``operation`` as a forced return; with ``stances``, under a position taking them."""
    operation = attrs.evolve(operation, movement_kind=MovementKind.FORCED)
    if not stances:
        return operation
    advisory = UnhcrPosition(
        reference="POS-2",
        stances=stances,
        country=operation.origin_country,
        issued_on=AS_OF.subtract(days=60),
    )
    return attrs.evolve(operation, positions=(*operation.positions, advisory))


EXAMPLES = RuleExamples(
    passing=Example(
        description=(
            "A forced return; positions were consulted two days before as_of and only a "
            "position promoting return is in force."
        ),
        change=_forced,
    ),
    failing=Example(
        description=(
            "A forced return while a non-return advisory (no forced returns) covers the whole "
            "country of origin."
        ),
        change=lambda op: _forced(op, Stance.NOT_PROMOTING, Stance.NO_FORCED_RETURNS),
    ),
    missing=Example(
        description="A forced return; when the UNHCR positions were consulted is not recorded.",
        change=lambda op: attrs.evolve(_forced(op), positions_consulted_on=None),
    ),
)
