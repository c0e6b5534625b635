"""LEGAL-009: a person who left housing, land or property behind keeps their claim to it,
whether or not they return."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import PropertyClaimStatus
from repatguard.rules._people import for_those_who_decide
from repatguard.rules.api import (
    Found,
    PersonContext,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)

# A claim decided in the person's favour leaves nothing to inform them about or to tie.
_SETTLED = frozenset({PropertyClaimStatus.RESTORED, PropertyClaimStatus.COMPENSATED})

_INFORMED = msg(
    "the person was told how to lodge a claim to restitution or compensation, and that they "
    "may lodge or keep it whether or not they return"
)
_UNTIED = msg(
    "restitution or compensation that does not depend on the person's decision to return or to stay"
)


def _left_behind_problems(ctx: PersonContext) -> Iterator[Problem]:
    """Whether the person left housing, land or property behind at all."""
    claim = ctx.person.property_claim
    if claim is None:
        # The same path as an unknown ``left_behind``: a CSV row cannot tell an empty record
        # from none, and the finding (its fingerprint) must not depend on the input format.
        yield Problem.unknown(
            "property_claim.left_behind",
            msg(
                "it is not recorded whether the person left housing, land or property behind, "
                "so it cannot be told whether they know how to claim it back"
            ),
            observed=msg("no record of housing, land or property left behind"),
            expected=msg(
                "a record of whether the person left housing, land or property behind and, if "
                "so, of their claim"
            ),
        )
    elif claim.left_behind is None:
        yield Problem.unknown(
            "property_claim.left_behind",
            msg(
                "it is not recorded whether the person left housing, land or property behind, "
                "so it cannot be told whether they know how to claim it back"
            ),
            observed=msg("housing, land or property left behind: not recorded"),
            expected=msg("true or false"),
        )


def _claim_problems(ctx: PersonContext) -> Iterator[Problem]:
    """For a person who left housing, land or property behind: informed of the procedure,
    and a claim that does not depend on their return."""
    claim = ctx.person.property_claim
    if claim is None or claim.left_behind is not True or claim.status in _SETTLED:
        return
    if claim.tied_to_return is True:
        yield Problem.fail(
            "property_claim.tied_to_return",
            msg(
                "the person's claim to the housing, land or property they left behind was made "
                "to depend on their decision on return (offered only if they return, lost if "
                "they stay, or given up for return assistance): restitution is owed whether or "
                "not they return"
            ),
            observed=msg("claim tied to the decision on return"),
            expected=_UNTIED,
        )
    elif claim.tied_to_return is None:
        yield Problem.unknown(
            "property_claim.tied_to_return",
            msg(
                "the person left housing, land or property behind, and it is not recorded "
                "whether their claim to it depends on their decision to return or to stay"
            ),
            observed=msg("whether the claim depends on return: not recorded"),
            expected=_UNTIED,
        )
    if claim.informed_of_procedure is False:
        yield Problem.fail(
            "property_claim.informed_of_procedure",
            msg(
                "the person left housing, land or property behind and was not told how to "
                "claim restitution or compensation, nor that the claim stands whether or not "
                "they return"
            ),
            observed=msg("not informed of the claims procedure"),
            expected=_INFORMED,
        )
    elif claim.informed_of_procedure is None:
        yield Problem.unknown(
            "property_claim.informed_of_procedure",
            msg(
                "the person left housing, land or property behind, and it is not recorded "
                "whether they were told how to claim restitution or compensation"
            ),
            observed=msg("informed of the claims procedure: not recorded"),
            expected=_INFORMED,
        )


def _own_problems(ctx: PersonContext) -> Iterator[Problem]:
    yield from _left_behind_problems(ctx)
    yield from _claim_problems(ctx)


@rule(
    code="LEGAL-009",
    title="Housing, land and property claims stand whether or not the person returns",
    scope=Scope.PERSON,
    severity=Severity.MINOR,
    checks=(
        "Every person who moves and decides individually (an adult, or a child without "
        "parental care; a dependent child's claims are held through the adults' records): the "
        "person's `property_claim` records whether they left housing, land or property behind "
        "(`left_behind`). For a person who did, unless the claim was already settled "
        "(`status` `restored` or `compensated`): (1) nothing made the claim depend on the "
        "person's decision on return (`tied_to_return` false: restitution offered only to "
        "those who return, a claim lost by those who stay, or a claim given up for return "
        "assistance all fail); (2) the person was told how to lodge a claim and that it stands "
        "whether or not they return (`informed_of_procedure`). The check never asks that a "
        "claim be lodged, or decided, before return. Whatever is not recorded is insufficient "
        "information."
    ),
    rationale=(
        "Restitution of housing, land and property, or compensation, is a right of its own: "
        "it is owed whether or not the person returns. The per-person check therefore never "
        "holds a return, and its weight is minor: holding a person's case until their claim is "
        "lodged, informed or untied would make their return wait on their property, the very "
        "link the standard cuts, and where the claim is tied to return, holding the person "
        "back could cost them the claim as well. A finding here, failed or unknown, is "
        "recorded in every report and tells the agencies what to put right for that person "
        "(inform them, and have the tie removed); the area's mechanism itself is LEGAL-004, "
        "at major weight, and pressure on the decision to return is for the voluntariness and "
        "pressure rules, which keep their own weight. Raising this rule to major would make "
        "every unrecorded claim hold its person's case, which the missing fact cannot justify "
        "for a right that does not depend on return."
    ),
    references=(
        Reference(
            instrument="Principles on Housing and Property Restitution for Refugees and "
            "Displaced Persons (Pinheiro Principles), E/CN.4/Sub.2/2005/17",
            locator="principle 2.1 (restoration of housing, land and property, or "
            "compensation where restoration is factually impossible) and 2.2 (restitution "
            "is a distinct right, prejudiced neither by the actual return nor by the "
            "non-return of those entitled to it)",
        ),
        Reference(
            instrument="Principles on Housing and Property Restitution for Refugees and "
            "Displaced Persons (Pinheiro Principles), E/CN.4/Sub.2/2005/17",
            locator="preamble (voluntary return rests on a free, informed, individual "
            "choice, with complete, objective, up-to-date and accurate information, "
            "including on legal safety issues)",
        ),
        Reference(
            instrument="Principles on Housing and Property Restitution for Refugees and "
            "Displaced Persons (Pinheiro Principles), E/CN.4/Sub.2/2005/17",
            locator="principles 10 (the right to voluntary return in safety and dignity) and "
            "13 (accessibility of restitution claims procedures): the titles were read in the "
            "table of contents; the text not verified with the available sources",
        ),
        Reference(
            instrument="UNHCR ExCom Conclusion No. 101 (LV), 2004, on legal safety issues in "
            "the context of voluntary repatriation",
            locator="the paragraph on housing, land and property restitution: its letter and "
            "text not verified with the available sources (the text read stops in para. (b))",
        ),
    ),
    remediation=(
        "Before departure, ask each person whether they left housing, land or property "
        "behind and record it; tell those who did how to lodge a claim to restitution or "
        "compensation, and that it stands whether or not they return; and have any "
        "arrangement that ties a claim to return (restitution only for returnees, claims "
        "lost by those who stay, waivers in return packages) withdrawn. Do not hold the "
        "person's return for the claim: it can be lodged or pursued after return."
    ),
    parameters=("adult_age",),
)
def property_claims(ctx: PersonContext) -> Iterator[Found]:
    yield from for_those_who_decide(ctx, lambda: _own_problems(ctx))
