"""Person-level protection facts: children's safeguards, protection screening, asylum claims."""

from __future__ import annotations

import attrs
import pendulum

from repatguard.model._fields import optional, python_values
from repatguard.model.vocab import ClaimStatus, ReferralOutcome, TracingStatus

__all__ = ["AsylumClaim", "ChildSafeguards", "ProtectionScreening"]


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
