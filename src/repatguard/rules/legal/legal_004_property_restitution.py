"""LEGAL-004: housing, land and property can be restored, or compensated for, on return."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules._assessment import AGE_LIMITS, CURRENT_EVIDENCE, flag_findings
from repatguard.rules.api import AreaContext, Problem, Reference, Scope, Severity, msg, rule


@rule(
    code="LEGAL-004",
    title="Housing, land and property restitution or compensation",
    scope=Scope.AREA,
    severity=Severity.MAJOR,
    checks=(
        "For each return area, the latest conditions assessment made on or before as_of "
        "records that returnees can obtain restitution of their housing, land and "
        "property, or compensation." + CURRENT_EVIDENCE
    ),
    rationale=(
        "Displaced people have a right to have the homes, land and property they lost "
        "restored, or to be compensated where restitution is impossible. A return without a "
        "mechanism for it is hardly durable, and it rules out promotion."
    ),
    references=(
        Reference(
            instrument="Principles on Housing and Property Restitution for Refugees and "
            "Displaced Persons (Pinheiro Principles), E/CN.4/Sub.2/2005/17",
            locator="principles 2 and 21",
        ),
        Reference(
            instrument="IASC Framework on Durable Solutions for Internally Displaced Persons "
            "(2010)",
            locator="criterion 4 (restoration of housing, land and property)",
        ),
    ),
    remediation=(
        "Establish (or identify) a mechanism through which returnees to the area can claim "
        "restitution of their housing, land and property, or compensation, and record it in "
        "the area's assessment."
    ),
    parameters=AGE_LIMITS,
)
def property_restitution(ctx: AreaContext) -> Iterator[Problem]:
    yield from flag_findings(
        ctx,
        "property_restitution",
        safe=True,
        unassessed=msg(
            "no conditions assessment of return area {area} is on record, so it "
            "is unknown whether returnees can claim restitution of housing, "
            "land and property, or compensation",
        ),
        unassessed_expected=msg(
            "an assessment recording a restitution or compensation mechanism available",
        ),
        unrecorded=msg(
            "the latest assessment of this area does not record whether "
            "returnees can claim restitution of housing, land and property, or "
            "compensation",
        ),
        undated=msg(
            "a housing, land and property restitution or compensation mechanism "
            "is available, but only according to an assessment that is undated, "
            "so it may be older than its age limit; evidence older than its age "
            "limit may show a failure but never a pass",
        ),
        too_old=msg(
            "a housing, land and property restitution or compensation mechanism "
            "is available, but only according to an assessment that is older "
            "than its age limit ({limit}, `{parameter}`); evidence older than "
            "its age limit may show a failure but never a pass",
        ),
        breaks=msg(
            "no housing, land and property restitution or compensation is available in the area",
        ),
        observed=msg(
            "no restitution or compensation",
        ),
        expected=msg(
            "a restitution or compensation mechanism available",
        ),
    )
