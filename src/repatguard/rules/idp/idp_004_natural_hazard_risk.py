"""IDP-004: a high natural-hazard risk in the area of return is mitigated."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import HazardRisk
from repatguard.rules._assessment import AGE_LIMITS, CURRENT_EVIDENCE, latest
from repatguard.rules.api import (
    NOT_RECORDED,
    AreaContext,
    Problem,
    Reference,
    Scope,
    Severity,
    ladder,
    msg,
    rule,
)

_EXPECTED = msg("low or moderate risk, or disaster-risk reduction or early warning in place")

# A low or moderate risk holds only on current evidence: one whole sentence per level and per
# reason the evidence is stale.
_UNDATED_AT = {
    HazardRisk.LOW: msg(
        "the natural-hazard risk of the area is low, but only according to an assessment that "
        "is undated, so it may be older than its age limit; evidence older than its age limit "
        "may show a failure but never a pass"
    ),
    HazardRisk.MODERATE: msg(
        "the natural-hazard risk of the area is moderate, but only according to an assessment "
        "that is undated, so it may be older than its age limit; evidence older than its age "
        "limit may show a failure but never a pass"
    ),
}
_TOO_OLD_AT = {
    HazardRisk.LOW: msg(
        "the natural-hazard risk of the area is low, but only according to an assessment that "
        "is older than its age limit ({limit}, `{parameter}`); evidence older than its age "
        "limit may show a failure but never a pass"
    ),
    HazardRisk.MODERATE: msg(
        "the natural-hazard risk of the area is moderate, but only according to an assessment "
        "that is older than its age limit ({limit}, `{parameter}`); evidence older than its age "
        "limit may show a failure but never a pass"
    ),
}


# Long in lines, not in logic: each finding's message is written out whole for the
# catalogues (docs/writing-rules.md), one per branch.
@rule(
    code="IDP-004",
    title="Natural-hazard risk in the area of return",
    scope=Scope.AREA,
    severity=Severity.MAJOR,
    checks=(
        "The latest assessment of each return area records its natural-hazard risk; a high "
        "risk needs disaster-risk reduction or early warning in place. No assessment, an "
        "unrecorded risk, or a high risk whose mitigation is not recorded, is insufficient "
        "information." + CURRENT_EVIDENCE
    ),
    rationale=(
        "Return in safety means safety from floods, landslides, earthquakes and other "
        "natural hazards as well as from violence. Sending people back to an area at high "
        "risk without disaster-risk reduction or early warning exposes them to being "
        "displaced again."
    ),
    references=(
        Reference(
            instrument="Guiding Principles on Internal Displacement (1998)",
            locator="Principle 28(1) (return in safety and with dignity)",
        ),
        Reference(
            instrument=(
                "IASC Framework on Durable Solutions for Internally Displaced Persons (2010)"
            ),
            locator="criterion 1 (long-term safety, security and freedom of movement)",
        ),
    ),
    remediation=(
        "Assess the natural-hazard risk of the return area; where it is high, put "
        "disaster-risk reduction or early warning in place before return, or offer another "
        "area, and record it in the assessment."
    ),
    parameters=AGE_LIMITS,
)
def natural_hazard_risk(ctx: AreaContext) -> Iterator[Problem]:
    found = latest(ctx.facts, ctx.area.reference)
    if found is None:
        yield Problem.unknown(
            "$.assessments",
            msg(
                "no conditions assessment of return area {area} is on record, so its "
                "natural-hazard risk is unknown",
                area=repr(ctx.area.reference),
            ),
            observed=msg("no assessment"),
            expected=msg("an assessment recording the natural-hazard risk"),
        )
        return
    assessment = found.assessment
    path = found.path
    risk = assessment.natural_hazard_risk
    if risk is None:
        yield Problem.unknown(
            f"{path}.natural_hazard_risk",
            msg("the assessment does not record the natural-hazard risk of the area"),
            observed=NOT_RECORDED,
            expected=msg("low, moderate or high"),
        )
        return
    if risk in (HazardRisk.LOW, HazardRisk.MODERATE):
        yield from found.holds_current(
            f"{path}.natural_hazard_risk", undated=_UNDATED_AT[risk], too_old=_TOO_OLD_AT[risk]
        )
        return
    mitigation = assessment.hazard_mitigation
    # Mitigation in place holds only on current evidence, so it is judged before the ladder.
    if mitigation is True:
        yield from found.holds_current(
            f"{path}.hazard_mitigation",
            undated=msg(
                "the natural-hazard risk is high, and disaster-risk reduction or early warning "
                "is in place, but only according to an assessment that is undated, so it may be "
                "older than its age limit; evidence older than its age limit may show a failure "
                "but never a pass"
            ),
            too_old=msg(
                "the natural-hazard risk is high, and disaster-risk reduction or early warning "
                "is in place, but only according to an assessment that is older than its age "
                "limit ({limit}, `{parameter}`); evidence older than its age limit may show a "
                "failure but never a pass"
            ),
        )
        return
    yield from ladder(
        mitigation,
        holds=True,
        path=f"{path}.hazard_mitigation",
        fails=msg(
            "the natural-hazard risk of the area is high, with no disaster-risk reduction or "
            "early warning in place"
        ),
        unknown=msg(
            "the natural-hazard risk of the area is high, and it is not recorded whether "
            "disaster-risk reduction or early warning is in place"
        ),
        observed=msg("high risk, not mitigated"),
        unknown_observed=msg("high risk; mitigation not recorded"),
        expected=_EXPECTED,
    )
