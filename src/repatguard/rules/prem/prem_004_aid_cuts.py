"""PREM-004: no cut in aid or essential services that pushes people to return."""

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
    code="PREM-004",
    title="No cut in aid or essential services",
    scope=Scope.OPERATION,
    severity=Severity.MAJOR,
    checks=(
        "Among the pressure signals active at as_of (started on or before it and not ended "
        "more than `pressure_lookback` before it), any cut in aid or essential services "
        "(food, cash, health care, education or shelter support) is a finding: major, or a "
        "blocker when it is tied to refusing return (when that tie is unknown, an extra "
        "insufficient-information finding at blocker weight says so). Without a review of "
        "the host environment newer than `pressure_review_max_age`, the rule reports "
        "insufficient information at blocker weight instead of passing."
    ),
    rationale=(
        "Cutting food, cash, health care, education or shelter support while return is on the "
        "table is material pressure: people leave because staying has become impossible, not "
        "because they freely chose to go home."
    ),
    references=(
        Reference(
            instrument=(
                "UNHCR Handbook: Voluntary Repatriation - International Protection (1996), "
                "as quoted by Human Rights Watch (1997)"
            ),
            locator="§2.3 (Voluntariness: reduced essential services as pressure)",
        ),
        Reference(
            instrument="SAWA for Development and Aid, 'Unpacking Return' (2019)",
            locator="decreasing aid as a push factor in Lebanon",
        ),
    ),
    remediation=(
        "Raise the cut with the host authorities and donors and seek to restore assistance; "
        "until it is reversed, UNHCR cannot promote return. If the cut is tied to refusing "
        "return, movements stop."
    ),
    parameters=("pressure_review_max_age", "pressure_lookback"),
)
def aid_or_service_cuts(ctx: OperationContext) -> Iterator[Problem]:
    yield from pressure_problems(
        ctx,
        frozenset({PressureKind.AID_CUT}),
        what=msg("a cut in aid or essential services"),
        coercion=msg(
            "a cut in aid or essential services, expressly tied to refusing return: coercion"
        ),
        severity=Severity.MAJOR,
    )
