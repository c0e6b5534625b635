"""PREM-005: no camp closure, eviction or demolition of shelters that pushes people to return."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import PressureKind, PressureSignal
from repatguard.rules.api import Check, OperationContext, Reference, Scope, Severity, rule
from repatguard.rules.examples import Example, RuleExamples
from repatguard.rules.prem._pressure import pressure_checks
from repatguard.testing.factories import AS_OF, evolve


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
def camp_closure(ctx: OperationContext) -> Iterator[Check]:
    yield from pressure_checks(
        ctx,
        frozenset({PressureKind.CAMP_CLOSURE}),
        what="a camp closure, eviction or demolition of shelters",
        severity=Severity.MAJOR,
    )


_CAMP_CLOSURE = PressureSignal(
    kind=PressureKind.CAMP_CLOSURE,
    started_on=AS_OF.subtract(days=40),
    tied_to_refusing_return=False,
    source="camp management report",
)

EXAMPLES = RuleExamples(
    passing=Example(
        description="A review of the host environment 10 days before as_of found no camp closure, "
        "eviction or demolition.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The host authorities began closing the refugee camp 40 days before as_of.",
        change=lambda op: evolve(op, pressure_signals=(_CAMP_CLOSURE,)),
    ),
    missing=Example(
        description="No review of the host environment for pressure is on record.",
        change=lambda op: evolve(op, pressure_review=None),
    ),
)
