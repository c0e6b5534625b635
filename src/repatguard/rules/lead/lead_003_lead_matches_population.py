"""LEAD-003: the lead arrangement matches the mix of refugees and migrants in scope."""

from __future__ import annotations

import math
from collections.abc import Iterator

from repatguard.facts.facts import PopulationMix
from repatguard.model import Agency, LeadArrangement
from repatguard.rules.api import (
    NOT_APPLICABLE,
    Found,
    Message,
    OperationContext,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)


def _percent(share: float) -> str:
    """``share`` as a whole percentage, without the sign (the messages write it)."""
    return f"{share:.0%}".removesuffix("%")


_PLATFORM_OBSERVED: dict[tuple[bool, bool, bool], Message] = {
    # (lead agency recorded, co-leads recorded, refugee component lead recorded)
    (False, True, True): msg(
        "{share} under UNHCR's mandate; platform co-led by {co_leads}, refugee component led "
        "by {component}"
    ),
    (False, True, False): msg(
        "{share} under UNHCR's mandate; platform co-led by {co_leads}, refugee component led "
        "by unknown"
    ),
    (False, False, True): msg(
        "{share} under UNHCR's mandate; platform co-led by no co-leads, refugee component led "
        "by {component}"
    ),
    (False, False, False): msg(
        "{share} under UNHCR's mandate; platform co-led by no co-leads, refugee component led "
        "by unknown"
    ),
    (True, True, True): msg(
        "{share} under UNHCR's mandate; lead agency {agency}; platform co-led by {co_leads}, "
        "refugee component led by {component}"
    ),
    (True, True, False): msg(
        "{share} under UNHCR's mandate; lead agency {agency}; platform co-led by {co_leads}, "
        "refugee component led by unknown"
    ),
    (True, False, True): msg(
        "{share} under UNHCR's mandate; lead agency {agency}; platform co-led by no "
        "co-leads, refugee component led by {component}"
    ),
    (True, False, False): msg(
        "{share} under UNHCR's mandate; lead agency {agency}; platform co-led by no "
        "co-leads, refugee component led by unknown"
    ),
}
"""What a finding observed: the share under UNHCR's mandate and the lead on record, one
whole sentence for each part of the lead that is or is not recorded."""


def _observed(share: float, lead: LeadArrangement) -> Message | None:
    """The share and the lead on record; ``None`` when no lead is recorded."""
    # The share keeps its sign: "{share}% under" would read to gettext as a "% u" conversion.
    values: dict[str, str] = {"share": f"{share:.0%}"}
    if lead.lead_agency is not None:
        values["agency"] = str(lead.lead_agency)
    platform = lead.co_led_platform
    if platform is None:
        if lead.lead_agency is None:
            return None
        return msg("{share} under UNHCR's mandate; lead agency {agency}", **values)
    if platform.co_leads:
        values["co_leads"] = ", ".join(str(agency) for agency in platform.co_leads)
    if platform.refugee_component_lead is not None:
        values["component"] = str(platform.refugee_component_lead)
    key = (
        lead.lead_agency is not None,
        bool(platform.co_leads),
        platform.refugee_component_lead is not None,
    )
    return _PLATFORM_OBSERVED[key].with_values(**values)


_BOTH = frozenset({Agency.UNHCR, Agency.IOM})
"""A mixed movement's platform is co-led by both agencies, not by either one alone."""

_PLATFORM = "lead.co_led_platform"


def _at_least(value: float, threshold: float) -> bool:
    return value > threshold or math.isclose(value, threshold)


def _share_unknown(population: PopulationMix) -> Problem:
    if not population.declared:
        # The people listed are a lower bound, never the whole population.
        observed = msg("no counts declared; the manifest lists only the people in it")
    elif population.missing():
        observed = msg("unknown counts: {categories}", categories=", ".join(population.missing()))
    else:
        observed = msg("no one counted")
    return Problem.unknown(
        "population",
        msg(
            "the population counts are incomplete or zero, so the share of people under "
            "UNHCR's mandate cannot be computed"
        ),
        observed=observed,
        expected=msg("a count for every legal category"),
    )


def _single_lead(
    lead: LeadArrangement,
    agency: Agency,
    *,
    fails: Message,
    observed: Message,
    expected: Message,
) -> Iterator[Problem]:
    """A predominantly refugee (or migrant) movement is led by ``agency``; else ``fails``."""
    if lead.lead_agency is agency:
        return
    if lead.lead_agency is None:
        # A platform on record does not say that no agency leads: unknown, never a failure.
        yield Problem.unknown(
            "lead.lead_agency",
            msg("only a co-led platform is recorded; whether an agency leads the operation is not"),
            observed=observed,
            expected=expected,
        )
        return
    yield Problem.fail(
        "lead.lead_agency",
        fails,
        observed=observed,
        expected=expected,
    )


