"""Worked examples of IDP-004 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import HazardRisk
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_assessment

EXAMPLES = RuleExamples(
    passing=Example(
        description="The assessment rates the natural-hazard risk of the area low.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The risk is high and no disaster-risk reduction or early warning is in place.",
        change=lambda op: with_assessment(
            op, natural_hazard_risk=HazardRisk.HIGH, hazard_mitigation=False
        ),
    ),
    missing=Example(
        description="The assessment does not rate the natural-hazard risk.",
        change=lambda op: with_assessment(op, natural_hazard_risk=None),
    ),
)
