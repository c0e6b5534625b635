"""PREM-011: spontaneous return into conditions not conducive is escalated or route-monitored."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs
import pendulum

from repatguard.model import Stance, UnhcrPosition, is_spontaneous
from repatguard.rules._assessment import latest as latest_assessment
from repatguard.rules.api import AreaContext, Check, Reference, Scope, Severity, legacy_rule
from repatguard.rules.prem._positions import consultation_check, describe, positions_for_area

# The stances that keep UNHCR from promoting return (domain.md A-2, "PREM-011, narrowed").
_RESTRICTIVE = frozenset(
    {
        Stance.FACILITATING_ONLY,
        Stance.NOT_PROMOTING,
        Stance.NO_FORCED_RETURNS,
        Stance.NOT_FACILITATING,
    }
)
_EXPECTED = (
    "a restrictive UNHCR position on returns to the area (facilitating only, not promoting, "
    "no forced returns or not facilitating) issued or reviewed after the latest negative "
    "assessment"
)


@legacy_rule(
    code="PREM-011",
    title="Spontaneous return into conditions not conducive: escalate",
    scope=Scope.AREA,
    severity=Severity.MAJOR,
    checks=(
        "Applies when the movement is spontaneous or assisted spontaneous, or mixed (it has a "
        "spontaneous part). For each return area whose latest conditions assessment made on "
        "or before as_of finds conditions not conducive to promotion, the escalation is "
        "discharged only by a restrictive UNHCR position on returns covering the area "
        "(facilitating only, not promoting, no forced returns or not facilitating, without a "
        "promoting stance) in force at as_of and issued, or last reviewed (`reviewed_on`, on "
        "or before as_of), after that assessment; then the return routes must be monitored "
        "(unmonitored routes are a major finding, unrecorded monitoring is insufficient "
        "information). Without such a position it is a major finding sent to the joint "
        "IOM-UNHCR escalation path, and so is each promoting position in force issued or last "
        "reviewed on or before the negative assessment, which contradicts it. The positions "
        "must have been consulted within `positions_consulted_max_age`: otherwise, as with no "
        "assessment, an unrecorded conducive finding, a conducive finding from an assessment "
        "undated or past its age limit (stale evidence never passes), an undated negative "
        "assessment or a position whose stance is not recorded and could decide the "
        "escalation, the result is "
        "insufficient information at blocker weight, marked for escalation because it could "
        "hide one."
    ),
    rationale=(
        "UNHCR may facilitate returns people undertake on their own even when conditions are "
        "not conducive, but only with headquarters' advice: a UNHCR position on returns for "
        "the area that takes those conditions into account. A position issued or last "
        "reviewed before the negative assessment has not done so, and one that still "
        "promotes return contradicts it; either way the situation goes to headquarters-level "
        "review. With a restrictive position issued or reviewed since, monitors along the "
        "routes are still required. A position not consulted is unknown, not absent."
    ),
    references=(
        Reference(
            instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 5(iv)"
        ),
        Reference(instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 10"),
        Reference(instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 21"),
        Reference(
            instrument="repatguard domain specification (domain.md)",
            locator="A-R2 (PREM-011 and the escalation gate)",
        ),
        Reference(
            instrument="repatguard domain specification (domain.md)",
            locator="A-2 (PREM-011, narrowed; an unknown weighs as the worst outcome)",
        ),
    ),
    remediation=(
        "Refer the situation to headquarters through the joint IOM-UNHCR escalation path and "
        "obtain a UNHCR position on returns to the area; once one is in force, plan monitoring "
        "along the return routes. Record when the current positions were consulted."
    ),
    parameters=(
        "positions_consulted_max_age",
        "assessment_max_age",
        "volatile_assessment_max_age",
    ),
)
def spontaneous_return_escalation(ctx: AreaContext) -> Iterator[Check]:
    facts = ctx.facts
    operation = facts.operation
    # Mixed movements have a spontaneous part (domain.md A-R2: "a spontaneous component").
    if not is_spontaneous(operation.movement_kind):
        return
    latest = facts.latest_assessment(ctx.area.reference)
    if latest is None:
        yield Check.unknown(
            "$.assessments",
            f"no conditions assessment of return area {ctx.area.reference!r} is on record, so "
            "it is unknown whether people are returning spontaneously into conditions that "
            "are not conducive",
            observed="no assessment",
            expected="an assessment finding whether conditions are conducive",
            **_COULD_ESCALATE,
        )
        return
    index, assessment = latest
    conducive = assessment.conducive_for_promotion
    if conducive is True:
        evidence = latest_assessment(facts, ctx.area.reference)
        if evidence is not None and evidence.stale is not None:
            # domain.md A-2: stale evidence may fail, never pass. Conditions may have turned
            # since, so the return may be one into conditions not conducive.
            yield Check.unknown(
                f"$.assessments[{index}].assessed_on",
                f"the assessment that found conditions conducive {evidence.stale}, so it is "
                "unknown whether this spontaneous return needs escalation",
                observed="conducive, by an assessment past its age limit",
                expected="a current assessment of the area",
                **_COULD_ESCALATE,
            )
            return
        yield Check.passed(
            f"$.assessments[{index}].conducive_for_promotion",
            "conditions in the area are found conducive; no escalation is needed",
        )
        return
    if conducive is None:
        yield Check.unknown(
            f"$.assessments[{index}].conducive_for_promotion",
            "the assessment does not say whether conditions are conducive, so it is unknown "
            "whether this spontaneous return needs escalation",
            observed="not recorded",
            expected="true or false",
            **_COULD_ESCALATE,
        )
        return
    yield from _position_checks(ctx, index, assessment.assessed_on)


# An unknown here could hide an escalation, which stops everything: it weighs as one.
_COULD_ESCALATE: dict[str, Any] = {"severity": Severity.BLOCKER, "escalate": True}


def _restrictive(position: UnhcrPosition) -> bool:
    return Stance.PROMOTING not in position.stances and any(
        stance in _RESTRICTIVE for stance in position.stances
    )


def _speaks_as_of(position: UnhcrPosition, today: pendulum.Date) -> pendulum.Date:
    """The date the position speaks as of: its issue, or a later review on or before as_of
    (a review dated after as_of has not happened yet)."""
    reviewed = position.reviewed_on
    if reviewed is not None and position.issued_on < reviewed <= today:
        return reviewed
    return position.issued_on


def _position_checks(
    ctx: AreaContext, assessment_index: int, assessed_on: pendulum.Date | None
) -> Iterator[Check]:
    """Conditions are found not conducive: does a position discharge the escalation?"""
    operation = ctx.facts.operation
    # Positions not consulted recently are unknown, not absent (domain.md A-2).
    missing = consultation_check(ctx, Severity.BLOCKER)
    if missing is not None:
        yield attrs.evolve(
            missing,
            message=f"{missing.message}; conditions are found not conducive, so without a "
            "restrictive position issued after the assessment this return needs escalation",
            escalate=True,
        )
        return
    positions = positions_for_area(ctx)
    if not positions:
        yield Check.failed(
            "$.positions",
            f"a {operation.movement_kind} return is under way into conditions found not "
            "conducive, and no UNHCR position on returns to this area is in force: "
            "headquarters-level review through the joint escalation path is needed",
            observed="conditions not conducive; no position in force",
            expected=_EXPECTED,
            escalate=True,
        )
        return
    if assessed_on is None:
        yield Check.unknown(
            f"$.assessments[{assessment_index}].assessed_on",
            "the assessment finding conditions not conducive is undated, so it cannot be told "
            "whether a UNHCR position in force was issued after it and discharges the "
            "escalation",
            observed="no assessment date; positions in force: "
            + "; ".join(describe(p) for _, p in positions),
            expected="the date of the assessment",
            **_COULD_ESCALATE,
        )
        return
    today = ctx.facts.today
    newer = [(i, p) for i, p in positions if _speaks_as_of(p, today) > assessed_on]
    discharging = [(i, p) for i, p in newer if _restrictive(p)]
    undecided = [(i, p) for i, p in positions if not p.stances]
    # A promoting position that a newer negative assessment contradicts is itself a concern.
    for i, position in positions:
        if Stance.PROMOTING in position.stances and _speaks_as_of(position, today) <= assessed_on:
            yield Check.failed(
                f"$.positions[{i}]",
                "a UNHCR position promoting return is in force although a later assessment "
                "finds conditions not conducive; the contradiction goes to the joint "
                "escalation path",
                observed=f"{describe(position)}; assessed not conducive on "
                f"{assessed_on.isoformat()}",
                expected="a position reviewed after the assessment that does not promote return",
                escalate=True,
            )
    if not discharging:
        # A newer position with no stance recorded could be the restrictive one.
        unsettled = [(i, p) for i, p in undecided if _speaks_as_of(p, today) > assessed_on]
        if unsettled:
            for i, position in unsettled:
                yield Check.unknown(
                    f"$.positions[{i}].stances",
                    "a UNHCR position issued after the negative assessment is in force, but "
                    "its stance is not recorded, so it is unknown whether it discharges the "
                    "escalation",
                    observed=describe(position),
                    expected="the stances the position takes",
                    **_COULD_ESCALATE,
                )
            return
        yield Check.failed(
            "$.positions",
            f"a {operation.movement_kind} return is under way into conditions found not "
            f"conducive on {assessed_on.isoformat()}, and no restrictive UNHCR position on "
            "returns issued after that assessment is in force: headquarters-level review "
            "through the joint escalation path is needed",
            observed="positions in force: " + "; ".join(describe(p) for _, p in positions),
            expected=_EXPECTED,
            escalate=True,
        )
        return
    for i, position in undecided:
        if _speaks_as_of(position, today) > assessed_on:
            continue  # whatever it says, a newer restrictive position discharges
        # Its stance could be "promoting", contradicted by the assessment: an escalation.
        yield Check.unknown(
            f"$.positions[{i}].stances",
            "a UNHCR position on returns is in force for this area but its stance is not "
            "recorded; a promoting one would contradict the negative assessment",
            observed=describe(position),
            expected="the stances the position takes",
            **_COULD_ESCALATE,
        )
    observed_position = describe(discharging[-1][1])
    if operation.route_monitoring is True:
        yield Check.passed(
            "$.route_monitoring",
            "a restrictive UNHCR position on returns issued after the negative assessment is "
            "in force for the area and the return routes are monitored",
        )
    elif operation.route_monitoring is False:
        yield Check.failed(
            "$.route_monitoring",
            "people return spontaneously into conditions found not conducive and the return "
            "routes are not monitored; route monitoring is required",
            observed=f"no route monitoring; position in force: {observed_position}",
            expected="monitoring along the return routes",
        )
    else:
        yield Check.unknown(
            "$.route_monitoring",
            "people return spontaneously into conditions found not conducive and it is not "
            "recorded whether the return routes are monitored",
            observed=f"not recorded; position in force: {observed_position}",
            expected="true or false",
        )
