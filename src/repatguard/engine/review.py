"""When does a result change by itself? The next review date of a report.

Facts change their effect over time in known ways: assessments, reviews, consultations and
determinations go stale after their parameter; measures stop counting after the look-back;
dated facts take effect on their date; reconfirmation windows open before departure; waivers
lapse. From those boundaries we list candidate instants after as_of, re-run the whole check
at each in turn and report the first at which any finding or the verdict changes, with what
changes. The re-run is what decides: a candidate that changes nothing is skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pendulum

from repatguard.model import (
    Agreement,
    BestInterestsDetermination,
    CessationAnalysis,
    ConditionsAssessment,
    Household,
    MovementWindow,
    Operation,
    Person,
    PressureReview,
    PressureSignal,
    Waiver,
)
from repatguard.model.dates import earliest, latest
from repatguard.outcomes import Verdict
from repatguard.report.finding import Finding
from repatguard.report.review import NextReview, ReviewChange
from repatguard.rules.parameters import Parameters

__all__ = [
    "HORIZON_DAYS",
    "NextReview",
    "ReviewChange",
    "candidate_instants",
    "next_review_due",
    "scheduled_reviews",
]

HORIZON_DAYS = 730
"""How far ahead the next review is looked for."""

# (class, field) -> duration parameters after which a fact of that field stops counting.
_STALENESS: dict[tuple[type, str], tuple[str, ...]] = {
    (ConditionsAssessment, "assessed_on"): (
        "assessment_max_age",
        "volatile_assessment_max_age",
    ),
    (Operation, "positions_consulted_on"): ("positions_consulted_max_age",),
    (PressureReview, "reviewed_on"): ("pressure_review_max_age",),
    (PressureSignal, "ended_on"): ("pressure_lookback",),
    (BestInterestsDetermination, "completed_on"): ("bid_max_age",),
    (Agreement, "commission_last_met"): ("commission_max_gap",),
    (CessationAnalysis, "change_date"): ("consolidation_period",),
    (Person, "coercion_screened_on"): ("coercion_screening_max_age",),
}
# Departure dates: the reconfirmation window opens this long before them.
_DEPARTURES = {(Person, "planned_departure"), (Household, "planned_departure")}


def _walk(obj: Any) -> Iterator[tuple[type, str, Any]]:
    if isinstance(obj, tuple):
        for item in obj:
            yield from _walk(item)
        return
    if not attrs.has(type(obj)):
        return
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        yield (type(obj), field.name, value)
        yield from _walk(value)


def _dates(operation: Operation, waivers: tuple[Waiver, ...], params: Parameters) -> set[Any]:
    """Every date or instant at which some fact of the operation may change its effect."""
    found: set[Any] = set()
    for owner, name, value in [*_walk(operation), *_walk(waivers)]:
        if isinstance(value, pendulum.DateTime):
            found.add(value)
            continue
        if not isinstance(value, pendulum.Date):
            continue
        found.add(value)
        for parameter in _STALENESS.get((owner, name), ()):
            found.add(value.add(days=params.days(parameter) + 1))
        if (owner, name) in _DEPARTURES or (owner is MovementWindow and name == "start"):
            found.add(value.subtract(days=params.days("reconfirmation_window")))
        if owner is Person and name == "date_of_birth":
            # A date of birth known to the month or year: adulthood is open between the
            # first and the last day it may stand for.
            found.add(earliest(value).add(years=params.adult_age))
            found.add(latest(value).add(years=params.adult_age))
    return found


def candidate_instants(
    operation: Operation,
    waivers: tuple[Waiver, ...],
    params: Parameters,
    as_of: pendulum.DateTime,
    *,
    warning_days: int = 30,
) -> list[pendulum.DateTime]:
    """Candidate instants after ``as_of`` and within the horizon, in order."""
    zone = as_of.timezone or pendulum.UTC
    end = as_of.add(days=HORIZON_DAYS)
    instants: set[pendulum.DateTime] = set()
    for value in _dates(operation, waivers, params):
        if isinstance(value, pendulum.DateTime):
            instants.add(value)
            continue
        # A date takes effect at midnight of as_of's own time zone (the check's "today"),
        # and waivers at midnight UTC.
        instants.add(pendulum.datetime(value.year, value.month, value.day, tz=zone))
        instants.add(pendulum.datetime(value.year, value.month, value.day, tz="UTC"))
    for waiver in waivers:
        warn = waiver.expires_on.subtract(days=warning_days)
        instants.add(pendulum.datetime(warn.year, warn.month, warn.day, tz="UTC"))
    return sorted(i for i in instants if as_of < i <= end)


def scheduled_reviews(
    operation: Operation, as_of: pendulum.DateTime
) -> dict[pendulum.DateTime, list[str]]:
    """Review dates the input itself schedules after as_of, with what is due."""
    zone = as_of.timezone or pendulum.UTC
    found: dict[pendulum.DateTime, list[str]] = {}
    for index, position in enumerate(operation.positions):
        due = position.review_due_on
        if due is None:
            continue
        instant = pendulum.datetime(due.year, due.month, due.day, tz=zone)
        if as_of < instant <= as_of.add(days=HORIZON_DAYS):
            found.setdefault(instant, []).append(
                f"UNHCR position {position.reference} ($.positions[{index}]) is due for review"
            )
    return found


def _signature(findings: tuple[Finding, ...]) -> dict[str, str]:
    return {f.fingerprint: f"{f.outcome}/{f.severity}" for f in findings}


def next_review_due(
    at: Callable[[pendulum.DateTime], tuple[tuple[Finding, ...], Verdict]],
    candidates: list[pendulum.DateTime],
    findings: tuple[Finding, ...],
    verdict: Verdict,
    scheduled: dict[pendulum.DateTime, list[str]] | None = None,
) -> NextReview | None:
    """The first instant at which the findings or the verdict differ from now, or at which the
    input schedules a review."""
    now = _signature(findings)
    by_print = {f.fingerprint: f for f in findings}
    scheduled = scheduled or {}
    for instant in sorted(set(candidates) | set(scheduled)):
        later, later_verdict = at(instant)
        then = _signature(later)
        if then == now and later_verdict is verdict and instant not in scheduled:
            continue
        later_by_print = {f.fingerprint: f for f in later}
        changes = [
            ReviewChange(
                code=(by_print.get(key) or later_by_print[key]).code,
                subject=(by_print.get(key) or later_by_print[key]).subject,
                path=(by_print.get(key) or later_by_print[key]).path,
                before=now.get(key, "absent"),
                after=then.get(key, "absent"),
            )
            for key in sorted(set(now) | set(then))
            if now.get(key) != then.get(key)
        ]
        changes.sort(key=lambda c: (c.code, c.subject, c.path))
        return NextReview(
            due=instant.isoformat(),
            verdict_after=later_verdict,
            changes=tuple(changes),
            scheduled=tuple(scheduled.get(instant, ())),
        )
    return None
