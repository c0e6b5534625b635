"""Worked examples of PREM-015 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import PressureKind, PressureSignal
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import AS_OF, evolve

_SECURITY_FORCES = PressureSignal(
    kind=PressureKind.SECURITY_FORCES_IN_CAMPS,
    started_on=AS_OF.subtract(days=40),
    tied_to_refusing_return=False,
    source="protection monitoring",
)


EXAMPLES = RuleExamples(
    passing=Example(
        description="A review of the host environment 10 days before as_of found no security "
        "forces in camps or settlements.",
        change=lambda op: op,
    ),
    failing=Example(
        description="Security forces have been deployed in the refugee settlement since 40 days "
        "before as_of.",
        change=lambda op: evolve(op, pressure_signals=(_SECURITY_FORCES,)),
    ),
    missing=Example(
        description="No review of the host environment for pressure is on record.",
        change=lambda op: evolve(op, pressure_review=None),
    ),
)
