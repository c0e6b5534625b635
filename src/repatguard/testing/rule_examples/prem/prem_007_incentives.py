"""Worked examples of PREM-007 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import PressureKind, PressureSignal
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import AS_OF, evolve

_INCENTIVE_CHANGE = PressureSignal(
    kind=PressureKind.INCENTIVE_CHANGE,
    started_on=AS_OF.subtract(days=20),
    tied_to_refusing_return=False,
    source="operation plan revision",
    description="return grant reduced for later departures",
)


EXAMPLES = RuleExamples(
    passing=Example(
        description="A review of the host environment 10 days before as_of found no change in "
        "return incentives.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The return grant was changed 20 days before as_of so that it shrinks for "
        "people who leave later.",
        change=lambda op: evolve(op, pressure_signals=(_INCENTIVE_CHANGE,)),
    ),
    missing=Example(
        description="No review of the host environment for pressure is on record.",
        change=lambda op: evolve(op, pressure_review=None),
    ),
)
