"""Worked examples of COND-005 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_assessment

EXAMPLES = RuleExamples(
    passing=Example(
        description="The assessment of AREA-1 records basic services and livelihoods as "
        "available or planned.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The assessment of AREA-1 records that basic services are not available.",
        change=lambda op: with_assessment(op, basic_services=False),
    ),
    missing=Example(
        description="The assessment of AREA-1 does not record whether livelihoods are available.",
        change=lambda op: with_assessment(op, livelihoods_available=None),
    ),
)
