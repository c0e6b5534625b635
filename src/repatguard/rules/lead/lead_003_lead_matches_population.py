"""LEAD-003: the lead arrangement matches the mix of refugees and migrants in scope."""

from __future__ import annotations

import math
from collections.abc import Iterator

from repatguard.facts.facts import PopulationMix
from repatguard.model import Agency, LeadArrangement
from repatguard.rules.api import (
    NOT_APPLICABLE,
    Found,
    OperationContext,
    Problem,
    Reference,
    Scope,
    Severity,
    rule,
)


def _recorded(lead: LeadArrangement) -> str:
    parts: list[str] = []
    if lead.lead_agency is not None:
        parts.append(f"lead agency {lead.lead_agency}")
    platform = lead.co_led_platform
    if platform is not None:
        co_leads = ", ".join(str(agency) for agency in platform.co_leads) or "no co-leads"
        component = platform.refugee_component_lead
        parts.append(
            f"platform co-led by {co_leads}, refugee component led by "
            f"{component if component is not None else 'unknown'}"
        )
    return "; ".join(parts)


_BOTH = frozenset({Agency.UNHCR, Agency.IOM})
"""A mixed movement's platform is co-led by both agencies, not by either one alone."""

_PLATFORM = "lead.co_led_platform"


def _at_least(value: float, threshold: float) -> bool:
    return value > threshold or math.isclose(value, threshold)


def _share_unknown(population: PopulationMix) -> Problem:
    if not population.declared:
        # The people listed are a lower bound, never the whole population.
        observed = "no counts declared; the manifest lists only the people in it"
    elif population.missing():
        observed = f"unknown counts: {', '.join(population.missing())}"
    else:
        observed = "no one counted"
    return Problem.unknown(
        "population",
        "the population counts are incomplete or zero, so the share of people under "
        "UNHCR's mandate cannot be computed",
        observed=observed,
        expected="a count for every legal category",
    )


def _single_lead(
    lead: LeadArrangement,
    agency: Agency,
    *,
    name: str,
    movement: str,
    observed: str,
    expected: str,
) -> Iterator[Problem]:
    """A predominantly refugee (or migrant) movement is led by ``agency`` (called ``name``)."""
    if lead.lead_agency is agency:
        return
    if lead.lead_agency is None:
        # A platform on record does not say that no agency leads: unknown, never a failure.
        yield Problem.unknown(
            "lead.lead_agency",
            "only a co-led platform is recorded; whether an agency leads the operation is not",
            observed=observed,
            expected=expected,
        )
        return
    yield Problem.fail(
        "lead.lead_agency",
        f"the movement is predominantly {movement}, but {name} is not the lead agency",
        observed=observed,
        expected=expected,
    )


def _mixed(lead: LeadArrangement, observed: str, expected: str) -> Iterator[Problem]:
    """A mixed movement is led by a platform co-led by UNHCR and IOM, UNHCR leading its
    refugee component."""
    platform = lead.co_led_platform
    if platform is None:
        yield Problem.fail(
            _PLATFORM,
            "the movement is mixed, but no refugees-and-migrants platform co-led by UNHCR and "
            "IOM is recorded",
            observed=observed,
            expected=expected,
        )
    elif not platform.co_leads:
        # A platform is co-led by someone: an empty list is a gap in the record.
        yield Problem.unknown(
            f"{_PLATFORM}.co_leads",
            "the movement is mixed, and the platform's co-leads are not recorded",
            observed=observed,
            expected=expected,
        )
    elif not set(platform.co_leads) >= _BOTH:
        yield Problem.fail(
            f"{_PLATFORM}.co_leads",
            "the movement is mixed, but the platform is not co-led by UNHCR and IOM",
            observed=observed,
            expected=expected,
        )
    elif platform.refugee_component_lead is None:
        yield Problem.unknown(
            f"{_PLATFORM}.refugee_component_lead",
            "the movement is mixed, and it is not recorded who leads the platform's refugee "
            "component",
            observed=observed,
            expected=expected,
        )
    elif platform.refugee_component_lead is not Agency.UNHCR:
        yield Problem.fail(
            f"{_PLATFORM}.refugee_component_lead",
            "the movement is mixed, but UNHCR does not lead the platform's refugee component",
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
    recorded = _recorded(lead)
    if not recorded:
        yield Problem.unknown(
            "lead",
            "the lead arrangement is not recorded",
            observed="no lead agency or co-led platform",
            expected="a lead agency or a co-led platform",
        )
        return
    threshold = facts.params.predominant_share
    observed = f"{share:.0%} under UNHCR's mandate; {recorded}"
    if _at_least(share, threshold):
        expected = f"UNHCR as lead agency (share at or above {threshold:.0%})"
        yield from _single_lead(
            lead,
            Agency.UNHCR,
            name="UNHCR",
            movement="refugee",
            observed=observed,
            expected=expected,
        )
    elif _at_least(1 - threshold, share):
        expected = f"IOM as lead agency, with UNHCR support (share at or below {1 - threshold:.0%})"
        yield from _single_lead(
            lead, Agency.IOM, name="IOM", movement="migrant", observed=observed, expected=expected
        )
    else:
        expected = (
            "a platform co-led by UNHCR and IOM, with UNHCR leading the refugee component "
            f"(share between {1 - threshold:.0%} and {threshold:.0%})"
        )
        yield from _mixed(lead, observed, expected)
