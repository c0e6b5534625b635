"""Households, persons and the events of their decision to return."""

from __future__ import annotations

import attrs
import pendulum

from repatguard.model._fields import (
    constrained,
    optional,
    optional_records,
    personal,
    python_values,
    records,
)
from repatguard.model.protection import (
    AsylumClaim,
    ChildSafeguards,
    PropertyClaim,
    ProtectionScreening,
)
from repatguard.model.vocab import (
    BestInterestsOutcome,
    CoercionIndicator,
    ConsentKind,
    FamilyTie,
    InformationTopic,
    LegalCategory,
    Relationship,
    RiskAssessmentOutcome,
    RiskProfile,
    SettlementOption,
    Sex,
    StatusAuthority,
    Whereabouts,
)

__all__ = ["BestInterestsDetermination", "ConsentEvent", "FamilyLink", "Household", "Person"]


@attrs.frozen(kw_only=True, field_transformer=python_values)
class ConsentEvent:
    """One event in a person's decision: declaration, information session, reconfirmation
    or withdrawal, at an instant with a UTC offset.

    ``language``, ``assessment``, ``disclosed_negative_findings``, ``understood_language``
    and ``topics_covered`` describe information sessions only.
    """

    kind: ConsentKind
    at: pendulum.DateTime
    language: str | None = optional()
    assessment: str | None = optional()
    """Reference of the conditions assessment the information was based on."""
    disclosed_negative_findings: bool | None = optional()
    """Whether the session disclosed the negative findings that rule out promotion."""
    understood_language: bool | None = optional()
    """Whether the person confirmed the session was in a language they understand."""
    topics_covered: tuple[InformationTopic, ...] | None = optional_records()
    """What the session covered; ``None`` (left out): not recorded, so unknown; ``[]``:
    recorded as covering none of the topics of the vocabulary."""
    held_separately: bool | None = optional()
    """Whether the declaration or interview was held with the person apart from the other
    members of their household (counsellor and interpreter only); ``False``: with others of
    the household present; ``None``: not recorded (VOL-017)."""


@attrs.frozen(kw_only=True, field_transformer=python_values)
class BestInterestsDetermination:
    """A formal best-interests determination for a child."""

    completed_on: pendulum.Date | None = optional()
    outcome: BestInterestsOutcome | None = optional()
    authority: str | None = optional()


@attrs.frozen(kw_only=True, field_transformer=python_values)
class FamilyLink:
    """A member of the person's family who is not in the person's household.

    ``household`` names the other household of the operation when ``whereabouts`` is
    ``other_household``, and only then. ``returns``: whether that family member returns too
    (in this operation or otherwise); ``None``: not known. For a member of another household
    of the operation it is read against that household's record, which wins where the two
    disagree (see ``repatguard.facts.links`` and CHILD-005).
    """

    relationship: FamilyTie
    """What the family member is to the person (``parent``: the person's parent)."""
    whereabouts: Whereabouts = Whereabouts.UNKNOWN
    household: str | None = optional()
    returns: bool | None = optional()


