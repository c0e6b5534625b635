"""LEAD-008: an issue of concern on the joint escalation path holds what it concerns until a
joint decision lets it proceed."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import Escalation, EscalationDecision
from repatguard.rules._escalations import Decided, decided, in_force, scopes
from repatguard.rules.api import (
    Message,
    OperationContext,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)

_EXPECTED = msg("a joint decision to proceed, dated on or before as_of")


def _why_open(escalation: Escalation) -> tuple[str, Message]:
    """Why an escalation counts as open at as_of: the path to point at and what is observed."""
    reference = escalation.reference
    if escalation.decision is None and escalation.decided_on is None:
        return "decision", msg(
            "escalation {escalation}: no joint decision on record", escalation=reference
        )
    if escalation.decision is None:
        return "decision", msg(
            "escalation {escalation}: a decision date is recorded, but not what was decided",
            escalation=reference,
        )
    if escalation.decided_on is None:
        return "decided_on", msg(
            "escalation {escalation}: joint decision {decision}, undated",
            escalation=reference,
            decision=str(escalation.decision),
        )
    return "decided_on", msg(
        "escalation {escalation}: joint decision {decision} dated {decided_on}, after as_of",
        escalation=reference,
        decision=str(escalation.decision),
        decided_on=escalation.decided_on.isoformat(),
    )


def _open(index: int, escalation: Escalation, area: str | None) -> Problem:
    field, observed = _why_open(escalation)
    if area is None:
        message = msg(
            "escalation {escalation} about the whole operation awaits a joint IOM-UNHCR "
            "decision; until one lets it proceed, nothing it concerns may be cleared",
            escalation=escalation.reference,
        )
    else:
        message = msg(
            "escalation {escalation} about return area {area} awaits a joint IOM-UNHCR "
            "decision; until one lets it proceed, nothing it concerns may be cleared",
            escalation=escalation.reference,
            area=repr(area),
        )
    return Problem.unknown(
        f"escalations[{index}].{field}",
        message,
        observed=observed,
        expected=_EXPECTED,
        area=area,
        # The decision may yet be to stop: the open escalation weighs as a blocker would
        # (domain.md A-2), and it is on the escalation path.
        escalate=True,
    )


_HALTED: dict[tuple[EscalationDecision, bool], Message] = {
    # (the decision, whether it concerns one return area)
    (EscalationDecision.STOP, False): msg(
        "the joint IOM-UNHCR decision on escalation {escalation} is to stop movements to the "
        "whole operation; they must not proceed"
    ),
    (EscalationDecision.STOP, True): msg(
        "the joint IOM-UNHCR decision on escalation {escalation} is to stop movements to "
        "return area {area}; they must not proceed"
    ),
    (EscalationDecision.SUSPEND, False): msg(
        "the joint IOM-UNHCR decision on escalation {escalation} is to suspend movements to "
        "the whole operation; they must not proceed"
    ),
    (EscalationDecision.SUSPEND, True): msg(
        "the joint IOM-UNHCR decision on escalation {escalation} is to suspend movements to "
        "return area {area}; they must not proceed"
    ),
}
"""A decision not to go on, one whole sentence per decision and scope."""


def _halted(taken: Decided, area: str | None) -> Problem:
    message = _HALTED[taken.decision, area is not None].with_values(
        escalation=taken.escalation.reference
    )
    return Problem.fail(
        f"escalations[{taken.index}].decision",
        message if area is None else message.with_values(area=repr(area)),
        observed=msg(
            "joint decision {decision}, {decided_on}",
            decision=str(taken.decision),
            decided_on=taken.decided_on.isoformat(),
        ),
        expected=_EXPECTED,
        area=area,
    )


@rule(
    code="LEAD-008",
    title="Issues of concern on the joint escalation path are decided before movements go on",
    scope=Scope.OPERATION,
    severity=Severity.BLOCKER,
    checks=(
        "For every escalation on record raised on or before as_of (or undated), in each return "
        "area it concerns (or for the whole operation when it names none): an escalation "
        "without a joint decision, or whose decision or decision date is not recorded or "
        "falls after as_of, is open, and is insufficient information at blocker weight sent "
        "to the escalation path (the scope is at best insufficient information, and the "
        "report escalates). A joint decision to stop or to suspend movements is a blocker "
        "failure. A joint decision to proceed passes; the findings it settles cite it "
        "(PREM-011, LEAD-007), and it clears nothing else. An escalation raised after as_of "
        "is not yet on the path. How long an escalation may stay open is LEAD-009."
    ),
    rationale=(
        "The joint IOM-UNHCR letter sends issues of concern to the two agencies' Chiefs of "
        "Staff rather than let an operation go on while the agencies are not agreed. An issue "
        "referred there and not yet decided is an open question about the scope it concerns: "
        "the decision may be to stop. A decision to stop or suspend is a decision that "
        "movements must not go on, never a clearance."
    ),
    references=(
        Reference(
            instrument="Joint IOM-UNHCR letter (2019)",
            locator="joint escalation of issues of concern to the Chiefs of Staff (paragraph "
            "not verified with the available sources)",
        ),
        Reference(
            instrument="repatguard domain specification (domain.md)",
            locator="A-0 (ESCALATE is blocked with the escalation flag)",
        ),
        Reference(
            instrument="repatguard domain specification (domain.md)",
            locator="A-2 (an unknown weighs as the worst outcome its rule could reach)",
        ),
    ),
    remediation=(
        "Obtain the joint decision through the escalation path and record it on the "
        "escalation (decision and decided_on). A decision to stop or suspend holds until a "
        "later joint decision is recorded in its place."
    ),
    waivable=False,
)
def escalations_decided(ctx: OperationContext) -> Iterator[Problem]:
    today = ctx.facts.today
    for index, escalation in in_force(ctx.facts):
        taken = decided(index, escalation, today)
        if taken is not None and taken.decision is EscalationDecision.PROCEED:
            continue
        for area in scopes(escalation):
            if taken is None:
                yield _open(index, escalation, area)
            else:
                yield _halted(taken, area)
