"""Worked examples of PREM-010 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import PressureKind, PressureSignal
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import AS_OF, evolve

_ASYLUM_CLOSED = PressureSignal(
    kind=PressureKind.ASYLUM_ACCESS_CLOSED,
    started_on=AS_OF.subtract(days=40),
    tied_to_refusing_return=False,
    source="host ministry announcement",
)


EXAMPLES = RuleExamples(
    passing=Example(
        description="A review of the host environment 10 days before as_of found access to asylum "
        "open.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The host state stopped registering new asylum claims 40 days before as_of.",
        change=lambda op: evolve(op, pressure_signals=(_ASYLUM_CLOSED,)),
    ),
    missing=Example(
        description="No review of the host environment for pressure is on record.",
        change=lambda op: evolve(op, pressure_review=None),
    ),
)
