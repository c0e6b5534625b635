"""PREM-009: no deception or misinformation about return or about conditions at home."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import PressureKind
from repatguard.rules.api import Check, OperationContext, Reference, Scope, Severity, rule
from repatguard.rules.prem._pressure import pressure_checks


@rule(
    code="PREM-009",
    title="No deception or misinformation about return",
    scope=Scope.OPERATION,
    severity=Severity.MAJOR,
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
def deception_or_misinformation(ctx: OperationContext) -> Iterator[Check]:
    yield from pressure_checks(
        ctx,
        frozenset({PressureKind.DECEPTION_OR_MISINFORMATION}),
        what="deception or misinformation about return",
        severity=Severity.MAJOR,
    )
