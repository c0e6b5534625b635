"""Worked examples of MIX-006 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

import attrs

from repatguard.model import MovementKind, Operation, SecurityLevel
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_assessment


def _avrr(operation: Operation, level: SecurityLevel | None) -> Operation:
    """``operation`` as an AVRR, with the area's security level set to ``level``."""
    operation = attrs.evolve(operation, movement_kind=MovementKind.AVRR)
    return with_assessment(operation, security_level=level)


EXAMPLES = RuleExamples(
    passing=Example(
        description="An AVRR to an area whose latest assessment finds it stable.",
        change=lambda op: _avrr(op, SecurityLevel.STABLE),
    ),
    failing=Example(
        description="An AVRR to an area assessed as highly dangerous.",
        change=lambda op: _avrr(op, SecurityLevel.HIGHLY_DANGEROUS),
    ),
    missing=Example(
        description="An AVRR to an area whose assessment records no security level.",
        change=lambda op: _avrr(op, None),
    ),
)
