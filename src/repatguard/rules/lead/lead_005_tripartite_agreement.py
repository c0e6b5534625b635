"""LEAD-005: an organised repatriation rests on a tripartite agreement in force."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import Agreement, AgreementClause, AgreementKind, MovementKind, Operation
from repatguard.rules.api import Check, OperationContext, Reference, Scope, Severity, rule
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import evolve

_CLAUSES = tuple(AgreementClause)


def _between_the_three(agreement: Agreement, operation: Operation) -> bool:
    parties = set(agreement.parties)
    return (
        agreement.kind is AgreementKind.TRIPARTITE
        and {
            operation.host_country,
            operation.origin_country,
            "UNHCR",
        }
        <= parties
    )


def _missing(agreement: Agreement) -> list[str]:
    return [str(clause) for clause in _CLAUSES if clause not in agreement.covers]


@rule(
    code="LEAD-005",
    title="Organised repatriation rests on a tripartite agreement",
    scope=Scope.OPERATION,
    severity=Severity.MAJOR,
    checks=(
        "For an organised repatriation across a border, a tripartite agreement whose parties "
        "include the host country, the country of origin and UNHCR is in force at as_of "
        "(signed on or before it and not yet ended) and covers voluntariness, guarantees, "
        "UNHCR access and documentation. No such agreement in force, or one that lacks a "
        "clause, fails; an undated but otherwise complete tripartite agreement is "
        "insufficient information. Not applicable to movements that are not organised, or "
        "to an internal return (host and origin country the same)."
    ),
    rationale=(
        "An organised repatriation is normally framed by a written agreement between the "
        "country of origin, the country of asylum and UNHCR, fixing voluntariness, "
        "guarantees, UNHCR's access and documentation. Its absence rules out promotion but "
        "is not a hard stop, since repatriation can sometimes take place without one."
    ),
    references=(
        Reference(instrument="UNHCR ExCom Conclusion No. 40 (XXXVI), 1985", locator="para. (j)"),
        Reference(instrument="UNHCR ExCom Conclusion No. 101 (LV), 2004", locator="preamble"),
    ),
    remediation=(
        "Conclude (or bring into force) a tripartite agreement between the host country, the "
        "country of origin and UNHCR that covers voluntariness, guarantees, UNHCR access and "
        "documentation, or add the missing clauses to the existing one."
    ),
)
def tripartite_agreement(ctx: OperationContext) -> Iterator[Check]:
    facts = ctx.facts
    operation = facts.operation
    if operation.movement_kind is not MovementKind.ORGANISED:
        return
    if operation.host_country == operation.origin_country:
        return  # an internal return crosses no border: there is no country of asylum
    in_force = [(i, a) for i, a in facts.agreements_in_force if _between_the_three(a, operation)]
    for index, agreement in in_force:
        if not _missing(agreement):
            yield Check.passed(
                f"$.agreements[{index}]",
                "a tripartite agreement in force covers voluntariness, guarantees, UNHCR "
                "access and documentation",
            )
            return
    undated = [
        index
        for index, agreement in enumerate(operation.agreements)
        if agreement.signed_on is None
        and _between_the_three(agreement, operation)
        and not _missing(agreement)
    ]
    if undated:
        yield Check.unknown(
            f"$.agreements[{undated[0]}].signed_on",
            "the tripartite agreement is not dated, so it cannot be told whether it is in force",
            observed="no signing date",
            expected="the date the agreement was signed",
        )
        return
    expected = (
        "a tripartite agreement in force between the host country, the country of origin and "
        f"UNHCR covering {', '.join(str(c) for c in _CLAUSES)}"
    )
    if in_force:
        index, agreement = min(in_force, key=lambda item: len(_missing(item[1])))
        missing = _missing(agreement)
        yield Check.failed(
            f"$.agreements[{index}].covers",
            f"the tripartite agreement in force does not cover {', '.join(missing)}",
            observed=f"missing: {', '.join(missing)}",
            expected=expected,
        )
        return
    yield Check.failed(
        "$.agreements",
        "no tripartite agreement between the host country, the country of origin and UNHCR "
        "is in force for this organised repatriation",
        observed=f"{len(operation.agreements)} agreement(s) on record, none in force between "
        "the three",
        expected=expected,
    )


def _agreement(op: Operation, **changes: object) -> Operation:
    """The sound operation with its tripartite agreement TPA-1 changed."""
    return evolve(op, agreements=(evolve(op.agreements[0], **changes),))


EXAMPLES = RuleExamples(
    passing=Example(
        description="Tripartite agreement TPA-1 between the host country, the country of "
        "origin and UNHCR, signed seven months before as_of, covers all four clauses.",
        change=lambda op: op,
    ),
    failing=Example(
        description="Agreement TPA-1 is in force but covers only voluntariness and "
        "documentation, not UNHCR access or guarantees.",
        change=lambda op: _agreement(
            op, covers=(AgreementClause.VOLUNTARINESS, AgreementClause.DOCUMENTATION)
        ),
    ),
    missing=Example(
        description="Agreement TPA-1 covers all four clauses but carries no signing date.",
        change=lambda op: _agreement(op, signed_on=None),
    ),
)
