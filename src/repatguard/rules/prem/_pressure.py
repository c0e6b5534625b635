"""Shared logic of the host-side pressure rules (PREM-003 to PREM-010, PREM-015, VOL-009).

Pressure is unknown until someone has looked (domain.md A-0): without a recent review of the
host environment on record, these rules report insufficient information, never a pass.
"""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import PressureKind, PressureSignal
from repatguard.rules.api import Message, OperationContext, Problem, Severity, Text, msg

__all__ = ["pressure_problems", "unreviewed"]


def unreviewed(ctx: OperationContext, severity: Severity) -> Problem | None:
    """Insufficient information when no current review of the host environment for pressure
    is on record, else ``None``."""
    facts = ctx.facts
    review = facts.operation.pressure_review
    if review is None:
        return Problem.unknown(
            "pressure_review",
            msg(
                "no review of the host environment for pressure is on record; pressure is "
                "unknown, not absent"
            ),
            observed=msg("no review"),
            expected=msg("a dated review naming who carried it out"),
            severity=severity,
        )
    oldest = facts.params.before(facts.today, "pressure_review_max_age")
    if review.reviewed_on > facts.today or review.reviewed_on < oldest:
        return Problem.unknown(
            "pressure_review.reviewed_on",
            msg("the review of the host environment for pressure is not current"),
            observed=msg("{date}", date=review.reviewed_on.isoformat()),
            expected=msg(
                "between {oldest} and {today}",
                oldest=oldest.isoformat(),
                today=facts.today.isoformat(),
            ),
            severity=severity,
        )
    return None


def _observed(signal: PressureSignal) -> Message:
    started = signal.started_on.isoformat()
    if signal.ended_on is None:
        return msg("{kind} since {started_on}", kind=str(signal.kind), started_on=started)
    return msg(
        "{kind} since {started_on}, ended {ended_on}",
        kind=str(signal.kind),
        started_on=started,
        ended_on=signal.ended_on.isoformat(),
    )


def _coercion(what: Text, coercion: Message | None) -> Text:
    """The message of a measure tied to refusing return: ``coercion``, the whole sentence a
    converted rule writes, or (for a rule that still passes plain text) ``what`` with the
    clause added in English."""
    if coercion is not None:
        return coercion
    if type(what) is Message:
        raise TypeError("pressure_problems: a message `what` needs its `coercion` message")
    return f"{what}, expressly tied to refusing return: coercion"


def pressure_problems(
    ctx: OperationContext,
    kinds: frozenset[PressureKind],
    *,
    what: Text,
    severity: Severity,
    coercion: Message | None = None,
) -> Iterator[Problem]:
    """A failure for each active signal of ``kinds``, and insufficient information when no
    current review is on record; nothing when a current review found none.

    ``what`` names the measure (the failure's message); ``coercion`` is the whole message for
    one expressly tied to refusing return (required when ``what`` is a message; a rule that
    still writes plain text may leave it out). A signal tied to refusing return is a
    blocker; when that tie is unknown, an extra insufficient-information problem at blocker
    weight says so.
    """
    tied = _coercion(what, coercion)
    for index, signal in ctx.facts.active_signals:
        if signal.kind not in kinds:
            continue
        path = f"pressure_signals[{index}]"
        observed = _observed(signal)
        no_such_measure = msg("no such measure")
        if signal.tied_to_refusing_return is True:
            yield Problem.fail(
                path,
                tied,
                observed=observed,
                expected=no_such_measure,
                severity=Severity.BLOCKER,
            )
            continue
        yield Problem.fail(
            path, what, observed=observed, expected=no_such_measure, severity=severity
        )
        if signal.tied_to_refusing_return is None and severity is not Severity.BLOCKER:
            yield Problem.unknown(
                f"{path}.tied_to_refusing_return",
                msg("it is unknown whether this measure is tied to refusing return"),
                observed=msg("unknown"),
                expected=msg("true or false"),
                severity=Severity.BLOCKER,
            )
    missing_review = unreviewed(ctx, Severity.BLOCKER)
    if missing_review is not None:
        yield missing_review
