"""COND-008: returnee monitoring is in place in the return area."""

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
    code="COND-008",
    title="Returnee monitoring in place",
    scope=Scope.AREA,
    severity=Severity.MAJOR,
    checks=(
        "For each return area, the latest conditions assessment made on or before as_of "
        "records whether returnee monitoring is in place. Monitoring in place passes; none "
        "is a major finding, which rules out facilitation as well as promotion. No "
        "assessment, or monitoring not recorded, is insufficient information." + CURRENT_EVIDENCE
    ),
    rationale=(
        "UNHCR keeps a protection interest in returnees after the movement: monitoring shows "
        "whether amnesties and guarantees are respected and lets UNHCR intervene. Without it "
        "return can neither be promoted nor responsibly facilitated."
    ),
    references=(
        Reference(
            instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 5(vi)"
        ),
        Reference(instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 61"),
    ),
    remediation=(
        "Put in place returnee monitoring in the area (who monitors, how, and how problems are "
        "taken up with the authorities) and record it in the assessment."
    ),
    parameters=AGE_LIMITS,
    facilitation_gate=True,
)
def returnee_monitoring(ctx: AreaContext) -> Iterator[Problem]:
    found = latest(ctx.facts, ctx.area.reference)
    if found is None:
        yield no_assessment(
            ctx,
            msg(
                "no conditions assessment of return area {area} is on record, so it is unknown "
                "whether returnees are monitored"
            ),
            msg("an assessment recording returnee monitoring"),
        )
        return
    path = found.field("returnee_monitoring")
    monitoring = found.assessment.returnee_monitoring
    if monitoring is True:
        yield from found.holds_current(
            path,
            undated=msg(
                "returnee monitoring is in place in the area, but only according to an "
                "assessment that is undated, so it may be older than its age limit; evidence "
                "older than its age limit may show a failure but never a pass"
            ),
            too_old=msg(
                "returnee monitoring is in place in the area, but only according to an "
                "assessment that is older than its age limit ({limit}, `{parameter}`); evidence "
                "older than its age limit may show a failure but never a pass"
            ),
        )
    elif monitoring is False:
        yield Problem.fail(
            path,
            msg("no returnee monitoring is in place in the area"),
            observed=msg("no monitoring"),
            expected=msg("returnee monitoring in place"),
        )
    else:
        yield Problem.unknown(
            path,
            msg("the assessment does not say whether returnee monitoring is in place"),
            observed=NOT_RECORDED,
            expected=msg("true or false"),
        )
