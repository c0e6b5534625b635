"""Worked examples of PREM-002 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import Stance, UnhcrPosition
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import AS_OF, evolve

_NOT_FACILITATING = UnhcrPosition(
    reference="POS-2",
    stances=(Stance.NOT_PROMOTING, Stance.NOT_FACILITATING),
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
        description="A UNHCR position (POS-2) issued 60 days before as_of says UNHCR neither "
        "promotes nor facilitates return to the country, yet the movement is organised.",
        change=lambda op: evolve(op, positions=(*op.positions, _NOT_FACILITATING)),
    ),
    missing=Example(
        description="The UNHCR positions on returns were last consulted 30 days before as_of, "
        "longer ago than allowed.",
        change=lambda op: evolve(op, positions_consulted_on=AS_OF.subtract(days=30)),
    ),
)
