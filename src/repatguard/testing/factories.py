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
    HazardRisk,
    Household,
    Initiator,
    LeadArrangement,
    LegalCategory,
    MovementKind,
    MovementWindow,
    Operation,
    Partner,
    PartnerArrangement,
    Person,
    Population,
    PressureReview,
    Relationship,
    ReturnArea,
    SecurityLevel,
    Stance,
    StatusAuthority,
    StayersPolicy,
    UnhcrPosition,
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
    "sound_assessment",
    "sound_consent",
    "sound_operation",
    "unplanned",
    "with_assessment",
    "with_member",
]

AS_OF = pendulum.Date(2026, 6, 1)
DEPARTURE = AS_OF.add(days=20)


def at(date: pendulum.Date, hour: int = 10) -> pendulum.DateTime:
    """An instant on ``date`` at ``hour`` o'clock UTC."""
    return pendulum.datetime(date.year, date.month, date.day, hour, tz="UTC")


def sound_consent(assessment: str = "ASM-1") -> tuple[ConsentEvent, ...]:
    """Declaration, an information session on a current assessment, and a recent reconfirmation."""
    return (
        ConsentEvent(kind=ConsentKind.DECLARATION, at=at(AS_OF.subtract(days=20))),
        ConsentEvent(
            kind=ConsentKind.INFORMATION_SESSION,
            at=at(AS_OF.subtract(days=15)),
            language="pt",
            assessment=assessment,
            disclosed_negative_findings=True,
            understood_language=True,
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
    )
    return _evolve(person, changes)


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
        self_incriminating_requirements=False,
        border_screening_limited_to_identification=True,
        arrests_on_return_reported=False,
        discrimination_reported=False,
        natural_hazard_risk=HazardRisk.LOW,
        housing_destroyed_or_inaccessible=False,
    )


def sound_operation() -> Operation:
    """An organised, UNHCR-led repatriation of one refugee household in which all holds."""
    household = Household(
        reference="HH-1",
        intended_return_area="AREA-1",
        planned_departure=DEPARTURE,
        members=(
            adult("P-1", Relationship.HEAD),
            adult("P-2", Relationship.SPOUSE, date_of_birth=pendulum.Date(1987, 11, 30)),
            child("P-3"),
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
        exit_barriers=False,
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
            ),
        ),
        registrations_checked_on=AS_OF.subtract(days=3),
        households=(household,),
    )


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
