"""The return operation: the root of the model."""

from __future__ import annotations

import attrs
import pendulum

from repatguard.model._fields import constrained, optional, optional_records, python_values, records
from repatguard.model.agreements import Agreement
from repatguard.model.conditions import ConditionsAssessment
from repatguard.model.escalations import Escalation
from repatguard.model.lead import LeadArrangement
from repatguard.model.monitoring import MonitoringReport
from repatguard.model.people import Household
from repatguard.model.positions import UnhcrPosition
from repatguard.model.pressure import PressureReview, PressureSignal
from repatguard.model.solutions import (
    CessationAnalysis,
    Consultation,
    DataSharingAgreement,
    DataTransfer,
)
from repatguard.model.visits import ExploratoryVisit
from repatguard.model.vocab import Initiator, LegalCategory, MovementKind
from repatguard.model.waivers import Waiver

__all__ = ["MovementWindow", "Operation", "Population", "ReturnArea", "StayersPolicy"]


@attrs.frozen(kw_only=True, field_transformer=python_values)
class ReturnArea:
    """An area of return, referenced by assessments, positions and households."""

    reference: str
    name: str
    country: str | None = constrained("country")
    """Defaults to the operation's country of origin when omitted."""
    initiated_by: Initiator | None = optional()
    """Who initiated the returns to this area, where it differs from the operation's
    ``initiated_by`` (returns promoted to one area, self-initiated to another); ``None``: the
    operation's value."""
    promotional_messaging: bool | None = optional()
    """Whether communications encourage return to this area, where it differs from the
    operation's ``promotional_messaging``; ``None``: the operation's value."""

    def initiator(self, operation: Operation) -> Initiator | None:
        """Who initiated the returns to this area: its own record, else the operation's."""
        return operation.initiated_by if self.initiated_by is None else self.initiated_by

    def promotes(self, operation: Operation) -> bool | None:
        """Whether communications encourage return to this area: its own record, else the
        operation's."""
        if self.promotional_messaging is None:
            return operation.promotional_messaging
        return self.promotional_messaging


@attrs.frozen(kw_only=True, field_transformer=python_values)
class MovementWindow:
    """Planned movement dates; ``end`` is inclusive."""

    start: pendulum.Date
    end: pendulum.Date | None = optional()


@attrs.frozen(kw_only=True, field_transformer=python_values)
class Population:
    """Declared number of people in scope, by legal category.

    ``None`` means the count is unknown. People whose protection need has not been assessed
    are counted as ``unknown``, never as migrants.
    """

    refugees: int | None = constrained("non_negative")
    asylum_seekers: int | None = constrained("non_negative")
    migrants: int | None = constrained("non_negative")
    idps: int | None = constrained("non_negative")
    stateless: int | None = constrained("non_negative")
    unknown: int | None = constrained("non_negative")

    def by_category(self) -> dict[LegalCategory, int | None]:
        """The declared counts keyed by legal category."""
        return {
            LegalCategory.REFUGEE: self.refugees,
            LegalCategory.ASYLUM_SEEKER: self.asylum_seekers,
            LegalCategory.MIGRANT: self.migrants,
            LegalCategory.IDP: self.idps,
            LegalCategory.STATELESS: self.stateless,
            LegalCategory.UNKNOWN: self.unknown,
        }


@attrs.frozen(kw_only=True, field_transformer=python_values)
class StayersPolicy:
    """What happens to those who decide not to return."""

    status_kept: bool | None = optional()
    assistance_kept: bool | None = optional()


