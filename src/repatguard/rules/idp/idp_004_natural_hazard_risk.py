"""IDP-004: a high natural-hazard risk in the area of return is mitigated."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import HazardRisk
from repatguard.rules._assessment import AGE_LIMITS, CURRENT_EVIDENCE, latest
from repatguard.rules.api import (
    AreaContext,
    Problem,
    Reference,
    Scope,
    Severity,
    ladder,
    rule,
)

_EXPECTED = "low or moderate risk, or disaster-risk reduction or early warning in place"


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
            f"no conditions assessment of return area {ctx.area.reference!r} is on record, so "
            "its natural-hazard risk is unknown",
            observed="no assessment",
            expected="an assessment recording the natural-hazard risk",
        )
        return
    assessment = found.assessment
    path = found.path
    risk = assessment.natural_hazard_risk
    if risk is None:
        yield Problem.unknown(
            f"{path}.natural_hazard_risk",
            "the assessment does not record the natural-hazard risk of the area",
            observed="not recorded",
            expected="low, moderate or high",
        )
        return
    if risk in (HazardRisk.LOW, HazardRisk.MODERATE):
        yield from found.holds(
            f"{path}.natural_hazard_risk", f"the natural-hazard risk of the area is {risk}"
        )
        return
    mitigation = assessment.hazard_mitigation
    # Mitigation in place holds only on current evidence, so it is judged before the ladder.
    if mitigation is True:
        yield from found.holds(
            f"{path}.hazard_mitigation",
            "the natural-hazard risk is high, and disaster-risk reduction or early warning is "
            "in place",
        )
        return
    yield from ladder(
        mitigation,
        holds=True,
        path=f"{path}.hazard_mitigation",
        fails=(
            "the natural-hazard risk of the area is high, with no disaster-risk reduction or "
            "early warning in place"
        ),
        unknown=(
            "the natural-hazard risk of the area is high, and it is not recorded whether "
            "disaster-risk reduction or early warning is in place"
        ),
        observed="high risk, not mitigated",
        unknown_observed="high risk; mitigation not recorded",
        expected=_EXPECTED,
    )
