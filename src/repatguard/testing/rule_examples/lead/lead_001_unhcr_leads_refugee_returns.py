"""Worked examples of LEAD-001 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import Agency, Population
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import evolve

EXAMPLES = RuleExamples(
    passing=Example(description="UNHCR leads the operation.", change=lambda op: op),
    failing=Example(
        description="IOM leads a return of three refugees.",
        change=lambda op: evolve(op, lead=evolve(op.lead, lead_agency=Agency.IOM)),
    ),
    missing=Example(
        description="IOM leads, no one is listed on the manifest and the number of people of "
        "unknown category is not recorded.",
        change=lambda op: evolve(
            op,
            lead=evolve(op.lead, lead_agency=Agency.IOM),
            households=(),
            population=Population(
                refugees=0, asylum_seekers=0, migrants=3, idps=0, stateless=0, unknown=None
            ),
        ),
    ),
)
