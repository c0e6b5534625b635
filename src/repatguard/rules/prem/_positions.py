"""Shared logic of the rules on UNHCR positions on returns (PREM-001, PREM-002, PREM-011,
PREM-013, SPEC-003, MIX-005).

The library has no network (domain.md A-0): the operation records which positions were
consulted and when. A position absent from the record proves nothing unless the consultation
is current, so these rules report insufficient information until it is.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from repatguard.model import RiskProfile, Stance, UnhcrPosition, is_forced
from repatguard.rules.api import AreaContext, Message, OperationContext, Problem, Severity, msg

__all__ = [
    "ProfileMatch",
    "described",
    "position_weight",
    "positions_for_area",
    "profile_match",
    "unconsulted",
]


class ProfileMatch(enum.Enum):
    """How a person's risk profiles meet the profiles a position is limited to."""

    NONE = "none"
    POSSIBLE = "possible"
    """Only through ``other`` or a value outside the vocabulary: it may match (fail closed)."""
    CERTAIN = "certain"


def _known(profile: object) -> RiskProfile | None:
    """The vocabulary member for ``profile``; ``None`` for ``other`` or a value outside the
    vocabulary (a model built in Python with a free string), which may be any profile."""
    if not isinstance(profile, str):
        return None
    try:
        member = RiskProfile(profile)
    except ValueError:
        return None
    return None if member is RiskProfile.OTHER else member


def profile_match(person: Iterable[object], position: Iterable[object]) -> ProfileMatch:
    """Whether a person with profiles ``person`` falls under a position limited to
    ``position``. Either side empty is no match (a position without profiles is for
    everyone and is read by the area rules)."""
    mine = list(person)
    named = list(position)
    if not mine or not named:
        return ProfileMatch.NONE
    known_mine = {_known(p) for p in mine}
    known_named = {_known(p) for p in named}
    if (known_mine & known_named) - {None}:
        return ProfileMatch.CERTAIN
    if None in known_mine or None in known_named:
        return ProfileMatch.POSSIBLE
    return ProfileMatch.NONE


def position_weight(position: UnhcrPosition, movement_kind: object) -> Severity:
    """What failing a position weighs for the people it covers: a blocker when it rules out
    facilitation (or its stance is unknown, so it might) or the movement is forced, else a
    major finding (no promotion)."""
    if not position.stances or Stance.NOT_FACILITATING in position.stances:
        return Severity.BLOCKER
    return Severity.BLOCKER if is_forced(movement_kind) else Severity.MAJOR


_UNRECORDED = msg(
    "the UNHCR positions on returns consulted, and when, are not recorded; a position in "
    "force is unknown, not absent"
)
_OUTDATED = msg(
    "the UNHCR positions on returns were not consulted recently enough to know which are in force"
)


def unconsulted(
    ctx: AreaContext | OperationContext,
    severity: Severity,
    *,
    unrecorded: Message = _UNRECORDED,
    outdated: Message = _OUTDATED,
) -> Problem | None:
    """Insufficient information when the positions were not consulted recently enough to know
    which are in force, else ``None``.

    The path is absolute: the consultation is recorded on the operation, whatever the rule's
    subject (an area or the operation). ``unrecorded`` (no consultation date) and ``outdated``
    (one too old, or after as_of) are the messages, for a rule that says more than that.
    """
    facts = ctx.facts
    consulted = facts.operation.positions_consulted_on
    if consulted is None:
        return Problem.unknown(
            "$.positions_consulted_on",
            unrecorded,
            observed=msg("no consultation date"),
            expected=msg("the date the current UNHCR positions on returns were consulted"),
            severity=severity,
        )
    oldest = facts.params.before(facts.today, "positions_consulted_max_age")
    if consulted > facts.today or consulted < oldest:
        return Problem.unknown(
            "$.positions_consulted_on",
            outdated,
            observed=msg("{date}", date=consulted.isoformat()),
            expected=msg(
                "between {oldest} and {today}",
                oldest=oldest.isoformat(),
                today=facts.today.isoformat(),
            ),
            severity=severity,
        )
    return None


def positions_for_area(ctx: AreaContext) -> list[tuple[int, UnhcrPosition]]:
    """Positions in force at as_of that cover the area for everyone, with their input index."""
    return ctx.facts.positions_for_area(ctx.area.reference)


_STATED = msg("{position} ({stances}), issued {issued_on}")
_UNSTATED = msg("{position} (no stance recorded), issued {issued_on}")


def described(
    position: UnhcrPosition, stated: Message = _STATED, unstated: Message = _UNSTATED
) -> Message:
    """Evidence for a position: its reference, stances (codes) and issue date, in ``stated``
    when it records stances, else in ``unstated`` (no personal data). A rule that says more
    around it passes its own two messages, with the placeholders ``{position}``,
    ``{issued_on}`` and (in ``stated``) ``{stances}``, and any others already filled."""
    filled = {"position": position.reference, "issued_on": position.issued_on.isoformat()}
    if not position.stances:
        return unstated.with_values(**filled)
    return stated.with_values(stances=", ".join(str(s) for s in position.stances), **filled)
