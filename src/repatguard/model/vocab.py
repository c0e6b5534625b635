"""Controlled vocabularies of the domain.

Every enum value is the exact string used in input files and reports, so the wire format and
the Python names tell the same story.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "Access",
    "Agency",
    "AgreementClause",
    "AgreementKind",
    "BestInterestsOutcome",
    "ClaimStatus",
    "CoercionIndicator",
    "ConsentKind",
    "CriterionStatus",
    "DataCategory",
    "DataRecipient",
    "EscalationDecision",
    "EscalationKind",
    "FamilyTie",
    "HazardRisk",
    "InformationTopic",
    "Initiator",
    "LegalCategory",
    "MovementKind",
    "PressureKind",
    "PropertyClaimStatus",
    "ReferralOutcome",
    "Relationship",
    "ReturneeIncident",
    "RiskAssessmentOutcome",
    "RiskProfile",
    "SecurityLevel",
    "SettlementOption",
    "Sex",
    "Stance",
    "StatusAuthority",
    "TracingStatus",
    "VisitKind",
    "Volatility",
    "Whereabouts",
    "initiated_by_displaced",
    "is_assisted",
    "is_forced",
    "is_organised",
    "is_spontaneous",
    "movement_applies",
]


class LegalCategory(StrEnum):
    """Legal category of a person or population group.

    ``unknown`` means the protection need has not been assessed; it is never counted as
    ``migrant`` (recognition as a refugee is declaratory, so absence of a decision proves
    nothing).
    """

    REFUGEE = "refugee"
    ASYLUM_SEEKER = "asylum_seeker"
    MIGRANT = "migrant"
    IDP = "idp"
    STATELESS = "stateless"
    UNKNOWN = "unknown"


class MovementKind(StrEnum):
    """How the movement is organised."""

    ORGANISED = "organised"
    """Organised voluntary repatriation under an agreed plan."""
    ASSISTED_SPONTANEOUS = "assisted_spontaneous"
    """People decide and move on their own; an agency assists (transport, grants)."""
    SPONTANEOUS = "spontaneous"
    """Self-organised return; agencies only monitor."""
    AVRR = "avrr"
    """Assisted voluntary return and reintegration (IOM)."""
    FORCED = "forced"
    """Deportation or any other non-voluntary removal."""
    MIXED = "mixed"
    """Organised and spontaneous parts together: every rule for organised movements and
    every rule for spontaneous ones applies (see :func:`is_organised`)."""


class Initiator(StrEnum):
    """Who initiated the return."""

    DISPLACED_PERSONS = "displaced_persons"
    HOST_STATE = "host_state"
    ORIGIN_STATE = "origin_state"
    UNHCR = "unhcr"
    IOM = "iom"
    OTHER = "other"
    MIXED = "mixed"
    """Partly the displaced themselves, partly others: the return is not wholly
    initiated by the displaced (see :func:`initiated_by_displaced`)."""


# A mixed movement has organised and spontaneous parts, so every rule written for either
# applies to it. A value that is not a member (an operation built in Python with a plain
# string) is unknown: the helpers answer so that the rule applies (fail closed).
_MIXED_PARTS = frozenset(
    {MovementKind.ORGANISED, MovementKind.ASSISTED_SPONTANEOUS, MovementKind.SPONTANEOUS}
)


def movement_applies(kind: object, kinds: frozenset[MovementKind]) -> bool:
    """Whether a rule written for the movement kinds ``kinds`` applies to ``kind``.

    ``mixed`` counts as each of its parts (organised, assisted spontaneous, spontaneous); a
    kind that is not a member applies to every rule.
    """
    if not isinstance(kind, MovementKind):
        return True
    if kind is MovementKind.MIXED:
        return bool(kinds & _MIXED_PARTS) or MovementKind.MIXED in kinds
    return kind in kinds


def is_organised(kind: object) -> bool:
    """Organised repatriation under an agreed plan, alone or as part of a mixed movement."""
    return movement_applies(kind, frozenset({MovementKind.ORGANISED}))


def is_spontaneous(kind: object) -> bool:
    """Spontaneous return (assisted or not), alone or as part of a mixed movement."""
    return movement_applies(
        kind, frozenset({MovementKind.SPONTANEOUS, MovementKind.ASSISTED_SPONTANEOUS})
    )


def is_assisted(kind: object) -> bool:
    """An agency assists the movement or part of it (organised, assisted spontaneous, AVRR
    or mixed); only purely self-organised and forced movements are not."""
    return movement_applies(
        kind,
        frozenset({MovementKind.ORGANISED, MovementKind.ASSISTED_SPONTANEOUS, MovementKind.AVRR}),
    )


def is_forced(kind: object) -> bool:
    """Deportation or other non-voluntary removal; a kind that is not a member may be one.
    A mixed movement is voluntary (organised and spontaneous parts), so it is not forced."""
    return movement_applies(kind, frozenset({MovementKind.FORCED}))


def initiated_by_displaced(initiator: object) -> bool | None:
    """Whether the displaced themselves initiated the whole return; ``None`` when unknown.

    ``mixed`` is ``False``: part of the return was initiated by others, so the return as a
    whole cannot count as the displaced people's own decision.
    """
    if initiator is None or not isinstance(initiator, Initiator):
        return None
    return initiator is Initiator.DISPLACED_PERSONS


class Agency(StrEnum):
    """Organisations that can lead or implement parts of a return operation."""

    UNHCR = "unhcr"
    IOM = "iom"
    HOST_GOVERNMENT = "host_government"
    ORIGIN_GOVERNMENT = "origin_government"
    NGO = "ngo"
    OTHER = "other"


class AgreementKind(StrEnum):
    TRIPARTITE = "tripartite"
    BILATERAL = "bilateral"


class AgreementClause(StrEnum):
    """What an agreement covers."""

    VOLUNTARINESS = "voluntariness"
    UNHCR_ACCESS = "unhcr_access"
    GUARANTEES = "guarantees"
    DOCUMENTATION = "documentation"


class Stance(StrEnum):
    """Stance of a UNHCR position on returns."""

    PROMOTING = "promoting"
    FACILITATING_ONLY = "facilitating_only"
    NOT_PROMOTING = "not_promoting"
    NOT_FACILITATING = "not_facilitating"
    NO_FORCED_RETURNS = "no_forced_returns"


class RiskProfile(StrEnum):
    """Profiles of people at heightened risk that UNHCR positions on returns name.

    Positions and people use the same values, so a match is exact. ``other`` is the escape for
    a profile outside this list; it is matched fail closed: it may be any profile a position
    names, so a person with it under a profile-limited position is insufficient information,
    never a pass.
    """

    WOMEN_AND_GIRLS = "women_and_girls"
    CHILDREN = "children"
    JOURNALISTS = "journalists"
    HUMAN_RIGHTS_DEFENDERS = "human_rights_defenders"
    """Human rights defenders and activists."""
    JUDGES = "judges"
    LAWYERS = "lawyers"
    FORMER_GOVERNMENT_AFFILIATES = "former_government_affiliates"
    """People associated with a former government or its security forces."""
    INTERNATIONAL_FORCES_AFFILIATES = "international_forces_affiliates"
    """People associated with international forces or organisations."""
    POLITICAL_OPPONENTS = "political_opponents"
    HUMANITARIAN_WORKERS = "humanitarian_workers"
    RELIGIOUS_MINORITIES = "religious_minorities"
    ETHNIC_MINORITIES = "ethnic_minorities"
    LGBTIQ_PERSONS = "lgbtiq_persons"
    SURVIVORS_OF_GBV = "survivors_of_gbv"
    """Survivors of, or people at risk of, sexual and gender-based violence."""
    OTHER = "other"
    """A profile outside this list: treated as possibly matching any profile."""


class RiskAssessmentOutcome(StrEnum):
    """What an individual risk assessment found (``None`` where recorded means unknown)."""

    RISK_FOUND = "risk_found"
    """A risk in the area of return that rules out return as planned."""
    NO_RISK = "no_risk"
    """No risk found that stands in the way of return as planned."""


class Access(StrEnum):
    """UNHCR's access to a return area and to returnees."""

    FULL = "full"
    LIMITED = "limited"
    NONE = "none"


