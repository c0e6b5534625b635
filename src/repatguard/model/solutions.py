"""Facts about durable solutions, internal displacement, data sharing and cessation."""

from __future__ import annotations

import attrs
import pendulum

from repatguard.model._fields import optional, python_values
from repatguard.model.vocab import CriterionStatus, DataRecipient

__all__ = ["CessationAnalysis", "Consultation", "DataTransfer", "IascCriteria"]


@attrs.frozen(kw_only=True, field_transformer=python_values)
class IascCriteria:
    """The eight IASC durable-solutions criteria for internally displaced people (2010)."""

    safety_and_freedom_of_movement: CriterionStatus | None = optional()
    adequate_standard_of_living: CriterionStatus | None = optional()
    livelihoods: CriterionStatus | None = optional()
    housing_land_and_property: CriterionStatus | None = optional()
    documentation: CriterionStatus | None = optional()
    family_reunification: CriterionStatus | None = optional()
    participation_in_public_affairs: CriterionStatus | None = optional()
    remedies_and_justice: CriterionStatus | None = optional()


@attrs.frozen(kw_only=True, field_transformer=python_values)
class Consultation:
    """A consultation of displaced people on planning their return or settlement."""

    held_on: pendulum.Date
    women_included: bool | None = optional()
    marginalised_groups_included: bool | None = optional()


@attrs.frozen(kw_only=True, field_transformer=python_values)
class DataTransfer:
    """A planned transfer of personal data about people in scope."""

    recipient: DataRecipient
    purpose: str | None = optional()
    includes_claim_content: bool | None = optional()
    """Whether asylum-claim content (reasons for flight, claim records) is included."""
    legal_basis: str | None = optional()
    disclosed_to_persons: bool | None = optional()
    consent_recorded: bool | None = optional()


@attrs.frozen(kw_only=True, field_transformer=python_values)
class CessationAnalysis:
    """The analysis behind a return driven by cessation of refugee status."""

    change_date: pendulum.Date | None = optional()
    fundamental: bool | None = optional()
    durable: bool | None = optional()
    effective_protection_restored: bool | None = optional()
    compelling_reasons_procedure: bool | None = optional()
