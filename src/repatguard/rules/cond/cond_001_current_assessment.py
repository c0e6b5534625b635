"""COND-001: a current, sourced conditions assessment exists for each return area."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import is_organised
from repatguard.rules._assessment import AGE_LIMITS, age_limit
from repatguard.rules.api import AreaContext, Problem, Reference, Scope, Severity, msg, rule


# Long in lines, not in logic: each finding's message is written out whole for the
# catalogues (docs/writing-rules.md), one per branch.
@rule(
    code="COND-001",
    title="Current, area-specific conditions assessment",
    scope=Scope.AREA,
    severity=Severity.BLOCKER,
    checks=(
        "For each return area, the latest conditions assessment made on or before as_of is "
        "dated, lists its sources, and is no older than `assessment_max_age` "
        "(`volatile_assessment_max_age` when the area's volatility is high or unknown). It is "
        "a blocker for organised movements (mixed ones included) and a major finding "
        "otherwise. A region-level assessment (one assessment for several areas, `areas`) is "
        "read by every area it covers but is not area-specific: it makes this rule "
        "insufficient information at the same weight, never a pass. Waiving this finding "
        "does not make old evidence new: the rules that read the assessment still report "
        "insufficient information instead of a pass while it is stale or undated."
    ),
    rationale=(
        "Decisions to return, and the information people receive, must rest on objective, "
        "up-to-date information about the specific area of return, not the country as a whole. "
        "Without it no one can judge safety, and consent cannot be informed."
    ),
    references=(
        Reference(instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 6"),
        Reference(instrument="UNHCR ExCom Conclusion No. 18 (XXXI), 1980", locator="para. (e)"),
    ),
    remediation=(
        "Carry out (or update) a conditions assessment of this return area, dated and listing "
        "its sources; areas of high volatility need a shorter cycle."
    ),
    parameters=AGE_LIMITS,
    facilitation_gate=True,
)
def current_assessment(ctx: AreaContext) -> Iterator[Problem]:
    facts = ctx.facts
    # Blocker for organised movements (a mixed movement has an organised part); for assisted
    # or self-organised returns a missing assessment rules out promotion and facilitation but
    # is not a hard stop.
    severity = Severity.BLOCKER if is_organised(facts.operation.movement_kind) else Severity.MAJOR
    latest = facts.latest_assessment(ctx.area.reference)
    if latest is None:
        yield Problem.fail(
            "$.assessments",
            msg(
                "no conditions assessment of return area {area} is on record",
                area=repr(ctx.area.reference),
            ),
            observed=msg("none"),
            expected=msg("a dated, sourced assessment of this area"),
            severity=severity,
        )
        return
    index, assessment = latest
    path = f"$.assessments[{index}]"
    if assessment.assessed_on is None:
        yield Problem.unknown(
            f"{path}.assessed_on",
            msg("the assessment of this area is undated, so its currency cannot be judged"),
            observed=msg("no date"),
            expected=msg("an assessment date"),
            severity=severity,
        )
        return
    # The same limit that keeps stale evidence from passing the other assessment rules.
    limit_name, oldest = age_limit(facts, assessment)
    if assessment.assessed_on < oldest:
        yield Problem.fail(
            f"{path}.assessed_on",
            msg(
                "the latest assessment of this area is older than {limit}",
                limit=str(getattr(facts.params, limit_name)),
            ),
            observed=msg("{date}", date=assessment.assessed_on.isoformat()),
            expected=msg("on or after {date}", date=oldest.isoformat()),
            severity=severity,
        )
        return
    if not assessment.sources:
        yield Problem.unknown(
            f"{path}.sources",
            msg("the assessment lists no sources, so its objectivity cannot be judged"),
            observed=msg("no sources"),
            expected=msg("at least one named source"),
            severity=severity,
        )
    if assessment.region_level:
        # Region-level evidence may show a failure in this area, but it cannot show that the
        # area itself is fit: conditions differ between areas (mines, services, access).
        yield Problem.unknown(
            f"{path}.areas",
            msg(
                "the latest assessment was made for a region of {count} return area(s), not "
                "for this area, so whether conditions here match the region's is unknown",
                count=len(assessment.areas),
            ),
            observed=msg(
                "region-level assessment {assessment} (areas {areas})",
                assessment=assessment.reference,
                areas=", ".join(assessment.areas),
            ),
            expected=msg("an assessment of this return area"),
            severity=severity,
        )