class SecurityLevel(StrEnum):
    """Overall physical-security finding for a return area."""

    STABLE = "stable"
    UNSAFE = "unsafe"
    HIGHLY_DANGEROUS = "highly_dangerous"


class Volatility(StrEnum):
    NORMAL = "normal"
    HIGH = "high"


class PressureKind(StrEnum):
    """Coded host-side pressure signals."""

    DEADLINE = "deadline"
    QUOTA_OR_TARGET = "quota_or_target"
    CAMP_CLOSURE = "camp_closure"
    AID_CUT = "aid_cut"
    DEPORTATION_THREAT = "deportation_threat"
    ONGOING_DEPORTATIONS = "ongoing_deportations"
    ARRESTS_OR_DETENTION = "arrests_or_detention"
    DETENTION_AS_ALTERNATIVE = "detention_as_alternative"
    INCENTIVE_CHANGE = "incentive_change"
    LEGAL_STATUS_EXPIRY = "legal_status_expiry"
    MOVEMENT_OR_WORK_RESTRICTION = "movement_or_work_restriction"
    DECEPTION_OR_MISINFORMATION = "deception_or_misinformation"
    ASYLUM_ACCESS_CLOSED = "asylum_access_closed"
    REGISTRATION_SUSPENDED = "registration_suspended"
    SECURITY_FORCES_IN_CAMPS = "security_forces_in_camps"
    STATUS_REVOCATION = "status_revocation"


