"""PREM-010: access to asylum is not closed while return is pushed."""

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
    code="PREM-010",
    title="Asylum access not closed while return is pushed",
    scope=Scope.OPERATION,
    severity=Severity.MAJOR,
    checks=(
        "Among the pressure signals active at as_of (started on or before it and not ended "
        "more than `pressure_lookback` before it), any closure of access to asylum (new "
        "claims can no longer be lodged) is a finding: major, or a blocker when it is tied "
        "to refusing return (when that tie is unknown, an extra insufficient-information "
        "finding at blocker weight says so). Without a review of the host environment newer "
        "than `pressure_review_max_age`, the rule reports insufficient information at "
        "blocker weight instead of passing."
    ),
    rationale=(
        "A host state may pause decisions on asylum claims, but people must still be able to "
        "lodge them. Closing access to asylum while return is pushed leaves people with no "
        "protection but return."
    ),
    references=(
        Reference(
            instrument="UNHCR comment on Syria (10 December 2024)",
            locator="suspending asylum decisions acceptable only if claims can still be lodged",
        ),
    ),
    remediation=(
        "Raise the closure with the host authorities and press for claims to be registered "
        "again; until they are, UNHCR cannot promote return. If it is tied to refusing return, "
        "movements stop."
    ),
    parameters=("pressure_review_max_age", "pressure_lookback"),
)
def asylum_access_closed(ctx: OperationContext) -> Iterator[Problem]:
    yield from pressure_problems(
        ctx,
        frozenset({PressureKind.ASYLUM_ACCESS_CLOSED}),
        what=msg("closed access to asylum"),
        coercion=msg("closed access to asylum, expressly tied to refusing return: coercion"),
        severity=Severity.MAJOR,
    )
