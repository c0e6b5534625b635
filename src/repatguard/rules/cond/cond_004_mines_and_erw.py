"""COND-004: mines and explosive remnants of war on routes and in the return area are addressed."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules._assessment import AGE_LIMITS, CURRENT_EVIDENCE, latest
from repatguard.rules.api import AreaContext, Problem, Reference, Scope, Severity, rule


@rule(
    code="COND-004",
    title="Mines and explosive remnants of war",
    scope=Scope.AREA,
    severity=Severity.MAJOR,
    checks=(
        "For each return area, the latest conditions assessment made on or before as_of "
        "records whether the routes or the area are contaminated by mines or explosive "
        "remnants of war. No contamination passes; contamination passes only when clearance "
        "or mine-risk education is recorded as in place, and is a major finding when it is "
        "recorded as not in place. No assessment, or an unrecorded contamination or "
        "mitigation finding, is insufficient information." + CURRENT_EVIDENCE
    ),
    rationale=(
        "Physical safety includes safety from mines and explosive remnants of war on the "
        "routes and in the area of return. Where contamination exists, clearance or mine-risk "
        "education must be in place before return can be promoted."
    ),
    references=(
        Reference(
            instrument="UNHCR Handbook: Voluntary Repatriation - International Protection (1996)",
            locator="§6.5 (Landmines; body text not verified with the available sources)",
        ),
        Reference(
            instrument="UNHCR position on returns to Syria (December 2024)",
            locator="explosive remnants of war listed among obstacles to return (German summary)",
        ),
    ),
    remediation=(
        "Assess routes and the return area for mines and explosive remnants; where they are "
        "present, arrange clearance or mine-risk education and record it in the assessment."
    ),
    parameters=AGE_LIMITS,
)
def mines_and_erw(ctx: AreaContext) -> Iterator[Problem]:
    found = latest(ctx.facts, ctx.area.reference)
    if found is None:
        yield Problem.unknown(
            "$.assessments",
            f"no conditions assessment of return area {ctx.area.reference!r} is on record, so "
            "mine and explosive-remnant risk is unknown",
            observed="no assessment",
            expected="an assessment recording mine and explosive-remnant risk",
        )
        return
    assessment = found.assessment
    path = found.path
    if assessment.mines_or_erw is False:
        yield from found.holds(
            f"{path}.mines_or_erw", "no mines or explosive remnants are reported for the area"
        )
        return
    if assessment.mines_or_erw is not True:
        yield Problem.unknown(
            f"{path}.mines_or_erw",
            "the assessment does not say whether routes or the area are contaminated by mines "
            "or explosive remnants of war",
            observed="not recorded",
            expected="true or false",
        )
        return
    mitigated = assessment.mine_risk_mitigated
    if mitigated is True:
        yield from found.holds(
            f"{path}.mine_risk_mitigated",
            "mines or explosive remnants are present, and clearance or mine-risk education is "
            "in place",
        )
    elif mitigated is False:
        yield Problem.fail(
            f"{path}.mine_risk_mitigated",
            "mines or explosive remnants are present on routes or in the area, with no "
            "clearance or mine-risk education in place",
            observed="contaminated, not mitigated",
            expected="clearance or mine-risk education in place",
        )
    else:
        yield Problem.unknown(
            f"{path}.mine_risk_mitigated",
            "mines or explosive remnants are present, and it is not recorded whether clearance "
            "or mine-risk education is in place",
            observed="not recorded",
            expected="true or false",
        )
