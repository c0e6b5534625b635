"""PREM-008: no new restriction on registration, work or movement that pushes people to return."""

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
    code="PREM-008",
    title="No restrictions on registration, work or movement",
    scope=Scope.OPERATION,
    severity=Severity.MAJOR,
    checks=(
        "Among the pressure signals active at as_of (started on or before it and not ended "
        "more than `pressure_lookback` before it), any suspension of registration, work ban "
        "or restriction on movement is a finding: major, or a blocker when it is tied to "
        "refusing return (when that tie is unknown, an extra insufficient-information "
        "finding at blocker weight says so). Without a review of the host environment newer "
        "than `pressure_review_max_age`, the rule reports insufficient information at "
        "blocker weight instead of passing."
    ),
    rationale=(
        "Suspending registration, banning work or restricting movement leaves refugees without "
        "legal security or a livelihood, which pushes them towards return. Loss of status for "
        "those who stay is a separate safeguard (VOL-009)."
    ),
    references=(
        Reference(
            instrument="ACHR policy paper (2024/25)",
            locator="registration of new Syrian arrivals in Lebanon suspended since 2015",
        ),
        Reference(
            instrument="SAWA for Development and Aid, 'Unpacking Return' (2019)",
            locator="legal vulnerability as a push factor in Lebanon",
        ),
    ),
    remediation=(
        "Raise the restriction with the host authorities and seek to have it lifted; until it "
        "is, UNHCR cannot promote return. If it is tied to refusing return, movements stop."
    ),
    parameters=("pressure_review_max_age", "pressure_lookback"),
)
def registration_work_or_movement(ctx: OperationContext) -> Iterator[Problem]:
    yield from pressure_problems(
        ctx,
        frozenset({PressureKind.MOVEMENT_OR_WORK_RESTRICTION, PressureKind.REGISTRATION_SUSPENDED}),
        what=msg("a restriction on registration, work or movement"),
        coercion=msg(
            "a restriction on registration, work or movement, expressly tied to refusing return: "
            "coercion"
        ),
        severity=Severity.MAJOR,
    )
