"""Shared logic of the rules on UNHCR positions on returns (PREM-001, PREM-002, PREM-011).

The library has no network (domain.md A-0): the operation records which positions were
consulted and when. A position absent from the record proves nothing unless the consultation
is current, so these rules report insufficient information until it is.
"""

from __future__ import annotations

from collections.abc import Collection

from repatguard.model import Stance, UnhcrPosition
from repatguard.rules.api import AreaContext, Check, OperationContext, Severity

__all__ = ["consultation_check", "describe", "positions_for_area"]


def consultation_check(ctx: AreaContext | OperationContext, severity: Severity) -> Check | None:
    """An insufficient-information check when the consultation is not current, else ``None``."""
    facts = ctx.facts
    consulted = facts.operation.positions_consulted_on
    if consulted is None:
        return Check.unknown(
            "$.positions_consulted_on",
            "the UNHCR positions on returns consulted, and when, are not recorded; a position "
            "in force is unknown, not absent",
            observed="no consultation date",
            expected="the date the current UNHCR positions on returns were consulted",
            severity=severity,
        )
    oldest = facts.params.before(facts.today, "positions_consulted_max_age")
    if consulted > facts.today or consulted < oldest:
        return Check.unknown(
            "$.positions_consulted_on",
            "the UNHCR positions on returns were not consulted recently enough to know which "
            "are in force",
            observed=consulted.isoformat(),
            expected=f"between {oldest.isoformat()} and {facts.today.isoformat()}",
            severity=severity,
        )
    return None


def positions_for_area(
    ctx: AreaContext, stances: Collection[Stance] | None = None
) -> list[tuple[int, UnhcrPosition]]:
    """Positions in force at as_of that cover the area for everyone, with their input index.

    With ``stances``, only positions that take at least one of them.
    """
    found = ctx.facts.positions_for_area(ctx.area.reference)
    if stances is None:
        return found
    return [(i, p) for i, p in found if any(s in stances for s in p.stances)]


def describe(position: UnhcrPosition) -> str:
    """Evidence text for a position: its reference, stances and issue date (no personal data)."""
    stances = ", ".join(str(s) for s in position.stances) or "no stance recorded"
    return f"{position.reference} ({stances}), issued {position.issued_on.isoformat()}"
