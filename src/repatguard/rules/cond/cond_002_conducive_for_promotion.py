"""COND-002: an objective finding that conditions in the return area are conducive to promotion."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules._assessment import AGE_LIMITS, CURRENT_EVIDENCE, latest
from repatguard.rules.api import AreaContext, Problem, Reference, Scope, Severity, rule


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
        yield Problem.unknown(
            "$.assessments",
            f"no conditions assessment of return area {ctx.area.reference!r} is on record, so "
            "there is no finding that conditions are conducive",
            observed="no assessment",
            expected="an assessment finding conditions conducive to promotion",
        )
        return
    path = found.field("conducive_for_promotion")
    finding = found.assessment.conducive_for_promotion
    if finding is True:
        yield from found.holds(
            path, "the assessment finds conditions conducive to promoting return"
        )
    elif finding is False:
        yield Problem.fail(
            path,
            "the assessment finds conditions not conducive to promoting return to this area; "
            "return can at most be facilitated",
            observed="not conducive",
            expected="conducive",
        )
    else:
        yield Problem.unknown(
            path,
            "the assessment does not say whether conditions are conducive to promoting return",
            observed="not recorded",
            expected="true or false",
        )
