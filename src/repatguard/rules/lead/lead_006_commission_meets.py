"""LEAD-006: the tripartite commission of an organised repatriation meets regularly."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import AgreementKind, is_organised
from repatguard.rules.api import (
    NOT_APPLICABLE,
    NOT_RECORDED,
    Found,
    OperationContext,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)


@rule(
    code="LEAD-006",
    title="A tripartite commission meets",
    scope=Scope.OPERATION,
    severity=Severity.MINOR,
    checks=(
        "For an organised movement (or the organised part of a mixed one), each tripartite "
        "agreement in force records when its commission (or equivalent joint body) last met; "
        "the meeting took place on or before as_of and no longer than `commission_max_gap` "
        "before it. Other movements, and organised movements without a tripartite agreement "
        "in force (see LEAD-005), are not checked."
    ),
    rationale=(
        "A tripartite agreement works through a joint commission of the two countries and "
        "UNHCR that plans the movements and takes up problems as they arise. A commission "
        "that has not met for a long time cannot do so; the longest acceptable gap is "
        "proposed by this project, not stated in a source."
    ),
    references=(
        Reference(instrument="UNHCR ExCom Conclusion No. 40 (XXXVI), 1985", locator="para. (j)"),
    ),
    remediation=(
        "Convene the tripartite commission (or equivalent joint body) and record the date of "
        "its meeting on the agreement."
    ),
    parameters=("commission_max_gap",),
)
def commission_meets(ctx: OperationContext) -> Iterator[Found]:
    facts = ctx.facts
    tripartite = [
        (index, agreement)
        for index, agreement in facts.agreements_in_force
        if agreement.kind is AgreementKind.TRIPARTITE
    ]
    if not is_organised(facts.operation.movement_kind) or not tripartite:
        # Only an organised movement under a tripartite agreement in force has a commission
        # to meet; whether such an agreement is needed is LEAD-005's question.
        yield NOT_APPLICABLE
        return
    params = facts.params
    oldest = params.before(facts.today, "commission_max_gap")
    expected = msg("a meeting on or after {date}", date=oldest.isoformat())
    for index, agreement in tripartite:
        path = f"agreements[{index}].commission_last_met"
        met = agreement.commission_last_met
        if met is None:
            yield Problem.unknown(
                path,
                msg("it is not recorded when the tripartite commission last met"),
                observed=NOT_RECORDED,
                expected=expected,
            )
        elif met > facts.today:
            yield Problem.fail(
                path,
                msg(
                    "the recorded meeting of the tripartite commission has not happened yet, "
                    "so no meeting is on record"
                ),
                observed=msg("meeting dated {date}, after as_of", date=met.isoformat()),
                expected=expected,
            )
        elif met < oldest:
            yield Problem.fail(
                path,
                msg(
                    "the tripartite commission has not met for longer than {limit}",
                    limit=str(params.commission_max_gap),
                ),
                observed=msg("last met on {date}", date=met.isoformat()),
                expected=expected,
            )
