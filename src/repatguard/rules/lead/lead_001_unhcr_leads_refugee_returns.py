"""LEAD-001: UNHCR leads any return that involves refugees or people not yet assessed."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import Agency
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

_EXPECTED = msg("UNHCR as lead, or as lead of the refugee component")


@rule(
    code="LEAD-001",
    title="UNHCR leads any return involving refugees",
    scope=Scope.OPERATION,
    severity=Severity.BLOCKER,
    checks=(
        "When anyone in scope is a refugee, an asylum-seeker, stateless, or of unknown "
        "category (declared counts or people on the manifest), UNHCR is the lead agency or "
        "leads the refugee component of a co-led platform. Another lead is a blocker and goes "
        "to the joint escalation path. Incomplete or undeclared counts (the manifest lists "
        "only some of the people in scope) or an unrecorded lead, with no UNHCR lead, are "
        "insufficient information at blocker weight, also sent to the escalation path."
    ),
    rationale=(
        "UNHCR holds the mandate for refugees, and IOM has committed to work under UNHCR's "
        "lead in any return that involves refugees. People whose protection need has not "
        "been assessed count as possibly needing protection, never as migrants."
    ),
    references=(
        Reference(instrument="Joint IOM-UNHCR letter (2019)", locator="returns involving refugees"),
        Reference(instrument="Statute of UNHCR, UNGA res. 428 (V), 1950", locator="para. 1"),
        Reference(instrument="UNHCR ExCom Conclusion No. 18 (XXXI), 1980", locator="para. (c)"),
    ),
    remediation=(
        "Put the operation (or its refugee component inside a co-led platform) under UNHCR's "
        "lead, or establish through protection screening that no one in scope needs "
        "international protection."
    ),
    waivable=False,
)
def unhcr_leads_refugee_returns(ctx: OperationContext) -> Iterator[Found]:
    facts = ctx.facts
    lead = facts.operation.lead
    platform = lead.co_led_platform
    if lead.lead_agency is Agency.UNHCR:
        return  # UNHCR leads the operation
    if platform is not None and platform.refugee_component_lead is Agency.UNHCR:
        return  # UNHCR leads the refugee component of the co-led platform
    involved = facts.population.involves_mandate()
    if involved is False:
        yield NOT_APPLICABLE  # no refugee, or person not yet assessed, is in scope
        return
    if involved is None:
        yield Problem.unknown(
            "population",
            msg(
                "the population counts are incomplete, so it is unknown whether refugees or "
                "people not yet assessed are in scope, and UNHCR does not lead"
            ),
            observed=msg(
                "unknown counts: {categories}", categories=", ".join(facts.population.missing())
            ),
            expected=msg("a count for every legal category"),
            # The unknown may hide a refugee return UNHCR does not lead: it carries that
            # escalation (A-2: an unknown weighs as the worst outcome its rule could reach).
            escalate=True,
        )
        return
    if lead.lead_agency is None and (platform is None or platform.refugee_component_lead is None):
        yield Problem.unknown(
            "lead",
            msg("the lead arrangement is not recorded"),
            observed=msg("no lead agency or refugee component lead"),
            expected=_EXPECTED,
            escalate=True,
        )
        return
    yield Problem.fail(
        "lead",
        msg("refugees (or people not yet assessed) are in scope but UNHCR does not lead"),
        observed=(
            msg("lead: {agency}", agency=str(lead.lead_agency))
            if lead.lead_agency is not None
            else msg("lead: a co-led platform")
        ),
        expected=_EXPECTED,
        escalate=True,
    )
