"""LEAD-005: an organised repatriation rests on a tripartite agreement in force."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import Agreement, AgreementClause, AgreementKind, Operation, is_organised
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

_CLAUSES = tuple(AgreementClause)

_EXPECTED = msg(
    "a tripartite agreement in force between the host country, the country of origin and "
    "UNHCR covering {clauses}",
    clauses=", ".join(str(c) for c in _CLAUSES),
)


def _between_the_three(agreement: Agreement, operation: Operation) -> bool | None:
    """Whether ``agreement`` is a tripartite one between the host country, the country of
    origin and UNHCR; ``None`` when its parties are not recorded."""
    if agreement.kind is not AgreementKind.TRIPARTITE:
        return False
    if agreement.parties is None:
        return None
    return {operation.host_country, operation.origin_country, "UNHCR"} <= set(agreement.parties)


def _missing(agreement: Agreement) -> list[str] | None:
    """The clauses ``agreement`` lacks; ``None`` when its clauses are not recorded."""
    if agreement.covers is None:
        return None
    return [str(clause) for clause in _CLAUSES if clause not in agreement.covers]


def _may_be_complete(agreement: Agreement, operation: Operation) -> bool:
    """Whether ``agreement`` could be a complete tripartite agreement once its unrecorded
    facts (parties, clauses) are known."""
    return _between_the_three(agreement, operation) is not False and not _missing(agreement)


def _record_gap(operation: Operation, in_force: set[int]) -> Problem | None:
    """The first gap in the record (no date, parties or clauses) that may hide a complete
    tripartite agreement in force (indexes ``in_force``); ``None`` when there is none."""
    for index, agreement in enumerate(operation.agreements or ()):
        if not _may_be_complete(agreement, operation):
            continue
        if agreement.signed_on is None:
            return Problem.unknown(
                f"agreements[{index}].signed_on",
                msg(
                    "the tripartite agreement is not dated, so it cannot be told whether it is "
                    "in force"
                ),
                observed=msg("no signing date"),
                expected=msg("the date the agreement was signed"),
            )
        if index not in in_force:
            continue  # dated, and not in force at as_of
        if agreement.parties is None:
            return Problem.unknown(
                f"agreements[{index}].parties",
                msg("the parties to the tripartite agreement in force are not recorded"),
                observed=msg("parties not recorded"),
                expected=msg("the host country, the country of origin and UNHCR among the parties"),
            )
        return Problem.unknown(
            f"agreements[{index}].covers",
            msg("the clauses of the tripartite agreement in force are not recorded"),
            observed=msg("clauses not recorded"),
            expected=_EXPECTED,
        )
    return None


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
        "insufficient information, as are agreements that are not recorded at all (left out, "
        "unlike an empty list, which means none) and an agreement whose parties or clauses "
        "are not recorded. Not applicable to movements that are not organised (a mixed "
        "movement has an organised part), or to an internal return (host and origin country "
        "the same)."
    ),
    rationale=(
        "An organised repatriation is normally framed by a written agreement between the "
        "country of origin, the country of asylum and UNHCR, fixing voluntariness, "
        "guarantees, UNHCR's access and documentation. Its absence rules out promotion but "
        "is not a hard stop, since repatriation can sometimes take place without one."
    ),
    references=(
        Reference(instrument="UNHCR ExCom Conclusion No. 40 (XXXVI), 1985", locator="para. (j)"),
        Reference(
            instrument="UNHCR ExCom Conclusion No. 101 (LV), 2004",
            locator="preamble (strengthened cooperation among countries of origin, host "
            "countries and UNHCR so that voluntary repatriation is sustainable)",
        ),
    ),
    remediation=(
        "Conclude (or bring into force) a tripartite agreement between the host country, the "
        "country of origin and UNHCR that covers voluntariness, guarantees, UNHCR access and "
        "documentation, or add the missing clauses to the existing one."
    ),
)
def tripartite_agreement(ctx: OperationContext) -> Iterator[Found]:
    facts = ctx.facts
    operation = facts.operation
    if not is_organised(operation.movement_kind):
        yield NOT_APPLICABLE
        return
    if operation.host_country == operation.origin_country:
        # An internal return crosses no border: there is no country of asylum.
        yield NOT_APPLICABLE
        return
    if operation.agreements is None:
        yield Problem.unknown(
            "agreements",
            msg(
                "the agreements on the return are not recorded, so it is unknown whether a "
                "tripartite agreement is in force"
            ),
            observed=msg("agreements not recorded"),
            expected=_EXPECTED,
        )
        return
    in_force = [(i, a) for i, a in facts.agreements_in_force if _between_the_three(a, operation)]
    if any(_missing(agreement) == [] for _, agreement in in_force):
        return  # a tripartite agreement in force covers every clause
    # A gap in the record (no date, parties or clauses) may hide a complete agreement in
    # force: that is unknown, never a failure (data gaps never block).
    gap = _record_gap(operation, {index for index, _ in facts.agreements_in_force})
    if gap is not None:
        yield gap
        return
    if in_force:
        index, agreement = min(in_force, key=lambda item: len(_missing(item[1]) or ()))
        missing = _missing(agreement) or []
        yield Problem.fail(
            f"agreements[{index}].covers",
            msg(
                "the tripartite agreement in force does not cover {clauses}",
                clauses=", ".join(missing),
            ),
            observed=msg("missing: {clauses}", clauses=", ".join(missing)),
            expected=_EXPECTED,
        )
        return
    yield Problem.fail(
        "agreements",
        msg(
            "no tripartite agreement between the host country, the country of origin and "
            "UNHCR is in force for this organised repatriation"
        ),
        observed=msg(
            "{count} agreement(s) on record, none in force between the three",
            count=len(operation.agreements),
        ),
        expected=_EXPECTED,
    )
