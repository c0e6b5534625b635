"""Realistic synthetic scenarios with pinned verdicts and key findings (all data invented)."""

from __future__ import annotations

from typing import Any

import pendulum

import repatguard
from repatguard.model import (
    Agency,
    BestInterestsDetermination,
    BestInterestsOutcome,
    ChildSafeguards,
    ClaimStatus,
    CoordinationPlatform,
    HazardRisk,
    Household,
    LegalCategory,
    MovementKind,
    Operation,
    Person,
    Population,
    ProtectionScreening,
    ReferralOutcome,
    Relationship,
    ReturnArea,
    SettlementOption,
    StatusAuthority,
    TracingStatus,
)
from repatguard.model.protection import AsylumClaim
from repatguard.model.solutions import Consultation
from repatguard.outcomes import Outcome, Scope, Verdict
from repatguard.report.report import Report
from repatguard.testing.factories import (
    AS_OF,
    DEPARTURE,
    adult,
    child,
    evolve,
    sound_assessment,
    sound_operation,
)


def _check(operation: Operation) -> Report:
    # Scenarios follow named cases, so they ask for the input references.
    return repatguard.check(operation, as_of=AS_OF, reveal_references=True)


def _codes(report: Report, subject: str | None = None) -> set[str]:
    return {
        f.code
        for f in report.findings
        if f.outcome is not Outcome.PASS and (subject is None or f.subject == subject)
    }


def _person_verdicts(report: Report) -> dict[str, Verdict]:
    return {c.subject: c.verdict for c in report.case_verdicts if c.scope is Scope.PERSON}


# --- A mixed movement at a border: IOM runs assisted returns, some people fear return ---------


def _migrant(reference: str, **changes: Any) -> Person:
    facts: dict[str, Any] = {
        "legal_category": LegalCategory.MIGRANT,
        "status_determined_by": StatusAuthority.COMPETENT_AUTHORITY,
        "protection_screening": ProtectionScreening(
            screened_on=AS_OF.subtract(days=12), expressed_fear_of_return=False
        ),
        "asylum_claim": AsylumClaim(status=ClaimStatus.NONE),
    }
    return adult(reference, Relationship.HEAD, **{**facts, **changes})


def _mixed_border_movement() -> Operation:
    migrants = [
        Household(
            planned_departure=DEPARTURE,
            reference=f"HH-M{i}",
            intended_return_area="AREA-1",
            members=(_migrant(f"M-{i}"),),
        )
        for i in range(1, 9)
    ]
    fearful = [
        Household(
            planned_departure=DEPARTURE,
            reference=f"HH-F{i}",
            intended_return_area="AREA-1",
            members=(
                _migrant(
                    f"F-{i}",
                    legal_category=LegalCategory.UNKNOWN,
                    status_determined_by=None,
                    protection_screening=ProtectionScreening(
                        screened_on=AS_OF.subtract(days=12),
                        expressed_fear_of_return=True,
                        referred_to_protection=True,
                        referral_outcome=ReferralOutcome.PENDING,
                    ),
                ),
            ),
        )
        for i in range(1, 3)
    ]
    base = sound_operation()
    platform = CoordinationPlatform(
        name="Border coordination platform",
        co_leads=(Agency.IOM, Agency.UNHCR),
        refugee_component_lead=Agency.UNHCR,
    )
    return evolve(
        base,
        reference="OP-MIXED-BORDER",
        movement_kind=MovementKind.AVRR,
        lead=evolve(base.lead, lead_agency=Agency.IOM, co_led_platform=platform),
        agreements=(),
        population=Population(
            refugees=0, asylum_seekers=0, migrants=8, idps=0, stateless=0, unknown=2
        ),
        households=(*migrants, *fearful),
    )


def test_mixed_movement_people_who_fear_return_are_referred_not_returned() -> None:
    report = _check(_mixed_border_movement())
    verdicts = _person_verdicts(report)
    assert verdicts["F-1"] is Verdict.BLOCKED
    assert verdicts["F-2"] is Verdict.BLOCKED
    assert "MIX-001" in _codes(report, "F-1")
    assert all(verdicts[f"M-{i}"] is report.verdict for i in range(1, 9))
    assert report.verdict is Verdict.PROMOTE
    assert "LEAD-001" not in _codes(report)
    assert "LEAD-003" not in _codes(report)


# --- An IDP return after a flood ---------------------------------------------------------------


def _idp(reference: str, relationship: Relationship, **changes: Any) -> Person:
    return adult(
        reference,
        relationship,
        legal_category=LegalCategory.IDP,
        settlement_options_offered=tuple(SettlementOption),
        settlement_option_chosen=SettlementOption.RETURN,
        **changes,
    )


def _flood_return(*, hazard_mitigation: bool | None) -> Operation:
    base = sound_operation()
    flooded = evolve(
        sound_assessment(),
        natural_hazard_risk=HazardRisk.HIGH,
        hazard_mitigation=hazard_mitigation,
    )
    households = (
        Household(
            planned_departure=DEPARTURE,
            reference="HH-FL1",
            intended_return_area="AREA-1",
            members=(
                _idp("FL-1", Relationship.HEAD),
                _idp("FL-2", Relationship.SPOUSE),
                child("FL-3", legal_category=LegalCategory.IDP),
            ),
        ),
    )
    return evolve(
        base,
        reference="OP-FLOOD-RETURN",
        host_country="AGO",
        origin_country="AGO",
        lead=evolve(base.lead, lead_agency=Agency.IOM, implementing_partners=(), arrangements=()),
        agreements=(),
        return_areas=(ReturnArea(reference="AREA-1", name="River delta"),),
        assessments=(flooded,),
        population=Population(
            refugees=0, asylum_seekers=0, migrants=0, idps=3, stateless=0, unknown=0
        ),
        idp_consultations=(Consultation(held_on=AS_OF.subtract(days=25), women_included=True),),
        households=households,
    )


