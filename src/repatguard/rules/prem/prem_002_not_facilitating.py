"""PREM-002: no assisted movement while UNHCR neither promotes nor facilitates return."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import MovementKind, Stance
from repatguard.rules.api import AreaContext, Problem, Reference, Scope, Severity, msg, rule
from repatguard.rules.prem._positions import described, positions_for_area, unconsulted


@rule(
    code="PREM-002",
    title="UNHCR neither promoting nor facilitating",
    scope=Scope.AREA,
    severity=Severity.BLOCKER,
    checks=(
        "For each return area, a UNHCR position on returns in force at as_of that covers "
        "the area for everyone and says UNHCR does not facilitate return is a blocker, "
        "whatever the kind of movement: for an organised or assisted movement nothing may be "
        "assisted, and for self-organised (spontaneous) returns UNHCR's role is monitoring "
        "only (the verdict cannot be facilitation). A position in force with no stance "
        "recorded is insufficient information. When the positions were "
        "not consulted within `positions_consulted_max_age` before as_of, the rule reports "
        "insufficient information instead of passing. A position limited to risk profiles "
        "is not an area-wide finding: SPEC-003 judges each person who matches it, and one "
        "that rules out facilitation is a blocker for that person."
    ),
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
def not_facilitating(ctx: AreaContext) -> Iterator[Problem]:
    # A position we did not see could say "not facilitating": unknown, not absent.
    missing = unconsulted(ctx, Severity.BLOCKER)
    if missing is not None:
        yield missing
    kind = ctx.facts.operation.movement_kind
    self_organised = kind is MovementKind.SPONTANEOUS
    # Only positions for everyone in the area: one limited to risk profiles is judged for each
    # person who matches it (SPEC-003). The positions belong to the operation: absolute paths.
    for index, position in positions_for_area(ctx):
        path = f"$.positions[{index}]"
        if not position.stances:
            yield Problem.unknown(
                f"{path}.stances",
                msg(
                    "a UNHCR position on returns is in force for this area but its stance is "
                    "not recorded; it could rule out assisting any movement"
                ),
                observed=described(position),
                expected=msg("the stances the position takes"),
            )
            continue
        if Stance.NOT_FACILITATING not in position.stances:
            continue
        # The position records stances here (not_facilitating among them).
        observed = described(position, stated=_WITH_MOVEMENT.with_values(kind=str(kind)))
        if self_organised:
            # Do not assist: people who go on their own are monitored and informed, and no
            # verdict may read as facilitation (domain.md §3.2 step 3, A-0).
            yield Problem.fail(
                path,
                msg(
                    "UNHCR neither promotes nor facilitates return to this area: the "
                    "self-organised returns may only be monitored, not assisted or facilitated"
                ),
                observed=observed,
                expected=msg("no position against facilitating return"),
            )
            continue
        yield Problem.fail(
            path,
            msg(
                "UNHCR neither promotes nor facilitates return to this area, yet the movement "
                "is {kind}: no movement there may be assisted",
                kind=str(kind),
            ),
            observed=observed,
            expected=msg("self-organised returns, monitored only"),
        )


_WITH_MOVEMENT = msg("{position} ({stances}), issued {issued_on}; movement: {kind}")
