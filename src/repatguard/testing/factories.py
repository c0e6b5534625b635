"""A synthetic operation in which every safeguard holds, to vary one fact at a time.

Tests start from :func:`sound_operation` (verdict ``promote`` at :data:`AS_OF`) and change
exactly the fact under test with ``attrs.evolve``; the data is invented.
"""

from __future__ import annotations

from typing import Any, TypeVar

import attrs
import pendulum

from repatguard.model import (
    Access,
    Agency,
    Agreement,
    AgreementClause,
    AgreementKind,
    ConditionsAssessment,
    ConsentEvent,
    ConsentKind,
    DataCategory,
    DataRecipient,
    DataSharingAgreement,
    DataTransfer,
    Escalation,
    EscalationKind,
    ExploratoryVisit,
    HazardRisk,
    Household,
    IncidentRecord,
    InformationTopic,
    Initiator,
    LeadArrangement,
    LegalCategory,
    MonitoringReport,
    MovementKind,
    MovementWindow,
    Operation,
    Partner,
    PartnerArrangement,
    Person,
    Population,
    PressureReview,
    PropertyClaim,
    PropertyClaimStatus,
    Relationship,
    ReturnArea,
    ReturneeIncident,
    SecurityLevel,
    Sex,
    Stance,
    StatusAuthority,
    StayersPolicy,
    UnhcrPosition,
    VisitKind,
    Volatility,
)

T = TypeVar("T")

__all__ = [
    "AS_OF",
    "DEPARTURE",
    "adult",
    "at",
    "child",
    "evolve",
    "monitoring_report",
    "returns_begun",
    "sound_assessment",
    "sound_consent",
    "sound_operation",
    "sound_property_claim",
    "sound_visit",
    "unplanned",
    "with_assessment",
    "with_member",
    "with_monitoring_report",
    "with_visit",
]

AS_OF = pendulum.Date(2026, 6, 1)
DEPARTURE = AS_OF.add(days=20)


def at(date: pendulum.Date, hour: int = 10) -> pendulum.DateTime:
    """An instant on ``date`` at ``hour`` o'clock UTC."""
    return pendulum.datetime(date.year, date.month, date.day, hour, tz="UTC")


def sound_consent(assessment: str = "ASM-1") -> tuple[ConsentEvent, ...]:
    """Declaration, an information session on a current assessment, and a recent reconfirmation."""
    return (
        ConsentEvent(
            kind=ConsentKind.DECLARATION, at=at(AS_OF.subtract(days=20)), held_separately=True
        ),
        ConsentEvent(
            kind=ConsentKind.INFORMATION_SESSION,
            at=at(AS_OF.subtract(days=15)),
            language="pt",
            assessment=assessment,
            disclosed_negative_findings=True,
            understood_language=True,
            topics_covered=tuple(InformationTopic),
        ),
        ConsentEvent(kind=ConsentKind.RECONFIRMATION, at=at(AS_OF.subtract(days=1))),
    )


def adult(reference: str, relationship: Relationship, **changes: Any) -> Person:
    person = Person(
        reference=reference,
        legal_category=LegalCategory.REFUGEE,
        date_of_birth=pendulum.Date(1984, 3, 14),
        relationship_to_head=relationship,
        unaccompanied_or_separated=False,
        consent=sound_consent(),
        coercion_screened_on=AS_OF.subtract(days=15),
        risk_profiles=(),
        stays_behind=False,
        trafficking_survivor=False,
        status_determined_by=StatusAuthority.UNHCR,
        identity_or_travel_document=True,
        reintegration_plan=True,
        privacy_notice_given=True,
        place_of_origin="AREA-1",
        destination_chosen=True,
        born_in_exile=False,
        birth_registered=True,
        proof_of_nationality=True,
        property_claim=sound_property_claim(),
    )
    return _evolve(person, changes)


def sound_property_claim(**changes: Any) -> PropertyClaim:
    """A claim to a home left behind, lodged, with the person told how it works and that it
    stands whether or not they return (LEGAL-009)."""
    claim = PropertyClaim(
        left_behind=True,
        informed_of_procedure=True,
        status=PropertyClaimStatus.LODGED,
        tied_to_return=False,
    )
    return evolve(claim, **changes)


def child(reference: str, **changes: Any) -> Person:
    person = Person(
        reference=reference,
        legal_category=LegalCategory.REFUGEE,
        date_of_birth=pendulum.Date(2016, 9, 2),
        relationship_to_head=Relationship.CHILD,
        unaccompanied_or_separated=False,
        risk_profiles=(),
        stays_behind=False,
        trafficking_survivor=False,
        status_determined_by=StatusAuthority.UNHCR,
        identity_or_travel_document=True,
        reintegration_plan=True,
        privacy_notice_given=True,
        destination_chosen=True,  # born in exile: no place of origin of their own
        born_in_exile=True,
        birth_registered=True,  # registered in the host country (LEGAL-008)
        proof_of_nationality=True,
        property_claim=PropertyClaim(left_behind=False),  # born in exile: left nothing behind
    )
    return _evolve(person, changes)


