"""PREM-003: host-state deadlines, quotas or return targets."""

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
    code="PREM-003",
    title="No host-state deadline, quota or return target",
    scope=Scope.OPERATION,
    severity=Severity.MAJOR,
    checks=(
        "Among the pressure signals active at as_of (started on or before it and not ended "
        "more than `pressure_lookback` before it), any host-state deadline, quota or return "
        "target is a finding: major, or a blocker when it is tied to refusing return. Without "
        "a review of the host environment newer than `pressure_review_max_age`, the rule "
        "reports insufficient information instead of passing."
    ),
    rationale=(
        "A date by which refugees must leave, or a number of returns the host state wants "
        "reached, pushes people out before conditions allow; free choice is judged against "
        "the situation in the host country as much as at home."
    ),
    references=(
        Reference(instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 13"),
        Reference(
            instrument="J. Crisp, 'Repatriation principles under pressure', FMR 62 (2019)",
            locator="Tanzania/Burundi and Lebanon examples",
        ),
    ),
    remediation=(
        "Raise the deadline or quota with the host authorities; until it is withdrawn, "
        "UNHCR cannot promote return. If it is tied to refusing return, movements stop."
    ),
    parameters=("pressure_review_max_age", "pressure_lookback"),
)
def deadlines_and_quotas(ctx: OperationContext) -> Iterator[Problem]:
    yield from pressure_problems(
        ctx,
        frozenset({PressureKind.DEADLINE, PressureKind.QUOTA_OR_TARGET}),
        what=msg("a host-state deadline, quota or return target"),
        coercion=msg(
            "a host-state deadline, quota or return target, expressly tied to refusing return: "
            "coercion"
        ),
        severity=Severity.MAJOR,
    )
