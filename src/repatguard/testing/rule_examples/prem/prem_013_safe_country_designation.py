"""Worked examples of PREM-013 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import Operation, Stance, UnhcrPosition
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import AS_OF, evolve


def _listed_against_position(operation: Operation) -> Operation:
    position = UnhcrPosition(
        reference="POS-2",
        stances=(Stance.NO_FORCED_RETURNS,),
        country=operation.origin_country,
        issued_on=AS_OF.subtract(days=60),
    )
    return evolve(
        operation,
        origin_listed_as_safe_country=True,
        positions=(*operation.positions, position),
    )


EXAMPLES = RuleExamples(
    passing=Example(
        description="The host state does not list the country of origin as safe.",
        change=lambda op: op,
    ),
    failing=Example(
        description=(
            "The host state lists the country of origin as safe while a UNHCR position calling "
            "for no forced returns there is in force."
        ),
        change=_listed_against_position,
    ),
    missing=Example(
        description="It is not recorded whether the host lists the country of origin as safe.",
        change=lambda op: evolve(op, origin_listed_as_safe_country=None),
    ),
)
