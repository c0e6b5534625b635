"""VOL-013: communications do not encourage return unless UNHCR promotes it."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules.api import Check, OperationContext, Reference, Scope, Severity, legacy_rule
from repatguard.rules.vol._coherent import coherent


@legacy_rule(
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
@coherent
def no_promotional_messaging(ctx: OperationContext) -> Iterator[Check]:
    promotional = ctx.facts.operation.promotional_messaging
    path = "$.promotional_messaging"
    expected = "communications that inform without encouraging return"
    if promotional is False:
        yield Check.passed(path, "communications do not encourage return")
    elif promotional is None:
        yield Check.unknown(
            path,
            "it is not recorded whether communications encourage return",
            observed="unknown",
            expected=expected,
        )
    else:
        yield Check.failed(
            path,
            "communications encourage return, which is acceptable only when UNHCR promotes it",
            observed="promotional messaging",
            expected=expected,
        )
