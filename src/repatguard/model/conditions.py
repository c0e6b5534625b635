"""Conditions assessments of return areas."""

from __future__ import annotations

import attrs
import pendulum

from repatguard.model._fields import optional, python_values, records
from repatguard.model.solutions import IascCriteria
from repatguard.model.vocab import Access, HazardRisk, SecurityLevel, Volatility

__all__ = ["ConditionsAssessment"]


@attrs.frozen(kw_only=True, field_transformer=python_values)
class ConditionsAssessment:
    """An assessment of the conditions in one return area, or in a region, at one date.

    Every finding is optional: ``None`` means the assessment did not establish it. An
    assessment names either one ``area`` or, when it was made at region level, the ``areas``
    it covers; a region-level assessment is read by each area it covers but never counts as
    an assessment of that area alone (COND-001).
    """

    reference: str
    area: str | None = optional()
    """Reference of the :class:`~repatguard.model.operation.ReturnArea` assessed."""
    areas: tuple[str, ...] = records()
    """For a region-level assessment (one assessment for a region, not area by area): the
    references of the return areas of the operation that lie in the region. Empty for an
    assessment of one area (``area``); giving both, or neither, is an input error."""
    assessed_on: pendulum.Date | None = optional()
    sources: tuple[str, ...] = records()
    volatility: Volatility | None = optional()
    conducive_for_promotion: bool | None = optional()
    """The objective finding that most people can return in safety and dignity, durably."""
    security_level: SecurityLevel | None = optional()
    active_conflict: bool | None = optional()
    mines_or_erw: bool | None = optional()
    """Mines or explosive remnants of war on routes or in the area."""
    mine_risk_mitigated: bool | None = optional()
    """Clearance or mine-risk education in place where contamination exists."""
    unhcr_access: Access | None = optional()
    returnee_monitoring: bool | None = optional()
    amnesty_or_guarantees: bool | None = optional()
    documentation_available: bool | None = optional()
    property_restitution: bool | None = optional()
    basic_services: bool | None = optional()
    """Shelter, water, health care and education are available, or planned, in the area."""
    livelihoods_available: bool | None = optional()
    """Livelihoods (work, or access to land) are available, or planned, in the area."""
    new_outflows: bool | None = optional()
    civil_status_recognised: bool | None = optional()
    """Births, marriages, divorces and deaths registered in exile are recognised."""
    nationality_recognised: bool | None = optional()
    """The country of origin recognises returnees to the area as its nationals without proof
    of their own, children born in exile included (for instance under a nationality clause of
    the tripartite agreement, or through a verification on arrival)."""
    self_incriminating_requirements: bool | None = optional()
    """Returnees must sign admissions of wrongdoing or security 'settlement' documents."""
    border_screening_limited_to_identification: bool | None = optional()
    arrests_on_return_reported: bool | None = optional()
    discrimination_reported: bool | None = optional()
    natural_hazard_risk: HazardRisk | None = optional()
    hazard_mitigation: bool | None = optional()
    """Disaster-risk reduction or early warning in place where the hazard risk is high."""
    housing_destroyed_or_inaccessible: bool | None = optional()
    """Homes in the area are largely destroyed or cannot be reached (risk of displacement)."""
    iasc_criteria: IascCriteria | None = optional()

    @property
    def region_level(self) -> bool:
        """Whether the assessment was made for a region rather than for one area."""
        return bool(self.areas)

    @property
    def covered(self) -> tuple[str, ...]:
        """The references of the return areas this assessment is read for."""
        if self.areas:
            return self.areas
        return () if self.area is None else (self.area,)
