"""IDP-005: returnees do not arrive to destroyed or unreachable homes and become displaced."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules._assessment import AGE_LIMITS, CURRENT_EVIDENCE, latest
from repatguard.rules.api import (
    NOT_RECORDED,
    AreaContext,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)


@rule(
    code="IDP-005",
    title="Returnees at risk of being displaced again",
    scope=Scope.AREA,
    severity=Severity.MAJOR,
    checks=(
        "The latest assessment of each return area records that homes there are not largely "
        "destroyed or unreachable, so that returnees are not displaced again on arrival. "
        "No assessment, or the state of housing not recorded, is insufficient information."
        + CURRENT_EVIDENCE
    ),
    rationale=(
        "Refugees who go home to an area where homes are largely destroyed or cannot be "
        "reached often cannot stay there and end up internally displaced. Such a return "
        "moves displacement across the border instead of ending it."
    ),
    references=(
        Reference(
            instrument="UNHCR Handbook: Voluntary Repatriation - International Protection (1996)",
            locator="§6.3 (Internally Displaced Persons; body text not verified with the "
            "available sources)",
        ),
        Reference(
            instrument="UNHCR position on returns to Syria (December 2024)",
            locator="large-scale internal displacement inside the country (German summary)",
        ),
    ),
    remediation=(
        "Before return to this area, secure shelter or housing for returnees (repair, "
        "temporary shelter, restitution or access routes), or offer another area; record the "
        "housing situation in the assessment."
    ),
    parameters=AGE_LIMITS,
)
def risk_of_renewed_displacement(ctx: AreaContext) -> Iterator[Problem]:
    found = latest(ctx.facts, ctx.area.reference)
    if found is None:
        yield Problem.unknown(
            "$.assessments",
            msg(
                "no conditions assessment of return area {area} is on record, so the risk of "
                "returnees being displaced again is unknown",
                area=repr(ctx.area.reference),
            ),
            observed=msg("no assessment"),
            expected=msg("an assessment recording whether homes are destroyed or inaccessible"),
        )
        return
    path = found.field("housing_destroyed_or_inaccessible")
    housing = found.assessment.housing_destroyed_or_inaccessible
    if housing is False:
        yield from found.holds_current(
            path,
            undated=msg(
                "homes in the area are standing and can be reached, but only according to an "
                "assessment that is undated, so it may be older than its age limit; evidence "
                "older than its age limit may show a failure but never a pass"
            ),
            too_old=msg(
                "homes in the area are standing and can be reached, but only according to an "
                "assessment that is older than its age limit ({limit}, `{parameter}`); evidence "
                "older than its age limit may show a failure but never a pass"
            ),
        )
    elif housing is None:
        yield Problem.unknown(
            path,
            msg(
                "the assessment does not record whether homes in the area are destroyed or "
                "cannot be reached"
            ),
            observed=NOT_RECORDED,
            expected=msg("true or false"),
        )
    else:
        yield Problem.fail(
            path,
            msg(
                "homes in the area are largely destroyed or cannot be reached: returnees may "
                "become internally displaced on arrival"
            ),
            observed=msg("housing destroyed or inaccessible"),
            expected=msg("homes that returnees can reach and live in"),
        )