class Relationship(StrEnum):
    """Relationship of a household member to the head of household."""

    HEAD = "head"
    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"
    SIBLING = "sibling"
    OTHER_RELATIVE = "other_relative"
    NOT_RELATED = "not_related"


class Sex(StrEnum):
    """A person's sex as recorded by the operation (sensitive personal data: rules read it,
    no renderer prints it)."""

    FEMALE = "female"
    MALE = "male"
    OTHER_OR_NOT_DISCLOSED = "other_or_not_disclosed"
    """Another sex, or the person chose not to say: owed what women and girls are owed, so
    that no one has to disclose their sex to be interviewed apart (VOL-017)."""


class FamilyTie(StrEnum):
    """How a family member outside the household is related to the person who has the link."""

    PARENT = "parent"
    CHILD = "child"
    SPOUSE = "spouse"
    SIBLING = "sibling"
    OTHER = "other"


class Whereabouts(StrEnum):
    """Where a family member outside the household is."""

    OTHER_HOUSEHOLD = "other_household"
    """In another household of the same operation (named by its reference)."""
    COUNTRY_OF_ORIGIN = "country_of_origin"
    """Already in the country of origin."""
    HOST_COUNTRY = "host_country"
    """In the host country, outside the operation's households."""
    THIRD_COUNTRY = "third_country"
    """In a third country (resettled, or moved on)."""
    UNKNOWN = "unknown"
    """Not known (missing, tracing not concluded)."""


class ConsentKind(StrEnum):
    """Events in a person's decision to return."""

    DECLARATION = "declaration"
    """The individual, express declaration of the wish to return."""
    INFORMATION_SESSION = "information_session"
    RECONFIRMATION = "reconfirmation"
    WITHDRAWAL = "withdrawal"


