"""COND-010: people return to their place of origin or to a place they chose."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules._assessment import AGE_LIMITS, CURRENT_EVIDENCE, latest
from repatguard.rules._people import for_those_who_decide
from repatguard.rules.api import (
    Found,
    PersonContext,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)

_EXPECTED = msg(
    "a destination the person chose, or their own place of origin where homes still stand"
)

# Keyed by whether the destination was decided for the person (False) or its choice is not
# recorded (None).
_NO_AREA = {
    False: msg(
        "the person's destination was decided for them and the intended return area is "
        "unknown, so it cannot be told whether they go to their place of origin"
    ),
    None: msg(
        "the person's destination is not recorded as their choice and the intended return "
        "area is unknown, so it cannot be told whether they go to their place of origin"
    ),
}
_NO_ORIGIN = {
    False: msg(
        "the person's destination was decided for them and their place of origin is not "
        "recorded, so it cannot be told whether they go back to where they lived"
    ),
    None: msg(
        "the person's destination is not recorded as their choice and their place of origin "
        "is not recorded, so it cannot be told whether they go back to where they lived"
    ),
}


def _destination_problems(ctx: PersonContext) -> Iterator[Problem]:
    """What keeps the person's destination from being their place of origin or of their
    choice (paths relative to the person)."""
    person = ctx.person
    chosen = person.destination_chosen
    if chosen is True:
        return  # a place of their choice, whether their place of origin or another
    destination = ctx.area
    if destination is None:
        yield Problem.unknown(
            f"{ctx.household_path}.intended_return_area",  # the household's field: absolute
            _NO_AREA[chosen],
            observed=msg("no intended return area"),
            expected=_EXPECTED,
        )
        return
    origin = person.place_of_origin
    if origin is None:
        yield Problem.unknown(
            "place_of_origin",
            _NO_ORIGIN[chosen],
            observed=msg("no place of origin"),
            expected=_EXPECTED,
        )
        return
    if destination != origin:
        yield _elsewhere(chosen, destination, origin)
        return
    yield from _back_to_origin(ctx, origin, chosen)


def _elsewhere(chosen: bool | None, destination: str, origin: str) -> Problem:
    """The person goes to an area that is not their place of origin."""
    if chosen is False:
        return Problem.fail(
            "destination_chosen",
            msg(
                "the person is sent to an area chosen for them (a designated zone, camp or "
                "relocation site) that is not their place of origin"
            ),
            observed=msg(
                "destination {destination}, place of origin {origin}; destination decided for them",
                destination=repr(destination),
                origin=repr(origin),
            ),
            expected=_EXPECTED,
        )
    return Problem.unknown(
        "destination_chosen",
        msg(
            "the person goes to an area other than their place of origin, and it is not "
            "recorded whether they chose it"
        ),
        observed=msg(
            "destination {destination}, place of origin {origin}; choice not recorded",
            destination=repr(destination),
            origin=repr(origin),
        ),
        expected=_EXPECTED,
    )


# Long in lines, not in logic: each finding's message is written out whole for the
# catalogues (docs/writing-rules.md), one per branch.
def _back_to_origin(ctx: PersonContext, origin: str, chosen: bool | None) -> Iterator[Problem]:
    """The person goes back to their own area of origin without having chosen it (or without
    a record that they did): it passes only when homes there can be reached and lived in."""
    found = latest(ctx.facts, origin)
    if found is None:
        yield Problem.unknown(
            "$.assessments",
            msg(
                "the person goes back to their area of origin {origin}, which is not assessed, "
                "so it is unknown whether homes there can be reached, and the destination is "
                "not recorded as their choice",
                origin=repr(origin),
            ),
            observed=msg("no assessment of the area of origin"),
            expected=_EXPECTED,
        )
        return
    path = found.field("housing_destroyed_or_inaccessible")
    housing = found.assessment.housing_destroyed_or_inaccessible
    if housing is False:
        yield from found.holds_current(
            path,
            undated=msg(
                "the person goes back to their area of origin, where homes stand and can be "
                "reached, but only according to an assessment that is undated, so it may be "
                "older than its age limit; evidence older than its age limit may show a failure "
                "but never a pass"
            ),
            too_old=msg(
                "the person goes back to their area of origin, where homes stand and can be "
                "reached, but only according to an assessment that is older than its age limit "
                "({limit}, `{parameter}`); evidence older than its age limit may show a failure "
                "but never a pass"
            ),
        )
    elif housing is None:
        yield Problem.unknown(
            path,
            msg(
                "the person goes back to their area of origin without a record that they "
                "chose it, and the assessment does not record whether homes there are "
                "destroyed or cannot be reached"
            ),
            observed=msg("housing not recorded"),
            expected=_EXPECTED,
        )
    elif chosen is False:
        yield Problem.fail(
            "destination_chosen",
            msg(
                "the person is sent back to their area of origin although homes there are "
                "largely destroyed or cannot be reached, without an alternative of their choice"
            ),
            observed=msg(
                "destination decided for them; {assessment} records housing destroyed or "
                "inaccessible",
                assessment=found.path,
            ),
            expected=_EXPECTED,
        )
    else:
        yield Problem.unknown(
            "destination_chosen",
            msg(
                "homes in the person's area of origin are largely destroyed or cannot be "
                "reached, and it is not recorded whether the person chose to go back there"
            ),
            observed=msg(
                "choice not recorded; {assessment} records housing destroyed or inaccessible",
                assessment=found.path,
            ),
            expected=_EXPECTED,
        )


@rule(
    code="COND-010",
    title="Return to the place of origin or of choice",
    scope=Scope.PERSON,
    severity=Severity.MAJOR,
    checks=(
        "Every adult (age on the planned departure date at or above `adult_age`) and every "
        "unaccompanied or separated child goes to a destination they chose "
        "(`destination_chosen`), or back to their own place of origin (`place_of_origin` is "
        "their intended return area) where the latest assessment records that homes are not "
        "largely destroyed or unreachable. A destination decided for the person that is not "
        "their place of origin fails, and so does a return decided for them to an area of "
        "origin whose homes are destroyed or unreachable. When the choice, the place of "
        "origin, the destination or the state of housing needed is not recorded, the result "
        "is insufficient information. Dependent children follow their parents' choice and "
        "are not checked individually." + CURRENT_EVIDENCE
    ),
    rationale=(
        "Repatriation ends displacement only when people can go back to where they lived, or "
        "settle where they themselves decide. Moving returnees to designated 'safe zones', "
        "camps or sites they did not choose, or sending them back to homes that no longer "
        "stand, turns repatriation into relocation and often into displacement inside the "
        "country."
    ),
    references=(
        Reference(
            instrument="UNHCR ExCom Conclusion No. 40 (XXXVI), 1985",
            locator="para. (b) (repatriation preferably to the refugee's place of residence)",
        ),
        Reference(
            instrument="UNHCR ExCom Conclusion No. 101 (LV), 2004",
            locator="para. (c) (return to the place of origin or of choice; letter and wording "
            "not verified with the available sources)",
        ),
    ),
    remediation=(
        "Record each returnee's place of origin and whether they chose their destination. "
        "Let people return to their place of origin or to a place they choose; where their "
        "home is destroyed or cannot be reached, offer alternatives and record the one they "
        "chose. Do not assign destinations."
    ),
    parameters=("adult_age", *AGE_LIMITS),
)
def place_of_origin_or_choice(ctx: PersonContext) -> Iterator[Found]:
    # Dependent children go where their parents chose: not applicable.
    yield from for_those_who_decide(ctx, lambda: _destination_problems(ctx))
