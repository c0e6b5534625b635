"""VOL-009: those who decide not to return keep their status and assistance."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import PressureKind, StayersPolicy
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
from repatguard.rules.prem._pressure import pressure_problems

_LAPSE_OF_STATUS = frozenset({PressureKind.LEGAL_STATUS_EXPIRY, PressureKind.STATUS_REVOCATION})


def _policy_problems(policy: StayersPolicy | None) -> Iterator[Problem]:
    if policy is None:
        yield Problem.unknown(
            "stayers_policy",
            msg("the operation does not record what happens to those who decide not to return"),
            observed=msg("no policy on those who stay"),
            expected=msg("status and assistance kept for those who stay"),
        )
        return
    yield from ladder(
        policy.status_kept,
        holds=True,
        path="stayers_policy.status_kept",
        fails=msg(
            "those who decide not to return lose their legal status and registration, so the "
            "choice to stay is not real"
        ),
        unknown=msg(
            "it is not recorded whether those who stay keep their legal status and registration"
        ),
        observed=msg("legal status and registration not kept"),
        unknown_observed=msg("unknown"),
        expected=msg("legal status and registration kept for those who stay"),
    )
    yield from ladder(
        policy.assistance_kept,
        holds=True,
        path="stayers_policy.assistance_kept",
        fails=msg(
            "those who decide not to return lose their assistance, so the choice to stay is "
            "not real"
        ),
        unknown=msg("it is not recorded whether those who stay keep their assistance"),
        observed=msg("assistance not kept"),
        unknown_observed=msg("unknown"),
        expected=msg("assistance kept for those who stay"),
    )


@rule(
    code="VOL-009",
    title="Continued asylum for those who stay",
    scope=Scope.OPERATION,
    severity=Severity.BLOCKER,
    checks=(
        "The operation records a policy under which those who decide not to return keep "
        "their legal status and registration and their assistance; a policy that takes "
        "either away fails, and no policy or an unrecorded aspect is insufficient "
        "information. Among the pressure signals active at as_of (started on or before it "
        "and not ended more than `pressure_lookback` before it), a host measure that lets "
        "refugees' legal status expire or revokes it fails. Without a review of the host "
        "environment newer than `pressure_review_max_age`, the host-measure part is "
        "insufficient information instead of a pass."
    ),
    rationale=(
        "The choice to return is free only if staying remains a real option. Neither the "
        "operation plan nor a host measure may end, withdraw or let lapse the status, "
        "registration or assistance of refugees who decline to return; losing legal status "
        "is material pressure."
    ),
    references=(
        Reference(
            instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="paras. 11, 13"
        ),
    ),
    remediation=(
        "Record in the operation plan that those who decide not to return keep their status, "
        "registration and assistance; raise any expiry or revocation of status with the host "
        "authorities, and stop movements while it is tied to refusing return."
    ),
    parameters=("pressure_review_max_age", "pressure_lookback"),
)
def continued_asylum(ctx: OperationContext) -> Iterator[Problem]:
    yield from _policy_problems(ctx.facts.operation.stayers_policy)
    yield from pressure_problems(
        ctx,
        _LAPSE_OF_STATUS,
        what=msg("a host measure that ends or lets lapse the legal status of refugees"),
        coercion=msg(
            "a host measure that ends or lets lapse the legal status of refugees, expressly "
            "tied to refusing return: coercion"
        ),
        severity=Severity.BLOCKER,
    )
