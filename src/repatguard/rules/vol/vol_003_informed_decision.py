"""VOL-003: the decision rests on a current information session in an understood language."""

from __future__ import annotations

from collections.abc import Iterator

import pendulum

from repatguard.model import (
    ConditionsAssessment,
    ConsentEvent,
    InformationTopic,
    LegalCategory,
    Person,
    Volatility,
)
from repatguard.rules._people import for_those_who_decide
from repatguard.rules.api import (
    Found,
    Message,
    PersonContext,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)
from repatguard.rules.vol._reassessed import reassessed_worse

__all__ = ["informed_decision"]

# Paths are relative to the person (``consent[2]``); the assessments and the household's
# return area lie outside the person, so their paths stay absolute.


def _find_assessment(ctx: PersonContext, reference: str) -> tuple[int, ConditionsAssessment] | None:
    for index, assessment in enumerate(ctx.facts.operation.assessments):
        if assessment.reference == reference:
            return index, assessment
    return None


def _session_currency(
    ctx: PersonContext, path: str, session_date: pendulum.Date
) -> Iterator[Problem]:
    days = ctx.departure_days
    departure = days[1] if days is not None else None
    if departure is None:  # no departure days at all, or no last one
        yield Problem.unknown(
            "planned_departure",
            msg(
                "the planned departure is unknown, so it cannot be judged whether the "
                "information session will be current at departure"
            ),
            observed=msg("no planned departure for the person, household or operation")
            if days is None
            else msg(
                "no planned departure on or after as_of, and no end to the days the person "
                "may leave (a movement window with no end, or one that has ended)"
            ),
            expected=msg("a planned departure date"),
        )
        return
    # Unplanned, the person may leave on any day of the movement window: the session must
    # still be current on the last one.
    params = ctx.facts.params
    oldest = params.before(departure, "information_session_max_age")
    if session_date < oldest:
        yield Problem.fail(
            path,
            msg(
                "the latest information session will be older than {max_age} at departure; "
                "hold a new session",
                max_age=params.information_session_max_age,
            ),
            observed=msg(
                "session on {session}, departure {departure}",
                session=session_date.isoformat(),
                departure=departure.isoformat(),
            ),
            expected=msg("a session on or after {date}", date=oldest.isoformat()),
        )


def _session_language(path: str, session: ConsentEvent) -> Iterator[Problem]:
    if session.language is None:
        yield Problem.unknown(
            f"{path}.language",
            msg("the language of the information session is not recorded"),
            observed=msg("no language"),
            expected=msg("the language the session was held in"),
        )
    if session.understood_language is False:
        yield Problem.fail(
            f"{path}.understood_language",
            msg("the information session was not in a language the person understands"),
            observed=msg("not understood"),
            expected=msg("a session in a language the person understands"),
        )
    elif session.understood_language is None:
        yield Problem.unknown(
            f"{path}.understood_language",
            msg("it is not recorded whether the person understood the language of the session"),
            observed=msg("unknown"),
            expected=msg("the person's confirmation that they understood"),
        )


_REQUIRED_TOPICS = (
    InformationTopic.CONDITIONS_IN_RETURN_AREA,
    InformationTopic.RIGHT_TO_WITHDRAW,
    InformationTopic.RIGHT_TO_STAY,
)


def _required_topics(person: Person) -> tuple[InformationTopic, ...]:
    # A migrant may have no lawful stay to keep; anyone else (an unassessed person included)
    # must hear that staying remains open.
    if person.legal_category is LegalCategory.MIGRANT:
        return tuple(t for t in _REQUIRED_TOPICS if t is not InformationTopic.RIGHT_TO_STAY)
    return _REQUIRED_TOPICS


