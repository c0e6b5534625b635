"""MIX-007: each returnee has a reintegration plan with follow-up."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import MovementKind, movement_applies
from repatguard.rules._people import for_those_who_decide
from repatguard.rules.api import (
    NOT_APPLICABLE,
    Found,
    PersonContext,
    Problem,
    Reference,
    Scope,
    Severity,
    ladder,
    msg,
    rule,
)

_ASSISTED = frozenset(
    {MovementKind.AVRR, MovementKind.ORGANISED, MovementKind.ASSISTED_SPONTANEOUS}
)


def _own_plan(ctx: PersonContext) -> Iterator[Problem]:
    yield from ladder(
        ctx.person.reintegration_plan,
        holds=True,
        path="reintegration_plan",
        fails=msg("the person has no reintegration plan or follow-up after arrival"),
        unknown=msg("it is not recorded whether the person has a reintegration plan"),
        observed=msg("no plan"),
        expected=msg("a reintegration plan with follow-up after arrival"),
    )


@rule(
    code="MIX-007",
    title="Reintegration support and follow-up",
    scope=Scope.PERSON,
    severity=Severity.MINOR,
    checks=(
        "Only for AVRR, organised, assisted spontaneous and mixed movements. Every adult (age "
        "on the planned departure date at or above `adult_age`) and every unaccompanied or "
        "separated child has a reintegration plan with follow-up. A dependent child is not "
        "concerned; when the age is unknown and no plan is recorded, the result is "
        "insufficient information."
        " A child recorded as accompanied counts as separated when no parent moves with "
        "them (parents are known by relationship to the head of household); when a member "
        "moving with them only may be a parent, the status is insufficient information."
    ),
    rationale=(
        "A return is durable only if the person can rebuild a life on arrival. Assisted and "
        "organised returns therefore come with reintegration support and follow-up contacts, "
        "planned with each person who decides to return."
    ),
    references=(
        Reference(
            instrument="IOM, A Framework for Assisted Voluntary Return and Reintegration (2018)",
            locator="objectives on sustainable reintegration and follow-up",
        ),
        Reference(instrument="UNHCR ExCom Conclusion No. 40 (XXXVI), 1985", locator="para. (k)"),
    ),
    remediation=(
        "Agree a reintegration plan with the person (or the unaccompanied or separated "
        "child's caregiver) covering support on arrival and follow-up contacts, and record it."
    ),
    parameters=("adult_age",),
)
def reintegration_support(ctx: PersonContext) -> Iterator[Found]:
    # Through the model's helper: a mixed movement has assisted parts.
    if not movement_applies(ctx.facts.operation.movement_kind, _ASSISTED):
        yield NOT_APPLICABLE
        return
    yield from for_those_who_decide(ctx, lambda: _own_plan(ctx))
