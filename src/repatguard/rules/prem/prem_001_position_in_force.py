"""PREM-001: no UNHCR position on returns or non-return advisory restricts return to the area."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import Stance, is_forced
from repatguard.rules.api import AreaContext, Problem, Reference, Scope, Severity, msg, rule
from repatguard.rules.prem._positions import described, positions_for_area, unconsulted

_RESTRICTING = frozenset(
    {
        Stance.NOT_PROMOTING,
        Stance.FACILITATING_ONLY,
        Stance.NO_FORCED_RETURNS,
        Stance.NOT_FACILITATING,
    }
)


@rule(
    code="PREM-001",
    title="UNHCR position or non-return advisory in force",
    scope=Scope.AREA,
    severity=Severity.BLOCKER,
    checks=(
        "For each return area, the UNHCR positions on returns in force at as_of (issued on "
        "or before it and not yet lifted) that cover the area, or its whole country, for "
        "everyone rather than for particular profiles are read. A position that does not "
        "promote return, allows facilitation only, bars forced returns or rules out "
        "facilitation is a major finding, or a blocker when the movement is forced; a "
        "position in force with no stance recorded is insufficient information. When the "
        "positions were not consulted within `positions_consulted_max_age` before as_of, "
        "the rule reports insufficient information at blocker weight instead of passing. "
        "A position limited to risk profiles is not an area-wide finding: SPEC-003 judges "
        "each person who matches it, at this rule's weight (a blocker when the position "
        "rules out facilitation)."
    ),
    rationale=(
        "A UNHCR position on returns or non-return advisory stays in force until it is lifted. "
        "While it is, UNHCR does not promote return to the area, and states are asked not to "
        "return anyone there by force; voluntary returns can at most be facilitated under "
        "safeguards."
    ),
    references=(
        Reference(
            instrument="UNHCR position on returns to Afghanistan (August 2021)",
            locator="call to halt forced returns; in force until conditions significantly improve",
        ),
        Reference(
            instrument="UNHCR non-return advisory for Haiti (3 November 2022)",
            locator="call on states not to forcibly return Haitians",
        ),
        Reference(
            instrument="UNHCR positions on returns to Ukraine (March 2022; June 2023)",
            locator="no forced returns; voluntary return not promoted",
        ),
        Reference(
            instrument="repatguard domain specification (domain.md)",
            locator="A-0 (positions consulted, not a live registry)",
        ),
    ),
    remediation=(
        "Do not promote return to this area while the position is in force, and do not carry "
        "out forced returns. Voluntary returns may be facilitated under the facilitation "
        "safeguards. Record when the current positions were consulted."
    ),
    parameters=("positions_consulted_max_age",),
)
def position_in_force(ctx: AreaContext) -> Iterator[Problem]:
    # A position we did not see could say "not facilitating": unknown at blocker weight.
    missing = unconsulted(ctx, Severity.BLOCKER)
    if missing is not None:
        yield missing
    # A movement kind that is not a member may be a forced one (fail closed).
    forced = is_forced(ctx.facts.operation.movement_kind)
    severity = Severity.BLOCKER if forced else Severity.MAJOR
    # Only positions for everyone in the area: one limited to risk profiles is judged for each
    # person who matches it (SPEC-003). The positions belong to the operation: absolute paths.
    for index, position in positions_for_area(ctx):
        path = f"$.positions[{index}]"
        if not position.stances:
            yield Problem.unknown(
                f"{path}.stances",
                msg(
                    "a UNHCR position on returns is in force for this area but its stance is "
                    "not recorded"
                ),
                observed=described(position),
                expected=msg("the stances the position takes"),
                severity=severity,
            )
            continue
        if not any(stance in _RESTRICTING for stance in position.stances):
            continue
        message = (
            msg("a UNHCR position on returns in force for this area bars forced return")
            if forced
            else msg(
                "a UNHCR position on returns in force for this area rules out promoting "
                "return; facilitation only under safeguards"
            )
        )
        yield Problem.fail(
            path,
            message,
            observed=described(position),
            expected=msg("no position restricting returns in force"),
            severity=severity,
        )
