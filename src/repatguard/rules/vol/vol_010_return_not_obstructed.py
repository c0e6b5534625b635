"""VOL-010: those who decide to return are not obstructed by exit barriers."""

from __future__ import annotations

from collections.abc import Iterator

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
    code="VOL-010",
    title="Those who decide to return are not obstructed",
    scope=Scope.OPERATION,
    severity=Severity.MINOR,
    checks=(
        "The operation records that no exit-permit refusals, exit fees or detention stop "
        "people who decided to return from leaving."
    ),
    rationale=(
        "Voluntariness cuts both ways: people who have freely decided to go home must be "
        "able to leave. Refused exit permits, exit fees or detention turn the decision to "
        "return into one that cannot be carried out."
    ),
    references=(
        Reference(instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 15"),
    ),
    remediation=(
        "Raise exit-permit refusals, fees or detention of departing refugees with the host "
        "authorities and agree a procedure that lets those who decided to return leave."
    ),
)
def return_not_obstructed(ctx: OperationContext) -> Iterator[Problem]:
    yield from ladder(
        ctx.facts.operation.exit_barriers,
        holds=False,
        path="exit_barriers",
        fails=msg(
            "exit-permit refusals, fees or detention stop people who decided to return from leaving"
        ),
        unknown=msg(
            "it is not recorded whether exit permits, fees or detention stop people who "
            "decided to return"
        ),
        observed=msg("exit barriers in place"),
        expected=msg("no exit-permit refusals, fees or detention for those who decided to return"),
        unknown_observed=msg("unknown"),
    )
