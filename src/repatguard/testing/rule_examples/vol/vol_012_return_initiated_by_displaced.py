"""Worked examples of VOL-012 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import Initiator
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import evolve

EXAMPLES = RuleExamples(
    passing=Example(
        description="The refugees themselves asked to return.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The host state initiated the return.",
        change=lambda op: evolve(op, initiated_by=Initiator.HOST_STATE),
    ),
    missing=Example(
        description="The operation does not record who initiated the return.",
        change=lambda op: evolve(op, initiated_by=None),
    ),
)
