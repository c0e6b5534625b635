"""PREM-009: no deception or misinformation about return or about conditions at home."""

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
    code="PREM-009",
    title="No deception or misinformation about return",
    scope=Scope.OPERATION,
    severity=Severity.MAJOR,
    checks=(
        "Among the pressure signals active at as_of (started on or before it and not ended "
        "more than `pressure_lookback` before it), any deception or misinformation about "
        "return or about conditions in the country of origin is a finding: major, or a "
        "blocker when it is tied to refusing return (when that tie is unknown, an extra "
        "insufficient-information finding at blocker weight says so). Without a review of "
        "the host environment newer than `pressure_review_max_age`, the rule reports "
        "insufficient information at blocker weight instead of passing."
    ),
    rationale=(
        "A decision to return is voluntary only when it rests on accurate information about "
        "the country of origin. Deceptive or misleading information spread in the host country "
        "takes that away."
    ),
    references=(
        Reference(
            instrument="UNHCR ExCom Conclusion No. 18 (XXXI), 1980", locator="paras. (e), (g)"
        ),
    ),
    remediation=(
        "Counter the misinformation with accurate, sourced information sessions on conditions "
        "in the return areas and raise it with whoever spreads it; until it stops, UNHCR "
        "cannot promote return."
    ),
    parameters=("pressure_review_max_age", "pressure_lookback"),
)
def deception_or_misinformation(ctx: OperationContext) -> Iterator[Problem]:
    yield from pressure_problems(
        ctx,
        frozenset({PressureKind.DECEPTION_OR_MISINFORMATION}),
        what=msg("deception or misinformation about return"),
        coercion=msg(
            "deception or misinformation about return, expressly tied to refusing return: coercion"
        ),
        severity=Severity.MAJOR,
    )
