"""VOL-011: exploratory (go-and-see) visits do not cost refugee status."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules.api import (
    OperationContext,
    Problem,
    Reference,
    Scope,
    Severity,
    ladder,
    msg,
    rule,
)


@rule(
    code="VOL-011",
    title="Exploratory visits do not cost status",
    scope=Scope.OPERATION,
    severity=Severity.MAJOR,
    checks=(
        "The operation records that short exploratory (go-and-see) visits to the country of "
        "origin leave refugee status and registration untouched."
    ),
    rationale=(
        "Short go-and-see visits let refugees judge conditions at home for themselves before "
        "deciding. If a visit costs refugee status or registration, people must decide "
        "without seeing, and the decision is less informed."
    ),
    references=(
        Reference(instrument="UNHCR ExCom Conclusion No. 18 (XXXI), 1980", locator="para. (e)"),
        Reference(
            instrument="UNHCR position on voluntary return to Ukraine (June 2023)",
            locator=(
                "visits of under three months should not end status (as summarised by "
                "mapujpomoc.pl)"
            ),
        ),
    ),
    remediation=(
        "Agree with the host authorities that short exploratory visits leave refugee status "
        "and registration untouched, and tell refugees so before they travel."
    ),
)
def visits_keep_status(ctx: OperationContext) -> Iterator[Problem]:
    yield from ladder(
        ctx.facts.operation.short_visits_keep_status,
        holds=True,
        path="short_visits_keep_status",
        fails=msg(
            "a short exploratory visit home costs refugee status or registration, which "
            "discourages informed decisions"
        ),
        unknown=msg("it is not recorded whether short exploratory visits affect refugee status"),
        observed=msg("visits end status or registration"),
        expected=msg("short visits leave status and registration untouched"),
        unknown_observed=msg("unknown"),
    )
