"""PREM-015: no security forces or armed elements in camps or settlements."""

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
    code="PREM-015",
    title="No security forces in camps or settlements",
    scope=Scope.OPERATION,
    severity=Severity.MAJOR,
    checks=(
        "Among the pressure signals active at as_of (started on or before it and not ended "
        "more than `pressure_lookback` before it), any presence of security forces or armed "
        "elements in camps or settlements is a finding: major, or a blocker when it is tied "
        "to refusing return (when that tie is unknown, an extra insufficient-information "
        "finding at blocker weight says so). Without a review of the host environment newer "
        "than `pressure_review_max_age`, the rule reports insufficient information at "
        "blocker weight instead of passing."
    ),
    rationale=(
        "Camps and settlements must keep their civilian and humanitarian character. Security "
        "forces or armed elements deployed among refugees intimidate them, and a decision to "
        "return taken under that pressure is not free."
    ),
    references=(
        Reference(
            instrument="UNHCR ExCom Conclusion No. 94 (LIII), 2002",
            locator="paras. (a)-(c) (civilian and humanitarian character of asylum)",
        ),
        Reference(instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 13"),
    ),
    remediation=(
        "Raise the presence of security forces with the host authorities and seek their "
        "withdrawal from camps and settlements; until they leave, UNHCR cannot promote return. "
        "If their presence is tied to refusing return, movements stop."
    ),
    parameters=("pressure_review_max_age", "pressure_lookback"),
)
def security_forces_in_camps(ctx: OperationContext) -> Iterator[Problem]:
    yield from pressure_problems(
        ctx,
        frozenset({PressureKind.SECURITY_FORCES_IN_CAMPS}),
        what=msg("security forces in camps or settlements"),
        coercion=msg(
            "security forces in camps or settlements, expressly tied to refusing return: coercion"
        ),
        severity=Severity.MAJOR,
    )
