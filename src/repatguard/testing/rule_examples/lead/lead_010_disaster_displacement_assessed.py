"""Worked examples of LEAD-010 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import LegalCategory, Operation, StatusAuthority
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import evolve, with_member


def _flood_migrant(op: Operation, assessed: bool | None) -> Operation:
    """The spouse (P-2) crossed the border after a flood and is classed as a migrant by the
    asylum authority; the operation records disaster displacement in scope."""
    op = evolve(
        op,
        disaster_displacement=True,
        humanitarian_stay_kept=True,
        population=evolve(op.population, refugees=2, migrants=1),
    )
    return with_member(
        op,
        0,
        1,
        legal_category=LegalCategory.MIGRANT,
        status_determined_by=StatusAuthority.COMPETENT_AUTHORITY,
        disaster_displaced=True,
        disaster_nexus_assessed=assessed,
    )


EXAMPLES = RuleExamples(
    passing=Example(
        description="The spouse (P-2), displaced across the border by a flood and classed as a "
        "migrant, had her protection need assessed with the flood in view (whether it "
        "intersected with violence or a breakdown of public order).",
        change=lambda op: _flood_migrant(op, True),
    ),
    failing=Example(
        description="The same person was classed as a migrant without that assessment.",
        change=lambda op: _flood_migrant(op, False),
    ),
    missing=Example(
        description="The same person; whether that assessment was made is not recorded.",
        change=lambda op: _flood_migrant(op, None),
    ),
)
