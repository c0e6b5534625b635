"""MIX-005: no forced return to an area under a non-return advisory, whatever the status."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import MovementKind, Stance, UnhcrPosition, is_forced
from repatguard.rules.api import (
    NOT_APPLICABLE,
    AreaContext,
    Found,
    Message,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)
from repatguard.rules.prem._positions import positions_for_area, unconsulted

_BARS_FORCED_RETURN = frozenset({Stance.NO_FORCED_RETURNS, Stance.NOT_FACILITATING})


def _stances(position: UnhcrPosition) -> str:
    return ", ".join(str(s) for s in position.stances)


def _described(position: UnhcrPosition) -> Message:
    """The position as evidence (``prem._positions.describe``, as a message): its reference,
    stances (codes) and issue date."""
    if not position.stances:
        return msg(
            "{position} (no stance recorded), issued {issued_on}",
            position=position.reference,
            issued_on=position.issued_on.isoformat(),
        )
    return msg(
        "{position} ({stances}), issued {issued_on}",
        position=position.reference,
        stances=_stances(position),
        issued_on=position.issued_on.isoformat(),
    )


@rule(
    code="MIX-005",
    title="Non-refoulement protects non-refugees too",
    scope=Scope.AREA,
    severity=Severity.BLOCKER,
    checks=(
        "Only for forced movements. For each return area: the UNHCR positions on returns were "
        "consulted within `positions_consulted_max_age` before as_of, and no position in "
        "force that covers the area for everyone takes the stance no_forced_returns or "
        "not_facilitating. A position in force with no stance recorded is insufficient "
        "information. Every result is at blocker weight."
    ),
    rationale=(
        "Non-refoulement and a return in safety and dignity are owed to everyone, not only "
        "to recognised refugees. A UNHCR non-return advisory asks states not to force anyone "
        "back to the area, rejected asylum-seekers and migrants included, so a forced return "
        "there cannot proceed while it is in force."
    ),
    references=(
        Reference(
            instrument=(
                "UNHCR, Refugee Protection and Mixed Migration: A 10-Point Plan of Action "
                "(rev. 1, 2007)"
            ),
            locator="point 9 (returns of non-refugees respect non-refoulement, safety and dignity)",
        ),
        Reference(
            instrument="UNHCR non-return advisory for Haiti (3 November 2022)",
            locator="call on states not to forcibly return Haitians, rejected claimants included",
        ),
        Reference(
            instrument="UNHCR position on returns to Afghanistan (August 2021)",
            locator="bar on forced returns, covering those whose claims were rejected",
        ),
    ),
    remediation=(
        "Stop forced returns to this area while the advisory is in force, whatever the legal "
        "category of the people concerned; record when the current UNHCR positions on returns "
        "were consulted."
    ),
    waivable=False,
    parameters=("positions_consulted_max_age",),
)
def non_refoulement_for_all(ctx: AreaContext) -> Iterator[Found]:
    if not is_forced(ctx.facts.operation.movement_kind):
        yield NOT_APPLICABLE
        return
    missing = unconsulted(ctx, Severity.BLOCKER)
    if missing is not None:
        yield missing
    # Positions and the consultation date are the operation's, not the area's: absolute paths.
    for index, position in positions_for_area(ctx):
        path = f"$.positions[{index}]"
        if not position.stances:
            yield Problem.unknown(
                f"{path}.stances",
                msg(
                    "a UNHCR position on returns is in force for this area but its stance is "
                    "not recorded; it could bar forced returns"
                ),
                observed=_described(position),
                expected=msg("the stances the position takes"),
            )
        elif any(stance in _BARS_FORCED_RETURN for stance in position.stances):
            yield Problem.fail(
                path,
                msg(
                    "forced return to an area under a non-return advisory; advisories cover "
                    "rejected asylum-seekers and migrants too"
                ),
                observed=msg(
                    "{position} ({stances}), issued {issued_on}; movement: {movement}",
                    position=position.reference,
                    stances=_stances(position),
                    issued_on=position.issued_on.isoformat(),
                    movement=str(MovementKind.FORCED),
                ),
                expected=msg("no forced return while the advisory is in force"),
            )
