"""Worked examples of PREM-006 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import PressureKind, PressureSignal
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import AS_OF, evolve

_DEPORTATION_THREAT = PressureSignal(
    kind=PressureKind.DEPORTATION_THREAT,
    started_on=AS_OF.subtract(days=40),
    tied_to_refusing_return=False,
    source="protection monitoring",
)


EXAMPLES = RuleExamples(
    passing=Example(
        description="A review of the host environment 10 days before as_of found no arrests, "
        "detention or deportation threats.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The host authorities have threatened since 40 days before as_of to deport "
        "the refugee population.",
        change=lambda op: evolve(op, pressure_signals=(_DEPORTATION_THREAT,)),
    ),
    missing=Example(
        description="No review of the host environment for pressure is on record.",
        change=lambda op: evolve(op, pressure_review=None),
    ),
)
