"""Worked examples of PREM-016 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import evolve

EXAMPLES = RuleExamples(
    passing=Example(
        description="Some of the people in scope fled a cyclone across the border; the host "
        "state renews their humanitarian stay until return is safe.",
        change=lambda op: evolve(op, disaster_displacement=True, humanitarian_stay_kept=True),
    ),
    failing=Example(
        description="The same people; the host state lets their humanitarian visas lapse at "
        "the end of the season.",
        change=lambda op: evolve(op, disaster_displacement=True, humanitarian_stay_kept=False),
    ),
    missing=Example(
        description="The operation does not record whether anyone in scope was displaced by a "
        "disaster.",
        change=lambda op: evolve(op, disaster_displacement=None),
    ),
)
