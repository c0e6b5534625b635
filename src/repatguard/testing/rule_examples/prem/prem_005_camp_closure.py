"""Worked examples of PREM-005 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import PressureKind, PressureSignal
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import AS_OF, evolve

_CAMP_CLOSURE = PressureSignal(
    kind=PressureKind.CAMP_CLOSURE,
    started_on=AS_OF.subtract(days=40),
    tied_to_refusing_return=False,
    source="camp management report",
)


EXAMPLES = RuleExamples(
    passing=Example(
        description="A review of the host environment 10 days before as_of found no camp closure, "
        "eviction or demolition.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The host authorities began closing the refugee camp 40 days before as_of.",
        change=lambda op: evolve(op, pressure_signals=(_CAMP_CLOSURE,)),
    ),
    missing=Example(
        description="No review of the host environment for pressure is on record.",
        change=lambda op: evolve(op, pressure_review=None),
    ),
)
