"""VOL-013: communications do not encourage return unless UNHCR promotes it."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules.api import OperationContext, Problem, Reference, Scope, Severity, ladder, rule


@rule(
    code="VOL-013",
    title="Communications do not encourage return unless UNHCR promotes",
    scope=Scope.OPERATION,
    severity=Severity.MINOR,
    checks=(
        "The operation records whether its communications encourage return, and they do not. "
        "Promotional messaging fails and an unrecorded answer is insufficient information. "
        "Findings are minor: the safeguard is a condition of facilitation and weighs only "
        "when return cannot be promoted."
    ),
    rationale=(
        "Facilitating a return must not turn into encouraging it: messages that urge people "
        "to go act as a pull factor and amount to promotion. This safeguard weighs only when "
        "promotion is not possible; an operation that may promote may also encourage return."
    ),
    references=(
        Reference(instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 9"),
    ),
    remediation=(
        "While return cannot be promoted, withdraw messages that encourage return and limit "
        "communications to objective information on conditions and on the assistance "
        "available."
    ),
    facilitation_gate=True,
)
def no_promotional_messaging(ctx: OperationContext) -> Iterator[Problem]:
    yield from ladder(
        ctx.facts.operation.promotional_messaging,
        holds=False,
        path="promotional_messaging",
        fails="communications encourage return, which is acceptable only when UNHCR promotes it",
        unknown="it is not recorded whether communications encourage return",
        observed="promotional messaging",
        expected="communications that inform without encouraging return",
        unknown_observed="unknown",
    )
