"""MIX-002: an asylum claim is withdrawn only after counselling and without pressure."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import ClaimStatus
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


@rule(
    code="MIX-002",
    title="Informed withdrawal of asylum claims",
    scope=Scope.PERSON,
    severity=Severity.MAJOR,
    checks=(
        "For each person whose asylum claim is withdrawn (on or before as_of; an undated "
        "withdrawal counts): the person was counselled on the consequences of withdrawing, "
        "and no coercion indicator is recorded for the person. Each coercion indicator is a "
        "failure (withdrawal under pressure). People with no withdrawn claim are not "
        "concerned."
    ),
    rationale=(
        "Asylum-seekers sometimes withdraw their claim in order to return with assistance. "
        "Giving up a claim to protection is only a free and informed choice when the person "
        "was counselled on its consequences and nothing pressed them into it."
    ),
    references=(
        Reference(
            instrument="IOM, A Framework for Assisted Voluntary Return and Reintegration (2018)",
            locator="principle 1 (voluntariness: freedom of choice and informed decision)",
        ),
        Reference(
            instrument=(
                "UNHCR, Refugee Protection and Mixed Migration: A 10-Point Plan of Action "
                "(rev. 1, 2007)"
            ),
            locator="point 9 (return arrangements for non-refugees)",
        ),
    ),
    remediation=(
        "Counsel the person on the consequences of withdrawing the claim, independently and "
        "without pressure, and record it; where any coercion indicator stands, treat the "
        "withdrawal as not free and reinstate access to the asylum procedure."
    ),
)
def informed_withdrawal(ctx: PersonContext) -> Iterator[Found]:
    person = ctx.person
    claim = person.asylum_claim
    if claim is None or claim.status is not ClaimStatus.WITHDRAWN:
        yield NOT_APPLICABLE
        return
    if claim.withdrawn_on is not None and claim.withdrawn_on > ctx.facts.today:
        yield NOT_APPLICABLE  # not withdrawn yet at as_of: the claim is still pending (MIX-001)
        return
    for index, indicator in enumerate(person.coercion_indicators):
        yield Problem.fail(
            f"coercion_indicators[{index}]",
            msg(
                "the asylum claim was withdrawn under pressure: the withdrawal cannot be taken "
                "as free"
            ),
            observed=msg("{indicator}", indicator=str(indicator)),
            expected=msg("no coercion indicator"),
        )
    yield from ladder(
        claim.withdrawal_counselled,
        holds=True,
        path="asylum_claim.withdrawal_counselled",
        fails=msg("the asylum claim was withdrawn without counselling on the consequences"),
        unknown=msg(
            "it is not recorded whether the person was counselled before withdrawing the "
            "asylum claim"
        ),
        observed=msg("not counselled"),
        expected=msg("counselling on the consequences of withdrawing, without pressure"),
    )