def _mixed(lead: LeadArrangement, observed: Message, expected: Message) -> Iterator[Problem]:
    """A mixed movement is led by a platform co-led by UNHCR and IOM, UNHCR leading its
    refugee component."""
    platform = lead.co_led_platform
    if platform is None:
        yield Problem.fail(
            _PLATFORM,
            msg(
                "the movement is mixed, but no refugees-and-migrants platform co-led by UNHCR "
                "and IOM is recorded"
            ),
            observed=observed,
            expected=expected,
        )
    elif not platform.co_leads:
        # A platform is co-led by someone: an empty list is a gap in the record.
        yield Problem.unknown(
            f"{_PLATFORM}.co_leads",
            msg("the movement is mixed, and the platform's co-leads are not recorded"),
            observed=observed,
            expected=expected,
        )
    elif not set(platform.co_leads) >= _BOTH:
        yield Problem.fail(
            f"{_PLATFORM}.co_leads",
            msg("the movement is mixed, but the platform is not co-led by UNHCR and IOM"),
            observed=observed,
            expected=expected,
        )
    elif platform.refugee_component_lead is None:
        yield Problem.unknown(
            f"{_PLATFORM}.refugee_component_lead",
            msg(
                "the movement is mixed, and it is not recorded who leads the platform's "
                "refugee component"
            ),
            observed=observed,
            expected=expected,
        )
    elif platform.refugee_component_lead is not Agency.UNHCR:
        yield Problem.fail(
            f"{_PLATFORM}.refugee_component_lead",
            msg("the movement is mixed, but UNHCR does not lead the platform's refugee component"),
            observed=observed,
            expected=expected,
        )


@rule(
    code="LEAD-003",
    title="Lead arrangement matches the population mix",
    scope=Scope.OPERATION,
    severity=Severity.MAJOR,
    checks=(
        "From the population counts, the share of people under UNHCR's mandate (refugees, "
        "asylum-seekers, stateless people and people not yet assessed) is computed. At or "
        "above `predominant_share` UNHCR must be the lead agency; at or below 1 minus "
        "`predominant_share` IOM must be; in between, a platform co-led by UNHCR and IOM, "
        "with UNHCR leading its refugee component, must be recorded; a platform without "
        "both UNHCR and IOM among its co-leads fails. Another lead fails; incomplete, "
        "undeclared (the people on the manifest are not the whole population) or all-zero "
        "counts, an unrecorded lead (or lead agency, where one is expected), unrecorded "
        "co-leads or an unrecorded refugee component lead are insufficient information."
    ),
    rationale=(
        "Who leads should follow who moves: UNHCR leads predominantly refugee movements, IOM "
        "predominantly migrant ones with UNHCR's support, and mixed flows are co-led, with "
        "UNHCR leading the refugee component. The sources do not define 'predominantly'; the "
        "threshold is proposed by this project, not stated, and people not yet assessed count "
        "as possibly needing protection."
    ),
    references=(
        Reference(instrument="Joint IOM-UNHCR letter (2019)", locator="refugees and migrants"),
        Reference(
            instrument="R4V Inter-Agency Coordination Platform for Refugees and Migrants from "
            "Venezuela",
            locator="UN Secretary-General tasking of UNHCR and IOM, 12 April 2018",
        ),
    ),
    remediation=(
        "Align the lead with the population: UNHCR lead for a predominantly refugee "
        "movement, IOM lead with UNHCR support for a predominantly migrant one, and a "
        "platform co-led by UNHCR and IOM, with UNHCR leading the refugee component, for a "
        "mixed one; or correct the population counts."
    ),
    parameters=("predominant_share",),
)
def lead_matches_population(ctx: OperationContext) -> Iterator[Found]:
    facts = ctx.facts
    population = facts.population
    if population.only_internally_displaced():
        # No border is crossed: the refugee-or-migrant lead question does not arise.
        yield NOT_APPLICABLE
        return
    share = population.mandate_share()
    if share is None:
        yield _share_unknown(population)
        return
    lead = facts.operation.lead
    observed = _observed(share, lead)
    if observed is None:
        yield Problem.unknown(
            "lead",
            msg("the lead arrangement is not recorded"),
            observed=msg("no lead agency or co-led platform"),
            expected=msg("a lead agency or a co-led platform"),
        )
        return
    threshold = facts.params.predominant_share
    if _at_least(share, threshold):
        yield from _single_lead(
            lead,
            Agency.UNHCR,
            fails=msg("the movement is predominantly refugee, but UNHCR is not the lead agency"),
            observed=observed,
            expected=msg(
                "UNHCR as lead agency (share at or above {threshold}%)",
                threshold=_percent(threshold),
            ),
        )
    elif _at_least(1 - threshold, share):
        yield from _single_lead(
            lead,
            Agency.IOM,
            fails=msg("the movement is predominantly migrant, but IOM is not the lead agency"),
            observed=observed,
            expected=msg(
                "IOM as lead agency, with UNHCR support (share at or below {threshold}%)",
                threshold=_percent(1 - threshold),
            ),
        )
    else:
        expected = msg(
            "a platform co-led by UNHCR and IOM, with UNHCR leading the refugee component "
            "(share between {low}% and {high}%)",
            low=_percent(1 - threshold),
            high=_percent(threshold),
        )
        yield from _mixed(lead, observed, expected)
