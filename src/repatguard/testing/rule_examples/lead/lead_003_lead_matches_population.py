"""Worked examples of LEAD-003 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import Agency, Operation, Population
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import evolve


def _mix(op: Operation, refugees: int, migrants: int, idps: int | None = 0) -> Operation:
    """The operation with these counts and no manifest, so the counts decide the mix."""
    population = Population(
        refugees=refugees, asylum_seekers=0, migrants=migrants, idps=idps, stateless=0, unknown=0
    )
    return evolve(op, population=population, households=())


EXAMPLES = RuleExamples(
    passing=Example(
        description="UNHCR leads a return of three refugees and no one else.",
        change=lambda op: op,
    ),
    failing=Example(
        description="IOM leads a movement of nine refugees and one migrant (90% under "
        "UNHCR's mandate).",
        change=lambda op: evolve(_mix(op, 9, 1), lead=evolve(op.lead, lead_agency=Agency.IOM)),
    ),
    missing=Example(
        description="Five refugees and five migrants are counted, but the number of "
        "internally displaced people is not recorded.",
        change=lambda op: _mix(op, 5, 5, idps=None),
    ),
)
