"""PREM-002: no assisted movement while UNHCR neither promotes nor facilitates return."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import MovementKind, Stance
from repatguard.rules.api import AreaContext, Check, Reference, Scope, Severity, rule
from repatguard.rules.prem._positions import consultation_check, describe, positions_for_area


@rule(
    code="PREM-002",
    title="UNHCR neither promoting nor facilitating",
    scope=Scope.AREA,
    severity=Severity.BLOCKER,
    rationale=(
        "When UNHCR's position is that it neither promotes nor facilitates return to an area, "
        "no organised or agency-assisted movement there may be planned. People who go on "
        "their own are monitored, not assisted."
    ),
    references=(
        Reference(
            instrument=(
                "UNHCR, Protection Thresholds and Parameters for Refugee Return to Syria "
                "(February 2018)"
            ),
            locator="UNHCR not promoting or facilitating return at that stage",
        ),
    ),
    remediation=(
        "Stop planning assisted movements to this area while the position is in force; limit "
        "UNHCR's role to monitoring self-organised returns and informing people."
    ),
    parameters=("positions_consulted_max_age",),
)
def not_facilitating(ctx: AreaContext) -> Iterator[Check]:
    missing = consultation_check(ctx, Severity.BLOCKER)
    if missing is not None:
        yield missing
    kind = ctx.facts.operation.movement_kind
    self_organised = kind is MovementKind.SPONTANEOUS
    found = False
    for index, position in positions_for_area(ctx):
        path = f"$.positions[{index}]"
        if not position.stances and not self_organised:
            found = True
            yield Check.unknown(
                f"{path}.stances",
                "a UNHCR position on returns is in force for this area but its stance is not "
                "recorded; it could rule out assisting any movement",
                observed=describe(position),
                expected="the stances the position takes",
            )
            continue
        if Stance.NOT_FACILITATING not in position.stances:
            continue
        found = True
        if self_organised:
            yield Check.passed(
                path,
                "UNHCR neither promotes nor facilitates return to this area; the returns are "
                "self-organised and monitored only",
            )
            continue
        yield Check.failed(
            path,
            f"UNHCR neither promotes nor facilitates return to this area, yet the movement is "
            f"{kind}: no movement there may be assisted",
            observed=f"{describe(position)}; movement: {kind}",
            expected="self-organised returns, monitored only",
        )
    if missing is None and not found:
        yield Check.passed(
            "$.positions", "no UNHCR position against facilitating return to this area is in force"
        )
