"""SPEC-002: the risk of re-trafficking and reprisal is assessed before a survivor returns."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import RiskAssessmentOutcome
from repatguard.rules.api import (
    NOT_APPLICABLE,
    Found,
    PersonContext,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)


@rule(
    code="SPEC-002",
    title="Re-trafficking and reprisal risk assessed for trafficking survivors",
    scope=Scope.PERSON,
    severity=Severity.MAJOR,
    checks=(
        "For every person flagged as a trafficking survivor, an assessment of the risk of "
        "re-trafficking and reprisal is dated on or before as_of and its outcome decides: no "
        "risk found passes, risk found is a major failure, and an unrecorded outcome is "
        "insufficient information at major weight. A missing or future-dated assessment "
        "fails. When survivor status is not recorded, a dated assessment is read the same "
        "way; without one the rule reports insufficient information at major weight (an "
        "unknown status is never kinder than a survivor's). People recorded as not survivors "
        "are not concerned."
    ),
    rationale=(
        "A survivor of trafficking may face the traffickers again on return, through "
        "re-trafficking or reprisals. Before such a person returns, that risk is assessed "
        "individually so that return is reconsidered, or protection arranged, where it is high."
    ),
    references=(
        Reference(
            instrument="UNHCR, Refugee Protection and Mixed Migration: A 10-Point Plan of "
            "Action (2007)",
            locator="point 6 (differentiated processes and procedures, incl. victims of "
            "trafficking)",
        ),
        Reference(
            instrument="IOM, A Framework for Assisted Voluntary Return and Reintegration (2018)",
            locator="objective on addressing migrant vulnerabilities",
        ),
    ),
    remediation=(
        "Record whether the person is a trafficking survivor. For a survivor, carry out an "
        "individual assessment of the risk of re-trafficking and reprisal in the area of "
        "return before the person moves, record its date and outcome, and act on its findings "
        "(protection measures, referral, or reconsidering return)."
    ),
)
def retrafficking_risk_assessed(ctx: PersonContext) -> Iterator[Found]:
    person = ctx.person
    survivor = person.trafficking_survivor
    if survivor is False:
        yield NOT_APPLICABLE
        return
    today = ctx.facts.today
    path = "retrafficking_risk_assessed_on"
    assessed = person.retrafficking_risk_assessed_on
    expected = msg("a risk assessment on or before {date}", date=today.isoformat())
    made = assessed is not None and assessed <= today
    if survivor is not True and not made:
        # Unknown status weighs as a survivor's: the risk may be there and nobody looked.
        yield Problem.unknown(
            "trafficking_survivor",
            msg(
                "it is not recorded whether the person is a trafficking survivor, and no "
                "assessment of the risk of re-trafficking or reprisal is on record"
            ),
            observed=msg("survivor status not recorded; no risk assessment"),
            expected=msg("the survivor status, or a recorded risk assessment"),
        )
        return
    if assessed is None:
        yield Problem.fail(
            path,
            msg(
                "no assessment of the risk of re-trafficking or reprisal is recorded for a "
                "trafficking survivor"
            ),
            observed=msg("no risk assessment"),
            expected=expected,
        )
        return
    if assessed > today:
        yield Problem.fail(
            path,
            msg(
                "the assessment of the risk of re-trafficking or reprisal is dated after the "
                "reference date, so it has not been made yet"
            ),
            observed=msg("assessed on {date}", date=assessed.isoformat()),
            expected=expected,
        )
        return
    yield from _outcome(ctx, assessed.isoformat())


def _outcome(ctx: PersonContext, assessed: str) -> Iterator[Problem]:
    path = "retrafficking_risk_outcome"
    outcome = ctx.person.retrafficking_risk_outcome
    if outcome is RiskAssessmentOutcome.NO_RISK:
        return  # assessed before return, and no risk found
    if outcome is RiskAssessmentOutcome.RISK_FOUND:
        yield Problem.fail(
            path,
            msg("the assessment found a risk of re-trafficking or reprisal in the area of return"),
            observed=msg("assessed on {date}; risk found", date=assessed),
            expected=msg("no risk found, or protection arranged and a new assessment"),
        )
    else:
        yield Problem.unknown(
            path,
            msg(
                "the risk of re-trafficking and reprisal was assessed, but what the assessment "
                "found is not recorded"
            ),
            observed=msg("assessed on {date}; outcome not recorded", date=assessed),
            expected=msg("the outcome of the risk assessment"),
        )
