"""PREM-005: no camp closure, eviction or demolition of shelters that pushes people to return."""

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
    code="PREM-005",
    title="No camp closure, eviction or demolition of shelters",
    scope=Scope.OPERATION,
    severity=Severity.MAJOR,
    checks=(
        "Among the pressure signals active at as_of (started on or before it and not ended "
        "more than `pressure_lookback` before it), any camp closure, eviction or demolition "
        "of shelters is a finding: major, or a blocker when it is tied to refusing return "
        "(when that tie is unknown, an extra insufficient-information finding at blocker "
        "weight says so). Without a review of the host environment newer than "
        "`pressure_review_max_age`, the rule reports insufficient information at blocker "
        "weight instead of passing."
    ),
    rationale=(
        "Closing camps, evicting refugees or demolishing their shelters takes away the option "
        "of staying; a return that follows is driven by the host situation rather than by a "
        "free choice."
    ),
    references=(
        Reference(
            instrument="J. Crisp, 'Repatriation principles under pressure', FMR 62 (2019)",
            locator="threatened demolition of refugee shelters in Arsal, Lebanon (2019)",
        ),
    ),
    remediation=(
        "Raise the closure or demolitions with the host authorities and secure alternative "
        "shelter for those who stay; until they stop, UNHCR cannot promote return. If they are "
        "tied to refusing return, movements stop."
    ),
    parameters=("pressure_review_max_age", "pressure_lookback"),
)
def camp_closure(ctx: OperationContext) -> Iterator[Problem]:
    yield from pressure_problems(
        ctx,
        frozenset({PressureKind.CAMP_CLOSURE}),
        what=msg("a camp closure, eviction or demolition of shelters"),
        coercion=msg(
            "a camp closure, eviction or demolition of shelters, expressly tied to refusing "
            "return: coercion"
        ),
        severity=Severity.MAJOR,
    )
