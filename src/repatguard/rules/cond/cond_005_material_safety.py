"""COND-005: basic services and livelihoods are available or planned in the return area."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules._assessment import (
    AGE_LIMITS,
    CURRENT_EVIDENCE,
    AreaAssessment,
    latest,
    unassessed,
)
from repatguard.rules.api import AreaContext, Problem, Reference, Scope, Severity, rule

_FINDINGS = (
    (
        "basic_services",
        "shelter, water, health care and education",
    ),
    (
        "livelihoods_available",
        "livelihoods (work, or access to land)",
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
        yield unassessed(
            ctx,
            "basic services and livelihoods are available there",
            "basic services and livelihoods",
        )
        return
    shortfalls = list(_shortfalls(found))
    if shortfalls:
        yield from shortfalls
        return
    yield from found.holds(
        found.path,
        "shelter, water, health care, education and livelihoods are available or planned in "
        "the area",
    )


def _shortfalls(found: AreaAssessment) -> Iterator[Problem]:
    """Each finding of the assessment recorded as not available, or not recorded at all."""
    for field, what in _FINDINGS:
        value: bool | None = getattr(found.assessment, field)
        if value is False:
            yield Problem.fail(
                found.field(field),
                f"{what} are neither available nor planned in the return area: return "
                "cannot be promoted",
                observed="not available or planned",
                expected="available or planned",
            )
        elif value is not True:
            yield Problem.unknown(
                found.field(field),
                f"the assessment does not record whether {what} are available or planned "
                "in the return area",
                observed="not recorded",
                expected="true or false",
            )
