"""VOL-012: the return was initiated by the displaced people themselves."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import Initiator
from repatguard.rules.api import Check, OperationContext, Reference, Scope, Severity, rule
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import evolve


@rule(
    code="VOL-012",
    title="Return initiated by the displaced themselves",
    scope=Scope.OPERATION,
    severity=Severity.MINOR,
    checks=(
        "The operation records who initiated the return, and it was the displaced people "
        "themselves. A return initiated by the host state, the country of origin, UNHCR, IOM "
        "or anyone else fails, and an unrecorded initiator is insufficient information. "
        "Findings are minor: the safeguard is a condition of facilitation and weighs only "
        "when return cannot be promoted."
    ),
    rationale=(
        "When conditions do not allow UNHCR to promote return, it may still facilitate "
        "returns, but only those that people decide on themselves. This safeguard weighs only "
        "when promotion is not possible: it is then a condition of facilitation."
    ),
    references=(
        Reference(
            instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 5(iv)"
        ),
    ),
    remediation=(
        "Facilitate only returns that the displaced people have asked for; record who "
        "initiated the return (the displaced themselves, or documented individual requests)."
    ),
    facilitation_gate=True,
)
def return_initiated_by_displaced(ctx: OperationContext) -> Iterator[Check]:
    initiator = ctx.facts.operation.initiated_by
    path = "$.initiated_by"
    expected = "initiated by the displaced people themselves"
    if initiator is Initiator.DISPLACED_PERSONS:
        yield Check.passed(path, "the displaced people initiated the return")
    elif initiator is None:
        yield Check.unknown(
            path,
            "it is not recorded who initiated the return",
            observed="unknown",
            expected=expected,
        )
    else:
        yield Check.failed(
            path,
            "the return was not initiated by the displaced people themselves, so it can be "
            "facilitated only if it can be promoted",
            observed=f"initiated by {initiator}",
            expected=expected,
        )


EXAMPLES = RuleExamples(
    passing=Example(
        description="The refugees themselves asked to return.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The host state initiated the return.",
        change=lambda op: evolve(op, initiated_by=Initiator.HOST_STATE),
    ),
    missing=Example(
        description="The operation does not record who initiated the return.",
        change=lambda op: evolve(op, initiated_by=None),
    ),
)
