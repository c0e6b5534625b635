"""Worked examples of IDP-002 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import Consultation, Operation
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import AS_OF, evolve


def _with_idps(
    operation: Operation, idps: int | None = 2, *consultations: Consultation
) -> Operation:
    population = evolve(operation.population, idps=idps)
    return evolve(operation, population=population, idp_consultations=consultations)


EXAMPLES = RuleExamples(
    passing=Example(
        description=(
            "Two internally displaced people are in scope; they were consulted 30 days before "
            "as_of, women included."
        ),
        change=lambda op: _with_idps(
            op, 2, Consultation(held_on=AS_OF.subtract(days=30), women_included=True)
        ),
    ),
    failing=Example(
        description="Two internally displaced people are in scope and no consultation was held.",
        change=lambda op: _with_idps(op, 2),
    ),
    missing=Example(
        description="The number of internally displaced people in scope is unknown.",
        change=lambda op: _with_idps(op, None),
    ),
)
