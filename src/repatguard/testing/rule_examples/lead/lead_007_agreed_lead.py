"""Worked examples of LEAD-007 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import evolve

EXAMPLES = RuleExamples(
    passing=Example(
        description="The agencies agree that UNHCR leads.",
        change=lambda op: op,
    ),
    failing=Example(
        description="IOM and UNHCR disagree on who leads the operation.",
        change=lambda op: evolve(op, lead=evolve(op.lead, lead_disputed=True)),
    ),
    missing=Example(
        description="The lead arrangement does not say whether the lead is disputed.",
        change=lambda op: evolve(op, lead=evolve(op.lead, lead_disputed=None)),
    ),
)
