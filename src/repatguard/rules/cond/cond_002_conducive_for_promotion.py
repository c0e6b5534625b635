"""COND-002: an objective finding that conditions in the return area are conducive to promotion."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules._assessment import AGE_LIMITS, CURRENT_EVIDENCE, latest, no_assessment
from repatguard.rules.api import (
    NOT_RECORDED,
    AreaContext,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)


@rule(
    code="COND-002",
    title="Objective finding that conditions are conducive to promotion",
    scope=Scope.AREA,
    severity=Severity.MAJOR,
    checks=(
        "For each return area, the latest conditions assessment made on or before as_of "
        "must record an objective finding that conditions are conducive to promoting return "
        "(the large majority can return in safety and dignity, with good prospects of a "
        "durable return). A finding that they are not conducive is a major finding: return "
        "can then at most be facilitated. No assessment of the area, or an assessment that "
        "does not record the finding, is insufficient information; the assessment's age is "
        "judged by COND-001." + CURRENT_EVIDENCE
    ),
    rationale=(
        "UNHCR may promote return only after judging, on objective evidence, that most "
        "refugees can go back to this area in safety and dignity and that return is likely to "
        "last. Without that finding return can at most be facilitated."
    ),
    references=(
        Reference(instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 7"),
    ),
    remediation=(
        "Record in the area's conditions assessment whether the large majority can return in "
        "safety and dignity with good prospects of a durable return; until it says so, do not "
        "promote return to this area."
    ),
    parameters=AGE_LIMITS,
)
def conducive_for_promotion(ctx: AreaContext) -> Iterator[Problem]:
    found = latest(ctx.facts, ctx.area.reference)
    if found is None:
        yield no_assessment(
            ctx,
            msg(
                "no conditions assessment of return area {area} is on record, so there is no "
                "finding that conditions are conducive"
            ),
            msg("an assessment finding conditions conducive to promotion"),
        )
        return
    path = found.field("conducive_for_promotion")
    finding = found.assessment.conducive_for_promotion
    if finding is True:
        yield from found.holds_current(
            path,
            undated=msg(
                "the assessment finds conditions conducive to promoting return, but only "
                "according to an assessment that is undated, so it may be older than its age "
                "limit; evidence older than its age limit may show a failure but never a pass"
            ),
            too_old=msg(
                "the assessment finds conditions conducive to promoting return, but only "
                "according to an assessment that is older than its age limit ({limit}, "
                "`{parameter}`); evidence older than its age limit may show a failure but "
                "never a pass"
            ),
        )
    elif finding is False:
        yield Problem.fail(
            path,
            msg(
                "the assessment finds conditions not conducive to promoting return to this "
                "area; return can at most be facilitated"
            ),
            observed=msg("not conducive"),
            expected=msg("conducive"),
        )
    else:
        yield Problem.unknown(
            path,
            msg("the assessment does not say whether conditions are conducive to promoting return"),
            observed=NOT_RECORDED,
            expected=msg("true or false"),
        )
