"""Worked examples of VOL-005 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import ConsentEvent, ConsentKind
from repatguard.rules.examples import Example, NoExample, RuleExamples
from repatguard.testing.factories import AS_OF, at, sound_consent, with_member

_WITHDRAWAL = ConsentEvent(kind=ConsentKind.WITHDRAWAL, at=at(AS_OF.subtract(days=3)))


EXAMPLES = RuleExamples(
    passing=Example(
        description="No one in HH-1 has withdrawn the decision to return.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The spouse (P-2) withdrew her decision 3 days before as_of, after her "
        "declaration, and is still on the manifest.",
        change=lambda op: with_member(op, 0, 1, consent=(*sound_consent(), _WITHDRAWAL)),
    ),
    missing=NoExample(
        reason="a withdrawal is an event that is either on record or did not happen, so a "
        "person with no withdrawal among their consent events has not withdrawn and passes; "
        "the rule never reports insufficient information.",
    ),
)
