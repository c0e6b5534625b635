"""COND-004: mines and explosive remnants of war on routes and in the return area are addressed."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules._assessment import AGE_LIMITS, CURRENT_EVIDENCE, latest, no_assessment
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


# Long in lines, not in logic: each finding's message is written out whole for the
# catalogues (docs/writing-rules.md), one per branch.
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
        yield no_assessment(
            ctx,
            msg(
                "no conditions assessment of return area {area} is on record, so mine and "
                "explosive-remnant risk is unknown"
            ),
            msg("an assessment recording mine and explosive-remnant risk"),
        )
        return
    assessment = found.assessment
    path = found.path
    if assessment.mines_or_erw is False:
        yield from found.holds_current(
            f"{path}.mines_or_erw",
            undated=msg(
                "no mines or explosive remnants are reported for the area, but only according "
                "to an assessment that is undated, so it may be older than its age limit; "
                "evidence older than its age limit may show a failure but never a pass"
            ),
            too_old=msg(
                "no mines or explosive remnants are reported for the area, but only according "
                "to an assessment that is older than its age limit ({limit}, `{parameter}`); "
                "evidence older than its age limit may show a failure but never a pass"
            ),
        )
        return
    if assessment.mines_or_erw is not True:
        yield Problem.unknown(
            f"{path}.mines_or_erw",
            msg(
                "the assessment does not say whether routes or the area are contaminated by "
                "mines or explosive remnants of war"
            ),
            observed=NOT_RECORDED,
            expected=msg("true or false"),
        )
        return
    mitigated = assessment.mine_risk_mitigated
    if mitigated is True:
        yield from found.holds_current(
            f"{path}.mine_risk_mitigated",
            undated=msg(
                "mines or explosive remnants are present, and clearance or mine-risk education "
                "is in place, but only according to an assessment that is undated, so it may be "
                "older than its age limit; evidence older than its age limit may show a failure "
                "but never a pass"
            ),
            too_old=msg(
                "mines or explosive remnants are present, and clearance or mine-risk education "
                "is in place, but only according to an assessment that is older than its age "
                "limit ({limit}, `{parameter}`); evidence older than its age limit may show a "
                "failure but never a pass"
            ),
        )
    elif mitigated is False:
        yield Problem.fail(
            f"{path}.mine_risk_mitigated",
            msg(
                "mines or explosive remnants are present on routes or in the area, with no "
                "clearance or mine-risk education in place"
            ),
            observed=msg("contaminated, not mitigated"),
            expected=msg("clearance or mine-risk education in place"),
        )
    else:
        yield Problem.unknown(
            f"{path}.mine_risk_mitigated",
            msg(
                "mines or explosive remnants are present, and it is not recorded whether "
                "clearance or mine-risk education is in place"
            ),
            observed=NOT_RECORDED,
            expected=msg("true or false"),
        )
