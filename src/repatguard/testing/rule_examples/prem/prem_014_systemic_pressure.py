"""Worked examples of PREM-014 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import CoercionIndicator
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_member

EXAMPLES = RuleExamples(
    passing=Example(
        description="Both adults were screened for coercion 15 days before as_of with no "
        "indicator found; their child is covered by them.",
        change=lambda op: op,
    ),
    failing=Example(
        description="Threats or pressure are recorded for P-1, one of the two adults who "
        "decide (50%, at or above the 10% threshold; their dependent child is not counted).",
        change=lambda op: with_member(
            op, 0, 0, coercion_indicators=(CoercionIndicator.THREATS_OR_PRESSURE,)
        ),
    ),
    missing=Example(
        description="P-2, one of the two adults who decide, was never screened for coercion, "
        "so that screening could reveal a pattern.",
        change=lambda op: with_member(op, 0, 1, coercion_screened_on=None),
    ),
)