def _evolve(person: Person, changes: dict[str, Any]) -> Person:
    return evolve(person, **changes)


def evolve(instance: T, **changes: Any) -> T:
    """``attrs.evolve`` typed for tests that pass changes as keyword arguments."""
    return attrs.evolve(instance, **changes)  # type: ignore[misc]


def sound_assessment(area: str = "AREA-1", reference: str = "ASM-1") -> ConditionsAssessment:
    return ConditionsAssessment(
        reference=reference,
        area=area,
        assessed_on=AS_OF.subtract(days=30),
        sources=("UNHCR protection monitoring", "inter-agency area survey"),
        volatility=Volatility.NORMAL,
        conducive_for_promotion=True,
        security_level=SecurityLevel.STABLE,
        active_conflict=False,
        mines_or_erw=False,
        unhcr_access=Access.FULL,
        returnee_monitoring=True,
        amnesty_or_guarantees=True,
        documentation_available=True,
        property_restitution=True,
        basic_services=True,
        livelihoods_available=True,
        new_outflows=False,
        civil_status_recognised=True,
        nationality_recognised=True,
        self_incriminating_requirements=False,
        border_screening_limited_to_identification=True,
        arrests_on_return_reported=False,
        discrimination_reported=False,
        natural_hazard_risk=HazardRisk.LOW,
        housing_destroyed_or_inaccessible=False,
    )


# Long on purpose: the whole sound operation written out as data, one field per line, so a
# test can see every fact it starts from.
def sound_operation() -> Operation:
    """An organised, UNHCR-led repatriation of one refugee household in which all holds."""
    household = Household(
        reference="HH-1",
        intended_return_area="AREA-1",
        planned_departure=DEPARTURE,
        members=(
            adult("P-1", Relationship.HEAD, sex=Sex.MALE),
            adult(
                "P-2",
                Relationship.SPOUSE,
                date_of_birth=pendulum.Date(1987, 11, 30),
                sex=Sex.FEMALE,
            ),
            child("P-3", sex=Sex.FEMALE),
        ),
    )
    return Operation(
        reference="OP-SOUND",
        host_country="ZMB",
        origin_country="AGO",
        movement_kind=MovementKind.ORGANISED,
        initiated_by=Initiator.DISPLACED_PERSONS,
        movement_window=MovementWindow(start=DEPARTURE, end=DEPARTURE.add(days=30)),
        return_areas=(ReturnArea(reference="AREA-1", name="Northern valley"),),
        population=Population(
            refugees=3, asylum_seekers=0, migrants=0, idps=0, stateless=0, unknown=0
        ),
        lead=LeadArrangement(
            lead_agency=Agency.UNHCR,
            implementing_partners=(
                Partner(
                    organisation="IOM",
                    agency=Agency.IOM,
                    roles=("transport",),
                    arrangement="ARR-1",
                ),
            ),
            lead_disputed=False,
            arrangements=(
                PartnerArrangement(
                    reference="ARR-1",
                    parties=("UNHCR", "IOM"),
                    signed_on=pendulum.Date(2025, 12, 1),
                    places_partners_under_unhcr_lead=True,
                ),
            ),
        ),
        agreements=(
            Agreement(
                reference="TPA-1",
                kind=AgreementKind.TRIPARTITE,
                parties=("ZMB", "AGO", "UNHCR"),
                signed_on=pendulum.Date(2025, 11, 1),
                covers=tuple(AgreementClause),
                commission_last_met=AS_OF.subtract(days=30),
            ),
        ),
        positions=(
            UnhcrPosition(
                reference="POS-1",
                stances=(Stance.PROMOTING,),
                country="AGO",
                issued_on=pendulum.Date(2026, 1, 15),
            ),
        ),
        positions_consulted_on=AS_OF.subtract(days=2),
        assessments=(sound_assessment(),),
        pressure_review=PressureReview(
            reviewed_on=AS_OF.subtract(days=10), reviewed_by="protection unit"
        ),
        stayers_policy=StayersPolicy(status_kept=True, assistance_kept=True),
        promotional_messaging=False,
        route_monitoring=True,
        driven_by_cessation=False,
        origin_listed_as_safe_country=False,
        short_visits_keep_status=True,
        exploratory_visits=(sound_visit(),),
        exit_barriers=False,
        disaster_displacement=False,
        claims_durable_solution=False,
        data_transfers=(
            DataTransfer(
                recipient=DataRecipient.ORIGIN_AUTHORITIES,
                purpose="identity verification for readmission",
                includes_claim_content=False,
                legal_basis="tripartite agreement TPA-1, documentation clause",
                disclosed_to_persons=True,
                consent_recorded=True,
                categories=(DataCategory.IDENTITY, DataCategory.DOCUMENTS),
                agreement="DSA-1",
            ),
        ),
        data_sharing_agreements=(
            DataSharingAgreement(
                reference="DSA-1",
                parties=("AGO", "UNHCR"),
                recipients=(DataRecipient.ORIGIN_AUTHORITIES,),
                purposes=("identity verification for readmission",),
                categories=(DataCategory.IDENTITY, DataCategory.DOCUMENTS),
                safeguards=("no onward transfer", "deletion after readmission clearance"),
                signed_on=pendulum.Date(2025, 11, 1),
                ends_on=pendulum.Date(2027, 11, 1),
            ),
        ),
        registrations_checked_on=AS_OF.subtract(days=3),
        households=(household,),
    )


