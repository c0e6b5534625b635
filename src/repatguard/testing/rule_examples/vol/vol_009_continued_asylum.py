"""Worked examples of VOL-009 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import StayersPolicy
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import evolve

EXAMPLES = RuleExamples(
    passing=Example(
        description="The plan keeps status and assistance for those who stay, and a review of "
        "the host environment 10 days before as_of found no measure ending their status.",
        change=lambda op: op,
    ),
    failing=Example(
        description="Under the operation plan, refugees who decide not to return lose their "
        "legal status and registration.",
        change=lambda op: evolve(
            op, stayers_policy=StayersPolicy(status_kept=False, assistance_kept=True)
        ),
    ),
    missing=Example(
        description="The operation does not record what happens to those who decide not to return.",
        change=lambda op: evolve(op, stayers_policy=None),
    ),
)
