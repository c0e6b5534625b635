"""Worked examples of COND-010 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import Operation, ReturnArea
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import evolve, with_member


def _relocated(op: Operation) -> Operation:
    """The spouse (P-2) is sent to a relocation site the authorities designated."""
    site = ReturnArea(reference="AREA-2", name="Designated relocation site")
    op = evolve(op, return_areas=(*op.return_areas, site))
    return with_member(op, 0, 1, intended_return_area="AREA-2", destination_chosen=False)


EXAMPLES = RuleExamples(
    passing=Example(
        description="Both adults go back to their area of origin (AREA-1), where the current "
        "assessment records homes standing. P-1 chose it; P-2's choice is not recorded, which "
        "a return home to standing homes does not need. Their child goes with them.",
        change=lambda op: with_member(op, 0, 1, destination_chosen=None),
    ),
    failing=Example(
        description="The spouse (P-2) comes from AREA-1 but is sent to a relocation site "
        "(AREA-2) that was chosen for them.",
        change=_relocated,
    ),
    missing=Example(
        description="Neither the spouse's place of origin nor whether they chose their "
        "destination is recorded.",
        change=lambda op: with_member(op, 0, 1, place_of_origin=None, destination_chosen=None),
    ),
)
