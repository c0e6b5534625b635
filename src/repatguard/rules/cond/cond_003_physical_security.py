"""COND-003: physical security in the return area (security level, conflict, new outflows)."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import SecurityLevel
from repatguard.rules._assessment import (
    AGE_LIMITS,
    CURRENT_EVIDENCE,
    AreaAssessment,
    latest,
    no_assessment,
)
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
    code="COND-003",
    title="Physical security in the return area",
    scope=Scope.AREA,
    severity=Severity.BLOCKER,
    checks=(
        "For each return area, the latest conditions assessment made on or before as_of is "
        "read for the area's security level, active conflict and new outflows of people "
        "from the area. A highly dangerous area is a blocker (no movement there may be "
        "assisted); an unsafe area, active conflict or new outflows are major findings. An "
        "unrecorded security level, or no assessment at all, is insufficient information at "
        "blocker weight, and unrecorded conflict or outflows at major weight; the rule "
        "passes only for a stable area with no active conflict and no new outflows."
        + CURRENT_EVIDENCE
    ),
    rationale=(
        "Return must take place in conditions of safety, and physical security comes first. "
        "UNHCR may decline to assist any return to a place assessed as highly dangerous; an "
        "unsafe area, active fighting or people fleeing the area again rule out promotion."
    ),
    references=(
        Reference(instrument="UNHCR ExCom Conclusion No. 40 (XXXVI), 1985", locator="para. (b)"),
        Reference(
            instrument="UNHCR position on returns to Afghanistan (August 2021)",
            locator="deterioration of security; bar on returns until it improves",
        ),
        Reference(
            instrument="UNHCR Ukraine repatriation guidance (unhcr.org.ua)",
            locator="UNHCR may decline to assist returns to places assessed as highly dangerous",
        ),
    ),
    remediation=(
        "Do not assist movements to a highly dangerous area. For an unsafe area, active "
        "conflict or new outflows, do not promote return; update the security findings of the "
        "assessment before reconsidering."
    ),
    parameters=AGE_LIMITS,
)
def physical_security(ctx: AreaContext) -> Iterator[Problem]:
    found = latest(ctx.facts, ctx.area.reference)
    if found is None:
        yield no_assessment(
            ctx,
            msg(
                "no conditions assessment of return area {area} is on record, so its physical "
                "security is unknown"
            ),
            msg("an assessment with security findings"),
        )
        return
    problems = list(_security_problems(found))
    if problems:
        yield from problems
        return
    # Only a stable area with no conflict and no outflows gets here.
    yield from found.holds_current(
        found.path,
        undated=msg(
            "the area is assessed as stable, with no active conflict and no new outflows, but "
            "only according to an assessment that is undated, so it may be older than its age "
            "limit; evidence older than its age limit may show a failure but never a pass"
        ),
        too_old=msg(
            "the area is assessed as stable, with no active conflict and no new outflows, but "
            "only according to an assessment that is older than its age limit ({limit}, "
            "`{parameter}`); evidence older than its age limit may show a failure but never a "
            "pass"
        ),
    )


# Long in lines, not in logic: each finding's message is written out whole for the
# catalogues (docs/writing-rules.md), one per branch.
def _security_problems(found: AreaAssessment) -> Iterator[Problem]:
    """Every failing or unrecorded security finding of the assessment."""
    assessment = found.assessment
    level = assessment.security_level
    highly_dangerous = level is SecurityLevel.HIGHLY_DANGEROUS
    if highly_dangerous:
        yield Problem.fail(
            found.field("security_level"),
            msg(
                "the return area is assessed as highly dangerous: no movement there may be assisted"
            ),
            observed=msg("{level}", level=str(level)),
            expected=msg("{level}", level=str(SecurityLevel.STABLE)),
            severity=Severity.BLOCKER,
        )
    elif level is SecurityLevel.UNSAFE:
        yield Problem.fail(
            found.field("security_level"),
            msg("the return area is assessed as unsafe: return cannot be promoted"),
            observed=msg("{level}", level=str(level)),
            expected=msg("{level}", level=str(SecurityLevel.STABLE)),
            severity=Severity.MAJOR,
        )
    elif level is not SecurityLevel.STABLE:
        yield Problem.unknown(
            found.field("security_level"),
            msg("the assessment records no security level; the area could be highly dangerous"),
            observed=NOT_RECORDED,
            expected=msg("a security level"),
            severity=Severity.BLOCKER,
        )
    # Active conflict is subsumed by a highly dangerous finding, which already stops movement.
    if not highly_dangerous:
        if assessment.active_conflict is True:
            yield Problem.fail(
                found.field("active_conflict"),
                msg("there is active conflict in the return area: return cannot be promoted"),
                observed=msg("active conflict"),
                expected=msg("no active conflict"),
                severity=Severity.MAJOR,
            )
        elif assessment.active_conflict is not False:
            yield Problem.unknown(
                found.field("active_conflict"),
                msg("the assessment does not say whether there is active conflict in the area"),
                observed=NOT_RECORDED,
                expected=msg("true or false"),
                severity=Severity.MAJOR,
            )
    if assessment.new_outflows is True:
        yield Problem.fail(
            found.field("new_outflows"),
            msg("people are fleeing the return area again: return cannot be promoted"),
            observed=msg("new outflows"),
            expected=msg("no new outflows"),
            severity=Severity.MAJOR,
        )
    elif assessment.new_outflows is not False:
        yield Problem.unknown(
            found.field("new_outflows"),
            msg("the assessment does not say whether people are fleeing the area again"),
            observed=NOT_RECORDED,
            expected=msg("true or false"),
            severity=Severity.MAJOR,
        )
