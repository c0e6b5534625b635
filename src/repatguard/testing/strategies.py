"""Hypothesis strategies that build valid operations, for property tests of repatguard and of
the systems that embed it.

Every operation drawn passes :func:`repatguard.model.validate.validate_operation` and survives
a round trip through the converter's ``unstructure``, JSON and :func:`repatguard.load`. The
knobs of :func:`operations`:

- ``categories``: the legal categories households are drawn from (each household has one);
- ``min_households`` / ``max_households``: how many households are on the manifest;
- ``safeguards``: ``"all"`` builds operations in which every safeguard holds, so the verdict
  of the operation and of every case is ``promote`` at ``as_of`` with the default parameters;
  ``"random"`` starts from such an operation and varies its facts: values flip, facts become
  ``None`` (unknown), records are dropped, pressure signals and coercion indicators appear.

Also :func:`dates` (pendulum ``Date``) and :func:`datetimes` (pendulum ``DateTime`` with a
fixed UTC offset). Importing Hypothesis registers ``st.from_type(Operation)`` (as
``operations()``) through the ``hypothesis`` entry point. Needs Hypothesis: install
``repatguard[testing]``. All data is invented.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterable
from enum import Enum
from typing import Any, Literal, TypeVar, cast

import attrs
import pendulum

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "repatguard.testing.strategies needs Hypothesis: pip install 'repatguard[testing]'"
    ) from exc

from repatguard.facts.parameters import Parameters
from repatguard.model import (
    Access,
    Agency,
    Agreement,
    AgreementClause,
    AgreementKind,
    ClaimStatus,
    ConditionsAssessment,
    ConsentEvent,
    ConsentKind,
    Consultation,
    CoordinationPlatform,
    DataCategory,
    DataRecipient,
    DataSharingAgreement,
    DataTransfer,
    Escalation,
    EscalationDecision,
    EscalationKind,
    ExploratoryVisit,
    FamilyLink,
    FamilyTie,
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
    PressureKind,
    PressureReview,
    PressureSignal,
    PropertyClaimStatus,
    ProtectionScreening,
    Relationship,
    ReturnArea,
    ReturneeIncident,
    SecurityLevel,
    SettlementOption,
    Sex,
    Stance,
    StatusAuthority,
    StayersPolicy,
    UnhcrPosition,
    VisitKind,
    Volatility,
    Whereabouts,
)
from repatguard.model.countries import ISO_3166_ALPHA3
from repatguard.model.protection import AsylumClaim, PropertyClaim
from repatguard.testing.factories import AS_OF

ADOLESCENT_AGE = Parameters().adolescent_age

__all__ = [
    "Safeguards",
    "dates",
    "datetimes",
    "operations",
]

Safeguards = Literal["all", "random"]

T = TypeVar("T")

_COUNTRIES = tuple(sorted(ISO_3166_ALPHA3))
_LANGUAGES = ("ar", "en", "es", "fa", "fr", "prs", "ps", "pt", "so", "sw", "ti")
_MAX_HOUSEHOLDS = 50
_OFFSETS = tuple(range(-12 * 60, 14 * 60 + 1, 15))
"""UTC offsets in minutes, whole quarter hours (what ISO 8601 offsets in input can say)."""
_EVENT_OFFSETS = tuple(m for m in _OFFSETS if m >= -4 * 60)
"""Offsets for consent events, so that an event on the day before as_of is before as_of."""


# --- dates and instants ----------------------------------------------------------------------


def dates(
    *,
    min_value: dt.date = dt.date(1900, 1, 1),
    max_value: dt.date = dt.date(2100, 12, 31),
) -> st.SearchStrategy[pendulum.Date]:
    """pendulum ``Date`` values between the bounds (inclusive)."""
    return st.dates(min_value=_plain_date(min_value), max_value=_plain_date(max_value)).map(
        _pendulum_date
    )


def datetimes(
    *,
    min_value: dt.datetime = dt.datetime(1900, 1, 1),  # noqa: DTZ001 - naive wall-clock bound
    max_value: dt.datetime = dt.datetime(2100, 12, 31, 23, 59, 59),  # noqa: DTZ001
    offsets: st.SearchStrategy[int] | None = None,
) -> st.SearchStrategy[pendulum.DateTime]:
    """Aware pendulum ``DateTime`` values with a fixed UTC offset.

    The bounds are naive and apply to the wall-clock time; ``offsets`` draws the offset in
    minutes (default: whole quarter hours from -12:00 to +14:00, as an ISO 8601 offset in
    input can say). Microseconds are included.
    """
    if min_value.tzinfo is not None or max_value.tzinfo is not None:
        raise InvalidArgument("datetimes() takes naive bounds (they apply to the wall clock)")
    minutes = offsets if offsets is not None else st.sampled_from(_OFFSETS)
    return st.builds(
        _aware,
        st.datetimes(min_value=min_value, max_value=max_value),
        minutes,
    )


def _plain_date(value: dt.date) -> dt.date:
    return dt.date(value.year, value.month, value.day)


def _pendulum_date(value: dt.date) -> pendulum.Date:
    return pendulum.Date(value.year, value.month, value.day)


def _aware(naive: dt.datetime, minutes: int) -> pendulum.DateTime:
    if not -24 * 60 < minutes < 24 * 60:
        raise InvalidArgument(f"a UTC offset must be within a day, got {minutes} minutes")
    zone = pendulum.FixedTimezone(minutes * 60)
    return pendulum.instance(naive.replace(tzinfo=zone))


def _moment(day: pendulum.Date, hour: int, minutes: int) -> pendulum.DateTime:
    return _aware(dt.datetime(day.year, day.month, day.day, hour), minutes)  # noqa: DTZ001


# --- operations: the knobs -------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _Knobs:
    categories: tuple[LegalCategory, ...]
    min_households: int
    max_households: int
    safeguards: Safeguards
    as_of: pendulum.Date


def operations(
    *,
    categories: Iterable[LegalCategory | str] = tuple(LegalCategory),
    min_households: int = 1,
    max_households: int = 4,
    safeguards: Safeguards = "random",
    as_of: dt.date = AS_OF,
) -> st.SearchStrategy[Operation]:
    """Valid operations; see the module documentation for the knobs.

    With ``safeguards="all"`` the verdict of the operation and of every case is ``promote``
    at ``as_of`` (checked with the default parameters and catalogue); ``min_households`` must
    then be at least 1, since an operation with no one in scope cannot be cleared.
    """
    try:
        chosen = tuple(dict.fromkeys(LegalCategory(c) for c in categories))
    except ValueError as exc:
        raise InvalidArgument(f"categories: {exc}") from None
    if not chosen:
        raise InvalidArgument("categories must name at least one legal category")
    if safeguards not in ("all", "random"):
        raise InvalidArgument(f"safeguards must be 'all' or 'random', got {safeguards!r}")
    lowest = 1 if safeguards == "all" else 0
    if not lowest <= min_households <= max_households <= _MAX_HOUSEHOLDS:
        raise InvalidArgument(
            f"need {lowest} <= min_households <= max_households <= {_MAX_HOUSEHOLDS} "
            f"(with safeguards={safeguards!r}), got {min_households} and {max_households}"
        )
    if isinstance(as_of, dt.datetime):
        raise InvalidArgument("as_of is a date: operations are built around a day")
    knobs = _Knobs(
        categories=chosen,
        min_households=min_households,
        max_households=max_households,
        safeguards=safeguards,
        as_of=_pendulum_date(as_of),
    )
    return _operations(knobs)


@st.composite
def _operations(draw: st.DrawFn, knobs: _Knobs) -> Operation:
    operation = _sound(draw, knobs)
    if knobs.safeguards == "all":
        return operation
    return _vary(draw, operation, knobs.as_of)


# --- operations in which every safeguard holds -----------------------------------------------


def _days_before(draw: st.DrawFn, day: pendulum.Date, low: int, high: int) -> pendulum.Date:
    return day.subtract(days=draw(st.integers(low, high)))


# Long on purpose: one draw per field of a sound operation, in the order of the model, so
# that shrinking keeps the fields apart.
def _sound(draw: st.DrawFn, knobs: _Knobs) -> Operation:
    as_of = knobs.as_of
    count = draw(st.integers(knobs.min_households, knobs.max_households))
    categories = [draw(st.sampled_from(knobs.categories)) for _ in range(count)]
    only_idps = bool(categories) and all(c is LegalCategory.IDP for c in categories)
    origin = draw(st.sampled_from(_COUNTRIES))
    host = origin if only_idps else draw(st.sampled_from(_COUNTRIES).filter(origin.__ne__))
    area_count = draw(st.integers(1, 3))
    # Per-area records of initiative and messaging, when drawn, agree with what holds.
    areas = tuple(
        ReturnArea(
            reference=f"AREA-{i}",
            name=f"Return area {i}",
            initiated_by=draw(st.sampled_from([None, Initiator.DISPLACED_PERSONS])),
            promotional_messaging=draw(st.sampled_from([None, False])),
        )
        for i in range(1, area_count + 1)
    )
    assessments = tuple(
        _assessment(area.reference, f"ASM-{i}", _days_before(draw, as_of, 61, 150))
        for i, area in enumerate(areas, start=1)
    )
    departure = as_of.add(days=draw(st.integers(1, 25)))
    households = tuple(
        attrs.evolve(
            _household(draw, as_of, f"HH-{h}", category, draw(st.sampled_from(areas)).reference),
            planned_departure=departure,
        )
        for h, category in enumerate(categories, start=1)
    )
    households = _linked_households(draw, households)
    # Some operations return people displaced across the border by a disaster (PREM-016,
    # LEAD-010): their stay is kept, and whose protection need is not settled by refugee
    # status had it assessed with the disaster in view.
    disaster = draw(st.booleans())
    if disaster:
        households = tuple(_displaced_by_disaster(draw, h) for h in households)
    listed = {
        c: sum(1 for h in households for p in h.members if p.legal_category is c)
        for c in LegalCategory
    }
    population = Population(
        refugees=listed[LegalCategory.REFUGEE],
        asylum_seekers=listed[LegalCategory.ASYLUM_SEEKER],
        migrants=listed[LegalCategory.MIGRANT],
        idps=listed[LegalCategory.IDP],
        stateless=listed[LegalCategory.STATELESS],
        unknown=listed[LegalCategory.UNKNOWN],
    )
    idps = listed[LegalCategory.IDP] > 0
    return Operation(
        reference=f"OP-{draw(st.integers(1, 9999)):04d}",
        host_country=host,
        origin_country=origin,
        movement_kind=MovementKind.ORGANISED,
        initiated_by=Initiator.DISPLACED_PERSONS,
        movement_window=MovementWindow(
            start=departure, end=departure.add(days=draw(st.integers(0, 60)))
        ),
        return_areas=areas,
        population=population,
        lead=_lead(draw, as_of, listed, only_idps),
        escalations=(_escalation(draw, as_of),) if draw(st.booleans()) else (),
        agreements=() if only_idps else (_agreement(draw, as_of, host, origin),),
        positions=(
            UnhcrPosition(
                reference="POS-1",
                stances=(Stance.PROMOTING,),
                country=origin,
                issued_on=_days_before(draw, as_of, 30, 400),
            ),
        ),
        positions_consulted_on=_days_before(draw, as_of, 0, 6),
        assessments=assessments,
        pressure_review=PressureReview(
            reviewed_on=_days_before(draw, as_of, 0, 89), reviewed_by="protection unit"
        ),
        stayers_policy=StayersPolicy(status_kept=True, assistance_kept=True),
        promotional_messaging=False,
        route_monitoring=True,
        driven_by_cessation=False,
        origin_listed_as_safe_country=False,
        short_visits_keep_status=True,
        exploratory_visits=_visits(draw, as_of, areas),
        monitoring_reports=_monitoring_reports(draw, as_of, areas),
        exit_barriers=False,
        disaster_displacement=disaster,
        humanitarian_stay_kept=True if disaster else None,
        idp_consultations=(
            (
                Consultation(
                    held_on=_days_before(draw, as_of, 1, 120),
                    women_included=True,
                    marginalised_groups_included=True,
                ),
            )
            if idps
            else ()
        ),
        data_transfers=(_data_transfer(),) if draw(st.booleans()) and not only_idps else (),
        data_sharing_agreements=() if only_idps else (_sharing_agreement(draw, as_of, origin),),
        registrations_checked_on=_days_before(draw, as_of, 0, 30),
        claims_durable_solution=False,
        households=households,
    )


def _displaced_by_disaster(draw: st.DrawFn, household: Household) -> Household:
    """``household`` in an operation that records disaster displacement in scope: each
    member's own record left out (the operation's stands) or drawn, and the assessment
    LEAD-010 asks for made where refugee status does not settle it."""

    def member(person: Person) -> Person:
        concerned = person.legal_category not in (LegalCategory.REFUGEE, LegalCategory.IDP)
        return attrs.evolve(
            person,
            disaster_displaced=draw(st.sampled_from([None, True, False])),
            disaster_nexus_assessed=True if concerned else None,
        )

    return attrs.evolve(household, members=tuple(member(p) for p in household.members))


def _assessment(area: str, reference: str, assessed_on: pendulum.Date) -> ConditionsAssessment:
    return ConditionsAssessment(
        reference=reference,
        area=area,
        assessed_on=assessed_on,
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


_MANDATE = frozenset(
    {
        LegalCategory.REFUGEE,
        LegalCategory.ASYLUM_SEEKER,
        LegalCategory.STATELESS,
        LegalCategory.UNKNOWN,
    }
)
_PREDOMINANT = 0.66
"""The default ``predominant_share`` parameter (LEAD-003)."""


def _lead(
    draw: st.DrawFn,
    as_of: pendulum.Date,
    listed: dict[LegalCategory, int],
    only_idps: bool,
) -> LeadArrangement:
    """The lead the population mix calls for (LEAD-001, LEAD-003)."""
    if only_idps:
        return LeadArrangement(lead_agency=Agency.IOM, lead_disputed=False)
    arrangement = PartnerArrangement(
        reference="ARR-1",
        parties=("UNHCR", "IOM"),
        signed_on=_days_before(draw, as_of, 30, 800),
        places_partners_under_unhcr_lead=True,
    )
    partners = (
        Partner(organisation="IOM", agency=Agency.IOM, roles=("transport",), arrangement="ARR-1"),
    )
    mandate = sum(n for c, n in listed.items() if c in _MANDATE)
    crossing = sum(n for c, n in listed.items() if c is not LegalCategory.IDP)
    share = mandate / crossing if crossing else 1.0
    platform = CoordinationPlatform(
        name="Refugees and migrants platform",
        co_leads=(Agency.UNHCR, Agency.IOM),
        refugee_component_lead=Agency.UNHCR,
    )
    if share >= _PREDOMINANT:
        return LeadArrangement(
            lead_agency=Agency.UNHCR,
            implementing_partners=partners,
            arrangements=(arrangement,),
            lead_disputed=False,
        )
    if share <= 1 - _PREDOMINANT:
        return LeadArrangement(
            lead_agency=Agency.IOM,
            co_led_platform=platform if mandate else None,
            implementing_partners=(),
            lead_disputed=False,
        )
    return LeadArrangement(
        co_led_platform=platform,
        implementing_partners=partners,
        arrangements=(arrangement,),
        lead_disputed=False,
    )


def _agreement(draw: st.DrawFn, as_of: pendulum.Date, host: str, origin: str) -> Agreement:
    return Agreement(
        reference="TPA-1",
        kind=AgreementKind.TRIPARTITE,
        parties=(host, origin, "UNHCR"),
        signed_on=_days_before(draw, as_of, 60, 900),
        covers=tuple(AgreementClause),
        commission_last_met=_days_before(draw, as_of, 0, 180),
    )


def _visits(
    draw: st.DrawFn, as_of: pendulum.Date, areas: tuple[ReturnArea, ...]
) -> tuple[ExploratoryVisit, ...] | None:
    """Go-and-see visits, over and reported back, or none, or none recorded (no standard
    requires visits, so each of these lets every safeguard hold)."""
    choice = draw(st.sampled_from(("none_recorded", "none", "visits")))
    if choice == "none_recorded":
        return None
    if choice == "none":
        return ()
    visits = []
    for i in range(1, draw(st.integers(1, 2)) + 1):
        started = _days_before(draw, as_of, 10, 200)
        visits.append(
            ExploratoryVisit(
                reference=f"GSV-{i}",
                kind=VisitKind.GO_AND_SEE,
                area=draw(st.sampled_from(areas)).reference,
                started_on=started,
                ended_on=started.add(days=draw(st.integers(0, 9))),
                representatives=(f"REP-{i}-1", f"REP-{i}-2"),
                reported_back=True,
            )
        )
    return tuple(visits)


def _monitoring_reports(
    draw: st.DrawFn, as_of: pendulum.Date, areas: tuple[ReturnArea, ...]
) -> tuple[MonitoringReport, ...]:
    """Current returnee monitoring reports of some areas that found no incident of any kind,
    each kind recorded by its flag alone (a count beside it could contradict a varied
    flag)."""
    reports = []
    for i, area in enumerate(areas, start=1):
        if not draw(st.booleans()):
            continue
        ended = _days_before(draw, as_of, 1, 80)
        reports.append(
            MonitoringReport(
                reference=f"MON-{i}",
                area=area.reference,
                reported_on=ended.add(days=draw(st.integers(0, 1))),
                period_start=ended.subtract(days=draw(st.integers(0, 90))),
                period_end=ended,
                monitored_by=draw(st.sampled_from([Agency.UNHCR, Agency.NGO])),
                returnees_monitored=draw(st.integers(0, 500)),
                incidents=tuple(
                    IncidentRecord(kind=kind, occurred=False) for kind in ReturneeIncident
                ),
            )
        )
    return tuple(reports)


def _data_transfer() -> DataTransfer:
    return DataTransfer(
        recipient=DataRecipient.ORIGIN_AUTHORITIES,
        purpose="identity verification for readmission",
        includes_claim_content=False,
        legal_basis="tripartite agreement TPA-1, documentation clause",
        disclosed_to_persons=True,
        consent_recorded=True,
        categories=(DataCategory.IDENTITY, DataCategory.DOCUMENTS),
        agreement="DSA-1",
    )


def _escalation(draw: st.DrawFn, as_of: pendulum.Date) -> Escalation:
    """An issue of concern that the joint escalation path decided in time: to proceed."""
    raised = _days_before(draw, as_of, 10, 200)
    return Escalation(
        reference="ESC-1",
        raised_on=raised,
        raised_by=draw(st.sampled_from([Agency.UNHCR, Agency.IOM])),
        raised_by_role="Representative",
        issue="pace of returns",
        kind=draw(st.sampled_from(EscalationKind)),
        decision=EscalationDecision.PROCEED,
        decided_on=raised.add(days=draw(st.integers(0, 9))),
    )


def _sharing_agreement(draw: st.DrawFn, as_of: pendulum.Date, origin: str) -> DataSharingAgreement:
    """The data-sharing agreement in force that covers the transfer of :func:`_data_transfer`."""
    return DataSharingAgreement(
        reference="DSA-1",
        parties=(origin, "UNHCR"),
        recipients=(DataRecipient.ORIGIN_AUTHORITIES,),
        purposes=("identity verification for readmission",),
        categories=(DataCategory.IDENTITY, DataCategory.DOCUMENTS),
        safeguards=("no onward transfer",),
        signed_on=_days_before(draw, as_of, 30, 900),
        ends_on=as_of.add(days=draw(st.integers(30, 900))),
    )


def _household(
    draw: st.DrawFn, as_of: pendulum.Date, reference: str, category: LegalCategory, area: str
) -> Household:
    assessment = f"ASM-{area.removeprefix('AREA-')}"
    relationships = [Relationship.HEAD]
    if draw(st.booleans()):
        relationships.append(Relationship.SPOUSE)
    if draw(st.integers(0, 3)) == 0:
        relationships.append(
            draw(
                st.sampled_from(
                    (Relationship.PARENT, Relationship.SIBLING, Relationship.OTHER_RELATIVE)
                )
            )
        )
    members = [
        _adult(
            draw,
            as_of,
            reference=f"{reference}-P{i}",
            relationship=relationship,
            category=category,
            assessment=assessment,
            area=area,
        )
        for i, relationship in enumerate(relationships, start=1)
    ]
    for _ in range(draw(st.integers(0, 3))):
        members.append(
            _child(draw, as_of, f"{reference}-P{len(members) + 1}", category, assessment)
        )
    return Household(reference=reference, intended_return_area=area, members=tuple(members))


def _category_facts(
    draw: st.DrawFn, as_of: pendulum.Date, category: LegalCategory
) -> dict[str, Any]:
    if category is LegalCategory.MIGRANT:
        return {
            "status_determined_by": StatusAuthority.COMPETENT_AUTHORITY,
            "protection_screening": ProtectionScreening(
                screened_on=_days_before(draw, as_of, 1, 60), expressed_fear_of_return=False
            ),
            "asylum_claim": AsylumClaim(status=ClaimStatus.NONE),
        }
    if category in (LegalCategory.UNKNOWN, LegalCategory.ASYLUM_SEEKER):
        return {"status_determined_by": None}
    if category is LegalCategory.IDP:
        return {
            "settlement_options_offered": tuple(SettlementOption),
            "settlement_option_chosen": SettlementOption.RETURN,
        }
    return {
        "status_determined_by": draw(
            st.sampled_from((StatusAuthority.UNHCR, StatusAuthority.COMPETENT_AUTHORITY))
        )
    }


def _adult(
    draw: st.DrawFn,
    as_of: pendulum.Date,
    *,
    reference: str,
    relationship: Relationship,
    category: LegalCategory,
    assessment: str,
    area: str,
) -> Person:
    # Twenty or older: an adult stays one whichever departure date a variation records.
    born = as_of.subtract(years=20, days=draw(st.integers(0, 55 * 365)))
    return Person(
        reference=reference,
        legal_category=category,
        date_of_birth=born,
        relationship_to_head=relationship,
        unaccompanied_or_separated=False,
        sex=draw(st.sampled_from(Sex)),
        consent=_consent(draw, as_of, assessment),
        coercion_screened_on=_days_before(draw, as_of, 1, 30),
        risk_profiles=(),
        stays_behind=False,
        family_links=_family_links(draw),
        trafficking_survivor=False,
        identity_or_travel_document=True,
        reintegration_plan=True,
        privacy_notice_given=True,
        place_of_origin=area,  # going home, by their own choice (COND-010)
        destination_chosen=True,
        born_in_exile=False,
        birth_registered=True,
        # A stateless person relies on the recognition recorded in the assessment (LEGAL-008).
        proof_of_nationality=category is not LegalCategory.STATELESS,
        property_claim=_property_claim(draw),
        **_category_facts(draw, as_of, category),
    )


def _property_claim(draw: st.DrawFn) -> PropertyClaim:
    """Nothing left behind, or a claim at any stage that the person was told about and that
    does not depend on their return (LEGAL-009 passes)."""
    if draw(st.booleans()):
        return PropertyClaim(left_behind=False)
    return PropertyClaim(
        left_behind=True,
        informed_of_procedure=True,
        status=draw(st.sampled_from(PropertyClaimStatus)),
        tied_to_return=False,
    )


def _child(
    draw: st.DrawFn,
    as_of: pendulum.Date,
    reference: str,
    category: LegalCategory,
    assessment: str,
) -> Person:
    born = as_of.subtract(days=draw(st.integers(1, 16 * 365)))
    sex = draw(st.sampled_from(Sex))
    # An adolescent girl declares for herself, apart from her household (VOL-017).
    own_say = sex is not Sex.MALE and as_of.diff(born).in_years() >= ADOLESCENT_AGE
    return Person(
        reference=reference,
        legal_category=category,
        date_of_birth=born,
        sex=sex,
        consent=_consent(draw, as_of, assessment) if own_say else (),
        relationship_to_head=Relationship.CHILD,
        unaccompanied_or_separated=False,
        risk_profiles=(),
        stays_behind=False,
        family_links=_family_links(draw),
        trafficking_survivor=False,
        identity_or_travel_document=True,
        reintegration_plan=True,
        privacy_notice_given=True,
        destination_chosen=True,
        # Born in exile (or, for internally displaced children, in displacement) with a
        # registered birth; nationality proven or, when not, recognised (LEGAL-008).
        born_in_exile=category is not LegalCategory.IDP,
        birth_registered=True,
        proof_of_nationality=category is not LegalCategory.STATELESS and draw(st.booleans()),
        **_category_facts(draw, as_of, category),
    )


_SAFE_LINKS = (
    # Family outside the household that no verdict turns on: a parent already home or
    # returning too, a sibling resettled elsewhere, a relative whose whereabouts are unknown.
    FamilyLink(relationship=FamilyTie.PARENT, whereabouts=Whereabouts.COUNTRY_OF_ORIGIN),
    FamilyLink(relationship=FamilyTie.PARENT, whereabouts=Whereabouts.HOST_COUNTRY, returns=True),
    FamilyLink(
        relationship=FamilyTie.SIBLING, whereabouts=Whereabouts.THIRD_COUNTRY, returns=False
    ),
    FamilyLink(relationship=FamilyTie.OTHER),
)


def _family_links(draw: st.DrawFn) -> tuple[FamilyLink, ...]:
    return tuple(draw(st.lists(st.sampled_from(_SAFE_LINKS), max_size=2)))


def _linked_households(draw: st.DrawFn, households: tuple[Household, ...]) -> tuple[Household, ...]:
    """Sometimes links the head of a household to the next household (a sibling or a parent
    who returns too), so that links between households of the operation are drawn."""
    linked = list(households)
    for index in range(len(households) - 1):
        if not households[index].members or not draw(st.booleans()):
            continue
        link = FamilyLink(
            relationship=draw(st.sampled_from((FamilyTie.SIBLING, FamilyTie.PARENT))),
            whereabouts=Whereabouts.OTHER_HOUSEHOLD,
            household=households[index + 1].reference,
            returns=True,
        )
        head, *others = linked[index].members
        head = attrs.evolve(head, family_links=(*head.family_links, link))
        linked[index] = attrs.evolve(linked[index], members=(head, *others))
    return tuple(linked)


def _without_dangling_links(operation: Operation) -> Operation:
    """Drops the family links naming a household the variation left out."""
    present = {household.reference for household in operation.households}

    def kept(person: Person) -> Person:
        links = tuple(
            link
            for link in person.family_links
            if link.household is None or link.household in present
        )
        return person if links == person.family_links else attrs.evolve(person, family_links=links)

    households = tuple(
        attrs.evolve(household, members=tuple(kept(p) for p in household.members))
        for household in operation.households
    )
    return attrs.evolve(operation, households=households)


def _consent(draw: st.DrawFn, as_of: pendulum.Date, assessment: str) -> tuple[ConsentEvent, ...]:
    """Declaration, then an information session, then a reconfirmation before ``as_of``."""
    reconfirmed = draw(st.integers(1, 5))
    session = draw(st.integers(reconfirmed + 1, 60))
    declared = draw(st.integers(session + 1, session + 30))

    hour = draw(st.integers(8, 17))
    offset = draw(st.sampled_from(_EVENT_OFFSETS))

    def moment(days: int) -> pendulum.DateTime:
        return _moment(as_of.subtract(days=days), hour, offset)

    return (
        ConsentEvent(kind=ConsentKind.DECLARATION, at=moment(declared), held_separately=True),
        ConsentEvent(
            kind=ConsentKind.INFORMATION_SESSION,
            at=moment(session),
            language=draw(st.sampled_from(_LANGUAGES)),
            assessment=assessment,
            disclosed_negative_findings=True,
            understood_language=True,
            topics_covered=tuple(InformationTopic),
        ),
        ConsentEvent(kind=ConsentKind.RECONFIRMATION, at=moment(reconfirmed)),
    )


# --- random variation, keeping the operation valid -------------------------------------------

_FIXED_DATES = frozenset(
    {
        (MovementWindow, "end"),
        (UnhcrPosition, "lifted_on"),
        (UnhcrPosition, "review_due_on"),
        (UnhcrPosition, "reviewed_on"),
        (Agreement, "signed_on"),
        (Agreement, "ends_on"),
        (DataSharingAgreement, "signed_on"),
        (DataSharingAgreement, "ends_on"),
        (Escalation, "raised_on"),
        (Escalation, "decided_on"),
        (ExploratoryVisit, "started_on"),
        (ExploratoryVisit, "ended_on"),
        (MonitoringReport, "reported_on"),
        (MonitoringReport, "period_start"),
        (MonitoringReport, "period_end"),
        (PressureSignal, "ended_on"),
        (Person, "date_of_birth"),
    }
)
"""Optional dates that are only ever kept or made unknown: moving them could break the order
of dates (or make an adult head of household a child)."""

_DROPPABLE = frozenset(
    {
        (Operation, "households"),
        (Operation, "positions"),
        (Operation, "agreements"),
        (Operation, "pressure_signals"),
        (Operation, "idp_consultations"),
        (Operation, "data_transfers"),
        (Operation, "escalations"),
        (Operation, "exploratory_visits"),
        (Operation, "monitoring_reports"),
        (LeadArrangement, "implementing_partners"),
        (Person, "consent"),
    }
)
"""Records that can be left out without leaving a reference dangling."""

_SESSION_ONLY = frozenset(
    {
        "language",
        "assessment",
        "disclosed_negative_findings",
        "understood_language",
        "topics_covered",
    }
)
_KEPT_OR_UNKNOWN = frozenset({(Person, "relationship_to_head")})
"""Optional facts only ever kept or made unknown (a child made head of household would
contradict itself)."""
_NOT_VARIED = frozenset(
    {
        (Operation, "population"),
        (Operation, "waivers"),
        (ConditionsAssessment, "area"),
        (ConditionsAssessment, "areas"),
        (FamilyLink, "household"),
    }
)
"""Handled on their own (counts must cover the manifest, an assessment's areas by
:func:`_regional`) or left alone."""


@attrs.frozen(kw_only=True)
class _Variation:
    draw: st.DrawFn
    as_of: pendulum.Date
    rate: int
    """How much varies, in percent: 0 keeps the operation as it is."""

    def _chance(self, percent: int) -> bool:
        if percent <= 0:
            return False
        # Shrinks towards 0: towards keeping the operation as it is.
        return self.draw(st.integers(0, 99)) >= 100 - percent

    def touches(self) -> bool:
        """Whether any fact of one record changes (one draw per record keeps this fast)."""
        return self._chance(5 * self.rate)

    def changes(self) -> bool:
        """Whether one fact of a touched record changes."""
        return self._chance(2 * self.rate)


def _vary(draw: st.DrawFn, operation: Operation, as_of: pendulum.Date) -> Operation:
    variation = _Variation(draw=draw, as_of=as_of, rate=draw(st.integers(0, 10)))
    varied = _disaster_consistent(
        _operation_worst_of_areas(_without_dangling_links(_vary_instance(variation, operation)))
    )
    signals = tuple(_signal(draw, as_of) for _ in range(draw(st.integers(0, 2))))
    kind = draw(st.sampled_from(MovementKind)) if variation.touches() else varied.movement_kind
    return attrs.evolve(
        varied,
        assessments=_regional(variation, varied),
        movement_kind=kind,
        pressure_signals=(*varied.pressure_signals, *signals),
        population=_counts(variation, varied),
    )


def _operation_worst_of_areas(operation: Operation) -> Operation:
    """The operation's initiative and messaging made no better than any area's own (an area
    may record a better value than the operation's, never a worse one: an input error)."""
    for area in operation.return_areas:
        if area.promotional_messaging is True and operation.promotional_messaging is False:
            operation = attrs.evolve(operation, promotional_messaging=True)
        if (
            area.initiated_by not in (None, Initiator.DISPLACED_PERSONS)
            and operation.initiated_by is Initiator.DISPLACED_PERSONS
        ):
            operation = attrs.evolve(operation, initiated_by=area.initiated_by)
    return operation


def _disaster_consistent(operation: Operation) -> Operation:
    """An operation that records no one displaced by a disaster while a person records that
    they were is an input error: the operation's record then becomes unknown."""
    if operation.disaster_displacement is not False:
        return operation
    if any(p.disaster_displaced is True for h in operation.households for p in h.members):
        return attrs.evolve(operation, disaster_displacement=None)
    return operation


def _regional(variation: _Variation, operation: Operation) -> tuple[ConditionsAssessment, ...]:
    """The assessments, the first one sometimes made at region level for every area."""
    assessments = operation.assessments
    if not assessments or not variation.touches():
        return assessments
    areas = tuple(area.reference for area in operation.return_areas)
    return (attrs.evolve(assessments[0], area=None, areas=areas), *assessments[1:])


def _counts(variation: _Variation, operation: Operation) -> Population:
    """Counts that cover the manifest: as listed, more than listed, or unknown."""
    draw = variation.draw
    listed = dict.fromkeys(LegalCategory, 0)
    for household in operation.households:
        for person in household.members:
            listed[person.legal_category] += 1

    def count(category: LegalCategory) -> int | None:
        if not variation.changes():
            return listed[category]
        return draw(st.one_of(st.none(), st.integers(listed[category], listed[category] + 5)))

    return Population(
        refugees=count(LegalCategory.REFUGEE),
        asylum_seekers=count(LegalCategory.ASYLUM_SEEKER),
        migrants=count(LegalCategory.MIGRANT),
        idps=count(LegalCategory.IDP),
        stateless=count(LegalCategory.STATELESS),
        unknown=count(LegalCategory.UNKNOWN),
    )


def _signal(draw: st.DrawFn, as_of: pendulum.Date) -> PressureSignal:
    started = _days_before(draw, as_of, -10, 400)
    ended = draw(st.none() | st.integers(1, 400).map(lambda n: started.add(days=n)))
    return PressureSignal(
        kind=draw(st.sampled_from(PressureKind)),
        started_on=started,
        ended_on=ended,
        tied_to_refusing_return=draw(st.none() | st.booleans()),
        source="monitoring report",
    )


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _hints(cls: type[Any]) -> dict[str, Any]:
    found = _HINTS.get(cls)
    if found is None:
        found = _HINTS[cls] = typing.get_type_hints(cls)
    return found


def _optional(hint: Any) -> tuple[Any, bool]:
    """``(X, True)`` for ``X | None``, else ``(hint, False)``."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return hint, False


def _vary_instance(variation: _Variation, instance: T) -> T:
    cls: type[Any] = type(instance)
    hints = _hints(cls)
    touched = variation.touches()
    changes: dict[str, Any] = {}
    for field in attrs.fields(cls):
        if not field.init or (cls, field.name) in _NOT_VARIED:
            continue
        if (
            isinstance(instance, ConsentEvent)
            and instance.kind is not ConsentKind.INFORMATION_SESSION
            and field.name in _SESSION_ONLY
        ):
            continue  # only information sessions carry these
        current = getattr(instance, field.name)
        where = _Where(cls=cls, name=field.name, touched=touched)
        new = _vary_value(variation, where, hints[field.name], current)
        if new is not current:
            changes[field.name] = new
    if not changes:
        return instance
    return cast(T, attrs.evolve(cast(Any, instance), **changes))


@attrs.frozen(kw_only=True)
class _Where:
    """The field being varied, and whether its record is touched at all."""

    cls: type[Any]
    name: str
    touched: bool

    @property
    def key(self) -> tuple[type[Any], str]:
        return (self.cls, self.name)


def _vary_value(variation: _Variation, where: _Where, hint: Any, current: Any) -> Any:
    inner, optional = _optional(hint)
    if typing.get_origin(inner) is tuple:
        return _vary_records(variation, where, typing.get_args(inner)[0], current)
    if attrs.has(inner):
        if current is None:
            return None
        if optional and where.touched and variation.changes():
            return None
        return _vary_instance(variation, current)
    if not optional or not where.touched or not variation.changes():
        return current
    return _replacement(variation, where, inner, current)


def _replacement(variation: _Variation, where: _Where, kind: Any, current: Any) -> Any:
    """A new value for an optional fact: unknown, or another value of its type."""
    draw = variation.draw
    if kind is bool:
        return draw(st.sampled_from([None, True, False]))
    if isinstance(kind, type) and issubclass(kind, Enum) and where.key not in _KEPT_OR_UNKNOWN:
        return draw(st.one_of(st.none(), st.sampled_from(kind)))
    if kind is pendulum.Date and where.key not in _FIXED_DATES:
        anchor = current if current is not None else variation.as_of
        return draw(st.one_of(st.none(), st.integers(-200, 200).map(lambda n: anchor.add(days=n))))
    # Texts, numbers, references and fixed dates: kept or unknown, never invented, so that no
    # reference dangles and no order of dates breaks.
    return None


def _vary_records(
    variation: _Variation, where: _Where, item: Any, current: tuple[Any, ...] | None
) -> tuple[Any, ...] | None:
    draw = variation.draw
    if current is None:
        return None  # a list not recorded stays unknown
    if isinstance(item, type) and issubclass(item, Enum):
        if not where.touched or not variation.changes():
            return current
        return tuple(draw(st.lists(st.sampled_from(item), unique=True, max_size=3)))
    if not attrs.has(item):
        return () if current and where.touched and variation.changes() else current
    droppable = where.touched and where.key in _DROPPABLE
    kept = [
        _vary_instance(variation, record)
        for record in current
        if not droppable or not variation.changes()
    ]
    if where.key == (Person, "consent") and where.touched and variation.changes():
        withdrawn = _moment(_days_before(draw, variation.as_of, 1, 40), 12, 0)
        kept.append(ConsentEvent(kind=ConsentKind.WITHDRAWAL, at=withdrawn))
    return tuple(kept)
