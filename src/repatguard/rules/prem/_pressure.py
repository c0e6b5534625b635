"""Shared logic of the host-side pressure rules (PREM-003 to PREM-010, PREM-015, VOL-009).

Pressure is unknown until someone has looked (domain.md A-0): without a recent review of the
host environment on record, these rules report insufficient information, never a pass.
"""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import PressureKind
from repatguard.rules.api import OperationContext, Problem, Severity

__all__ = ["pressure_problems", "unreviewed"]


def unreviewed(ctx: OperationContext, severity: Severity) -> Problem | None:
    """Insufficient information when no current review of the host environment for pressure
    is on record, else ``None``."""
    facts = ctx.facts
    review = facts.operation.pressure_review
    if review is None:
        return Problem.unknown(
            "pressure_review",
            "no review of the host environment for pressure is on record; pressure is "
            "unknown, not absent",
            observed="no review",
            expected="a dated review naming who carried it out",
            severity=severity,
        )
    oldest = facts.params.before(facts.today, "pressure_review_max_age")
    if review.reviewed_on > facts.today or review.reviewed_on < oldest:
        return Problem.unknown(
            "pressure_review.reviewed_on",
            "the review of the host environment for pressure is not current",
            observed=review.reviewed_on.isoformat(),
            expected=f"between {oldest.isoformat()} and {facts.today.isoformat()}",
            severity=severity,
        )
    return None


def pressure_problems(
    ctx: OperationContext,
    kinds: frozenset[PressureKind],
    *,
    what: str,
    severity: Severity,
) -> Iterator[Problem]:
    """A failure for each active signal of ``kinds``, and insufficient information when no
    current review is on record; nothing when a current review found none.

    A signal tied to refusing return is a blocker; when that tie is unknown, an extra
    insufficient-information problem at blocker weight says so.
    """
    for index, signal in ctx.facts.active_signals:
        if signal.kind not in kinds:
            continue
        path = f"pressure_signals[{index}]"
        ended = f", ended {signal.ended_on.isoformat()}" if signal.ended_on else ""
        observed = f"{signal.kind} since {signal.started_on.isoformat()}{ended}"
        if signal.tied_to_refusing_return is True:
            yield Problem.fail(
                path,
                f"{what}, expressly tied to refusing return: coercion",
                observed=observed,
                expected="no such measure",
                severity=Severity.BLOCKER,
            )
            continue
        yield Problem.fail(
            path, what, observed=observed, expected="no such measure", severity=severity
        )
        if signal.tied_to_refusing_return is None and severity is not Severity.BLOCKER:
            yield Problem.unknown(
                f"{path}.tied_to_refusing_return",
                "it is unknown whether this measure is tied to refusing return",
                observed="unknown",
                expected="true or false",
                severity=Severity.BLOCKER,
            )
    missing_review = unreviewed(ctx, Severity.BLOCKER)
    if missing_review is not None:
        yield missing_review
