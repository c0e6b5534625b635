"""Worked examples of PREM-001 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import Stance, UnhcrPosition
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import AS_OF, evolve

_NOT_PROMOTING = UnhcrPosition(
    reference="POS-2",
    stances=(Stance.NOT_PROMOTING, Stance.NO_FORCED_RETURNS),
    country="AGO",
    issued_on=AS_OF.subtract(days=60),
)


EXAMPLES = RuleExamples(
    passing=Example(
        description="The positions were consulted 2 days before as_of, and the only position "
        "in force for the country (POS-1) promotes return.",
        change=lambda op: op,
    ),
    failing=Example(
        description="A UNHCR position (POS-2) issued 60 days before as_of does not promote "
        "return to the country and bars forced returns; the movement is organised and "
        "voluntary.",
        change=lambda op: evolve(op, positions=(*op.positions, _NOT_PROMOTING)),
    ),
    missing=Example(
        description="The operation does not record when the UNHCR positions on returns were "
        "consulted.",
        change=lambda op: evolve(op, positions_consulted_on=None),
    ),
)
