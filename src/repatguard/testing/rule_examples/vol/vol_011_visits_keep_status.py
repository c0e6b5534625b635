"""Worked examples of VOL-011 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import evolve

EXAMPLES = RuleExamples(
    passing=Example(
        description="Go-and-see visits leave refugee status and registration untouched.",
        change=lambda op: op,
    ),
    failing=Example(
        description="A go-and-see visit home ends the visitor's refugee status.",
        change=lambda op: evolve(op, short_visits_keep_status=False),
    ),
    missing=Example(
        description="The operation does not record how visits affect status.",
        change=lambda op: evolve(op, short_visits_keep_status=None),
    ),
)
