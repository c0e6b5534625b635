"""Worked examples of SPEC-002 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import RiskAssessmentOutcome
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import AS_OF, with_member

EXAMPLES = RuleExamples(
    passing=Example(
        description="The spouse P-2 is a trafficking survivor; the risk of re-trafficking and "
        "reprisal was assessed 10 days before as_of and none was found.",
        change=lambda op: with_member(
            op,
            0,
            1,
            trafficking_survivor=True,
            retrafficking_risk_assessed_on=AS_OF.subtract(days=10),
            retrafficking_risk_outcome=RiskAssessmentOutcome.NO_RISK,
        ),
    ),
    failing=Example(
        description="The spouse P-2 is a trafficking survivor and no risk assessment is on record.",
        change=lambda op: with_member(op, 0, 1, trafficking_survivor=True),
    ),
    missing=Example(
        description="It is not recorded whether the spouse P-2 is a trafficking survivor, and "
        "no re-trafficking risk assessment is on record.",
        change=lambda op: with_member(op, 0, 1, trafficking_survivor=None),
    ),
)
