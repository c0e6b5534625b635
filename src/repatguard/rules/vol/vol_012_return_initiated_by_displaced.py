"""VOL-012: the return was initiated by the displaced people themselves."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import Initiator
from repatguard.rules.api import Check, OperationContext, Reference, Scope, Severity, rule


@rule(
    code="VOL-012",
    title="Return initiated by the displaced themselves",
    scope=Scope.OPERATION,
    severity=Severity.MINOR,
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
