"""Worked examples of VOL-014 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import Operation
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import evolve, sound_consent, with_member


def _spouse_disclosure(op: Operation, disclosed: bool | None) -> Operation:
    """The spouse (P-2) with the disclosure of her information session changed."""
    consent = list(sound_consent())
    consent[1] = evolve(consent[1], disclosed_negative_findings=disclosed)
    return with_member(op, 0, 1, consent=tuple(consent))


EXAMPLES = RuleExamples(
    passing=Example(
        description="The information sessions of both adults, 15 days before as_of, explained "
        "the negative findings on their return area.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The information session of the spouse (P-2) did not explain why return "
        "cannot be promoted.",
        change=lambda op: _spouse_disclosure(op, False),
    ),
    missing=Example(
        description="The information session of the spouse (P-2) does not record whether the "
        "negative findings were disclosed.",
        change=lambda op: _spouse_disclosure(op, None),
    ),
)
