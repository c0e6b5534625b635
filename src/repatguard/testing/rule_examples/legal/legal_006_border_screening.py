"""Worked examples of LEGAL-006 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_assessment

EXAMPLES = RuleExamples(
    passing=Example(
        description="Screening at entry is limited to identification and no arrests are reported.",
        change=lambda op: op,
    ),
    failing=Example(
        description="Arrests of returnees on return to the area are reported.",
        change=lambda op: with_assessment(op, arrests_on_return_reported=True),
    ),
    missing=Example(
        description="The latest assessment of the area does not say how returnees are "
        "screened at entry.",
        change=lambda op: with_assessment(op, border_screening_limited_to_identification=None),
    ),
)
