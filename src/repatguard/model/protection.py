"""Person-level protection facts: children's safeguards, protection screening, asylum claims,
and claims to housing, land and property."""

from __future__ import annotations

import attrs
import pendulum

from repatguard.model._fields import optional, python_values
from repatguard.model.vocab import (
    ClaimStatus,
    PropertyClaimStatus,
    ReferralOutcome,
    TracingStatus,
)

__all__ = ["AsylumClaim", "ChildSafeguards", "PropertyClaim", "ProtectionScreening"]


@attrs.frozen(kw_only=True, field_transformer=python_values)
class ChildSafeguards:
    """What is established for a child's return beyond the best-interests determination."""

    child_view_recorded: bool | None = optional()
    """The child's own view on return was heard and recorded (weighted by age and maturity)."""
    caregiver_consent: bool | None = optional()
    """A parent, guardian or caregiver also seeks the return."""
    tracing_status: TracingStatus | None = optional()
    reception_care_verified: bool | None = optional()
    """A safe care arrangement in the area of return has been verified."""


@attrs.frozen(kw_only=True, field_transformer=python_values)
class ProtectionScreening:
    """Screening for international protection needs (before any assisted return)."""

    screened_on: pendulum.Date | None = optional()
    expressed_fear_of_return: bool | None = optional()
    referred_to_protection: bool | None = optional()
    """Referred to the asylum procedure or to UNHCR."""
    referral_outcome: ReferralOutcome | None = optional()


@attrs.frozen(kw_only=True, field_transformer=python_values)
class AsylumClaim:
    status: ClaimStatus
    withdrawn_on: pendulum.Date | None = optional()
    withdrawal_counselled: bool | None = optional()
    """Counselled on the consequences of withdrawing, without pressure."""


@attrs.frozen(kw_only=True, field_transformer=python_values)
class PropertyClaim:
    """A person's claim to the housing, land or property they left behind (LEGAL-009).

    Restitution, or compensation, is owed whether or not the person returns, so nothing here
    is a condition of return: the record says what the person was told and whether anything
    made the claim depend on their decision. Every field left out is unknown.
    """

    left_behind: bool | None = optional()
    """Whether the person left housing, land or property behind in the country (or place) of
    origin that they lost, or cannot use, because of their displacement; ``False``:
    established that they left none."""
    informed_of_procedure: bool | None = optional()
    """Whether the person was told how to lodge a claim (where, how, by when, with which
    documents) and that they may lodge it, or keep it, whether or not they return."""
    status: PropertyClaimStatus | None = optional()
    """Where the claim stands; ``None``: not recorded."""
    tied_to_return: bool | None = optional()
    """Whether obtaining or keeping restitution or compensation was made to depend on the
    person's decision on return: offered only to those who return, lost by those who stay, or
    given up in exchange for return assistance; ``False``: established that the claim stands
    whatever the person decides."""
