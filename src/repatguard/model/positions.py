"""UNHCR positions on returns and non-return advisories."""

from __future__ import annotations

import attrs
import pendulum

from repatguard.model._fields import constrained, optional, python_values, records
from repatguard.model.vocab import RiskProfile, Stance

__all__ = ["UnhcrPosition"]


@attrs.frozen(kw_only=True, field_transformer=python_values)
class UnhcrPosition:
    """A UNHCR position on returns (including non-return advisories).

    A position has no automatic expiry: it is in force from ``issued_on`` until ``lifted_on``
    (exclusive). Empty ``areas`` means the whole country; empty ``profiles`` means everyone.
    """

    reference: str
    stances: tuple[Stance, ...] = records()
    country: str = constrained("country", required=True)
    areas: tuple[str, ...] = records()
    """References of the operation's return areas the position covers (an unknown reference
    is an input error); empty: the whole country."""
    profiles: tuple[RiskProfile, ...] = records()
    """The risk profiles the position is limited to; SPEC-003 judges the people who match."""
    issued_on: pendulum.Date
    lifted_on: pendulum.Date | None = optional()
    review_due_on: pendulum.Date | None = optional()
    reviewed_on: pendulum.Date | None = optional()
    """When UNHCR last reviewed and maintained the position without reissuing it; ``None``:
    no review on record (the position speaks as of ``issued_on``)."""