@attrs.frozen(kw_only=True, field_transformer=python_values)
class Person:
    """A person on the manifest, known by a pseudonymous reference.

    Fields marked personal (name, document number, phone number, notes, date of birth) are
    never printed by any renderer.
    """

    reference: str
    legal_category: LegalCategory = LegalCategory.UNKNOWN
    date_of_birth: pendulum.Date | None = personal(partial_date=True)
    """Personal data: rules read it (age), no renderer prints it; ``None`` means unknown.
    May be known only to the month or the year (a
    :class:`~repatguard.model.dates.PartialDate`): the age is then read at the least
    favourable day, and is unknown when the person may be either side of adulthood."""
    age: int | None = constrained("non_negative")
    """Age in completed years as recorded, for a person whose date of birth is unknown;
    giving both is an input error (a second source that could contradict the first)."""
    sex: Sex | None = personal()
    """Personal data (sensitive): rules read it, no renderer prints it; ``None``: not recorded.
    It decides who is owed a declaration in a separate interview (VOL-017)."""
    relationship_to_head: Relationship | None = optional()
    specific_needs: tuple[str, ...] = records()
    unaccompanied_or_separated: bool | None = optional()
    best_interests_determination: BestInterestsDetermination | None = optional()
    consent: tuple[ConsentEvent, ...] = records()
    return_requested_on: pendulum.Date | None = optional()
    """When the person's own request for help to return (for instance an application for
    assisted voluntary return) was documented; ``None``: no documented request on record,
    which never counts as one."""
    coercion_screened_on: pendulum.Date | None = optional()
    """When the person was individually asked about threats and pressure."""
    coercion_indicators: tuple[CoercionIndicator, ...] = records()
    risk_profiles: tuple[RiskProfile, ...] | None = optional_records()
    """Risk profiles named in UNHCR positions that the person matches. Left out (null): the
    person was not screened for profiles, so any profile-limited position may cover them; an
    empty list: screened, none apply (a child still matches `children` by age, SPEC-003)."""
    intended_return_area: str | None = optional()
    """Overrides the household's intended return area: the person's intended destination."""
    place_of_origin: str | None = optional()
    """Reference of the return area where the person lived before displacement (their former
    habitual residence); ``None``: not recorded. It names one of the operation's return
    areas, so that the area's assessment says whether homes there can be reached."""
    destination_chosen: bool | None = optional()
    """Whether the person chose their intended return area (declared it, or freely accepted
    it among options); ``False``: it was decided for them (a designated zone, a camp, a
    relocation site); ``None``: not recorded."""
    planned_departure: pendulum.Date | None = optional()
    """Overrides the household's and the operation's planned departure."""
    stays_behind: bool | None = optional()
    """The person is a household member who is not part of this movement."""
    family_links: tuple[FamilyLink, ...] = records()
    """Family members outside the household (another household of the operation, the
    country of origin, the host country, a third country, or unknown); empty: none on record.
    Relationships inside the household are recorded to the head (``relationship_to_head``)."""
    child_safeguards: ChildSafeguards | None = optional()
    fit_to_travel: bool | None = optional()
    care_plan: bool | None = optional()
    """A continuity-of-care plan for specific needs exists for the journey and on arrival."""
    trafficking_survivor: bool | None = optional()
    retrafficking_risk_assessed_on: pendulum.Date | None = optional()
    retrafficking_risk_outcome: RiskAssessmentOutcome | None = optional()
    """What the re-trafficking and reprisal risk assessment found."""
    individual_protection_assessment_on: pendulum.Date | None = optional()
    """When an individual protection assessment was made (for people with risk profiles)."""
    individual_protection_assessment_outcome: RiskAssessmentOutcome | None = optional()
    """What the individual protection assessment found."""
    status_label: str | None = optional()
    """A label applied to the person by any actor (e.g. 'economic migrant')."""
    status_determined_by: StatusAuthority | None = optional()
    identity_or_travel_document: bool | None = optional()
    """The person holds, or will be issued, identity or travel documents for return."""
    born_in_exile: bool | None = optional()
    """Born outside the country of origin after the family was displaced from it; ``None``:
    not recorded (LEGAL-008)."""
    birth_registered: bool | None = optional()
    """The person's birth is registered with a civil registry (of the host country, or of the
    country of origin through its consulate), wherever they were born; ``None``: not recorded."""
    proof_of_nationality: bool | None = optional()
    """The person holds proof of nationality of the country of origin (a passport, national
    identity card or nationality certificate), or that country has confirmed their nationality
    individually; ``None``: not recorded."""
    property_claim: PropertyClaim | None = optional()
    """The person's claim to housing, land or property left behind (LEGAL-009); ``None``: not
    recorded, so it is unknown whether they left any."""
    protection_screening: ProtectionScreening | None = optional()
    asylum_claim: AsylumClaim | None = optional()
    disaster_displaced: bool | None = optional()
    """Whether the person was displaced across the border in the context of a disaster or of
    the adverse effects of climate change (sudden- or slow-onset); ``False``: established
    that they were not; ``None``: not recorded, and then the operation's
    ``disaster_displacement`` is read. A cause of displacement, never a legal category: it
    takes nothing from a refugee, and says nothing about whether the person needs
    international protection (see ``disaster_nexus_assessed``)."""
    disaster_nexus_assessed: bool | None = optional()
    """Whether the person's need for international protection was assessed by a competent
    authority or UNHCR with the disaster in view: whether it intersected with conflict,
    violence, persecution or events seriously disturbing public order, or left the state
    unable or unwilling to protect them (LEAD-010); ``None``: not recorded."""
    counselled_outside_detention: bool | None = optional()
    """A second counselling session held outside detention (for decisions taken in detention)."""
    settlement_options_offered: tuple[SettlementOption, ...] = records()
    settlement_option_chosen: SettlementOption | None = optional()
    reintegration_plan: bool | None = optional()
    deregistered_on: pendulum.Date | None = optional()
    departure_confirmed_on: pendulum.Date | None = optional()
    privacy_notice_given: bool | None = optional()
    name: str | None = personal()
    document_number: str | None = personal()
    phone_number: str | None = personal()
    notes: str | None = personal()


@attrs.frozen(kw_only=True, field_transformer=python_values)
class Household:
    """A household that returns (or is considered for return) together."""

    reference: str
    intended_return_area: str | None = optional()
    planned_departure: pendulum.Date | None = optional()
    members: tuple[Person, ...] = records()
