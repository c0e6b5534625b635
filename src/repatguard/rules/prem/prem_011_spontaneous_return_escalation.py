"""PREM-011: spontaneous return into conditions not conducive is escalated or route-monitored."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs
import pendulum

from repatguard.model import (
    EscalationDecision,
    MovementKind,
    Operation,
    Stance,
    UnhcrPosition,
    is_spontaneous,
)
from repatguard.rules._assessment import latest as latest_assessment
from repatguard.rules._escalations import Decided, settle, settling
from repatguard.rules.api import (
    NOT_APPLICABLE,
    AreaContext,
    Found,
    Message,
    Outcome,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)
from repatguard.rules.message import listed
from repatguard.rules.prem._positions import described, positions_for_area, unconsulted

# The stances that keep UNHCR from promoting return (domain.md A-2, "PREM-011, narrowed").
_RESTRICTIVE = frozenset(
    {
        Stance.FACILITATING_ONLY,
        Stance.NOT_PROMOTING,
        Stance.NO_FORCED_RETURNS,
        Stance.NOT_FACILITATING,
    }
)
_EXPECTED = msg(
    "a restrictive UNHCR position on returns to the area (facilitating only, not promoting, "
    "no forced returns or not facilitating) issued or reviewed after the latest negative "
    "assessment"
)


# One whole sentence per kind of movement, so that each reads naturally in every language
# (the kind's code inside a translated sentence did not).
def _no_position_in_force(kind: MovementKind) -> Message:
    if kind is MovementKind.SPONTANEOUS:
        return msg(
            "a spontaneous return is under way into conditions found not conducive, and no "
            "UNHCR position on returns to this area is in force: headquarters-level review "
            "through the joint escalation path is needed"
        )
    if kind is MovementKind.ASSISTED_SPONTANEOUS:
        return msg(
            "an assisted spontaneous return is under way into conditions found not conducive, "
            "and no UNHCR position on returns to this area is in force: headquarters-level "
            "review through the joint escalation path is needed"
        )
    return msg(
        "a movement with a spontaneous part is under way into conditions found not conducive, "
        "and no UNHCR position on returns to this area is in force: headquarters-level review "
        "through the joint escalation path is needed"
    )


def _no_restrictive_position(kind: MovementKind, assessed_on: str) -> Message:
    if kind is MovementKind.SPONTANEOUS:
        return msg(
            "a spontaneous return is under way into conditions found not conducive on "
            "{assessed_on}, and no restrictive UNHCR position on returns issued after that "
            "assessment is in force: headquarters-level review through the joint escalation "
            "path is needed",
            assessed_on=assessed_on,
        )
    if kind is MovementKind.ASSISTED_SPONTANEOUS:
        return msg(
            "an assisted spontaneous return is under way into conditions found not conducive "
            "on {assessed_on}, and no restrictive UNHCR position on returns issued after that "
            "assessment is in force: headquarters-level review through the joint escalation "
            "path is needed",
            assessed_on=assessed_on,
        )
    return msg(
        "a movement with a spontaneous part is under way into conditions found not conducive "
        "on {assessed_on}, and no restrictive UNHCR position on returns issued after that "
        "assessment is in force: headquarters-level review through the joint escalation path "
        "is needed",
        assessed_on=assessed_on,
    )


@rule(
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
        "hide one. A joint IOM-UNHCR decision, dated on or before as_of, on an escalation on "
        "record that covers the area (of kind `spontaneous_return` or naming PREM-011, for "
        "the area or the whole operation) settles an established escalation and is cited in "
        "it: a decision to proceed taken after the negative assessment leaves a major "
        "finding without the escalation flag, and the routes must then be monitored as "
        "under a position; a decision to stop or suspend, whenever taken, makes it a "
        "blocker. Where decisions differ, the least permissive settles it. Unknowns are "
        "never settled by a decision."
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
def spontaneous_return_escalation(ctx: AreaContext) -> Iterator[Found]:
    facts = ctx.facts
    # Mixed movements have a spontaneous part (domain.md A-R2: "a spontaneous component").
    if not is_spontaneous(facts.operation.movement_kind):
        yield NOT_APPLICABLE
        return
    # The assessments, positions and route monitoring are the operation's records, not the
    # area's own fields: every path here is absolute.
    latest = facts.latest_assessment(ctx.area.reference)
    if latest is None:
        yield Problem.unknown(
            "$.assessments",
            msg(
                "no conditions assessment of return area {area} is on record, so it is unknown "
                "whether people are returning spontaneously into conditions that are not "
                "conducive",
                area=repr(ctx.area.reference),
            ),
            observed=msg("no assessment"),
            expected=msg("an assessment finding whether conditions are conducive"),
            **_COULD_ESCALATE,
        )
        return
    index, assessment = latest
    conducive = assessment.conducive_for_promotion
    if conducive is True:
        # Conducive: no escalation is needed, if the evidence is current.
        yield from _stale(ctx, index)
        return
    if conducive is None:
        yield Problem.unknown(
            f"$.assessments[{index}].conducive_for_promotion",
            msg(
                "the assessment does not say whether conditions are conducive, so it is unknown "
                "whether this spontaneous return needs escalation"
            ),
            observed=msg("not recorded"),
            expected=msg("true or false"),
            **_COULD_ESCALATE,
        )
        return
    yield from _position_problems(ctx, index, assessment.assessed_on)


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


def _stale(ctx: AreaContext, assessment_index: int) -> Iterator[Problem]:
    """Conditions are found conducive: nothing, unless the assessment is past its age limit."""
    evidence = latest_assessment(ctx.facts, ctx.area.reference)
    if evidence is not None and evidence.stale is not None:
        # domain.md A-2: stale evidence may fail, never pass. Conditions may have turned
        # since, so the return may be one into conditions not conducive.
        message = (
            msg(
                "the assessment that found conditions conducive is undated, so it may be older "
                "than its age limit, so it is unknown whether this spontaneous return needs "
                "escalation"
            )
            if evidence.assessment.assessed_on is None
            else msg(
                "the assessment that found conditions conducive is older than its age limit "
                "({limit}, `{parameter}`), so it is unknown whether this spontaneous return "
                "needs escalation",
                limit=evidence.limit,
                parameter=evidence.parameter,
            )
        )
        yield Problem.unknown(
            f"$.assessments[{assessment_index}].assessed_on",
            message,
            observed=msg("conducive, by an assessment past its age limit"),
            expected=msg("a current assessment of the area"),
            **_COULD_ESCALATE,
        )


def _position_problems(
    ctx: AreaContext, assessment_index: int, assessed_on: pendulum.Date | None
) -> Iterator[Problem]:
    """Conditions are found not conducive: does a position discharge the escalation?"""
    operation = ctx.facts.operation
    # Positions not consulted recently are unknown, not absent (domain.md A-2).
    missing = unconsulted(
        ctx, Severity.BLOCKER, unrecorded=_UNRECORDED_ESCALATES, outdated=_OUTDATED_ESCALATES
    )
    if missing is not None:
        yield attrs.evolve(missing, escalate=True)
        return
    positions = positions_for_area(ctx)
    if not positions:
        yield from _escalated(
            ctx,
            Problem.fail(
                "$.positions",
                _no_position_in_force(operation.movement_kind),
                observed=msg("conditions not conducive; no position in force"),
                expected=_EXPECTED,
                escalate=True,
            ),
            assessed_on,
        )
        return
    if assessed_on is None:
        yield Problem.unknown(
            f"$.assessments[{assessment_index}].assessed_on",
            msg(
                "the assessment finding conditions not conducive is undated, so it cannot be "
                "told whether a UNHCR position in force was issued after it and discharges the "
                "escalation"
            ),
            observed=_listed(positions, _UNDATED_LISTS),
            expected=msg("the date of the assessment"),
            **_COULD_ESCALATE,
        )
        return
    today = ctx.facts.today
    for contradiction in _contradicted(positions, assessed_on, today):
        yield from _escalated(ctx, contradiction, assessed_on, monitored=False)
    discharging = [
        (i, p) for i, p in positions if _speaks_as_of(p, today) > assessed_on and _restrictive(p)
    ]
    if not discharging:
        for problem in _not_discharged(operation, positions, assessed_on, today):
            if problem.escalate and problem.outcome is Outcome.FAIL:
                yield from _escalated(ctx, problem, assessed_on)
            else:
                yield problem
        return
    yield from _older_undecided(positions, assessed_on, today)
    yield from _route_monitoring(operation, discharging[-1][1])


def _escalated(
    ctx: AreaContext,
    problem: Problem,
    assessed_on: pendulum.Date | None,
    *,
    monitored: bool = True,
) -> Iterator[Problem]:
    """An escalating failure as it stands, or settled by the joint decision on an escalation
    that covers it. A decision to proceed counts only when taken after the negative
    assessment (as a position must be, domain.md A-2); then, as under a position, the
    routes must be monitored (``monitored``). A decision to stop or suspend always settles
    it, as a blocker."""
    settled = settling(
        ctx.facts,
        "PREM-011",
        ctx.area.reference,
        proceeds=lambda day: assessed_on is not None and day > assessed_on,
    )
    if settled is None:
        yield problem
        return
    yield settle(problem, settled)
    if monitored and settled.decision is EscalationDecision.PROCEED:
        yield from _route_monitoring(ctx.facts.operation, settled)


def _contradicted(
    positions: list[tuple[int, UnhcrPosition]], assessed_on: pendulum.Date, today: pendulum.Date
) -> Iterator[Problem]:
    """A promoting position that a newer negative assessment contradicts is itself a
    concern."""
    for i, position in positions:
        if Stance.PROMOTING in position.stances and _speaks_as_of(position, today) <= assessed_on:
            yield Problem.fail(
                f"$.positions[{i}]",
                msg(
                    "a UNHCR position promoting return is in force although a later assessment "
                    "finds conditions not conducive; the contradiction goes to the joint "
                    "escalation path"
                ),
                # A promoting position records its stances.
                observed=described(
                    position,
                    stated=msg(
                        "{position} ({stances}), issued {issued_on}; assessed not conducive on "
                        "{assessed_on}",
                        assessed_on=assessed_on.isoformat(),
                    ),
                ),
                expected=msg(
                    "a position reviewed after the assessment that does not promote return"
                ),
                escalate=True,
            )


def _not_discharged(
    operation: Operation,
    positions: list[tuple[int, UnhcrPosition]],
    assessed_on: pendulum.Date,
    today: pendulum.Date,
) -> Iterator[Problem]:
    """No restrictive position speaks after the assessment: an escalation, unless a newer
    position with no stance recorded could be the restrictive one (then unknown)."""
    unsettled = [
        (i, p) for i, p in positions if not p.stances and _speaks_as_of(p, today) > assessed_on
    ]
    for i, position in unsettled:
        yield Problem.unknown(
            f"$.positions[{i}].stances",
            msg(
                "a UNHCR position issued after the negative assessment is in force, but its "
                "stance is not recorded, so it is unknown whether it discharges the escalation"
            ),
            observed=described(position),
            expected=msg("the stances the position takes"),
            **_COULD_ESCALATE,
        )
    if unsettled:
        return
    yield Problem.fail(
        "$.positions",
        _no_restrictive_position(operation.movement_kind, assessed_on.isoformat()),
        observed=_listed(positions, _IN_FORCE_LISTS),
        expected=_EXPECTED,
        escalate=True,
    )


def _older_undecided(
    positions: list[tuple[int, UnhcrPosition]], assessed_on: pendulum.Date, today: pendulum.Date
) -> Iterator[Problem]:
    """A newer restrictive position discharges the escalation, whatever a newer position with
    no stance says; an older one with no stance could be a promoting one, contradicted by the
    assessment: an escalation."""
    for i, position in positions:
        if position.stances or _speaks_as_of(position, today) > assessed_on:
            continue
        yield Problem.unknown(
            f"$.positions[{i}].stances",
            msg(
                "a UNHCR position on returns is in force for this area but its stance is not "
                "recorded; a promoting one would contradict the negative assessment"
            ),
            observed=described(position),
            expected=msg("the stances the position takes"),
            **_COULD_ESCALATE,
        )


def _route_monitoring(operation: Operation, basis: UnhcrPosition | Decided) -> Iterator[Problem]:
    """A restrictive position (or a joint decision to proceed, ``basis`` says which) discharges
    the escalation: the return routes must still be monitored."""
    if operation.route_monitoring is True:
        return
    if operation.route_monitoring is False:
        yield Problem.fail(
            "$.route_monitoring",
            msg(
                "people return spontaneously into conditions found not conducive and the "
                "return routes are not monitored; route monitoring is required"
            ),
            observed=_on_basis(basis, monitored=False),
            expected=msg("monitoring along the return routes"),
        )
        return
    yield Problem.unknown(
        "$.route_monitoring",
        msg(
            "people return spontaneously into conditions found not conducive and it is not "
            "recorded whether the return routes are monitored"
        ),
        observed=_on_basis(basis, monitored=None),
        expected=msg("true or false"),
    )


def _on_basis(basis: UnhcrPosition | Decided, *, monitored: bool | None) -> Message:
    """What route monitoring was found (``False``: none; ``None``: not recorded) and what
    discharged the escalation: the position in force (which records a restrictive stance) or
    the joint decision to proceed (its reference, decision and date, no free text)."""
    if isinstance(basis, Decided):
        template = (
            msg("no route monitoring; joint decision on escalation {escalation}: {decision}, {on}")
            if monitored is False
            else msg("not recorded; joint decision on escalation {escalation}: {decision}, {on}")
        )
        return template.with_values(
            escalation=basis.escalation.reference,
            decision=str(basis.decision),
            on=basis.decided_on.isoformat(),
        )
    stated = (
        msg("no route monitoring; position in force: {position} ({stances}), issued {issued_on}")
        if monitored is False
        else msg("not recorded; position in force: {position} ({stances}), issued {issued_on}")
    )
    return described(basis, stated=stated)


@attrs.frozen
class _Lists:
    """How an observation lists the positions in force: one position, with its stances or
    without, in a whole sentence; several, each in the English form of
    ``prem._positions.described`` (the one place a value holds English words: a list of any
    length has no whole sentence)."""

    stated: Message
    unstated: Message
    several: Message


_UNDATED_LISTS = _Lists(
    stated=msg(
        "no assessment date; positions in force: {position} ({stances}), issued {issued_on}"
    ),
    unstated=msg(
        "no assessment date; positions in force: {position} (no stance recorded), issued "
        "{issued_on}"
    ),
    several=msg("no assessment date; positions in force: {positions}"),
)
_IN_FORCE_LISTS = _Lists(
    stated=msg("positions in force: {position} ({stances}), issued {issued_on}"),
    unstated=msg("positions in force: {position} (no stance recorded), issued {issued_on}"),
    several=msg("positions in force: {positions}"),
)


def _listed(positions: list[tuple[int, UnhcrPosition]], lists: _Lists) -> Message:
    if len(positions) == 1:
        return described(positions[0][1], stated=lists.stated, unstated=lists.unstated)
    return lists.several.with_values(positions=listed([described(p) for _, p in positions]))


_UNRECORDED_ESCALATES = msg(
    "the UNHCR positions on returns consulted, and when, are not recorded; a position in "
    "force is unknown, not absent; conditions are found not conducive, so without a "
    "restrictive position issued after the assessment this return needs escalation"
)
_OUTDATED_ESCALATES = msg(
    "the UNHCR positions on returns were not consulted recently enough to know which are in "
    "force; conditions are found not conducive, so without a restrictive position issued "
    "after the assessment this return needs escalation"
)