def test_idp_return_after_a_flood_with_mitigation_can_be_promoted() -> None:
    report = _check(_flood_return(hazard_mitigation=True))
    assert report.verdict is Verdict.PROMOTE, _codes(report)


def test_idp_return_into_unmitigated_flood_risk_is_facilitation_only() -> None:
    report = _check(_flood_return(hazard_mitigation=False))
    assert report.verdict is Verdict.FACILITATE_ONLY
    assert {r.code for r in report.why_not_promote} == {"IDP-004"}


def test_idp_return_with_unknown_mitigation_is_not_promoted() -> None:
    report = _check(_flood_return(hazard_mitigation=None))
    assert report.verdict is not Verdict.PROMOTE
    assert "IDP-004" in _codes(report)


# --- Family tracing with unaccompanied children -------------------------------------------------


def _uasc(reference: str, **changes: Any) -> Person:
    facts: dict[str, Any] = {
        "date_of_birth": pendulum.Date(2012, 4, 3),
        "relationship_to_head": Relationship.HEAD,
        "unaccompanied_or_separated": True,
        "consent": adult("x", Relationship.HEAD).consent,
        "coercion_screened_on": AS_OF.subtract(days=15),
        "best_interests_determination": BestInterestsDetermination(
            completed_on=AS_OF.subtract(days=10),
            outcome=BestInterestsOutcome.RETURN_IN_BEST_INTERESTS,
            authority="child protection authority",
        ),
        "child_safeguards": ChildSafeguards(
            child_view_recorded=True,
            caregiver_consent=True,
            tracing_status=TracingStatus.FAMILY_LOCATED,
            reception_care_verified=True,
        ),
    }
    return child(reference, **{**facts, **changes})


def _tracing_operation(*children: Person) -> Operation:
    households = tuple(
        Household(
            reference=f"HH-C{i}",
            intended_return_area="AREA-1",
            planned_departure=DEPARTURE,
            members=(c,),
        )
        for i, c in enumerate(children, start=1)
    )
    base = sound_operation()
    return evolve(
        base,
        reference="OP-FAMILY-TRACING",
        population=Population(
            refugees=len(households), asylum_seekers=0, migrants=0, idps=0, stateless=0, unknown=0
        ),
        households=households,
    )


def test_family_tracing_reunites_only_children_whose_safeguards_hold() -> None:
    traced = _uasc("C-1")
    pending_bid = _uasc(
        "C-2",
        best_interests_determination=BestInterestsDetermination(
            completed_on=AS_OF.subtract(days=10),
            outcome=BestInterestsOutcome.PENDING,
            authority="child protection authority",
        ),
    )
    not_traced = _uasc(
        "C-3",
        child_safeguards=ChildSafeguards(
            child_view_recorded=True,
            caregiver_consent=True,
            tracing_status=TracingStatus.ONGOING,
            reception_care_verified=False,
        ),
    )
    report = _check(_tracing_operation(traced, pending_bid, not_traced))
    verdicts = _person_verdicts(report)
    assert verdicts == {
        "C-1": Verdict.PROMOTE,
        "C-2": Verdict.BLOCKED,
        "C-3": Verdict.BLOCKED,
    }
    assert "CHILD-001" in _codes(report, "C-2")
    assert "CHILD-003" in _codes(report, "C-3")
    assert report.verdict is Verdict.PROMOTE


# --- A co-led platform, recorded correctly and not ----------------------------------------------


def _platform_operation(refugee_component_lead: Agency) -> Operation:
    base = sound_operation()
    platform = CoordinationPlatform(
        name="Refugees and migrants platform",
        co_leads=(Agency.UNHCR, Agency.IOM),
        refugee_component_lead=refugee_component_lead,
    )
    refugees = base.households[0]
    migrants = Household(
        planned_departure=DEPARTURE,
        reference="HH-2",
        intended_return_area="AREA-1",
        members=(
            _migrant("P-4", status_determined_by=StatusAuthority.COMPETENT_AUTHORITY),
            _migrant("P-5", relationship_to_head=Relationship.SPOUSE),
            _migrant("P-6", relationship_to_head=Relationship.OTHER_RELATIVE),
        ),
    )
    return evolve(
        base,
        reference="OP-CO-LED",
        lead=evolve(base.lead, lead_agency=None, co_led_platform=platform),
        population=Population(
            refugees=3, asylum_seekers=0, migrants=3, idps=0, stateless=0, unknown=0
        ),
        households=(refugees, migrants),
    )


def test_co_led_platform_with_unhcr_leading_the_refugee_component() -> None:
    report = _check(_platform_operation(Agency.UNHCR))
    assert not {"LEAD-001", "LEAD-003"} & _codes(report)
    assert report.verdict is Verdict.PROMOTE


def test_co_led_platform_with_iom_leading_the_refugee_component_is_escalated() -> None:
    report = _check(_platform_operation(Agency.IOM))
    assert report.verdict is Verdict.BLOCKED
    [lead] = [f for f in report.findings if f.code == "LEAD-001"]
    assert lead.escalate
    assert "LEAD-003" in _codes(report)
