"""Worked examples of PREM-004 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import PressureKind, PressureSignal
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import AS_OF, evolve

_AID_CUT = PressureSignal(
    kind=PressureKind.AID_CUT,
    started_on=AS_OF.subtract(days=40),
    tied_to_refusing_return=False,
    source="partner distribution report",
)


EXAMPLES = RuleExamples(
    passing=Example(
        description="A review of the host environment 10 days before as_of found no cut in aid or "
        "essential services.",
        change=lambda op: op,
    ),
    failing=Example(
        description="Food rations for the refugee population were cut 40 days before as_of, and "
        "the cut is still in place.",
        change=lambda op: evolve(op, pressure_signals=(_AID_CUT,)),
    ),
    missing=Example(
        description="No review of the host environment for pressure is on record.",
        change=lambda op: evolve(op, pressure_review=None),
    ),
)