def _session_coverage(ctx: PersonContext, path: str, session: ConsentEvent) -> Iterator[Problem]:
    required = _required_topics(ctx.person)
    expected = msg("a session covering {topics}", topics=", ".join(required))
    covered = session.topics_covered
    if covered is None:
        yield Problem.unknown(
            f"{path}.topics_covered",
            msg(
                "it is not recorded what the information session covered, so it cannot be "
                "told whether the person heard about the conditions in the return area and "
                "their rights to withdraw and to stay"
            ),
            observed=msg("topics not recorded"),
            expected=expected,
        )
        return
    left_out = [topic for topic in required if topic not in covered]
    if left_out:
        yield Problem.fail(
            f"{path}.topics_covered",
            msg("the information session left out {topics}", topics=", ".join(left_out)),
            observed=msg("covered: {topics}", topics=", ".join(covered))
            if covered
            else msg("covered: none of the topics"),
            expected=expected,
        )


def _session_assessment(
    ctx: PersonContext, path: str, session: ConsentEvent, session_date: pendulum.Date
) -> Iterator[Problem]:
    at = f"{path}.assessment"
    if session.assessment is None:
        yield Problem.unknown(
            at,
            msg("the information session does not name the conditions assessment it was based on"),
            observed=msg("no assessment reference"),
            expected=msg("the reference of a current assessment of the intended return area"),
        )
        return
    found = _find_assessment(ctx, session.assessment)
    if found is None:
        yield Problem.unknown(
            at,
            msg(
                "the information session refers to assessment {assessment}, which is not on record",
                assessment=repr(session.assessment),
            ),
            observed=msg("{assessment}", assessment=session.assessment),
            expected=msg("a conditions assessment on record"),
        )
        return
    index, assessment = found
    area = ctx.area
    if area is None:
        yield Problem.unknown(
            f"{ctx.household_path}.intended_return_area",
            msg(
                "the intended return area is unknown, so it cannot be told whether the "
                "information covered it"
            ),
            observed=msg("no intended return area"),
            expected=msg("the reference of a return area"),
        )
    elif area not in assessment.covered:
        yield Problem.fail(
            at,
            msg(
                "the information session was based on an assessment of another area than the "
                "one the person intends to return to"
            ),
            observed=msg(
                "assessment {assessment} of area(s) {areas}",
                assessment=assessment.reference,
                areas=", ".join(assessment.covered),
            ),
            expected=msg("an assessment of area {area}", area=area),
        )
    yield from _assessment_current_on(ctx, at, index, assessment, session_date)


def _assessed_and_session(assessed_on: pendulum.Date, session_date: pendulum.Date) -> Message:
    return msg(
        "assessed on {assessed}, session on {session}",
        assessed=assessed_on.isoformat(),
        session=session_date.isoformat(),
    )


def _assessment_current_on(
    ctx: PersonContext,
    path: str,
    index: int,
    assessment: ConditionsAssessment,
    session_date: pendulum.Date,
) -> Iterator[Problem]:
    if assessment.assessed_on is None:
        yield Problem.unknown(
            f"$.assessments[{index}].assessed_on",
            msg(
                "the assessment the information session was based on is undated, so it cannot "
                "be told whether it was current"
            ),
            observed=msg("no date"),
            expected=msg("an assessment date"),
        )
        return
    if assessment.assessed_on > session_date:
        yield Problem.fail(
            path,
            msg(
                "the assessment named by the information session was made after the session, "
                "so the session could not have been based on it"
            ),
            observed=_assessed_and_session(assessment.assessed_on, session_date),
            expected=msg("an assessment made on or before the session"),
        )
        return
    params = ctx.facts.params
    # Unknown volatility gets the stricter limit, as in COND-001.
    limit = (
        "assessment_max_age"
        if assessment.volatility is Volatility.NORMAL
        else "volatile_assessment_max_age"
    )
    oldest = params.before(session_date, limit)
    if assessment.assessed_on < oldest:
        yield Problem.fail(
            path,
            msg(
                "the information session was based on an assessment older than {max_age} on "
                "the session date",
                max_age=str(getattr(params, limit)),
            ),
            observed=_assessed_and_session(assessment.assessed_on, session_date),
            expected=msg("an assessment made on or after {date}", date=oldest.isoformat()),
        )


