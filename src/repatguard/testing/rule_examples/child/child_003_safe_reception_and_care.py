"""Worked examples of CHILD-003 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import ChildSafeguards, Operation, TracingStatus
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_member


def _separated_child(op: Operation, safeguards: ChildSafeguards | None) -> Operation:
    return with_member(op, 0, 2, unaccompanied_or_separated=True, child_safeguards=safeguards)


EXAMPLES = RuleExamples(
    passing=Example(
        description="Tracing has located the separated child's family in the return area.",
        change=lambda op: _separated_child(
            op, ChildSafeguards(tracing_status=TracingStatus.FAMILY_LOCATED)
        ),
    ),
    failing=Example(
        description="Tracing for the separated child was unsuccessful and no care arrangement "
        "in the return area has been verified.",
        change=lambda op: _separated_child(
            op,
            ChildSafeguards(
                tracing_status=TracingStatus.UNSUCCESSFUL, reception_care_verified=False
            ),
        ),
    ),
    missing=Example(
        description="Nothing is recorded on tracing or care for the separated child.",
        change=lambda op: _separated_child(op, None),
    ),
)
