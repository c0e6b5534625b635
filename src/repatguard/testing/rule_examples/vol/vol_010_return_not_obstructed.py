"""Worked examples of VOL-010 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import evolve

EXAMPLES = RuleExamples(
    passing=Example(
        description="The operation records no exit barriers.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The host state charges exit fees to refugees who decided to return.",
        change=lambda op: evolve(op, exit_barriers=True),
    ),
    missing=Example(
        description="The operation does not record whether exit barriers exist.",
        change=lambda op: evolve(op, exit_barriers=None),
    ),
)
