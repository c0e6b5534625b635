"""Worked examples of VOL-003 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import Operation
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import evolve, sound_consent, with_member


def _spouse_session(op: Operation, **changes: object) -> Operation:
    """The spouse (P-2) with her information session changed."""
    consent = list(sound_consent())
    consent[1] = evolve(consent[1], **changes)
    return with_member(op, 0, 1, consent=tuple(consent))


EXAMPLES = RuleExamples(
    passing=Example(
        description="Both adults were informed 15 days before as_of, in a language they "
        "understood, on the 30-day-old assessment of AREA-1, about the conditions there and "
        "their rights to withdraw and to stay; departure is 20 days after as_of.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The spouse (P-2) did not understand the language of her information session.",
        change=lambda op: _spouse_session(op, understood_language=False),
    ),
    missing=Example(
        description="The information session of the spouse (P-2) does not record whether she "
        "understood its language.",
        change=lambda op: _spouse_session(op, understood_language=None),
    ),
)
