"""Worked examples of CHILD-002 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import ChildSafeguards, Operation
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_member


def _separated_child(
    op: Operation, *, view: bool | None = True, consent: bool | None = True
) -> Operation:
    safeguards = ChildSafeguards(child_view_recorded=view, caregiver_consent=consent)
    return with_member(op, 0, 2, unaccompanied_or_separated=True, child_safeguards=safeguards)


EXAMPLES = RuleExamples(
    passing=Example(
        description="The separated child P-3 was heard and wants to return; the caregiver "
        "also seeks the return.",
        change=_separated_child,
    ),
    failing=Example(
        description="No parent, guardian or caregiver seeks the separated child's return.",
        change=lambda op: _separated_child(op, consent=False),
    ),
    missing=Example(
        description="It is not recorded whether the separated child's view was heard.",
        change=lambda op: _separated_child(op, view=None),
    ),
)