@attrs.frozen(kw_only=True, field_transformer=python_values)
class Operation:
    """A voluntary repatriation or other return operation."""

    reference: str
    host_country: str = constrained("country", required=True)
    origin_country: str = constrained("country", required=True)
    movement_kind: MovementKind
    initiated_by: Initiator | None = optional()
    movement_window: MovementWindow | None = optional()
    return_areas: tuple[ReturnArea, ...] = records()
    population: Population = attrs.field(factory=Population)
    lead: LeadArrangement = attrs.field(factory=LeadArrangement)
    escalations: tuple[Escalation, ...] = records()
    """Issues of concern referred to the joint IOM-UNHCR escalation path, open or decided;
    empty: none on record (the rules that raise such issues flag them themselves)."""
    agreements: tuple[Agreement, ...] | None = optional_records()
    """Agreements on the return; ``None`` (left out): not recorded, so unknown; ``[]``: none,
    after review."""
    positions: tuple[UnhcrPosition, ...] = records()
    positions_consulted_on: pendulum.Date | None = optional()
    """When the current UNHCR positions on returns were last consulted."""
    assessments: tuple[ConditionsAssessment, ...] = records()
    monitoring_reports: tuple[MonitoringReport, ...] = records()
    """Returnee monitoring reports per return area (COND-012); empty: none on record."""
    pressure_review: PressureReview | None = optional()
    pressure_signals: tuple[PressureSignal, ...] = records()
    stayers_policy: StayersPolicy | None = optional()
    promotional_messaging: bool | None = optional()
    """Whether communications encourage return (only acceptable when promoting)."""
    route_monitoring: bool | None = optional()
    driven_by_cessation: bool | None = optional()
    """Whether the return follows a (declared or planned) cessation of refugee status."""
    cessation_analysis: CessationAnalysis | None = optional()
    origin_listed_as_safe_country: bool | None = optional()
    """Whether the host state lists the country of origin as a 'safe country of origin'."""
    short_visits_keep_status: bool | None = optional()
    """Whether the host policy lets go-and-see visits leave refugee status and registration
    untouched (VOL-011); a policy, not a record that visits took place (see
    ``exploratory_visits``)."""
    exploratory_visits: tuple[ExploratoryVisit, ...] | None = optional_records()
    """Go-and-see and go-and-inform visits held or planned (VOL-016); ``None`` (left out):
    not recorded; ``[]``: none held, after review. No standard requires visits, so neither
    means a finding; recorded visits are judged."""
    disaster_displacement: bool | None = optional()
    """Whether any of the people in scope were displaced across the border in the context of
    a disaster or of the adverse effects of climate change, whatever their legal category;
    ``False``: established that none were (then no person may record ``disaster_displaced``
    as true); ``None``: not recorded, so unknown. A person's own ``disaster_displaced``,
    where recorded, is read before it."""
    humanitarian_stay_kept: bool | None = optional()
    """For people displaced across the border by a disaster: whether the host state keeps or
    renews their humanitarian protection measure (temporary protection, humanitarian visa or
    permit of stay) for as long as they cannot return in safety and dignity, instead of
    letting it lapse so that they leave (PREM-016); ``None``: not recorded."""
    exit_barriers: bool | None = optional()
    """Exit permits refused, fees or detention stop people who decided to go."""
    claims_durable_solution: bool | None = optional()
    """Whether the operation declares a durable solution achieved (IDP returns)."""
    idp_consultations: tuple[Consultation, ...] = records()
    data_transfers: tuple[DataTransfer, ...] | None = optional_records()
    """Planned transfers of personal data; ``None`` (left out): not recorded, so unknown;
    ``[]``: none planned, after review."""
    data_sharing_agreements: tuple[DataSharingAgreement, ...] | None = optional_records()
    """Agreements under which personal data may be shared (between the agencies, or with a
    state) that transfers rely on; ``None`` (left out): not recorded, so unknown; ``[]``:
    none, after review."""
    registrations_checked_on: pendulum.Date | None = optional()
    """When the host-country registration of the people in scope was last checked; on that
    day a person without ``deregistered_on`` was still registered. ``None``: not recorded,
    so a missing deregistration date is unknown."""
    cases_manifest: str | None = optional()
    """A case manifest (JSON Lines or CSV) holding the households, as a path relative to the
    operation file that must stay inside its folder (symbolic links resolved; an absolute
    path or one leading out is refused); checked by the streaming check (``repatguard check
    OP`` or ``repatguard.stream.check_manifest``)."""
    waivers: tuple[Waiver, ...] = records()
    """Waivers attached to the operation (a separate register can be passed to check)."""
    households: tuple[Household, ...] = records()