class CoercionIndicator(StrEnum):
    """Individual indicators that a decision may not have been taken freely."""

    THREATS_OR_PRESSURE = "threats_or_pressure"
    DETAINED_AT_DECISION = "detained_at_decision"
    DEPORTATION_ORDER = "deportation_order"
    DOCUMENTS_CONFISCATED = "documents_confiscated"
    ASSISTANCE_WITHDRAWN_FOR_REFUSAL = "assistance_withdrawn_for_refusal"


class BestInterestsOutcome(StrEnum):
    RETURN_IN_BEST_INTERESTS = "return_in_best_interests"
    RETURN_NOT_IN_BEST_INTERESTS = "return_not_in_best_interests"
    PENDING = "pending"


class TracingStatus(StrEnum):
    """Family tracing for a child without parental care."""

    NOT_STARTED = "not_started"
    ONGOING = "ongoing"
    FAMILY_LOCATED = "family_located"
    UNSUCCESSFUL = "unsuccessful"


class StatusAuthority(StrEnum):
    """Who set a person's legal category or status label."""

    COMPETENT_AUTHORITY = "competent_authority"
    """A state refugee-status-determination authority."""
    UNHCR = "unhcr"
    BORDER_OR_POLICE = "border_or_police"
    OTHER = "other"


class ClaimStatus(StrEnum):
    """State of a person's asylum claim."""

    NONE = "none"
    PENDING = "pending"
    RECOGNISED = "recognised"
    REJECTED_FINAL = "rejected_final"
    WITHDRAWN = "withdrawn"


class PropertyClaimStatus(StrEnum):
    """Where a person's claim to restitution of housing, land or property (or to compensation)
    stands."""

    NOT_LODGED = "not_lodged"
    LODGED = "lodged"
    """Lodged and not yet decided."""
    RESTORED = "restored"
    COMPENSATED = "compensated"
    REJECTED = "rejected"
    """Rejected; an appeal or a new claim may still be open."""
    WITHDRAWN = "withdrawn"


class ReferralOutcome(StrEnum):
    PENDING = "pending"
    IN_NEED_OF_PROTECTION = "in_need_of_protection"
    NOT_IN_NEED_OF_PROTECTION = "not_in_need_of_protection"


class SettlementOption(StrEnum):
    """Durable-solution options for internally displaced people."""

    RETURN = "return"
    LOCAL_INTEGRATION = "local_integration"
    SETTLEMENT_ELSEWHERE = "settlement_elsewhere"


class CriterionStatus(StrEnum):
    MET = "met"
    PARTIAL = "partial"
    UNMET = "unmet"


class HazardRisk(StrEnum):
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


class DataRecipient(StrEnum):
    """Who receives personal data of people in scope."""

    ORIGIN_AUTHORITIES = "origin_authorities"
    """Any authority of the country of origin."""
    HOST_AUTHORITIES = "host_authorities"
    """Civilian authorities of the host state (asylum, registration, civil status); its
    police, intelligence and military are ``host_security``."""
    HOST_SECURITY = "host_security"
    """The host state's police, intelligence, military or other security services."""
    PARTNER_AGENCY = "partner_agency"
    OTHER = "other"


class DataCategory(StrEnum):
    """Categories of personal data that a transfer carries or a data-sharing agreement
    allows. Asylum-claim content is no category: it is recorded on the transfer
    (``includes_claim_content``) and never shared (DATA-002)."""

    IDENTITY = "identity"
    """Biographical data: names, sex, date and place of birth, nationality."""
    DOCUMENTS = "documents"
    """Identity and civil-status documents and their numbers."""
    BIOMETRICS = "biometrics"
    """Photographs, finger and iris scans and other biometric records."""
    FAMILY = "family"
    """Household composition and family links."""
    DESTINATION = "destination"
    """Intended place of return and contact details."""
    SPECIFIC_NEEDS = "specific_needs"
    """Health, disability and other specific needs."""


