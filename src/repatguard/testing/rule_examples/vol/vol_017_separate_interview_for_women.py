"""Worked examples of VOL-017 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

import attrs

from repatguard.model import Operation
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_member


def _spouse_declared(op: Operation, held_separately: bool | None) -> Operation:
    """The spouse's (P-2's) declaration, held apart from the household or not."""
    spouse = op.households[0].members[1]
    consent = tuple(
        attrs.evolve(event, held_separately=held_separately) if index == 0 else event
        for index, event in enumerate(spouse.consent)
    )
    return with_member(op, 0, 1, consent=consent)


EXAMPLES = RuleExamples(
    passing=Example(
        description="The spouse (P-2), a woman, gave her declaration in an interview apart from "
        "her husband; their daughter is a young child in their care.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The spouse declared with her husband present, and no declaration of hers "
        "was held apart from the household.",
        change=lambda op: _spouse_declared(op, False),
    ),
    missing=Example(
        description="The spouse's sex is not recorded, and neither is whether her declaration "
        "was held apart from the household.",
        change=lambda op: with_member(_spouse_declared(op, None), 0, 1, sex=None),
    ),
)
