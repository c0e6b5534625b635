"""COND-007: UNHCR has free and unhindered access to the return area and to returnees."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import Access
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
    code="COND-007",
    title="UNHCR has free access to the return area and returnees",
    scope=Scope.AREA,
    severity=Severity.MAJOR,
    checks=(
        "For each return area, the latest conditions assessment made on or before as_of "
        "records UNHCR's access to the area and to returnees. Full access passes; limited "
        "or no access is a major finding. No assessment, or access not recorded, is "
        "insufficient information." + CURRENT_EVIDENCE
    ),
    rationale=(
        "UNHCR can only verify that returnees are safe, and intervene when they are not, if it "
        "can reach the area and the returnees freely. Limited or no access rules out "
        "promotion."
    ),
    references=(
        Reference(instrument="UNHCR ExCom Conclusion No. 18 (XXXI), 1980", locator="para. (h)"),
        Reference(
            instrument="UNHCR ExCom Conclusion No. 40 (XXXVI), 1985",
            locator="para. (l) (letter not verified with the available sources)",
        ),
    ),
    remediation=(
        "Obtain free and unhindered access to the return area and to returnees from the "
        "authorities (for instance through an access clause in the tripartite agreement) and "
        "record it in the assessment."
    ),
    parameters=AGE_LIMITS,
)
def unhcr_access(ctx: AreaContext) -> Iterator[Problem]:
    found = latest(ctx.facts, ctx.area.reference)
    if found is None:
        yield no_assessment(
            ctx,
            msg(
                "no conditions assessment of return area {area} is on record, so UNHCR's "
                "access to it is unknown"
            ),
            msg("an assessment recording UNHCR's access"),
        )
        return
    path = found.field("unhcr_access")
    access = found.assessment.unhcr_access
    if access is Access.FULL:
        yield from found.holds_current(
            path,
            undated=msg(
                "UNHCR has full access to the area and to returnees, but only according to an "
                "assessment that is undated, so it may be older than its age limit; evidence "
                "older than its age limit may show a failure but never a pass"
            ),
            too_old=msg(
                "UNHCR has full access to the area and to returnees, but only according to an "
                "assessment that is older than its age limit ({limit}, `{parameter}`); evidence "
                "older than its age limit may show a failure but never a pass"
            ),
        )
    elif access is None:
        yield Problem.unknown(
            path,
            msg("the assessment does not record UNHCR's access to the area and returnees"),
            observed=NOT_RECORDED,
            expected=msg("{access}", access=str(Access.FULL)),
        )
    else:
        yield Problem.fail(
            path,
            msg(
                "UNHCR's access to the area and returnees is {access}: return cannot be promoted",
                access=str(access),
            ),
            observed=msg("{access}", access=str(access)),
            expected=msg("{access}", access=str(Access.FULL)),
        )
