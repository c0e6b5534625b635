"""Facts derived once per check: what is in force at ``as_of``, and the indexes rules need.

Everything time-dependent is decided here against ``as_of``; nothing reads the clock.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

import attrs
import pendulum

from repatguard.facts import people
from repatguard.facts.links import LinkedHousehold, events_at, linked_households
from repatguard.facts.parameters import Parameters
from repatguard.model import (
    Agreement,
    ConditionsAssessment,
    ConsentEvent,
    Household,
    LegalCategory,
    MonitoringReport,
    Operation,
    Person,
    PressureSignal,
    Relationship,
    ReturnArea,
    UnhcrPosition,
)
from repatguard.model.dates import age_bounds

__all__ = [
    "UNHCR_MANDATE",
    "AgeFacts",
    "AgeSpan",
    "Events",
    "Facts",
    "Kin",
    "ManifestCounts",
    "Member",
    "MemberTest",
    "PopulationMix",
    "adult_on_some_day",
    "age_on",
    "age_through",
    "build_facts",
    "count_people",
    "needs_own_screening",
]

UNHCR_MANDATE = frozenset(
    {
        LegalCategory.REFUGEE,
        LegalCategory.ASYLUM_SEEKER,
        LegalCategory.STATELESS,
        LegalCategory.UNKNOWN,
    }
)
"""Categories for which UNHCR leads: refugees, asylum-seekers, stateless people, and anyone
whose protection need has not been assessed (unknown is never counted as migrant)."""


@attrs.frozen(kw_only=True)
class PopulationMix:
    """Counts by legal category, or ``None`` where the count is unknown."""

    counts: dict[LegalCategory, int | None]
    listed: dict[LegalCategory, int]
    """How many people of each category the manifest lists (a lower bound on the counts)."""
    source: str
    """``declared`` (the operation's population) or ``manifest`` (counted from households)."""

    @property
    def declared(self) -> bool:
        """Whether the counts were declared; counts read off the manifest are only a lower
        bound (people not listed may be of any category), never the whole population."""
        return self.source == "declared"

    @property
    def complete(self) -> bool:
        """Every count declared (fail closed: the manifest never stands in for a count)."""
        return self.declared and all(count is not None for count in self.counts.values())

    def mandate_share(self) -> float | None:
        """Share of people under UNHCR's mandate among those who cross a border.

        Internally displaced people are left out: they return within their own country, so
        they do not bear on the refugee-or-migrant question. ``None`` when it cannot be known.
        """
        if not self.complete:
            return None
        total = sum(count or 0 for c, count in self.counts.items() if c is not LegalCategory.IDP)
        if total == 0:
            return None
        return sum(self.counts[c] or 0 for c in UNHCR_MANDATE) / total

    def only_internally_displaced(self) -> bool:
        """Everyone counted is internally displaced (and the counts are complete)."""
        return (
            self.complete
            and (self.counts[LegalCategory.IDP] or 0) > 0
            and all(count == 0 for c, count in self.counts.items() if c is not LegalCategory.IDP)
        )

    def involves_mandate(self) -> bool | None:
        """Whether anyone in scope is under UNHCR's mandate; ``None`` if unknown."""
        if any((self.counts[c] or 0) > 0 or self.listed[c] > 0 for c in UNHCR_MANDATE):
            return True
        if self.declared and all(self.counts[c] == 0 for c in UNHCR_MANDATE):
            return False
        return None

    def missing(self) -> list[str]:
        """The categories whose count is unknown (all of them when none was declared)."""
        if not self.declared:
            return [str(c) for c in self.counts]
        return [str(c) for c, count in self.counts.items() if count is None]


def age_on(
    person: Person, date: pendulum.Date | None, *, adult_age: int | None = None
) -> int | None:
    """Age in completed years on ``date``; falls back to the recorded age.

    A date of birth known only to the month or the year may give two ages. Then the age is
    the youngest, if ``adult_age`` is given and both ages fall on the same side of it, and
    ``None`` (unknown) otherwise: reading a person who may be either a child or an adult as
    one of them would skip the safeguards of the other, so both sets stay open.
    """
    if person.date_of_birth is not None and date is not None:
        youngest, oldest = age_bounds(person.date_of_birth, date)
        if youngest == oldest:
            return youngest
        if adult_age is not None and (youngest >= adult_age) == (oldest >= adult_age):
            return youngest
        return None
    return person.age


@attrs.frozen(kw_only=True)
class ManifestCounts:
    """Counts over households that are *not* held in ``operation.households``.

    A streamed manifest (:mod:`repatguard.stream`) checks households one at a time and keeps
    only these counters, never the households, so that operation-level rules (the population
    mix, PREM-014) still see everyone. Partial counts add up with :meth:`merge`.
    """

    households: int = 0
    persons: int = 0
    """Everyone listed, members who stay behind included."""
    listed: dict[LegalCategory, int] = attrs.field(factory=dict)
    """Persons listed per legal category (categories with no one may be absent)."""
    coercion_flagged: int = 0
    """Persons with at least one coercion indicator recorded."""
    coercion_unscreened: int = 0
    """Persons without indicators who needed their own coercion screening and had none on or
    before as_of (see :func:`needs_own_screening`)."""
    coercion_deciding: int = 0
    """Persons who decide for themselves (those who need their own coercion screening), plus
    anyone else with coercion indicators recorded: PREM-014's denominator."""

    def merge(self, other: ManifestCounts) -> ManifestCounts:
        listed = Counter(self.listed)
        listed.update(other.listed)
        return ManifestCounts(
            households=self.households + other.households,
            persons=self.persons + other.persons,
            listed={c: listed[c] for c in LegalCategory if listed[c]},
            coercion_flagged=self.coercion_flagged + other.coercion_flagged,
            coercion_unscreened=self.coercion_unscreened + other.coercion_unscreened,
            coercion_deciding=self.coercion_deciding + other.coercion_deciding,
        )


@attrs.frozen(kw_only=True)
class Facts:
    operation: Operation
    as_of: pendulum.DateTime
    today: pendulum.Date
    """The date of ``as_of`` in its own offset."""
    params: Parameters
    areas: dict[str, ReturnArea]
    assessments: dict[str, list[tuple[int, ConditionsAssessment]]]
    """Per area, the assessments made on or before as_of (undated ones included), latest last."""
    positions_in_force: tuple[tuple[int, UnhcrPosition], ...]
    agreements_in_force: tuple[tuple[int, Agreement], ...]
    active_signals: tuple[tuple[int, PressureSignal], ...]
    population: PopulationMix
    manifest: ManifestCounts | None = None
    """Counts over households checked outside ``operation.households`` (a streamed
    manifest); ``None`` when every household is held in the operation."""
    monitoring: dict[str, list[tuple[int, MonitoringReport]]] = attrs.field(factory=dict)
    """Per area, the returnee monitoring reports on record at as_of (undated ones
    included), by the end of the period they cover, those without one last."""
    linked: Mapping[str, LinkedHousehold] = attrs.field(factory=dict)
    """The households that family links name, by reference, as a link to them is checked
    (:mod:`repatguard.facts.links`). A named household missing here is not on record (a
    streamed manifest that does not hold it, or holds it twice, or could not load it)."""

    def people(self) -> ManifestCounts:
        """Counts over everyone on the manifest: the households held in the operation plus
        those counted while a manifest streamed."""
        held = count_people(self, self.operation.households)
        return held if self.manifest is None else held.merge(self.manifest)

    def latest_assessment(self, area: str) -> tuple[int, ConditionsAssessment] | None:
        """The assessment of ``area`` that the rules read, or ``None``.

        An undated assessment could be the newest, so it wins over dated ones: COND-001 then
        reports its missing date, and no older finding can stand in for it (fail closed). An
        assessment of the area alone wins over a region-level one, however recent: region
        evidence cannot show that the area itself is fit, and must not hide what the area's own
        assessment found (COND-001 asks for a current one of the area).
        """
        candidates = self.assessments.get(area, [])
        # The area's own assessments first: a region-level one (``areas``) is read only where
        # the area has none, so that it can never hide what the area's own evidence found.
        own = [item for item in candidates if item[1].area == area]
        if own:
            candidates = own
        undated = [item for item in candidates if item[1].assessed_on is None]
        if undated:
            return undated[-1]
        return candidates[-1] if candidates else None

    def positions_for_area(self, area: str) -> list[tuple[int, UnhcrPosition]]:
        """Positions in force that cover ``area`` for everyone (no profile restriction)."""
        country = self.country_of(area)
        return [
            (index, position)
            for index, position in self.positions_in_force
            if position.country == country
            and (not position.areas or area in position.areas)
            and not position.profiles
        ]

    def country_of(self, area: str) -> str:
        found = self.areas.get(area)
        if found is not None and found.country is not None:
            return found.country
        return self.operation.origin_country

    def events(self, person: Person) -> list[tuple[int, ConsentEvent]]:
        """The person's consent events that happened on or before as_of, in time order
        (the subject of a person rule has them on its context: ``ctx.events``)."""
        return events_at(person, self.as_of)

    def departure(self, household: Household, person: Person) -> pendulum.Date | None:
        """The planned departure recorded for the person, else for the household; ``None``
        when neither is recorded (the movement window is not a departure date)."""
        if person.planned_departure is not None:
            return person.planned_departure
        return household.planned_departure

    def departure_days(
        self, household: Household, person: Person
    ) -> tuple[pendulum.Date, pendulum.Date | None] | None:
        """The earliest and the latest day the person may leave: the planned departure twice,
        else the operation's movement window; ``None`` when neither is recorded. A latest
        day of ``None`` means no end is known. A rule that needs the departure reads the day
        least favourable to it.

        No day before as_of is a possible departure: a planned departure already past is out
        of date, and so is a movement window that has ended; the person may then leave on any
        day from as_of on, with no known end. Reading the past date instead would judge
        consent and age on a day that can no longer come."""
        today = self.today
        planned = self.departure(household, person)
        if planned is not None:
            return (planned, planned) if planned >= today else (today, None)
        window = self.operation.movement_window
        if window is None:
            return None
        if window.end is not None and window.end < today:
            return today, None
        return max(window.start, today), window.end

    def age_span(
        self, household: Household, person: Person
    ) -> tuple[int | None, int | None, int | None]:
        """Three ages, ``None`` where unknown: the youngest the person may be on as_of, when
        the decision is taken; the youngest and the oldest they may be on the last day they
        may leave (unknown also when no last day is known).

        A recorded age (no date of birth) is taken as the age on as_of, so the person may
        have a birthday any day after it."""
        today = self.today
        days = self.departure_days(household, person)
        last = days[1] if days is not None else None
        if person.date_of_birth is not None:
            young = age_bounds(person.date_of_birth, today)[0]
            if last is None:
                return young, None, None
            young_last, old_last = age_bounds(person.date_of_birth, last)
            return young, young_last, old_last
        if person.age is not None:
            if last is None:
                return person.age, None, None
            whole_years = (last - today).days // 365
            later = 1 if last > today else 0
            return person.age, person.age + whole_years, person.age + later + whole_years
        return None, None, None

    def age(self, household: Household, person: Person) -> int | None:
        """Age from the decision (as_of) to departure; ``None`` (unknown) when the person may
        be a child on one of those days and an adult on another, or the age is unknown.

        The decision is taken now and carried out at departure: someone who decides as a
        child and leaves as an adult needs the safeguards of both, so neither reading may
        stand alone. A child when no last day of departure is known may come of age before
        leaving, and so has an unknown age too; an adult on as_of stays one."""
        return age_through(self.age_span(household, person), self.params.adult_age)

    def owes_adult_safeguards(self, household: Household, person: Person) -> bool:
        """Whether the person is certainly an adult on some day they may leave (on as_of, or
        on the last day they may leave), so that the safeguards of adults (an own
        declaration, an own information session) are owed whatever else is unknown."""
        return adult_on_some_day(self.age_span(household, person), self.params.adult_age)

    def area_of(self, household: Household, person: Person) -> str | None:
        return person.intended_return_area or household.intended_return_area


AgeSpan = tuple[int | None, int | None, int | None]
"""The three ages of :meth:`Facts.age_span`."""

Events = tuple[tuple[int, ConsentEvent], ...]
"""A person's consent events on or before as_of, in time order, with their index
(:meth:`Facts.events`)."""


def age_through(span: AgeSpan, adult_age: int) -> int | None:
    """The age of :meth:`Facts.age` from the person's :meth:`Facts.age_span`."""
    young, _, old_last = span
    if young is None:
        return None
    if young >= adult_age:
        return young
    if old_last is None or old_last >= adult_age:
        return None
    return young


def adult_on_some_day(span: AgeSpan, adult_age: int) -> bool:
    """:meth:`Facts.owes_adult_safeguards` from the person's :meth:`Facts.age_span`."""
    young, young_last, _ = span
    return (young is not None and young >= adult_age) or (
        young_last is not None and young_last >= adult_age
    )


@attrs.frozen
class AgeFacts:
    """What a person's age tells, derived once per person and check from
    :meth:`Facts.age_span` (the one definition): the person's row of the fact table
    (:class:`repatguard.facts.context.PersonContext`) and the questions asked of the other
    members of the household (:class:`Member`) read it."""

    span: AgeSpan
    age: int | None
    """:meth:`Facts.age`."""
    is_adult: bool | None
    """``age`` against ``adult_age``; ``None`` when the age is unknown."""
    owes_adult_safeguards: bool
    """:meth:`Facts.owes_adult_safeguards`."""

    @classmethod
    def of(cls, facts: Facts, household: Household, person: Person) -> AgeFacts:
        adult_age = facts.params.adult_age
        span = facts.age_span(household, person)
        age = age_through(span, adult_age)
        return cls(
            span=span,
            age=age,
            is_adult=None if age is None else age >= adult_age,
            owes_adult_safeguards=adult_on_some_day(span, adult_age),
        )


@attrs.frozen
class Member:
    """One member of a household as a :data:`MemberTest` sees it: the record, its place in
    the household, and its age facts and consent events, each derived on first use and then
    kept by the household's :class:`Kin` (by place, so that a member whose age cannot be
    derived raises only where its age is read)."""

    facts: Facts
    household: Household
    person: Person
    position: int
    """The member's index in ``household.members``."""
    _derived: dict[int, AgeFacts] = attrs.field(factory=dict, repr=False, eq=False)
    _events: dict[int, Events] = attrs.field(factory=dict, repr=False, eq=False)

    @property
    def ages(self) -> AgeFacts:
        found = self._derived.get(self.position)
        if found is None:
            found = self._derived[self.position] = AgeFacts.of(
                self.facts, self.household, self.person
            )
        return found

    @property
    def events(self) -> Events:
        """:meth:`Facts.events` of the member."""
        found = self._events.get(self.position)
        if found is None:
            found = self._events[self.position] = tuple(self.facts.events(self.person))
        return found

    @property
    def age(self) -> int | None:
        """:meth:`Facts.age` of the member."""
        return self.ages.age


MemberTest = Callable[[Member], bool]
"""A question about one member of a household, asked of :meth:`Kin.count`. Give a function
defined once (at module level): answers are kept per function, so a new function (a lambda
made in each call) would walk the household again every time."""


@attrs.frozen
class Kin:
    """One household's members grouped by their relationship to the head (``None`` for an
    unrecorded one), and how many members of each group pass a :data:`MemberTest`.

    Relationships are recorded to the head only, so whether a member may be a person's
    parent depends on the two relationships alone (:mod:`repatguard.facts.people`). A rule
    that asks, for every member, how many of the others are parents who move, declared or
    requested the return can then count by group: each test walks the household once, and
    each question costs the number of groups, not of members. The engine makes one per
    household and check, and gives it to every member's context (``ctx.kin``); the age facts
    of each member are derived once, for its row and for every test alike.
    """

    facts: Facts
    household: Household
    members: tuple[Member, ...]
    """Every member, in the household's order."""
    groups: dict[Relationship | None, tuple[Member, ...]]
    _tallies: dict[MemberTest, dict[Relationship | None, int]] = attrs.field(
        factory=dict, repr=False
    )

    @classmethod
    def of(cls, facts: Facts, household: Household) -> Kin:
        derived: dict[int, AgeFacts] = {}
        events: dict[int, Events] = {}
        members = tuple(
            Member(facts, household, person, position, derived, events)
            for position, person in enumerate(household.members)
        )
        groups: dict[Relationship | None, list[Member]] = {}
        for member in members:
            groups.setdefault(member.person.relationship_to_head, []).append(member)
        return cls(facts, household, members, {key: tuple(found) for key, found in groups.items()})

    def ages(self, person: Person, position: int | None = None) -> AgeFacts:
        """The age facts of ``person``: kept for the member at ``position`` when it is that
        person, else derived."""
        members = self.members
        if position is not None and 0 <= position < len(members):
            member = members[position]
            if member.person is person:
                return member.ages
        return AgeFacts.of(self.facts, self.household, person)

    def events(self, person: Person, position: int | None = None) -> Events:
        """The consent events of ``person`` (:meth:`Facts.events`), as :meth:`ages`."""
        members = self.members
        if position is not None and 0 <= position < len(members):
            member = members[position]
            if member.person is person:
                return member.events
        return tuple(self.facts.events(person))

    def count(
        self,
        relationships: Collection[Relationship | None] | None,
        test: MemberTest,
        *,
        besides: Person | None = None,
    ) -> int:
        """How many members whose relationship to the head is one of ``relationships``
        (``None``: any, unrecorded included) pass ``test``, ``besides`` left out."""
        tally = self._tallies.get(test)
        if tally is None:
            tally = self._tallies[test] = {
                relationship: sum(1 for member in members if test(member))
                for relationship, members in self.groups.items()
            }
        if relationships is None:
            total = sum(tally.values())
        else:
            total = 0
            for relationship in relationships:
                total += tally.get(relationship, 0)
        if besides is not None and (
            relationships is None or besides.relationship_to_head in relationships
        ):
            # Left out only if it is one of the members counted (by identity: two members
            # may hold equal records).
            for member in self.groups.get(besides.relationship_to_head, ()):
                if member.person is besides:
                    if test(member):
                        total -= 1
                    break
        return total


def needs_own_screening(
    facts: Facts, kin: Kin, person: Person, position: int | None = None
) -> bool:
    """Whether ``person`` (the member at ``position`` of the household of ``kin``, when
    known: its age facts are then those the kin keeps) must be screened for coercion
    individually (PREM-014).

    Whoever decides individually (:func:`repatguard.facts.people.decides_individually`:
    adults and children without parental care) is screened; an unknown age or parental care
    counts as needing screening. A dependent child is covered by the parents, and a member
    who stays behind takes no decision to return.
    """
    if person.stays_behind is True:
        return False
    if kin.facts is facts:
        adult = kin.ages(person, position).is_adult
    else:
        adult = people.is_adult(facts, kin.household, person)
    separated = people.without_parental_care_given(kin, person, adult)
    return people.decides_individually_given(adult, separated) is not False


HouseholdKins = Sequence["Kin | BaseException"]
"""The ``Kin`` of each household of a list, in its order, or the error making it raised (see
:func:`repatguard.engine.evaluate.household_kins`): the rules, the counts and the dependent
children of a check read the same age facts."""


def _kins(
    facts: Facts, households: Sequence[Household], kins: HouseholdKins | None
) -> Iterable[Kin | BaseException]:
    if kins is None:
        return (_kin_or_error(facts, household) for household in households)
    # Each of that very household: the counts walk the kin's members, not the household's.
    if len(kins) != len(households) or any(
        isinstance(kin, Kin) and kin.household is not household
        for kin, household in zip(kins, households, strict=True)
    ):
        raise ValueError("one Kin per household is needed")
    return kins


def _kin_or_error(facts: Facts, household: Household) -> Kin | BaseException:
    try:
        return Kin.of(facts, household)
    except Exception as exc:  # odd data built in Python: each caller decides
        return exc


def _is_adult(
    facts: Facts, kin: Kin | BaseException, household: Household, person: Person, position: int
) -> bool | None:
    """:func:`repatguard.facts.people.is_adult` of the member at ``position``, read from its
    kin when it has one made with ``facts``."""
    if isinstance(kin, BaseException) or kin.facts is not facts:
        return people.is_adult(facts, household, person)
    return kin.ages(person, position).is_adult


def dependants(
    facts: Facts, households: Sequence[Household], kins: HouseholdKins | None = None
) -> frozenset[str]:
    """The references of returning children recorded as accompanied (known to be under
    ``adult_age`` from as_of to departure): their verdict is held by that of the members
    deciding for the household. ``kins``, when given, holds the ``Kin`` of each household,
    whose age facts are read.

    The bound only ever holds a verdict back, so it stays on a child recorded as accompanied
    even when no parent is known to move with them: that child must then also meet the
    safeguards individually (the person rules read
    :func:`repatguard.facts.people.without_parental_care`), and is held by both.
    """
    found: set[str] = set()
    for household, kin in zip(households, _kins(facts, households, kins), strict=True):
        for position, person in enumerate(household.members):
            if person.stays_behind is True or person.unaccompanied_or_separated is not False:
                continue
            if _is_adult(facts, kin, household, person, position) is False:
                found.add(person.reference)
    return frozenset(found)


def count_people(
    facts: Facts, households: Sequence[Household], kins: HouseholdKins | None = None
) -> ManifestCounts:
    """The counters of :class:`ManifestCounts` over ``households``, at the facts' as_of;
    ``kins`` as for :func:`dependants`."""
    count = 0
    persons = 0
    flagged = 0
    unscreened = 0
    deciding = 0
    listed: Counter[LegalCategory] = Counter()
    today = facts.today
    # A screening older than its age limit counts as none, as in VOL-006.
    oldest = facts.params.before(today, "coercion_screening_max_age")
    for kin in _kins(facts, households, kins):
        if isinstance(kin, BaseException):
            raise kin
        count += 1
        for member in kin.members:
            person = member.person
            persons += 1
            listed[person.legal_category] += 1
            if person.coercion_indicators:
                flagged += 1
                deciding += 1
            elif needs_own_screening(facts, kin, person, member.position):
                deciding += 1
                screened = person.coercion_screened_on
                if screened is None or not oldest <= screened <= today:
                    unscreened += 1
    return ManifestCounts(
        households=count,
        persons=persons,
        listed=dict(listed),
        coercion_flagged=flagged,
        coercion_unscreened=unscreened,
        coercion_deciding=deciding,
    )


def _population(operation: Operation, streamed: ManifestCounts | None = None) -> PopulationMix:
    counts = operation.population.by_category()
    listed = Counter(p.legal_category for h in operation.households for p in h.members)
    if streamed is not None:
        listed.update(streamed.listed)
    if all(count is None for count in counts.values()) and listed:
        manifest: dict[LegalCategory, int | None] = {c: listed.get(c, 0) for c in counts}
        listed_counts = {c: listed.get(c, 0) for c in counts}
        return PopulationMix(counts=manifest, listed=listed_counts, source="manifest")
    return PopulationMix(
        counts=counts, listed={c: listed.get(c, 0) for c in counts}, source="declared"
    )


def _monitoring_on_record(
    operation: Operation, today: pendulum.Date
) -> dict[str, list[tuple[int, MonitoringReport]]]:
    """The monitoring reports of each area on record at ``today``, by the end of the period
    they cover (those without one last). A report dated after ``today`` is not yet written;
    an undated one may already be (fail closed: it can only add findings)."""
    found: dict[str, list[tuple[int, MonitoringReport]]] = {}
    for index, report in enumerate(operation.monitoring_reports):
        recorded = report.recorded_on
        if recorded is not None and recorded > today:
            continue
        found.setdefault(report.area, []).append((index, report))
    for items in found.values():
        items.sort(
            key=lambda item: (
                item[1].period_end is None,
                item[1].period_end or today,
                item[0],
            )
        )
    return found


def build_facts(
    operation: Operation,
    as_of: pendulum.DateTime,
    params: Parameters,
    manifest: ManifestCounts | None = None,
    linked: Mapping[str, LinkedHousehold] | None = None,
) -> Facts:
    """The facts of ``operation`` at ``as_of``; ``manifest`` adds the counts of households
    checked outside the operation (a streamed manifest) to the population and PREM-014.
    ``linked`` gives the households that family links name, when they are not all held in
    ``operation`` (a streamed manifest's pre-pass); by default they are read from it."""
    today = as_of.date()
    assessments: dict[str, list[tuple[int, ConditionsAssessment]]] = {}
    for index, assessment in enumerate(operation.assessments):
        if assessment.assessed_on is not None and assessment.assessed_on > today:
            continue  # not yet made at as_of
        # A region-level assessment is read by every area of its region (COND-001 says it is
        # not an assessment of the area alone).
        for area in assessment.covered:
            assessments.setdefault(area, []).append((index, assessment))
    for items in assessments.values():
        items.sort(key=lambda item: (item[1].assessed_on or pendulum.Date(1, 1, 1), item[0]))
    positions = tuple(
        (index, position)
        for index, position in enumerate(operation.positions)
        if position.issued_on <= today
        and (position.lifted_on is None or today < position.lifted_on)
    )
    agreements = tuple(
        (index, agreement)
        for index, agreement in enumerate(operation.agreements or ())  # None: not recorded
        if agreement.signed_on is not None
        and agreement.signed_on <= today
        and (agreement.ends_on is None or today < agreement.ends_on)
    )
    horizon = params.before(today, "pressure_lookback")
    signals = tuple(
        (index, signal)
        for index, signal in enumerate(operation.pressure_signals)
        if signal.started_on <= today and (signal.ended_on is None or signal.ended_on > horizon)
    )
    return Facts(
        operation=operation,
        as_of=as_of,
        monitoring=_monitoring_on_record(operation, today),
        today=today,
        params=params,
        areas={area.reference: area for area in operation.return_areas},
        assessments=assessments,
        positions_in_force=positions,
        agreements_in_force=agreements,
        active_signals=signals,
        population=_population(operation, manifest),
        manifest=manifest,
        linked=(
            linked_households(operation.households, as_of, params.adult_age)
            if linked is None
            else linked
        ),
    )
