"""LEAD-002: implementing partners act under a documented arrangement naming UNHCR's lead."""

from __future__ import annotations

from collections.abc import Iterator

import pendulum

from repatguard.model import Agency, Partner, PartnerArrangement
from repatguard.rules.api import (
    NOT_APPLICABLE,
    Found,
    OperationContext,
    Problem,
    Reference,
    Scope,
    Severity,
    ladder,
    msg,
    rule,
)

_EXPECTED = msg("a signed arrangement in force that places the partner under UNHCR's lead")


# Long in lines, not in logic: each finding's message is written out whole for the
# catalogues (docs/writing-rules.md), one per branch.
def _partner_problems(
    path: str,
    partner: Partner,
    arrangements: dict[str, PartnerArrangement],
    today: pendulum.Date,
) -> Iterator[Problem]:
    """What is wrong with the arrangement one partner other than UNHCR acts under."""
    agency = str(partner.agency)
    reference = partner.arrangement
    if reference is None:
        # Not recorded is unknown, not "no arrangement" (a data gap never disproves).
        yield Problem.unknown(
            path,
            msg(
                "it is not recorded which arrangement with UNHCR the implementing partner "
                "({agency}) acts under",
                agency=agency,
            ),
            observed=msg("no arrangement referenced"),
            expected=_EXPECTED,
        )
        return
    arrangement = arrangements.get(reference)
    if arrangement is None:
        yield Problem.unknown(
            path,
            msg(
                "the implementing partner ({agency}) refers to arrangement {arrangement}, which "
                "is not on record",
                agency=agency,
                arrangement=repr(reference),
            ),
            observed=msg("arrangement {arrangement} not on record", arrangement=reference),
            expected=_EXPECTED,
        )
        return
    under_lead = arrangement.places_partners_under_unhcr_lead
    if under_lead is not True:
        yield from ladder(
            under_lead,
            holds=True,
            path=path,
            fails=msg(
                "the arrangement of the implementing partner ({agency}) does not place it "
                "under UNHCR's lead",
                agency=agency,
            ),
            unknown=msg(
                "it is not recorded whether the arrangement of the implementing partner "
                "({agency}) places it under UNHCR's lead",
                agency=agency,
            ),
            observed=msg(
                "arrangement {arrangement} does not name UNHCR's lead", arrangement=reference
            ),
            expected=_EXPECTED,
            unknown_observed=msg(
                "arrangement {arrangement}: UNHCR's lead not recorded", arrangement=reference
            ),
        )
        return
    if arrangement.signed_on is None:
        yield Problem.unknown(
            path,
            msg(
                "the arrangement of the implementing partner ({agency}) is undated, so it "
                "cannot be told whether it is in force",
                agency=agency,
            ),
            observed=msg("arrangement {arrangement} has no signing date", arrangement=reference),
            expected=_EXPECTED,
        )
    elif arrangement.signed_on > today:
        yield Problem.fail(
            path,
            msg(
                "the arrangement of the implementing partner ({agency}) is not yet in force",
                agency=agency,
            ),
            observed=msg(
                "arrangement {arrangement} signed on {signed_on}",
                arrangement=reference,
                signed_on=arrangement.signed_on.isoformat(),
            ),
            expected=msg(
                "a signed arrangement in force that places the partner under UNHCR's lead, "
                "signed on or before {date}",
                date=today.isoformat(),
            ),
        )


@rule(
    code="LEAD-002",
    title="Implementing partners act under a documented UNHCR arrangement",
    scope=Scope.OPERATION,
    severity=Severity.MAJOR,
    checks=(
        "Unless the population counts show no one under UNHCR's mandate (refugees, "
        "asylum-seekers, stateless people or people not yet assessed), every implementing "
        "partner other than UNHCR references an arrangement on record that places it under "
        "UNHCR's lead and was signed on or before as_of. An arrangement that does not name "
        "UNHCR's lead, or one signed after as_of, fails; partners not recorded (left out, "
        "unlike an empty list, which means none), a partner whose arrangement is not "
        "referenced, an arrangement not on record, undated, or silent on UNHCR's lead is "
        "insufficient information. Not applicable when the declared counts show no one in "
        "scope under UNHCR's mandate or no partner other than UNHCR takes part."
    ),
    rationale=(
        "Where refugees are in scope, organisations other than UNHCR that transport, "
        "register or counsel them for return must work under UNHCR's lead, and that must be "
        "written down. A signed arrangement is the operational evidence that the lead "
        "required by LEAD-001 is real."
    ),
    references=(
        Reference(instrument="Joint IOM-UNHCR letter (2019)", locator="returns involving refugees"),
        Reference(
            instrument="Memorandum of Understanding between UNHCR and IOM (15 May 1997)",
            locator="roles in return operations",
        ),
    ),
    remediation=(
        "Sign (or reference) an arrangement - an MoU, a tripartite annex or a letter - that "
        "places each implementing partner under UNHCR's lead, and link each partner to it."
    ),
)
def partners_under_unhcr_arrangement(ctx: OperationContext) -> Iterator[Found]:
    facts = ctx.facts
    if facts.population.involves_mandate() is False:
        yield NOT_APPLICABLE  # no one in scope is under UNHCR's mandate
        return
    # involves_mandate() is None: evaluate the partners anyway (fail closed).
    lead = facts.operation.lead
    if lead.implementing_partners is None:
        yield Problem.unknown(
            "lead.implementing_partners",
            msg(
                "the implementing partners are not recorded, so it is unknown whether any acts "
                "without an arrangement placing it under UNHCR's lead"
            ),
            observed=msg("implementing partners not recorded"),
            expected=msg(
                "the implementing partners, each under an arrangement naming UNHCR's lead"
            ),
        )
        return
    others = [
        (index, partner)
        for index, partner in enumerate(lead.implementing_partners)
        if partner.agency is not Agency.UNHCR
    ]
    if not others:
        yield NOT_APPLICABLE  # no partner other than UNHCR takes part (an empty list: none)
        return
    arrangements = {arrangement.reference: arrangement for arrangement in lead.arrangements}
    for index, partner in others:
        yield from _partner_problems(
            f"lead.implementing_partners[{index}]", partner, arrangements, facts.today
        )
