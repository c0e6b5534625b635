"""Who leads and who implements: lead agency, co-led platform, partners and their arrangements."""

from __future__ import annotations

import attrs
import pendulum

from repatguard.model._fields import optional, optional_records, python_values, records
from repatguard.model.vocab import Agency

__all__ = ["CoordinationPlatform", "LeadArrangement", "Partner", "PartnerArrangement"]


@attrs.frozen(kw_only=True, field_transformer=python_values)
class CoordinationPlatform:
    """A refugees-and-migrants coordination platform co-led by several agencies."""

    name: str
    co_leads: tuple[Agency, ...] = records()
    refugee_component_lead: Agency | None = optional()
    """The agency that leads the refugee component inside the platform."""


@attrs.frozen(kw_only=True, field_transformer=python_values)
class PartnerArrangement:
    """A document (MoU, tripartite annex, letter) that defines a partner's role."""

    reference: str
    parties: tuple[str, ...] = records()
    signed_on: pendulum.Date | None = optional()
    places_partners_under_unhcr_lead: bool | None = optional()
    """Whether the document states that the partners act under UNHCR's lead."""


@attrs.frozen(kw_only=True, field_transformer=python_values)
class Partner:
    """An organisation that transports, registers, counsels or otherwise implements the return."""

    organisation: str
    agency: Agency
    roles: tuple[str, ...] = records()
    arrangement: str | None = optional()
    """Reference of the :class:`PartnerArrangement` the partner acts under."""


@attrs.frozen(kw_only=True, field_transformer=python_values)
class LeadArrangement:
    """The lead and coordination arrangement of the operation."""

    lead_agency: Agency | None = optional()
    co_led_platform: CoordinationPlatform | None = optional()
    implementing_partners: tuple[Partner, ...] | None = optional_records()
    """Organisations other than the lead that implement the return; ``None`` (left out):
    not recorded, so unknown; ``[]``: none."""
    arrangements: tuple[PartnerArrangement, ...] = records()
    lead_disputed: bool | None = optional()
    """The agencies disagree on who leads (an issue for the joint escalation path)."""
    disputed_since: pendulum.Date | None = optional()
    """When the present dispute over the lead arose. A joint decision to proceed settles the
    dispute only if taken on or after this day (an older decision was about another one);
    not recorded, no decision to proceed can be shown to be about this dispute."""
