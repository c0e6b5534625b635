"""Facts derived once per check: what is in force at ``as_of``, and the indexes rules need.

Everything time-dependent is decided here against ``as_of``; nothing reads the clock.
"""

from __future__ import annotations

from collections import Counter

import attrs
import pendulum

from repatguard.model import (
    Agreement,
    ConditionsAssessment,
    ConsentEvent,
    Household,
    LegalCategory,
    Operation,
    Person,
    PressureSignal,
    ReturnArea,
    UnhcrPosition,
)
from repatguard.rules.parameters import Parameters

__all__ = ["UNHCR_MANDATE", "Facts", "PopulationMix", "age_on", "build_facts"]

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
    def complete(self) -> bool:
        return all(count is not None for count in self.counts.values())

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
        if all(self.counts[c] == 0 for c in UNHCR_MANDATE):
            return False
        return None

    def missing(self) -> list[str]:
        return [str(c) for c, count in self.counts.items() if count is None]


def age_on(person: Person, date: pendulum.Date | None) -> int | None:
    """Age in completed years on ``date``; falls back to the recorded age."""
    if person.date_of_birth is not None and date is not None:
        dob = person.date_of_birth
        before_birthday = (date.month, date.day) < (dob.month, dob.day)
        return date.year - dob.year - int(before_birthday)
    return person.age


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

    def latest_assessment(self, area: str) -> tuple[int, ConditionsAssessment] | None:
        """The most recent dated assessment of ``area``, else an undated one, else ``None``."""
        candidates = self.assessments.get(area, [])
        dated = [item for item in candidates if item[1].assessed_on is not None]
        if dated:
            return dated[-1]
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
        """The person's consent events that happened on or before as_of, in time order."""
        happened = [
            (index, event) for index, event in enumerate(person.consent) if event.at <= self.as_of
        ]
        return sorted(happened, key=lambda item: (item[1].at, item[0]))

    def departure(self, household: Household, person: Person) -> pendulum.Date | None:
        if person.planned_departure is not None:
            return person.planned_departure
        if household.planned_departure is not None:
            return household.planned_departure
        window = self.operation.movement_window
        return window.start if window is not None else None

    def area_of(self, household: Household, person: Person) -> str | None:
        return person.intended_return_area or household.intended_return_area


def _population(operation: Operation) -> PopulationMix:
    declared = operation.population
    counts: dict[LegalCategory, int | None] = {
        LegalCategory.REFUGEE: declared.refugees,
        LegalCategory.ASYLUM_SEEKER: declared.asylum_seekers,
        LegalCategory.MIGRANT: declared.migrants,
        LegalCategory.IDP: declared.idps,
        LegalCategory.STATELESS: declared.stateless,
        LegalCategory.UNKNOWN: declared.unknown,
    }
    listed = Counter(p.legal_category for h in operation.households for p in h.members)
    if all(count is None for count in counts.values()) and listed:
        manifest: dict[LegalCategory, int | None] = {c: listed.get(c, 0) for c in counts}
        listed_counts = {c: listed.get(c, 0) for c in counts}
        return PopulationMix(counts=manifest, listed=listed_counts, source="manifest")
    return PopulationMix(
        counts=counts, listed={c: listed.get(c, 0) for c in counts}, source="declared"
    )


def build_facts(operation: Operation, as_of: pendulum.DateTime, params: Parameters) -> Facts:
    today = as_of.date()
    assessments: dict[str, list[tuple[int, ConditionsAssessment]]] = {}
    for index, assessment in enumerate(operation.assessments):
        if assessment.assessed_on is not None and assessment.assessed_on > today:
            continue  # not yet made at as_of
        assessments.setdefault(assessment.area, []).append((index, assessment))
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
        for index, agreement in enumerate(operation.agreements)
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
        today=today,
        params=params,
        areas={area.reference: area for area in operation.return_areas},
        assessments=assessments,
        positions_in_force=positions,
        agreements_in_force=agreements,
        active_signals=signals,
        population=_population(operation),
    )
