"""Worked examples of PREM-009 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import PressureKind, PressureSignal
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import AS_OF, evolve

_MISINFORMATION = PressureSignal(
    kind=PressureKind.DECEPTION_OR_MISINFORMATION,
    started_on=AS_OF.subtract(days=40),
    tied_to_refusing_return=False,
    source="community feedback sessions",
)


EXAMPLES = RuleExamples(
    passing=Example(
        description="A review of the host environment 10 days before as_of found no deception or "
        "misinformation about return.",
        change=lambda op: op,
    ),
    failing=Example(
        description="Misleading information about conditions in the country of origin has "
        "circulated among the refugees since 40 days before as_of.",
        change=lambda op: evolve(op, pressure_signals=(_MISINFORMATION,)),
    ),
    missing=Example(
        description="No review of the host environment for pressure is on record.",
        change=lambda op: evolve(op, pressure_review=None),
    ),
)
