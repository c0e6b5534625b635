"""PREM-013: the host's 'safe country of origin' designation does not contradict UNHCR."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import Stance, UnhcrPosition
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
from repatguard.rules.message import listed
from repatguard.rules.prem._positions import described, unconsulted

_AGAINST_RETURN = frozenset(
    {Stance.NO_FORCED_RETURNS, Stance.NOT_PROMOTING, Stance.NOT_FACILITATING}
)


@rule(
    code="PREM-013",
    title="'Safe country' designation contradicts a UNHCR position",
    scope=Scope.OPERATION,
    severity=Severity.MAJOR,
    checks=(
        "When the host state lists the country of origin as a safe country of origin, no "
        "UNHCR position in force for that country takes a no-forced-returns, not-promoting "
        "or not-facilitating stance; the positions must have been consulted within "
        "`positions_consulted_max_age`."
    ),
    rationale=(
        "When the host state lists the country of origin as a 'safe country of origin' while "
        "UNHCR advises against returns there, claims are fast-tracked or rejected on a "
        "premise UNHCR does not share, which pushes people towards return. The listing "
        "should be withdrawn while the position is in force."
    ),
    references=(
        Reference(
            instrument="UNHCR position on returns to Ukraine (March 2022)",
            locator="calls on states to remove Ukraine from safe-country-of-origin lists",
        ),
    ),
    remediation=(
        "Raise the designation with the host authorities and ask for the country to be "
        "removed from the safe-country list while UNHCR's position is in force; do not "
        "promote return meanwhile."
    ),
    parameters=("positions_consulted_max_age",),
)
def safe_country_designation(ctx: OperationContext) -> Iterator[Problem]:
    facts = ctx.facts
    operation = facts.operation
    path = "origin_listed_as_safe_country"
    listed = operation.origin_listed_as_safe_country
    if listed is None:
        yield Problem.unknown(
            path,
            msg(
                "it is not recorded whether the host state lists the country of origin as a "
                "safe country"
            ),
            observed=msg("unknown"),
            expected=msg("true or false"),
        )
        return
    if listed is False:
        return  # the host state does not list the country of origin as safe
    # A position we did not see could advise against return: unknown, not absent.
    missing = unconsulted(ctx, Severity.MAJOR)
    if missing is not None:
        yield missing
    origin = operation.origin_country
    in_force = [(i, p) for i, p in facts.positions_in_force if p.country == origin]
    against = [p for _, p in in_force if any(s in _AGAINST_RETURN for s in p.stances)]
    if against:
        yield Problem.fail(
            path,
            msg(
                "the host state lists the country of origin as safe while a UNHCR position in "
                "force advises against returns there"
            ),
            observed=_against(against),
            expected=msg("no safe-country listing while such a position is in force"),
        )
    for index, position in in_force:
        if not position.stances:
            yield Problem.unknown(
                f"positions[{index}].stances",
                msg(
                    "the host state lists the country of origin as safe, and a UNHCR position "
                    "in force for that country has no stance recorded; it could advise against "
                    "return"
                ),
                observed=described(position),
                expected=msg("the stances the position takes"),
            )


def _against(positions: list[UnhcrPosition]) -> Message:
    """The positions that advise against return (each records such a stance), each in a
    whole sentence, separated by semicolons."""
    return listed([described(p) for p in positions])
