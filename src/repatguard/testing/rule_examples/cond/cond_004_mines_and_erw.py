"""Worked examples of COND-004 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_assessment

EXAMPLES = RuleExamples(
    passing=Example(
        description="Mines or explosive remnants are reported on the routes to AREA-1 or in "
        "it, and clearance or mine-risk education is in place.",
        change=lambda op: with_assessment(op, mines_or_erw=True, mine_risk_mitigated=True),
    ),
    failing=Example(
        description="Mines or explosive remnants are reported on the routes to AREA-1 or in "
        "it, with no clearance or mine-risk education in place.",
        change=lambda op: with_assessment(op, mines_or_erw=True, mine_risk_mitigated=False),
    ),
    missing=Example(
        description="The assessment of AREA-1 does not say whether its routes or the area are "
        "contaminated by mines or explosive remnants.",
        change=lambda op: with_assessment(op, mines_or_erw=None),
    ),
)
