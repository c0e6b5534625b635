"""Worked examples of SPEC-001 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from typing import Any

from repatguard.model import Operation
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_member


def _with_needs(op: Operation, **changes: Any) -> Operation:
    return with_member(
        op,
        0,
        0,
        **{
            "specific_needs": ("serious_medical_condition",),
            "fit_to_travel": True,
            "care_plan": True,
            **changes,
        },
    )


EXAMPLES = RuleExamples(
    passing=Example(
        description="The head of household has a serious medical condition, is fit to travel "
        "and has a continuity-of-care plan.",
        change=_with_needs,
    ),
    failing=Example(
        description="The head of household has a serious medical condition and no "
        "continuity-of-care plan.",
        change=lambda op: _with_needs(op, care_plan=False),
    ),
    missing=Example(
        description="The head of household has a serious medical condition and fitness to "
        "travel was not assessed.",
        change=lambda op: _with_needs(op, fit_to_travel=None),
    ),
)
