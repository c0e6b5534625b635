"""Worked examples of PREM-012 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import CessationAnalysis, Operation
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import AS_OF, evolve


def _cessation(operation: Operation, changed_days_ago: int) -> Operation:
    analysis = CessationAnalysis(
        change_date=AS_OF.subtract(days=changed_days_ago),
        fundamental=True,
        durable=True,
        effective_protection_restored=True,
        compelling_reasons_procedure=True,
    )
    return evolve(operation, driven_by_cessation=True, cessation_analysis=analysis)


EXAMPLES = RuleExamples(
    passing=Example(
        description=(
            "The return follows cessation; the analysis finds every element, and the change "
            "dates from 400 days before as_of."
        ),
        change=lambda op: _cessation(op, 400),
    ),
    failing=Example(
        description="The return follows cessation of status for a change made 90 days earlier.",
        change=lambda op: _cessation(op, 90),
    ),
    missing=Example(
        description="It is not recorded whether the return follows a cessation of status.",
        change=lambda op: evolve(op, driven_by_cessation=None),
    ),
)
