"""IDP-003: a durable solution is claimed only when the core IASC criteria are met."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from repatguard.model import CriterionStatus
from repatguard.rules._assessment import AGE_LIMITS, CURRENT_EVIDENCE, AreaAssessment, latest
from repatguard.rules.api import (
    NOT_APPLICABLE,
    AreaContext,
    Found,
    Message,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)

_CORE = (
    "safety_and_freedom_of_movement",
    "adequate_standard_of_living",
    "livelihoods",
    "housing_land_and_property",
)
_EXPECTED = msg("the four core IASC criteria all met")


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
    shortfall = _criteria(ctx)
    if shortfall is None:
        return
    if claim is True:
        yield shortfall.problem
        return
    # The claim is not recorded: it may have been made, so core criteria that are not shown
    # met weigh as a false claim would (the worst outcome), as insufficient information.
    yield Problem.unknown(
        "$.claims_durable_solution",
        msg(
            "it is not recorded whether the operation claims a durable solution, and the core "
            "IASC criteria are not shown met in this area, so such a claim cannot be ruled out "
            "as false"
        ),
        observed=shortfall.unclaimed,
        expected=msg("no durable solution claimed, or the four core IASC criteria all met"),
    )


class _Shortfall(NamedTuple):
    """The core criteria not shown met: the problem when a durable solution is claimed, and
    what was observed when the claim is not recorded (the problem's path and observation)."""

    problem: Problem
    unclaimed: Message


# Long in lines, not in logic: each finding's message is written out whole for the
# catalogues (docs/writing-rules.md), one per branch.
def _criteria(ctx: AreaContext) -> _Shortfall | None:
    """The core IASC criteria of the area, judged as if a durable solution were claimed."""
    found = latest(ctx.facts, ctx.area.reference)
    if found is None:
        problem = Problem.unknown(
            "$.assessments",
            msg(
                "a durable solution is claimed, but no conditions assessment of return area "
                "{area} is on record to show the IASC criteria are met",
                area=repr(ctx.area.reference),
            ),
            observed=msg("no assessment"),
            expected=_EXPECTED,
        )
        return _Shortfall(
            problem,
            msg("claim not recorded; {path}: no assessment", path=problem.path),
        )
    path = found.field("iasc_criteria")
    criteria = found.assessment.iasc_criteria
    if criteria is None:
        problem = Problem.unknown(
            path,
            msg(
                "a durable solution is claimed, but the assessment of this area does not "
                "score the IASC durable-solutions criteria"
            ),
            observed=msg("criteria not scored"),
            expected=_EXPECTED,
        )
        return _Shortfall(
            problem, msg("claim not recorded; {path}: criteria not scored", path=path)
        )
    statuses = {name: getattr(criteria, name) for name in _CORE}
    short = [
        f"{name}: {status}"
        for name, status in statuses.items()
        if status in (CriterionStatus.PARTIAL, CriterionStatus.UNMET)
    ]
    unscored = [name for name, status in statuses.items() if status is not CriterionStatus.MET]
    if short:
        # Criterion codes with their status codes: the same in every language.
        criteria_short = "; ".join(short)
        problem = Problem.fail(
            path,
            msg("a durable solution is claimed while core IASC criteria are not met in this area"),
            observed=msg("{criteria}", criteria=criteria_short),
            expected=_EXPECTED,
        )
        return _Shortfall(
            problem,
            msg("claim not recorded; {path}: {criteria}", path=path, criteria=criteria_short),
        )
    if unscored:
        criteria_unscored = ", ".join(unscored)
        problem = Problem.unknown(
            path,
            msg(
                "a durable solution is claimed, but core IASC criteria are not scored for this area"
            ),
            observed=msg("not scored: {criteria}", criteria=criteria_unscored),
            expected=_EXPECTED,
        )
        return _Shortfall(
            problem,
            msg(
                "claim not recorded; {path}: not scored: {criteria}",
                path=path,
                criteria=criteria_unscored,
            ),
        )
    return _stale(found, path)


def _stale(found: AreaAssessment, path: str) -> _Shortfall | None:
    """The criteria all met, read from an assessment too old to show it (or nothing)."""
    problem = next(
        found.holds_current(
            path,
            undated=msg(
                "the four core IASC durable-solutions criteria are met in this area, but only "
                "according to an assessment that is undated, so it may be older than its age "
                "limit; evidence older than its age limit may show a failure but never a pass"
            ),
            too_old=msg(
                "the four core IASC durable-solutions criteria are met in this area, but only "
                "according to an assessment that is older than its age limit ({limit}, "
                "`{parameter}`); evidence older than its age limit may show a failure but never "
                "a pass"
            ),
        ),
        None,
    )
    if problem is None:
        return None
    dated = found.assessment.assessed_on
    unclaimed = (
        msg("claim not recorded; {path}: undated", path=path)
        if dated is None
        else msg(
            "claim not recorded; {path}: assessed on {date}", path=path, date=dated.isoformat()
        )
    )
    return _Shortfall(problem, unclaimed)
