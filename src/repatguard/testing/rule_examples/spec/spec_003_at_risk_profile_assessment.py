"""Worked examples of SPEC-003 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import Operation, RiskAssessmentOutcome, RiskProfile, Stance, UnhcrPosition
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import AS_OF, evolve, with_member


def _journalist_under_position(op: Operation, assessed: bool = True) -> Operation:
    position = UnhcrPosition(
        reference="POS-2",
        stances=(Stance.NOT_PROMOTING, Stance.NOT_FACILITATING),
        country=op.origin_country,
        profiles=(RiskProfile.JOURNALISTS,),
        issued_on=AS_OF.subtract(days=60),
    )
    op = evolve(op, positions=(*op.positions, position))
    return with_member(
        op,
        0,
        0,
        risk_profiles=(RiskProfile.JOURNALISTS,),
        individual_protection_assessment_on=AS_OF.subtract(days=10) if assessed else None,
        individual_protection_assessment_outcome=RiskAssessmentOutcome.NO_RISK
        if assessed
        else None,
    )


EXAMPLES = RuleExamples(
    passing=Example(
        description="The head of household is a journalist; a position in force (POS-2) rules "
        "out facilitating the return of journalists, and the head was assessed individually "
        "10 days before as_of, after the position, with no risk found.",
        change=_journalist_under_position,
    ),
    failing=Example(
        description="The head of household is a journalist; a position in force (POS-2) rules "
        "out facilitating the return of journalists, and the head has no individual "
        "protection assessment.",
        change=lambda op: _journalist_under_position(op, assessed=False),
    ),
    missing=Example(
        description="The head of household has a risk profile, has not been assessed, and "
        "the UNHCR positions on returns were never consulted.",
        change=lambda op: with_member(
            evolve(op, positions_consulted_on=None),
            0,
            0,
            risk_profiles=(RiskProfile.JOURNALISTS,),
        ),
    ),
)
