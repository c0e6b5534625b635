"""Worked examples of IDP-003 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import CriterionStatus, IascCriteria, Operation
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import evolve, with_assessment

_CORE_MET = IascCriteria(
    safety_and_freedom_of_movement=CriterionStatus.MET,
    adequate_standard_of_living=CriterionStatus.MET,
    livelihoods=CriterionStatus.MET,
    housing_land_and_property=CriterionStatus.MET,
)


def _claimed(operation: Operation, criteria: IascCriteria | None = _CORE_MET) -> Operation:
    claimed = evolve(operation, claims_durable_solution=True)
    return with_assessment(claimed, iasc_criteria=criteria)


EXAMPLES = RuleExamples(
    passing=Example(
        description=(
            "A durable solution is claimed and the assessment finds the four core criteria met."
        ),
        change=_claimed,
    ),
    failing=Example(
        description="A durable solution is claimed while livelihoods are only partly restored.",
        change=lambda op: _claimed(op, evolve(_CORE_MET, livelihoods=CriterionStatus.PARTIAL)),
    ),
    missing=Example(
        description="A durable solution is claimed and the assessment does not score the criteria.",
        change=lambda op: _claimed(op, None),
    ),
)
