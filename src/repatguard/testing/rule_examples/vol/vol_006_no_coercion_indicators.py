"""Worked examples of VOL-006 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import CoercionIndicator
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_member

EXAMPLES = RuleExamples(
    passing=Example(
        description="Both adults were screened for coercion 15 days before as_of and no "
        "indicator is recorded for anyone in HH-1.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The spouse (P-2) was in detention when she decided to return.",
        change=lambda op: with_member(
            op, 0, 1, coercion_indicators=(CoercionIndicator.DETAINED_AT_DECISION,)
        ),
    ),
    missing=Example(
        description="The spouse (P-2) has never been asked individually about threats or pressure.",
        change=lambda op: with_member(op, 0, 1, coercion_screened_on=None),
    ),
)
