"""IDP-002: displaced people, women included, take part in planning their return."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import LegalCategory
from repatguard.rules.api import (
    NOT_APPLICABLE,
    Found,
    OperationContext,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)

_EXPECTED = msg("a consultation of the displaced, women included, held on or before as_of")


@rule(
    code="IDP-002",
    title="Displaced people take part in planning their return",
    scope=Scope.OPERATION,
    severity=Severity.MINOR,
    checks=(
        "When internally displaced people are in scope (declared or on the manifest), at "
        "least one consultation of them on the return plan was held on or before as_of with "
        "women taking part. Not applicable when the number of internally displaced people in "
        "scope is zero."
    ),
    rationale=(
        "Internally displaced people should help plan and manage their own return, "
        "resettlement or integration, and women must be among those consulted. A plan drawn "
        "up without them is less likely to meet their needs or to be durable."
    ),
    references=(
        Reference(
            instrument="Guiding Principles on Internal Displacement (1998)",
            locator="Principle 28(2) (participation; wording not verified with the available "
            "sources)",
        ),
        Reference(
            instrument=(
                "IASC Framework on Durable Solutions for Internally Displaced Persons (2010)"
            ),
            locator="informed participation of the displaced in planning durable solutions",
        ),
    ),
    remediation=(
        "Consult the internally displaced people in scope on the return plan, making sure "
        "women take part, and record each consultation with its date and who took part."
    ),
)
def participation_in_planning(ctx: OperationContext) -> Iterator[Found]:
    facts = ctx.facts
    count = facts.population.counts[LegalCategory.IDP]
    listed = facts.population.listed[LegalCategory.IDP]
    if (count is None or count == 0) and listed == 0:
        if count is None:
            yield Problem.unknown(
                "population.idps",
                msg(
                    "the number of internally displaced people in scope is unknown, so it "
                    "cannot be told whether they had to be consulted"
                ),
                observed=msg("count unknown, none listed"),
                expected=msg("the number of internally displaced people in scope"),
            )
        else:
            yield NOT_APPLICABLE  # no internally displaced people in scope: no one to consult
        return
    held = [
        (index, consultation)
        for index, consultation in enumerate(facts.operation.idp_consultations)
        if consultation.held_on <= facts.today
    ]
    if not held:
        yield Problem.fail(
            "idp_consultations",
            msg(
                "internally displaced people are in scope, but no consultation of them on the "
                "return plan is on record"
            ),
            observed=msg("no consultation held"),
            expected=_EXPECTED,
        )
        return
    # One consultation with women taking part is enough.
    if any(consultation.women_included is True for _, consultation in held):
        return
    unknown = [index for index, consultation in held if consultation.women_included is None]
    if unknown:
        yield Problem.unknown(
            f"idp_consultations[{unknown[0]}].women_included",
            msg("the displaced were consulted, but it is not recorded whether women took part"),
            observed=msg(
                "{count} consultation(s); women's participation not recorded", count=len(held)
            ),
            expected=_EXPECTED,
        )
        return
    yield Problem.fail(
        "idp_consultations",
        msg(
            "the displaced were consulted on the return plan, but women were left out of every "
            "consultation"
        ),
        observed=msg("{count} consultation(s), none including women", count=len(held)),
        expected=_EXPECTED,
    )
