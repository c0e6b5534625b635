"""VOL-013: communications do not encourage return unless UNHCR promotes it."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from repatguard.rules.api import (
    OperationContext,
    Problem,
    Reference,
    Scope,
    Severity,
    ladder,
    msg,
    rule,
)


@rule(
    code="VOL-013",
    title="Communications do not encourage return unless UNHCR promotes",
    scope=Scope.OPERATION,
    severity=Severity.MINOR,
    checks=(
        "The operation records whether its communications encourage return, and they do not. "
        "Promotional messaging fails and an unrecorded answer is insufficient information. "
        "Where a return area records its own answer (`return_areas[].promotional_messaging`), "
        "each area is judged on its own answer, else the operation's, and the finding is tied "
        "to that area, so messages that encourage return to an area where promotion is "
        "possible do not hold the facilitation of returns to another. "
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
    operation = ctx.facts.operation
    if all(area.promotional_messaging is None for area in operation.return_areas):
        yield from _judged(operation.promotional_messaging, "promotional_messaging", None)
        return
    # Messaging differs between areas: each area is judged on its own record, else the
    # operation's.
    for i, area in enumerate(operation.return_areas):
        path = (
            "promotional_messaging"
            if area.promotional_messaging is None
            else f"$.return_areas[{i}].promotional_messaging"
        )
        yield from _judged(area.promotes(operation), path, area.reference)


def _judged(promotes: bool | None, path: str, area: str | None) -> Iterator[Problem]:
    for found in ladder(
        promotes,
        holds=False,
        path=path,
        fails=msg(
            "communications encourage return, which is acceptable only when UNHCR promotes it"
        ),
        unknown=msg("it is not recorded whether communications encourage return"),
        observed=msg("promotional messaging"),
        expected=msg("communications that inform without encouraging return"),
        unknown_observed=msg("unknown"),
    ):
        yield attrs.evolve(found, area=area)
