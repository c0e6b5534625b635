"""COND-005: basic services and livelihoods are available or planned in the return area."""

from __future__ import annotations

from collections.abc import Iterator

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
    Message,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)

# Each finding of the assessment read, with its failure and its unrecorded sentence.
_FINDINGS: tuple[tuple[str, Message, Message], ...] = (
    (
        "basic_services",
        msg(
            "shelter, water, health care and education are neither available nor planned in "
            "the return area: return cannot be promoted"
        ),
        msg(
            "the assessment does not record whether shelter, water, health care and education "
            "are available or planned in the return area"
        ),
    ),
    (
        "livelihoods_available",
        msg(
            "livelihoods (work, or access to land) are neither available nor planned in the "
            "return area: return cannot be promoted"
        ),
        msg(
            "the assessment does not record whether livelihoods (work, or access to land) are "
            "available or planned in the return area"
        ),
    ),
)


@rule(
    code="COND-005",
    title="Material safety: basic services and livelihoods in the return area",
    scope=Scope.AREA,
    severity=Severity.MAJOR,
    checks=(
        "For each return area, of refugees and internally displaced people alike, the latest "
        "conditions assessment made on or before as_of records that shelter, water, health "
        "care and education (`basic_services`) and livelihoods (`livelihoods_available`) are "
        "available or planned. Either recorded as not available is a major finding, which "
        "rules out promotion; no assessment, or either finding not recorded, is insufficient "
        "information at the same weight. Each failing or unrecorded finding is reported."
        + CURRENT_EVIDENCE
    ),
    rationale=(
        "Return in safety includes material safety: people need shelter, water, health care, "
        "schooling and a way to earn a living where they go back to. Without them, return is "
        "neither dignified nor likely to last, and cannot be promoted. Housing restitution "
        "(LEGAL-004) and the durable-solution criteria for internal displacement (IDP-003) do "
        "not cover this for refugee returns."
    ),
    references=(
        Reference(
            instrument="UNHCR Handbook: Voluntary Repatriation - International Protection (1996)",
            locator="§2.4 (Ensuring Return in Safety and with Dignity: material security; body "
            "text not verified with the available sources)",
        ),
        Reference(
            instrument=(
                "IASC Framework on Durable Solutions for Internally Displaced Persons (2010)"
            ),
            locator="criteria 2 (adequate standard of living) and 3 (livelihoods)",
        ),
    ),
    remediation=(
        "Establish with the authorities and partners that shelter, water, health care, "
        "education and livelihoods are available or planned in the area, record it in the "
        "area's assessment, and do not promote return there until they are."
    ),
    parameters=AGE_LIMITS,
)
def material_safety(ctx: AreaContext) -> Iterator[Problem]:
    found = latest(ctx.facts, ctx.area.reference)
    if found is None:
        yield no_assessment(
            ctx,
            msg(
                "no conditions assessment of return area {area} is on record, so it is unknown "
                "whether basic services and livelihoods are available there"
            ),
            msg("an assessment recording basic services and livelihoods"),
        )
        return
    shortfalls = list(_shortfalls(found))
    if shortfalls:
        yield from shortfalls
        return
    yield from found.holds_current(
        found.path,
        undated=msg(
            "shelter, water, health care, education and livelihoods are available or planned "
            "in the area, but only according to an assessment that is undated, so it may be "
            "older than its age limit; evidence older than its age limit may show a failure "
            "but never a pass"
        ),
        too_old=msg(
            "shelter, water, health care, education and livelihoods are available or planned "
            "in the area, but only according to an assessment that is older than its age limit "
            "({limit}, `{parameter}`); evidence older than its age limit may show a failure but "
            "never a pass"
        ),
    )


def _shortfalls(found: AreaAssessment) -> Iterator[Problem]:
    """Each finding of the assessment recorded as not available, or not recorded at all."""
    for field, unavailable, unrecorded in _FINDINGS:
        value: bool | None = getattr(found.assessment, field)
        if value is False:
            yield Problem.fail(
                found.field(field),
                unavailable,
                observed=msg("not available or planned"),
                expected=msg("available or planned"),
            )
        elif value is not True:
            yield Problem.unknown(
                found.field(field),
                unrecorded,
                observed=NOT_RECORDED,
                expected=msg("true or false"),
            )