def _own_session(ctx: PersonContext) -> Iterator[Problem]:
    latest = ctx.latest_session
    if latest is None:
        yield Problem.fail(
            "consent",
            msg("no information session on the conditions in the return area is on record"),
            observed=msg("no information session"),
            expected=msg("an information session recorded on or before as_of"),
        )
        return
    index, session = latest
    path = f"consent[{index}]"
    session_date = session.at.date()
    # The latest session must be current at departure, understood, based on a current
    # assessment of the person's area, and not overtaken by a worse assessment since.
    yield from _session_currency(ctx, path, session_date)
    yield from _session_language(path, session)
    yield from _session_coverage(ctx, path, session)
    yield from _session_assessment(ctx, path, session, session_date)
    yield from reassessed_worse(ctx, path, session)


@rule(
    code="VOL-003",
    title="Informed decision based on a current assessment",
    scope=Scope.PERSON,
    severity=Severity.BLOCKER,
    checks=(
        "Each adult and each unaccompanied or separated child has an information session "
        "recorded on or before as_of; the latest one is judged. It must have been held in a "
        "language the person understood, be no older than `information_session_max_age` on "
        "the planned departure date (with none planned, on the last day of the movement "
        "window), cover the conditions in the area of return, the right to withdraw the "
        "declaration and (for everyone but migrants) the right to stay (`topics_covered`), "
        "and rest on a named assessment of the person's intended "
        "return area made on or before the session and no older than `assessment_max_age` "
        "(`volatile_assessment_max_age` for high or unknown volatility) on the session date; "
        "otherwise it fails. The session rests on the assessment it names, or else on the "
        "one in force at the session (the latest made before the day of the session). It "
        "also fails when the return area was assessed again after that assessment (before "
        "or after the session, on or before as_of) with a finding worse than in it (a "
        "finding it did not record counts when it is not the best value), until a later "
        "session rests on the newer assessment. A later assessment that is undated, dated "
        "the same day as the one the session rests on, dated the day of a session naming "
        "none, or leaving a finding unrecorded that could be worse is insufficient "
        "information. An "
        "unrecorded language, understanding, coverage, assessment, assessment date, return area or "
        "departure date (no planned departure and a movement window with no end) is "
        "insufficient information, and a dependent child is covered by "
        "the parents' decision (not applicable)."
        " A child recorded as accompanied counts as separated when no parent moves with "
        "them (parents are known by relationship to the head of household); when a member "
        "moving with them only may be a parent, the status is insufficient information."
    ),
    rationale=(
        "A decision to return is voluntary only if it is informed: the person must have "
        "received an accurate, up-to-date picture of the area they intend to return to, in a "
        "language they understand, and must know that they may change their mind up to "
        "departure and that staying remains open to them. Information drawn from a stale "
        "assessment, given long before departure, or overtaken by a newer assessment that "
        "found the area worse, no longer supports the decision."
    ),
    references=(
        Reference(
            instrument="UNHCR ExCom Conclusion No. 18 (XXXI), 1980", locator="paras. (e), (g)"
        ),
        Reference(
            instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="paras. 11, 12, 16"
        ),
        Reference(
            instrument="IOM, A Framework for Assisted Voluntary Return and Reintegration (2018)",
            locator="principle 1 (voluntariness: informed decision)",
        ),
    ),
    remediation=(
        "Hold (or repeat) an information session for the person, in a language they "
        "understand, based on a current assessment of their intended return area, no more "
        "than the allowed time before departure, covering the conditions in the area of return "
        "and the rights to withdraw and to stay; record the language, the topics covered, "
        "the assessment used and the person's confirmation that they understood."
    ),
    parameters=(
        "adult_age",
        "information_session_max_age",
        "assessment_max_age",
        "volatile_assessment_max_age",
    ),
    facilitation_gate=True,
)
def informed_decision(ctx: PersonContext) -> Iterator[Found]:
    yield from for_those_who_decide(ctx, lambda: _own_session(ctx))
