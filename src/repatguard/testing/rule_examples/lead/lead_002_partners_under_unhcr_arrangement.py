"""Worked examples of LEAD-002 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import Operation
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import evolve


def _arrangement(op: Operation, **changes: object) -> Operation:
    """The sound operation's partner arrangement ARR-1 changed."""
    arrangement = evolve(op.lead.arrangements[0], **changes)
    return evolve(op, lead=evolve(op.lead, arrangements=(arrangement,)))


EXAMPLES = RuleExamples(
    passing=Example(
        description="IOM, the transport partner, acts under arrangement ARR-1, signed six "
        "months before as_of, which places it under UNHCR's lead.",
        change=lambda op: op,
    ),
    failing=Example(
        description="Arrangement ARR-1, under which IOM transports refugees, does not place "
        "IOM under UNHCR's lead.",
        change=lambda op: _arrangement(op, places_partners_under_unhcr_lead=False),
    ),
    missing=Example(
        description="Arrangement ARR-1 does not record whether it places IOM under UNHCR's lead.",
        change=lambda op: _arrangement(op, places_partners_under_unhcr_lead=None),
    ),
)
