"""Escalations on record and the joint decisions on them, as the rules read them.

An escalation counts from the day it was raised (undated: it is on record, so it counts) and
is decided at as_of only when a decision and its date, on or before as_of, are both recorded.
A joint decision settles the finding of a rule when the escalation names that rule (by code
or by its kind) and covers the finding's area (an escalation with no areas covers the whole
operation; an operation-level finding only by such an escalation).

A settled failure cites its own message whole, followed by a sentence per decision
(:func:`settle`); each is looked up in the catalogues, so a translation never glues an English
clause onto a sentence it does not know.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import attrs
import pendulum

from repatguard.facts.facts import Facts
from repatguard.model import Escalation, EscalationDecision, EscalationKind
from repatguard.rules.api import Message, Problem, Severity, Text, msg

__all__ = [
    "Decided",
    "decided",
    "in_force",
    "scopes",
    "settle",
    "settling",
]

_KIND_RULES: dict[EscalationKind, frozenset[str]] = {
    EscalationKind.SPONTANEOUS_RETURN: frozenset({"PREM-011"}),
    EscalationKind.LEAD_DISPUTE: frozenset({"LEAD-007"}),
}
"""The rule whose issue each kind of escalation is about."""

_WEIGHT = {
    EscalationDecision.STOP: 2,
    EscalationDecision.SUSPEND: 1,
    EscalationDecision.PROCEED: 0,
}
"""Where decisions covering one finding differ, the least permissive settles it."""


@attrs.frozen(kw_only=True)
class Decided:
    """An escalation decided at as_of, where it sits in the input and what was decided."""

    index: int
    escalation: Escalation
    decision: EscalationDecision
    decided_on: pendulum.Date


def _filled(message: Message, settled: Decided) -> Message:
    """``message`` with the values of ``settled`` it names (and no others: every value of a
    message is shown in it)."""
    values = {
        "escalation": settled.escalation.reference,
        "decided_on": settled.decided_on.isoformat(),
        "decision": str(settled.decision),
    }
    named = message.placeholders()
    return message.with_values(**{name: value for name, value in values.items() if name in named})


def in_force(facts: Facts) -> Iterator[tuple[int, Escalation]]:
    """The escalations raised on or before as_of (an undated one counts), with their index."""
    for index, escalation in enumerate(facts.operation.escalations):
        if escalation.raised_on is None or escalation.raised_on <= facts.today:
            yield index, escalation


def decided(index: int, escalation: Escalation, today: pendulum.Date) -> Decided | None:
    """The joint decision on ``escalation`` taken on or before ``today``; ``None``: open."""
    decision, decided_on = escalation.decision, escalation.decided_on
    if decision is None or decided_on is None or decided_on > today:
        return None
    return Decided(index=index, escalation=escalation, decision=decision, decided_on=decided_on)


def scopes(escalation: Escalation) -> tuple[str | None, ...]:
    """The areas an escalation concerns, or ``(None,)`` for the whole operation."""
    return escalation.areas or (None,)


def _covers(escalation: Escalation, code: str, area: str | None) -> bool:
    named = code in escalation.rules or (
        escalation.kind is not None and code in _KIND_RULES.get(escalation.kind, ())
    )
    return named and (not escalation.areas or (area is not None and area in escalation.areas))


def settling(
    facts: Facts,
    code: str,
    area: str | None,
    *,
    proceeds: Callable[[pendulum.Date], bool] = lambda _: True,
) -> Decided | None:
    """The joint decision that settles rule ``code``'s escalation about ``area``, if any.

    A decision to stop or suspend always settles it, whenever it was taken; one to proceed
    only when ``proceeds`` accepts its date (PREM-011: taken after the latest negative
    assessment, so that it took it into account). The least permissive decision wins, then
    the latest.
    """
    found: list[Decided] = []
    for index, escalation in in_force(facts):
        taken = decided(index, escalation, facts.today)
        if taken is None or not _covers(escalation, code, area):
            continue
        if taken.decision is EscalationDecision.PROCEED and not proceeds(taken.decided_on):
            continue
        found.append(taken)
    if not found:
        return None
    return max(found, key=lambda d: (_WEIGHT[d.decision], d.decided_on, d.index))


def settle(problem: Problem, settled: Decided) -> Problem:
    """``problem`` (an escalating failure, with a message and an observed) settled by a joint
    decision, which it cites after its own message.

    To proceed lifts the escalation and leaves the failure at its weight; to stop or suspend
    lifts it too, but makes the failure a blocker: a decision not to go on is never a
    clearance.
    """
    if type(problem.message) is not Message or type(problem.observed) is not Message:
        # Raised inside the rule: an error finding, never a settled pass.
        raise TypeError("settle() needs a failure written with messages")
    return _settled(
        problem,
        settled,
        _filled(_CITING[settled.decision], settled).with_values(finding=problem.message),
        _filled(_CITED, settled).with_values(observed=problem.observed),
    )


_CITING = {
    EscalationDecision.PROCEED: msg(
        "{finding}; the joint decision to proceed on escalation {escalation} ({decided_on}) "
        "settles the escalation"
    ),
    EscalationDecision.SUSPEND: msg(
        "{finding}; the joint decision on escalation {escalation} ({decided_on}) is to suspend "
        "movements, so they must not proceed"
    ),
    EscalationDecision.STOP: msg(
        "{finding}; the joint decision on escalation {escalation} ({decided_on}) is to stop "
        "movements, so they must not proceed"
    ),
}
"""A settled failure whose own message (``{finding}``) is whole: the decision cited after it,
one sentence per decision (the English reads as the plain form below)."""

_CITED = msg("{observed}; joint decision on escalation {escalation}: {decision}, {decided_on}")


def _settled(problem: Problem, settled: Decided, message: Text, observed: Text) -> Problem:
    if settled.decision is EscalationDecision.PROCEED:
        return attrs.evolve(problem, message=message, observed=observed, escalate=False)
    return attrs.evolve(
        problem,
        message=message,
        observed=observed,
        severity=Severity.BLOCKER,
        escalate=False,
    )
