"""PREM-007: return incentives do not distort the choice to return."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import PressureKind
from repatguard.rules.api import Check, OperationContext, Reference, Scope, Severity, rule
from repatguard.rules.prem._pressure import pressure_checks


@rule(
    code="PREM-007",
    title="Return incentives do not distort choice",
    scope=Scope.OPERATION,
    severity=Severity.MAJOR,
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
def incentives(ctx: OperationContext) -> Iterator[Check]:
    yield from pressure_checks(
        ctx,
        frozenset({PressureKind.INCENTIVE_CHANGE}),
        what="a change in return incentives that can distort the choice to return",
        severity=Severity.MAJOR,
    )
