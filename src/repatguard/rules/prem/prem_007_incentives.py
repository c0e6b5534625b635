"""PREM-007: return incentives do not distort the choice to return."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import PressureKind
from repatguard.rules.api import (
    OperationContext,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)
from repatguard.rules.prem._pressure import pressure_problems


@rule(
    code="PREM-007",
    title="Return incentives do not distort choice",
    scope=Scope.OPERATION,
    severity=Severity.MAJOR,
    checks=(
        "Among the pressure signals active at as_of (started on or before it and not ended "
        "more than `pressure_lookback` before it), any change in return incentives (for "
        "instance a grant that grows with the speed of departure, expires soon or is paid "
        "at the point of departure) is a finding: major, or a blocker when it is tied to "
        "refusing return (when that tie is unknown, an extra insufficient-information "
        "finding at blocker weight says so). A major finding here also rules out "
        "facilitation. Without a review of the host environment newer than "
        "`pressure_review_max_age`, the rule reports insufficient information at blocker "
        "weight instead of passing."
    ),
    rationale=(
        "Assistance to returnees must not become a pull factor or signal that UNHCR promotes "
        "return. Grants that grow with speed of departure, expire soon or are paid at the "
        "point of departure buy decisions instead of supporting them."
    ),
    references=(
        Reference(instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 9"),
        Reference(
            instrument="UNHCR position on voluntary return to Ukraine (June 2023)",
            locator="assistance preferably delivered in areas of return, not at departure",
        ),
    ),
    remediation=(
        "Reshape the incentive so that it does not depend on how fast people leave and is "
        "delivered in the area of return; until then the movement can be neither promoted nor "
        "facilitated."
    ),
    parameters=("pressure_review_max_age", "pressure_lookback"),
    facilitation_gate=True,
)
def incentives(ctx: OperationContext) -> Iterator[Problem]:
    yield from pressure_problems(
        ctx,
        frozenset({PressureKind.INCENTIVE_CHANGE}),
        what=msg("a change in return incentives that can distort the choice to return"),
        coercion=msg(
            "a change in return incentives that can distort the choice to return, expressly tied "
            "to refusing return: coercion"
        ),
        severity=Severity.MAJOR,
    )
