"""IDP-003: a durable solution is claimed only when the core IASC criteria are met."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import CriterionStatus
from repatguard.rules._assessment import AGE_LIMITS, CURRENT_EVIDENCE, latest
from repatguard.rules.api import (
    NOT_APPLICABLE,
    AreaContext,
    Found,
    Problem,
    Reference,
    Scope,
    Severity,
    rule,
)

_CORE = (
    "safety_and_freedom_of_movement",
    "adequate_standard_of_living",
    "livelihoods",
    "housing_land_and_property",
)
_EXPECTED = "the four core IASC criteria all met"


@rule(
    code="IDP-003",
    title="A durable solution is claimed only when the core IASC criteria are met",
    scope=Scope.AREA,
    severity=Severity.MAJOR,
    checks=(
        "When the operation claims a durable solution, the latest assessment of each return "
        "area scores the four core IASC criteria (safety and freedom of movement, adequate "
        "standard of living, livelihoods, housing, land and property) and finds all of them "
        "met. Not applicable when the operation records that no durable solution is claimed. "
        "When the claim is not recorded, criteria all met pass and anything else is "
        "insufficient information: an unrecorded claim may have been made." + CURRENT_EVIDENCE
    ),
    rationale=(
        "Displacement ends only when people no longer have needs arising from it and enjoy "
        "their rights without discrimination. Declaring a durable solution while long-term "
        "safety, an adequate standard of living, livelihoods or housing, land and property "
        "are not secured hides the needs that remain."
    ),
    references=(
        Reference(
            instrument=(
                "IASC Framework on Durable Solutions for Internally Displaced Persons (2010)"
            ),
            locator=(
                "the eight criteria; the first four (safety and freedom of movement, standard "
                "of living, livelihoods, housing, land and property) as the core set"
            ),
        ),
    ),
    remediation=(
        "Withdraw the claim of a durable solution for this area until an assessment finds "
        "all four core IASC criteria met; address the criteria that are partial or unmet."
    ),
    parameters=AGE_LIMITS,
)
def durable_solution_criteria(ctx: AreaContext) -> Iterator[Found]:
    claim = ctx.facts.operation.claims_durable_solution
    if claim is False:
        yield NOT_APPLICABLE  # no durable solution claimed: nothing to hold to the criteria
        return
    problems = list(_criteria(ctx))
    if claim is True or not problems:
        yield from problems
        return
    # The claim is not recorded: it may have been made, so core criteria that are not shown
    # met weigh as a false claim would (the worst outcome), as insufficient information.
    shortfall = "; ".join(
        f"{problem.path}: {problem.observed or problem.outcome}" for problem in problems
    )
    yield Problem.unknown(
        "$.claims_durable_solution",
        "it is not recorded whether the operation claims a durable solution, and the core "
        "IASC criteria are not shown met in this area, so such a claim cannot be ruled out "
        "as false",
        observed=f"claim not recorded; {shortfall}",
        expected=f"no durable solution claimed, or {_EXPECTED}",
    )


def _criteria(ctx: AreaContext) -> Iterator[Problem]:
    """The core IASC criteria of the area, judged as if a durable solution were claimed."""
    found = latest(ctx.facts, ctx.area.reference)
    if found is None:
        yield Problem.unknown(
            "$.assessments",
            f"a durable solution is claimed, but no conditions assessment of return area "
            f"{ctx.area.reference!r} is on record to show the IASC criteria are met",
            observed="no assessment",
            expected=_EXPECTED,
        )
        return
    path = found.field("iasc_criteria")
    criteria = found.assessment.iasc_criteria
    if criteria is None:
        yield Problem.unknown(
            path,
            "a durable solution is claimed, but the assessment of this area does not score "
            "the IASC durable-solutions criteria",
            observed="criteria not scored",
            expected=_EXPECTED,
        )
        return
    statuses = {name: getattr(criteria, name) for name in _CORE}
    short = [
        f"{name}: {status}"
        for name, status in statuses.items()
        if status in (CriterionStatus.PARTIAL, CriterionStatus.UNMET)
    ]
    unscored = [name for name, status in statuses.items() if status is not CriterionStatus.MET]
    if short:
        yield Problem.fail(
            path,
            "a durable solution is claimed while core IASC criteria are not met in this area",
            observed="; ".join(short),
            expected=_EXPECTED,
        )
        return
    if unscored:
        yield Problem.unknown(
            path,
            "a durable solution is claimed, but core IASC criteria are not scored for this area",
            observed=f"not scored: {', '.join(unscored)}",
            expected=_EXPECTED,
        )
        return
    yield from found.holds(
        path, "the four core IASC durable-solutions criteria are met in this area"
    )