def sound_visit(reference: str = "GSV-1", **changes: Any) -> ExploratoryVisit:
    """A go-and-see visit to AREA-1 by two refugee representatives, over and reported back
    before ``AS_OF``; ``changes`` set any of its fields."""
    visit = ExploratoryVisit(
        reference=reference,
        kind=VisitKind.GO_AND_SEE,
        area="AREA-1",
        started_on=AS_OF.subtract(days=45),
        ended_on=AS_OF.subtract(days=40),
        representatives=("REP-1", "REP-2"),
        reported_back=True,
    )
    return evolve(visit, **changes)


def with_visit(operation: Operation, index: int = 0, **changes: Any) -> Operation:
    """``operation`` with one of its recorded exploratory visits changed."""
    visits = list(operation.exploratory_visits or ())
    visits[index] = evolve(visits[index], **changes)
    return attrs.evolve(operation, exploratory_visits=tuple(visits))


def escalation(reference: str = "ESC-1", **changes: Any) -> Escalation:
    """An issue of concern raised by UNHCR 10 days before ``AS_OF`` about the whole operation,
    still open (no joint decision); ``changes`` set any of its fields."""
    raised = Escalation(
        reference=reference,
        raised_on=AS_OF.subtract(days=10),
        raised_by=Agency.UNHCR,
        raised_by_role="Representative",
        issue="returns continue while the agencies disagree on the conditions",
        kind=EscalationKind.OTHER,
    )
    return evolve(raised, **changes)


def with_escalation(operation: Operation, **changes: Any) -> Operation:
    """``operation`` with :func:`escalation` (``changes`` applied) added to its escalations."""
    return evolve(operation, escalations=(*operation.escalations, escalation(**changes)))


def with_member(operation: Operation, household: int, member: int, **changes: Any) -> Operation:
    """``operation`` with one household member changed."""
    households = list(operation.households)
    members = list(households[household].members)
    members[member] = _evolve(members[member], changes)
    households[household] = attrs.evolve(households[household], members=tuple(members))
    return attrs.evolve(operation, households=tuple(households))


def with_assessment(operation: Operation, index: int = 0, **changes: Any) -> Operation:
    """``operation`` with one conditions assessment changed."""
    assessments = list(operation.assessments)
    assessments[index] = evolve(assessments[index], **changes)
    return attrs.evolve(operation, assessments=tuple(assessments))


def unplanned(operation: Operation) -> Operation:
    """``operation`` with no planned departure for any household or member: people may then
    leave on any day of the movement window."""
    households = tuple(
        attrs.evolve(
            household,
            planned_departure=None,
            members=tuple(attrs.evolve(p, planned_departure=None) for p in household.members),
        )
        for household in operation.households
    )
    return attrs.evolve(operation, households=households)


def monitoring_report(reference: str = "MON-1", **changes: Any) -> MonitoringReport:
    """A UNHCR returnee monitoring report of AREA-1 covering the 30 days before ``AS_OF``,
    which found no incident of any kind; ``changes`` set any of its fields."""
    report = MonitoringReport(
        reference=reference,
        area="AREA-1",
        reported_on=AS_OF.subtract(days=5),
        period_start=AS_OF.subtract(days=35),
        period_end=AS_OF.subtract(days=5),
        monitored_by=Agency.UNHCR,
        returnees_monitored=120,
        incidents=tuple(IncidentRecord(kind=kind, occurred=False) for kind in ReturneeIncident),
    )
    return evolve(report, **changes)


def with_monitoring_report(operation: Operation, **changes: Any) -> Operation:
    """``operation`` with :func:`monitoring_report` (``changes`` applied) added."""
    reports = (*operation.monitoring_reports, monitoring_report(**changes))
    return attrs.evolve(operation, monitoring_reports=reports)


def returns_begun(operation: Operation, days: int = 120) -> Operation:
    """``operation`` whose movement window opened ``days`` before ``AS_OF`` and is still open:
    returns to its areas are under way and, after 90 days (the default
    ``monitoring_report_max_age``), monitoring reports are due (COND-012)."""
    window = MovementWindow(start=AS_OF.subtract(days=days), end=AS_OF.add(days=60))
    return attrs.evolve(operation, movement_window=window)
