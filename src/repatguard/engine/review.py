"""When does a result change by itself? The next review date of a report.

Facts change their effect over time in known ways: assessments, reviews, consultations and
determinations go stale after their parameter; measures stop counting after the look-back;
dated facts take effect on their date; reconfirmation windows open before departure; waivers
lapse. From those boundaries we list candidate instants after as_of, re-run the whole check
at each in turn and report the first at which any finding or the verdict changes, with what
changes. The re-run is what decides: a candidate that changes nothing is skipped.

An instant derived from personal data (the day a person comes of age, from a date of birth)
would disclose that data if shown: the report shows the start of its month instead, never
later than the change itself, so the review is never late (``docs/data-protection.md``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import attrs
import pendulum

from repatguard.facts.parameters import Parameters
from repatguard.model import (
    Agreement,
    BestInterestsDetermination,
    CessationAnalysis,
    ConditionsAssessment,
    ConsentEvent,
    Escalation,
    Household,
    MonitoringReport,
    MovementWindow,
    Operation,
    Person,
    PressureReview,
    PressureSignal,
    Waiver,
)
from repatguard.model._fields import PERSONAL
from repatguard.model.dates import earliest, latest
from repatguard.outcomes import Verdict
from repatguard.report.finding import Finding
from repatguard.report.review import NextReview, ReviewChange

__all__ = [
    "HORIZON_DAYS",
    "Candidates",
    "NextReview",
    "ReviewChange",
    "candidate_instants",
    "household_instants",
    "next_review_due",
    "scheduled_reviews",
    "shown_due",
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
    (Escalation, "raised_on"): ("escalation_decision_max_age",),
    (MonitoringReport, "period_end"): ("monitoring_report_max_age",),
    # A first monitoring report is due once a reporting interval has passed (COND-012).
    (MovementWindow, "start"): ("monitoring_report_max_age",),
}
# Departure dates: the reconfirmation window opens this long before them.
_DEPARTURES = {(Person, "planned_departure"), (Household, "planned_departure")}


@attrs.frozen(kw_only=True)
class Candidates:
    """Candidate instants after ``as_of``, in order, and those derived from personal data."""

    instants: tuple[pendulum.DateTime, ...]
    personal: frozenset[pendulum.DateTime] = frozenset()
    """Instants derived from a field marked personal (a date of birth): shown only to the
    start of their month."""
    as_of: pendulum.DateTime | None = None
    """No instant is shown before it (``None``: no such bound)."""


_MONTH_NOTE = "a change that depends on a date of birth falls in {month}; the day is withheld"
"""Shown with a due instant moved to the start of its month (the day would be personal data)."""


def _walk(obj: Any) -> Iterator[tuple[type, attrs.Attribute[Any], Any]]:
    """``(class, attrs field, value)`` for every field of every record in ``obj``."""
    if isinstance(obj, tuple):
        for item in obj:
            yield from _walk(item)
        return
    if not attrs.has(type(obj)):
        return
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        yield (type(obj), field, value)
        yield from _walk(value)


def _derived(owner: type, name: str, value: Any, params: Parameters) -> set[Any]:
    """The dates or instants at which the fact ``value`` of ``owner.name`` may change its
    effect: its own date, and the boundaries the parameters draw from it."""
    if isinstance(value, pendulum.DateTime):
        if owner is ConsentEvent:
            # Once the movement window has begun, a reconfirmation stops counting when it is
            # too early for the earliest day left (VOL-004).
            # Rules compare the day of the event, so the change comes at a day's start.
            return {value, value.date().add(days=params.days("reconfirmation_window") + 1)}
        return {value}
    if not isinstance(value, pendulum.Date):
        return set()
    found: set[Any] = {value}
    for parameter in _STALENESS.get((owner, name), ()):
        found.add(value.add(days=params.days(parameter) + 1))
    if (owner, name) in _DEPARTURES or (owner is MovementWindow and name == "start"):
        found.add(value.subtract(days=params.days("reconfirmation_window")))
    if (owner, name) in _DEPARTURES or (owner is MovementWindow and name == "end"):
        # The day after, the date is past and no longer a possible departure (Facts).
        found.add(value.add(days=1))
    if owner is Person and name == "date_of_birth":
        # A date of birth known to the month or year: adulthood is open between the
        # first and the last day it may stand for.
        found.add(earliest(value).add(years=params.adult_age))
        found.add(latest(value).add(years=params.adult_age))
    return found


def _dates(
    operation: Operation, waivers: tuple[Waiver, ...], params: Parameters
) -> tuple[set[Any], set[Any]]:
    """Every date or instant at which some fact of the operation may change its effect, and
    those of them derived from a field marked personal."""
    found: set[Any] = set()
    personal: set[Any] = set()
    for owner, field, value in [*_walk(operation), *_walk(waivers)]:
        derived = _derived(owner, field.name, value, params)
        found |= derived
        if field.metadata.get(PERSONAL):
            personal |= derived
    return found, personal


def _instants(value: Any, zone: Any) -> set[pendulum.DateTime]:
    """A date takes effect at midnight of as_of's own time zone (the check's "today"), and
    waivers at midnight UTC; an instant is itself."""
    if isinstance(value, pendulum.DateTime):
        return {value}
    return {
        pendulum.datetime(value.year, value.month, value.day, tz=zone),
        pendulum.datetime(value.year, value.month, value.day, tz="UTC"),
    }


def candidate_instants(
    operation: Operation,
    waivers: tuple[Waiver, ...],
    params: Parameters,
    as_of: pendulum.DateTime,
    *,
    warning_days: int = 30,
) -> Candidates:
    """Candidate instants after ``as_of`` and within the horizon, in order."""
    zone = as_of.timezone or pendulum.UTC
    end = as_of.add(days=HORIZON_DAYS)
    found, personal = _dates(operation, waivers, params)
    instants = {instant for value in found for instant in _instants(value, zone)}
    for waiver in waivers:
        warn = waiver.expires_on.subtract(days=warning_days)
        instants.add(pendulum.datetime(warn.year, warn.month, warn.day, tz="UTC"))
    personal_instants = {instant for value in personal for instant in _instants(value, zone)}
    return Candidates(
        instants=tuple(sorted(i for i in instants if as_of < i <= end)),
        personal=frozenset(i for i in personal_instants if as_of < i <= end),
        as_of=as_of,
    )


def household_instants(
    households: Iterable[Household], params: Parameters, as_of: pendulum.DateTime
) -> dict[pendulum.DateTime, bool]:
    """The candidate instants the facts of ``households`` add, after ``as_of`` and within the
    horizon, each with whether it is derived from personal data. With the candidates of the
    operation without its households, these are those of :func:`candidate_instants` (a
    streamed check collects them chunk by chunk)."""
    zone = as_of.timezone or pendulum.UTC
    end = as_of.add(days=HORIZON_DAYS)
    found: dict[pendulum.DateTime, bool] = {}
    for owner, field, value in _walk(tuple(households)):
        personal = bool(field.metadata.get(PERSONAL))
        for derived in _derived(owner, field.name, value, params):
            for instant in _instants(derived, zone):
                if as_of < instant <= end:
                    found[instant] = found.get(instant, False) or personal
    return found


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


def shown_due(instant: pendulum.DateTime, candidates: Candidates) -> tuple[str, tuple[str, ...]]:
    """The due instant as the report shows it, and a note on why when it is not exact.

    An instant derived from personal data is shown as the start of its month: earlier than
    the change, never later, so the review is never late; and not before as_of (the review
    is then due now). The findings are still compared at the exact instant."""
    if instant not in candidates.personal:
        return instant.isoformat(), ()
    shown = instant.start_of("month")
    if candidates.as_of is not None and shown < candidates.as_of:
        shown = candidates.as_of
    return shown.isoformat(), (_MONTH_NOTE.format(month=instant.format("YYYY-MM")),)


def next_review_due(
    at: Callable[[pendulum.DateTime], tuple[tuple[Finding, ...], Verdict]],
    candidates: Candidates | Sequence[pendulum.DateTime],
    findings: tuple[Finding, ...],
    verdict: Verdict,
    scheduled: dict[pendulum.DateTime, list[str]] | None = None,
) -> NextReview | None:
    """The first instant at which the findings or the verdict differ from now, or at which the
    input schedules a review. A plain sequence of candidates holds no personal instant."""
    chosen = (
        candidates if isinstance(candidates, Candidates) else Candidates(instants=tuple(candidates))
    )
    now = _signature(findings)
    by_print = {f.fingerprint: f for f in findings}
    scheduled = scheduled or {}
    for instant in sorted(set(chosen.instants) | set(scheduled)):
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
        due, notes = shown_due(instant, chosen)
        return NextReview(
            due=due,
            verdict_after=later_verdict,
            changes=tuple(changes),
            scheduled=(*scheduled.get(instant, ()), *notes),
        )
    return None
