"""PREM-011: spontaneous return into conditions not conducive is escalated or route-monitored."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import MovementKind, Operation
from repatguard.rules.api import AreaContext, Check, Reference, Scope, Severity, rule
from repatguard.rules.examples import Example, RuleExamples
from repatguard.rules.prem._positions import describe, positions_for_area
from repatguard.testing.factories import evolve, with_assessment

_SPONTANEOUS = frozenset({MovementKind.SPONTANEOUS, MovementKind.ASSISTED_SPONTANEOUS})


@rule(
    code="PREM-011",
    title="Spontaneous return into conditions not conducive: escalate",
    scope=Scope.AREA,
    severity=Severity.MAJOR,
    checks=(
        "Applies only when the movement is spontaneous or assisted spontaneous. For each "
        "return area, when the latest conditions assessment made on or before as_of finds "
        "conditions not conducive to promotion, a UNHCR position on returns covering the "
        "area must be in force at as_of: without one it is a major finding sent to the "
        "joint IOM-UNHCR escalation path; with one, the return routes must be monitored "
        "(unmonitored routes are a major finding). No assessment, an unrecorded conducive "
        "finding or unrecorded route monitoring is insufficient information."
    ),
    rationale=(
        "UNHCR may facilitate returns people undertake on their own even when conditions are "
        "not conducive, but only with headquarters' advice: a UNHCR position on returns for "
        "the area. Without one the situation goes to headquarters-level review; with one, "
        "monitors along the routes are still required."
    ),
    references=(
        Reference(
            instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 5(iv)"
        ),
        Reference(instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 10"),
        Reference(instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 21"),
        Reference(
            instrument="repatguard domain specification (domain.md)",
            locator="A-R2 (PREM-011 and the escalation gate)",
        ),
    ),
    remediation=(
        "Refer the situation to headquarters through the joint IOM-UNHCR escalation path and "
        "obtain a UNHCR position on returns to the area; once one is in force, plan monitoring "
        "along the return routes."
    ),
)
def spontaneous_return_escalation(ctx: AreaContext) -> Iterator[Check]:
    facts = ctx.facts
    operation = facts.operation
    if operation.movement_kind not in _SPONTANEOUS:
        return
    latest = facts.latest_assessment(ctx.area.reference)
    if latest is None:
        yield Check.unknown(
            "$.assessments",
            f"no conditions assessment of return area {ctx.area.reference!r} is on record, so "
            "it is unknown whether people are returning spontaneously into conditions that "
            "are not conducive",
            observed="no assessment",
            expected="an assessment finding whether conditions are conducive",
            severity=Severity.BLOCKER,
        )
        return
    index, assessment = latest
    conducive = assessment.conducive_for_promotion
    if conducive is True:
        yield Check.passed(
            f"$.assessments[{index}].conducive_for_promotion",
            "conditions in the area are found conducive; no escalation is needed",
        )
        return
    if conducive is None:
        yield Check.unknown(
            f"$.assessments[{index}].conducive_for_promotion",
            "the assessment does not say whether conditions are conducive, so it is unknown "
            "whether this spontaneous return needs escalation",
            observed="not recorded",
            expected="true or false",
            # The unknown could hide an escalation, which stops everything: blocker weight.
            severity=Severity.BLOCKER,
        )
        return
    positions = positions_for_area(ctx)
    if not positions:
        yield Check.failed(
            "$.positions",
            f"a {operation.movement_kind} return is under way into conditions found not "
            "conducive, and no UNHCR position on returns to this area is in force: "
            "headquarters-level review through the joint escalation path is needed",
            observed="conditions not conducive; no position in force",
            expected="a UNHCR position on returns to the area",
            escalate=True,
        )
        return
    observed_position = describe(positions[0][1])
    if operation.route_monitoring is True:
        yield Check.passed(
            "$.route_monitoring",
            "a UNHCR position on returns is in force for the area and the return routes are "
            "monitored",
        )
    elif operation.route_monitoring is False:
        yield Check.failed(
            "$.route_monitoring",
            "people return spontaneously into conditions found not conducive and the return "
            "routes are not monitored; route monitoring is required",
            observed=f"no route monitoring; position in force: {observed_position}",
            expected="monitoring along the return routes",
        )
    else:
        yield Check.unknown(
            "$.route_monitoring",
            "people return spontaneously into conditions found not conducive and it is not "
            "recorded whether the return routes are monitored",
            observed=f"not recorded; position in force: {observed_position}",
            expected="true or false",
        )


def _spontaneous(operation: Operation, conducive: bool | None) -> Operation:
    """Self-organised return, no UNHCR position on record, and the given conducive finding."""
    changed = evolve(operation, movement_kind=MovementKind.SPONTANEOUS, positions=())
    return with_assessment(changed, conducive_for_promotion=conducive)


EXAMPLES = RuleExamples(
    passing=Example(
        description="Refugees return to AREA-1 on their own, and the latest assessment finds "
        "conditions there conducive to promoting return.",
        change=lambda op: _spontaneous(op, True),
    ),
    failing=Example(
        description="Refugees return on their own to AREA-1, whose latest assessment finds "
        "conditions not conducive, and no UNHCR position on returns to the area is in force.",
        change=lambda op: _spontaneous(op, False),
    ),
    missing=Example(
        description="Refugees return on their own to AREA-1, and the latest assessment does "
        "not say whether conditions there are conducive.",
        change=lambda op: _spontaneous(op, None),
    ),
)
