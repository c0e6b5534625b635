"""LEAD-003: the lead arrangement matches the mix of refugees and migrants in scope."""

from __future__ import annotations

import math
from collections.abc import Iterator

from repatguard.model import Agency, LeadArrangement
from repatguard.rules.api import Check, OperationContext, Reference, Scope, Severity, legacy_rule


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


def _at_least(value: float, threshold: float) -> bool:
    return value > threshold or math.isclose(value, threshold)


def _no_lead_agency(observed: str, expected: str) -> Check:
    # A platform on record does not say that no agency leads: unknown, never a failure.
    return Check.unknown(
        "$.lead.lead_agency",
        "only a co-led platform is recorded; whether an agency leads the operation is not",
        observed=observed,
        expected=expected,
    )


def _mixed(lead: LeadArrangement, path: str, observed: str, expected: str) -> Check:
    platform = lead.co_led_platform
    if platform is None:
        return Check.failed(
            path,
            "the movement is mixed, but no refugees-and-migrants platform co-led by UNHCR and "
            "IOM is recorded",
            observed=observed,
            expected=expected,
        )
    path = "$.lead.co_led_platform"
    if not platform.co_leads:
        # A platform is co-led by someone: an empty list is a gap in the record.
        return Check.unknown(
            f"{path}.co_leads",
            "the movement is mixed, and the platform's co-leads are not recorded",
            observed=observed,
            expected=expected,
        )
    if not set(platform.co_leads) >= _BOTH:
        return Check.failed(
            f"{path}.co_leads",
            "the movement is mixed, but the platform is not co-led by UNHCR and IOM",
            observed=observed,
            expected=expected,
        )
    if platform.refugee_component_lead is None:
        return Check.unknown(
            f"{path}.refugee_component_lead",
            "the movement is mixed, and it is not recorded who leads the platform's refugee "
            "component",
            observed=observed,
            expected=expected,
        )
    if platform.refugee_component_lead is not Agency.UNHCR:
        return Check.failed(
            f"{path}.refugee_component_lead",
            "the movement is mixed, but UNHCR does not lead the platform's refugee component",
            observed=observed,
            expected=expected,
        )
    return Check.passed(path, "a mixed movement is led by a platform co-led by UNHCR and IOM")


@legacy_rule(
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
def lead_matches_population(ctx: OperationContext) -> Iterator[Check]:
    facts = ctx.facts
    population = facts.population
    if population.only_internally_displaced():
        return  # no border is crossed: the refugee-or-migrant lead question does not arise
    share = population.mandate_share()
    if share is None:
        if not population.declared:
            # The people listed are a lower bound, never the whole population.
            observed = "no counts declared; the manifest lists only the people in it"
        elif population.missing():
            observed = f"unknown counts: {', '.join(population.missing())}"
        else:
            observed = "no one counted"
        yield Check.unknown(
            "$.population",
            "the population counts are incomplete or zero, so the share of people under "
            "UNHCR's mandate cannot be computed",
            observed=observed,
            expected="a count for every legal category",
        )
        return
    lead = facts.operation.lead
    recorded = _recorded(lead)
    if not recorded:
        yield Check.unknown(
            "$.lead",
            "the lead arrangement is not recorded",
            observed="no lead agency or co-led platform",
            expected="a lead agency or a co-led platform",
        )
        return
    threshold = facts.params.predominant_share
    observed = f"{share:.0%} under UNHCR's mandate; {recorded}"
    if _at_least(share, threshold):
        expected = f"UNHCR as lead agency (share at or above {threshold:.0%})"
        if lead.lead_agency is Agency.UNHCR:
            yield Check.passed(
                "$.lead.lead_agency", "a predominantly refugee movement is led by UNHCR"
            )
            return
        if lead.lead_agency is None:
            yield _no_lead_agency(observed, expected)
            return
        yield Check.failed(
            "$.lead.lead_agency",
            "the movement is predominantly refugee, but UNHCR is not the lead agency",
            observed=observed,
            expected=expected,
        )
        return
    if _at_least(1 - threshold, share):
        expected = f"IOM as lead agency, with UNHCR support (share at or below {1 - threshold:.0%})"
        if lead.lead_agency is Agency.IOM:
            yield Check.passed(
                "$.lead.lead_agency", "a predominantly migrant movement is led by IOM"
            )
            return
        if lead.lead_agency is None:
            yield _no_lead_agency(observed, expected)
            return
        yield Check.failed(
            "$.lead.lead_agency",
            "the movement is predominantly migrant, but IOM is not the lead agency",
            observed=observed,
            expected=expected,
        )
        return
    expected = (
        "a platform co-led by UNHCR and IOM, with UNHCR leading the refugee component "
        f"(share between {1 - threshold:.0%} and {threshold:.0%})"
    )
    yield _mixed(lead, "$.lead.co_led_platform", observed, expected)
