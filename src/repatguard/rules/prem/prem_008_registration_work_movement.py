"""PREM-008: no new restriction on registration, work or movement that pushes people to return."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import PressureKind, PressureSignal
from repatguard.rules.api import Check, OperationContext, Reference, Scope, Severity, rule
from repatguard.rules.examples import Example, RuleExamples
from repatguard.rules.prem._pressure import pressure_checks
from repatguard.testing.factories import AS_OF, evolve


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
def registration_work_or_movement(ctx: OperationContext) -> Iterator[Check]:
    yield from pressure_checks(
        ctx,
        frozenset({PressureKind.MOVEMENT_OR_WORK_RESTRICTION, PressureKind.REGISTRATION_SUSPENDED}),
        what="a restriction on registration, work or movement",
        severity=Severity.MAJOR,
    )


_REGISTRATION_SUSPENDED = PressureSignal(
    kind=PressureKind.REGISTRATION_SUSPENDED,
    started_on=AS_OF.subtract(days=40),
    tied_to_refusing_return=False,
    source="host ministry announcement",
)

EXAMPLES = RuleExamples(
    passing=Example(
        description="A review of the host environment 10 days before as_of found no restriction "
        "on registration, work or movement.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The host state suspended the registration of refugees 40 days before as_of.",
        change=lambda op: evolve(op, pressure_signals=(_REGISTRATION_SUSPENDED,)),
    ),
    missing=Example(
        description="No review of the host environment for pressure is on record.",
        change=lambda op: evolve(op, pressure_review=None),
    ),
)
