"""COND-004: mines and explosive remnants of war on routes and in the return area are addressed."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules.api import AreaContext, Check, Reference, Scope, Severity, rule


@rule(
    code="COND-004",
    title="Mines and explosive remnants of war",
    scope=Scope.AREA,
    severity=Severity.MAJOR,
    rationale=(
        "Physical safety includes safety from mines and explosive remnants of war on the "
        "routes and in the area of return. Where contamination exists, clearance or mine-risk "
        "education must be in place before return can be promoted."
    ),
    references=(
        Reference(
            instrument="UNHCR Handbook: Voluntary Repatriation - International Protection (1996)",
            locator="§6.5 (title seen; body text not verified)",
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
)
def mines_and_erw(ctx: AreaContext) -> Iterator[Check]:
    latest = ctx.facts.latest_assessment(ctx.area.reference)
    if latest is None:
        yield Check.unknown(
            "$.assessments",
            f"no conditions assessment of return area {ctx.area.reference!r} is on record, so "
            "mine and explosive-remnant risk is unknown",
            observed="no assessment",
            expected="an assessment recording mine and explosive-remnant risk",
        )
        return
    index, assessment = latest
    path = f"$.assessments[{index}]"
    if assessment.mines_or_erw is False:
        yield Check.passed(
            f"{path}.mines_or_erw", "no mines or explosive remnants are reported for the area"
        )
        return
    if assessment.mines_or_erw is None:
        yield Check.unknown(
            f"{path}.mines_or_erw",
            "the assessment does not say whether routes or the area are contaminated by mines "
            "or explosive remnants of war",
            observed="not recorded",
            expected="true or false",
        )
        return
    mitigated = assessment.mine_risk_mitigated
    if mitigated is True:
        yield Check.passed(
            f"{path}.mine_risk_mitigated",
            "mines or explosive remnants are present, and clearance or mine-risk education is "
            "in place",
        )
    elif mitigated is False:
        yield Check.failed(
            f"{path}.mine_risk_mitigated",
            "mines or explosive remnants are present on routes or in the area, with no "
            "clearance or mine-risk education in place",
            observed="contaminated, not mitigated",
            expected="clearance or mine-risk education in place",
        )
    else:
        yield Check.unknown(
            f"{path}.mine_risk_mitigated",
            "mines or explosive remnants are present, and it is not recorded whether clearance "
            "or mine-risk education is in place",
            observed="not recorded",
            expected="true or false",
        )
