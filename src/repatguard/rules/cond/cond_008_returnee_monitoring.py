"""COND-008: returnee monitoring is in place in the return area."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules._assessment import AGE_LIMITS, CURRENT_EVIDENCE, latest, unassessed
from repatguard.rules.api import AreaContext, Problem, Reference, Scope, Severity, rule


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
        yield unassessed(ctx, "returnees are monitored", "returnee monitoring")
        return
    path = found.field("returnee_monitoring")
    monitoring = found.assessment.returnee_monitoring
    if monitoring is True:
        yield from found.holds(path, "returnee monitoring is in place in the area")
    elif monitoring is False:
        yield Problem.fail(
            path,
            "no returnee monitoring is in place in the area",
            observed="no monitoring",
            expected="returnee monitoring in place",
        )
    else:
        yield Problem.unknown(
            path,
            "the assessment does not say whether returnee monitoring is in place",
            observed="not recorded",
            expected="true or false",
        )
