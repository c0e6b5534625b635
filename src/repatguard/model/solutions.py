"""Facts about durable solutions, internal displacement, data sharing and cessation."""

from __future__ import annotations

import attrs
import pendulum

from repatguard.model._fields import optional, optional_records, python_values
from repatguard.model.vocab import CriterionStatus, DataCategory, DataRecipient

__all__ = [
    "CessationAnalysis",
    "Consultation",
    "DataSharingAgreement",
    "DataTransfer",
    "IascCriteria",
]


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
    categories: tuple[DataCategory, ...] | None = optional_records()
    """The categories of personal data sent; ``None``: not recorded, ``[]``: none."""
    agreement: str | None = optional()
    """The reference of the data-sharing agreement the transfer relies on (one of the
    operation's ``data_sharing_agreements``); ``None``: not recorded."""


@attrs.frozen(kw_only=True, field_transformer=python_values)
class DataSharingAgreement:
    """A signed agreement under which personal data of people in scope may be shared: between
    the agencies, or with a state.

    It is in force from ``signed_on`` until the day before ``ends_on``, and covers a transfer
    when the transfer's recipient, purpose and categories of data are all among those it
    lists. ``parties`` holds ISO 3166-1 alpha-3 country codes and agency names in capitals
    (``"UNHCR"``, ``"IOM"``). A list left out (``None``) is not recorded, so nothing can be
    concluded from it; an empty list is a recorded fact (none).
    """

    reference: str
    parties: tuple[str, ...] | None = optional_records()
    """Who signed it; ``None``: not recorded."""
    recipients: tuple[DataRecipient, ...] | None = optional_records()
    """Who may receive data under it; ``None``: not recorded."""
    purposes: tuple[str, ...] | None = optional_records()
    """The purposes data may be shared for, each worded as the transfers word theirs (they
    are compared without regard to case or spacing); ``None``: not recorded."""
    categories: tuple[DataCategory, ...] | None = optional_records()
    """The categories of data that may be shared; ``None``: not recorded."""
    safeguards: tuple[str, ...] | None = optional_records()
    """The safeguards it sets (no onward transfer, retention limit, security measures), as
    written in it; recorded for reviewers, no rule reads them; ``None``: not recorded."""
    signed_on: pendulum.Date | None = optional()
    ends_on: pendulum.Date | None = optional()


@attrs.frozen(kw_only=True, field_transformer=python_values)
class CessationAnalysis:
    """The analysis behind a return driven by cessation of refugee status."""

    change_date: pendulum.Date | None = optional()
    fundamental: bool | None = optional()
    durable: bool | None = optional()
    effective_protection_restored: bool | None = optional()
    compelling_reasons_procedure: bool | None = optional()