class EscalationKind(StrEnum):
    """What kind of issue of concern was referred to the joint IOM-UNHCR escalation path."""

    SPONTANEOUS_RETURN = "spontaneous_return"
    """People return on their own into conditions not conducive, without a restrictive UNHCR
    position issued since (the issue PREM-011 raises)."""
    LEAD_DISPUTE = "lead_dispute"
    """The agencies disagree on who leads (the issue LEAD-007 raises)."""
    OTHER = "other"
    """Any other issue of concern; name the rules it concerns, if any, in ``rules``."""


class EscalationDecision(StrEnum):
    """The joint decision on an escalation. Only ``proceed`` lets anything go on."""

    PROCEED = "proceed"
    """The issue is settled: the operation may go on as far as its other safeguards allow."""
    SUSPEND = "suspend"
    """Movements to the scope concerned are suspended until a later joint decision."""
    STOP = "stop"
    """Movements to the scope concerned must not go on."""


class InformationTopic(StrEnum):
    """What an information session covered, as recorded by the counsellor. VOL-003 requires
    the conditions in the area of return, the right to withdraw and (for everyone but
    migrants) the right to stay; the others are recorded for reviewers."""

    CONDITIONS_IN_RETURN_AREA = "conditions_in_return_area"
    """The overall picture of the intended return area that the assessment gives, including
    what it found wrong (EHB para. 12(ii): an accurate picture of the country of origin)."""
    SECURITY = "security"
    """Physical security: hostilities, violence, risks for the person's profile."""
    MINES = "mines"
    """Mines and explosive remnants on the routes and in the area."""
    DOCUMENTS_AND_LEGAL_STATUS = "documents_and_legal_status"
    """Civil documents, nationality and legal status on return."""
    AMNESTY_AND_GUARANTEES = "amnesty_and_guarantees"
    """Amnesties, guarantees and assurances given by the country of origin."""
    PROPERTY_AND_HOUSING = "property_and_housing"
    """Housing, land and property: what stands, what can be claimed back."""
    SERVICES = "services"
    """Basic services and livelihoods: shelter, water, health, education, work."""
    RIGHT_TO_WITHDRAW = "right_to_withdraw"
    """The declaration can be withdrawn at any time up to departure, without penalty."""
    RIGHT_TO_STAY = "right_to_stay"
    """Declining to return keeps the person's status, registration and assistance
    (continued asylum for those who stay, EHB para. 11)."""
    ASSISTANCE_PACKAGE = "assistance_package"
    """The return assistance offered (transport, grants, reintegration help) and its terms."""


class VisitKind(StrEnum):
    """A confidence-building visit between the displaced and their area of return."""

    GO_AND_SEE = "go_and_see"
    """Refugee representatives visit the return area and tell their community what they saw
    ("go and see, come and tell")."""
    GO_AND_INFORM = "go_and_inform"
    """Officials or community members from the area of return come to brief the displaced."""


class ReturneeIncident(StrEnum):
    """Kinds of incident against returnees that returnee monitoring records (COND-012).

    The first four are serious: they rule out promoting return to the area. The others
    weigh less: they are recorded and taken up, but do not change a verdict alone."""

    ARREST_OR_DETENTION = "arrest_or_detention"
    """Returnees arrested, detained or held for questioning after return."""
    VIOLENCE_OR_THREATS = "violence_or_threats"
    """Attacks on, killings of, or threats against returnees."""
    RENEWED_DISPLACEMENT = "renewed_displacement"
    """Returnees displaced again (inside the country or across the border)."""
    FORCED_RECRUITMENT = "forced_recruitment"
    """Returnees conscripted or recruited by force by any armed actor."""
    DOCUMENTS_DENIED = "documents_denied"
    """Civil or identity documents refused or withheld from returnees."""
    PROPERTY_NOT_RESTORED = "property_not_restored"
    """Homes, land or property not given back to returnees who claimed them."""
    DISCRIMINATION = "discrimination"
    """Returnees refused services, work or assistance others receive."""
