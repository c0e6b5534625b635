"""Worked examples of PREM-003 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import PressureKind, PressureSignal
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import AS_OF, evolve

_DEADLINE = PressureSignal(
    kind=PressureKind.DEADLINE,
    started_on=AS_OF.subtract(days=40),
    tied_to_refusing_return=False,
    source="host ministry announcement",
)


EXAMPLES = RuleExamples(
    passing=Example(
        description="A review of the host environment 10 days before as_of found no deadline.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The host state announced, 40 days before as_of, a date by which refugees "
        "must leave.",
        change=lambda op: evolve(op, pressure_signals=(_DEADLINE,)),
    ),
    missing=Example(
        description="No review of the host environment for pressure is on record.",
        change=lambda op: evolve(op, pressure_review=None),
    ),
)
