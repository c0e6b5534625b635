"""PREM-006: no arrests, detention or deportation threats against the population in scope."""

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

_KINDS = frozenset(
    {
        PressureKind.DEPORTATION_THREAT,
        PressureKind.ONGOING_DEPORTATIONS,
        PressureKind.ARRESTS_OR_DETENTION,
        PressureKind.DETENTION_AS_ALTERNATIVE,
    }
)


@rule(
    code="PREM-006",
    title="No detention, arrests or deportation threats against the population",
    scope=Scope.OPERATION,
    severity=Severity.BLOCKER,
    checks=(
        "Among the pressure signals active at as_of (started on or before it and not ended "
        "more than `pressure_lookback` before it), any arrests or detention of the "
        "population (of any kind), deportation threats or ongoing deportations are a "
        "blocker, whether or not they are tied to refusing return; the finding cannot be "
        "waived, and a UNHCR lead or an agreement does not lift it. Without a review of the "
        "host environment newer than `pressure_review_max_age`, the rule reports "
        "insufficient information at blocker weight instead of passing."
    ),
    rationale=(
        "Arrest campaigns, detention, deportations or threats of them remove free choice: a "
        "return chosen to escape them is not voluntary, and a signed declaration does not make "
        "it so. A UNHCR lead, an agreement or UNHCR's backing does not lift this."
    ),
    references=(
        Reference(
            instrument=(
                "UNHCR Handbook: Voluntary Repatriation - International Protection (1996), "
                "as quoted by Human Rights Watch (1997)"
            ),
            locator="§2.3 (Voluntariness: coercion removing real choice)",
        ),
        Reference(instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 13"),
    ),
    remediation=(
        "Stop organised and assisted movements of the population concerned for as long as the "
        "measures last, and press the host authorities to end them. Resume only after a new "
        "review finds them ended."
    ),
    waivable=False,
    parameters=("pressure_review_max_age", "pressure_lookback"),
)
def detention_and_deportation(ctx: OperationContext) -> Iterator[Problem]:
    for problem in pressure_problems(
        ctx,
        _KINDS,
        what=msg("arrests, detention, deportations or deportation threats against the population"),
        coercion=msg(
            "arrests, detention, deportations or deportation threats against the population, "
            "expressly tied to refusing return: coercion"
        ),
        severity=Severity.BLOCKER,
    ):
        # Every such measure already fails as a blocker (domain.md A-R1), so whether it is
        # also tied to refusing return changes nothing: drop that follow-up question
        # (pressure_problems does not ask it at blocker weight either; this keeps it so).
        if problem.path.endswith(".tied_to_refusing_return"):
            continue
        yield problem
