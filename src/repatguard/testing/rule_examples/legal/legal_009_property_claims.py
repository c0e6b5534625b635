"""Worked examples of LEGAL-009 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import PropertyClaimStatus
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import sound_property_claim, with_member

EXAMPLES = RuleExamples(
    passing=Example(
        description="The spouse (P-2) left a house behind and has not lodged a claim yet: she "
        "was told how to lodge one, and that it stands whether or not she returns, and nothing "
        "ties it to her return. No claim needs to be lodged before departure.",
        change=lambda op: with_member(
            op,
            0,
            1,
            property_claim=sound_property_claim(status=PropertyClaimStatus.NOT_LODGED),
        ),
    ),
    failing=Example(
        description="The spouse (P-2) left land behind, and the return package offers "
        "restitution only to those who return.",
        change=lambda op: with_member(
            op, 0, 1, property_claim=sound_property_claim(tied_to_return=True)
        ),
    ),
    missing=Example(
        description="Nothing is recorded about housing, land or property the spouse (P-2) may "
        "have left behind.",
        change=lambda op: with_member(op, 0, 1, property_claim=None),
    ),
)
