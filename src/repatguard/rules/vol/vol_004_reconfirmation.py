"""VOL-004: the decision is reconfirmed shortly before departure."""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum

import attrs
import pendulum

from repatguard.facts.parameters import Parameters
from repatguard.model import ConsentEvent, ConsentKind, MovementKind, movement_applies
from repatguard.rules._people import for_those_who_decide
from repatguard.rules.api import (
    NOT_APPLICABLE,
    Found,
    Message,
    PersonContext,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)

_ASSISTED = frozenset(
    {MovementKind.ORGANISED, MovementKind.ASSISTED_SPONTANEOUS, MovementKind.AVRR}
)


def _latest_reconfirmation(ctx: PersonContext) -> tuple[int, ConsentEvent] | None:
    """The person's latest reconfirmation made after their latest declaration."""
    declared = [event.at for _, event in ctx.events if event.kind is ConsentKind.DECLARATION]
    reconfirmations = [
        (index, event)
        for index, event in ctx.events
        if event.kind is ConsentKind.RECONFIRMATION and (not declared or event.at > declared[-1])
    ]
    return reconfirmations[-1] if reconfirmations else None


class _Form(Enum):
    """How the days a reconfirmation must fall in are put."""

    WITHIN = "within"
    """No single day is shortly before every day of a long movement window."""
    BETWEEN = "between"
    """Between two dates, before a planned departure or a one-day window."""
    BETWEEN_IN_WINDOW = "between_in_window"
    """Between two dates, with the movement window they serve."""


@attrs.frozen
class _Window:
    """When the reconfirmation must happen: the form of the sentence and its dates."""

    form: _Form
    values: dict[str, str]

    def say(self, messages: dict[_Form, Message], **values: str) -> Message:
        """The message of ``messages`` for this form, with the window's dates."""
        return messages[self.form].with_values(**self.values, **values)


def _window(
    params: Parameters, opens: pendulum.Date, earliest: pendulum.Date, latest: pendulum.Date
) -> _Window:
    """When the reconfirmation must happen."""
    runs = {"first": earliest.isoformat(), "last": latest.isoformat()}
    if opens > earliest:
        # No single day is shortly before every day of a long window.
        return _Window(_Form.WITHIN, {"length": params.reconfirmation_window, **runs})
    if earliest != latest:
        return _Window(_Form.BETWEEN_IN_WINDOW, {"opens": opens.isoformat(), **runs})
    return _Window(_Form.BETWEEN, {"opens": opens.isoformat(), "first": earliest.isoformat()})


# Each message in the three forms of the window, whole sentences.
_EXPECTED = {
    _Form.WITHIN: msg(
        "a reconfirmation within {length} before a planned departure (none is recorded; the "
        "movement window runs {first} to {last})"
    ),
    _Form.BETWEEN: msg("a reconfirmation between {opens} and {first}"),
    _Form.BETWEEN_IN_WINDOW: msg(
        "a reconfirmation between {opens} and {first} (the movement window runs {first} to {last})"
    ),
}
_NOT_YET_DUE = {
    _Form.WITHIN: msg(
        "the reconfirmation is not yet due; it must happen within {length} before a planned "
        "departure (none is recorded; the movement window runs {first} to {last})"
    ),
    _Form.BETWEEN: msg(
        "the reconfirmation is not yet due; it must happen between {opens} and {first}"
    ),
    _Form.BETWEEN_IN_WINDOW: msg(
        "the reconfirmation is not yet due; it must happen between {opens} and {first} (the "
        "movement window runs {first} to {last})"
    ),
}
_REPEAT_NOT_YET_DUE = {
    _Form.WITHIN: msg(
        "the reconfirmation on {early} was too early and must be repeated; the repeat is not "
        "yet due; it must happen within {length} before a planned departure (none is "
        "recorded; the movement window runs {first} to {last})"
    ),
    _Form.BETWEEN: msg(
        "the reconfirmation on {early} was too early and must be repeated; the repeat is not "
        "yet due; it must happen between {opens} and {first}"
    ),
    _Form.BETWEEN_IN_WINDOW: msg(
        "the reconfirmation on {early} was too early and must be repeated; the repeat is not "
        "yet due; it must happen between {opens} and {first} (the movement window runs "
        "{first} to {last})"
    ),
}
_TOO_EARLY = {
    _Form.WITHIN: msg(
        "the decision was reconfirmed too early (on {early}); the reconfirmation must be "
        "repeated within {length} before a planned departure (none is recorded; the movement "
        "window runs {first} to {last})"
    ),
    _Form.BETWEEN: msg(
        "the decision was reconfirmed too early (on {early}); the reconfirmation must be "
        "repeated between {opens} and {first}"
    ),
    _Form.BETWEEN_IN_WINDOW: msg(
        "the decision was reconfirmed too early (on {early}); the reconfirmation must be "
        "repeated between {opens} and {first} (the movement window runs {first} to {last})"
    ),
}
_NOT_RECONFIRMED = {
    _Form.WITHIN: msg(
        "the decision has not been reconfirmed; it must happen within {length} before a "
        "planned departure (none is recorded; the movement window runs {first} to {last})"
    ),
    _Form.BETWEEN: msg(
        "the decision has not been reconfirmed; it must happen between {opens} and {first}"
    ),
    _Form.BETWEEN_IN_WINDOW: msg(
        "the decision has not been reconfirmed; it must happen between {opens} and {first} "
        "(the movement window runs {first} to {last})"
    ),
}


# Long in lines, not in logic: each finding's message is written out whole for the
# catalogues (docs/writing-rules.md), one per branch.
def _own_reconfirmation(ctx: PersonContext) -> Iterator[Problem]:
    days = ctx.departure_days
    latest = days[1] if days is not None else None
    if days is None or latest is None:
        yield Problem.unknown(
            "planned_departure",
            msg(
                "the planned departure is unknown, so it cannot be judged whether the decision "
                "was reconfirmed shortly before it"
            ),
            observed=msg("no planned departure for the person, household or operation")
            if days is None
            else msg(
                "no planned departure on or after as_of, and no end to the days the person "
                "may leave (a movement window with no end, or one that has ended)"
            ),
            expected=msg("a planned departure date"),
        )
        return
    earliest = days[0]
    params = ctx.facts.params
    # Unplanned, the person may leave on any day of the movement window: a reconfirmation
    # counts only if it falls within the window before each of those days.
    opens = params.before(latest, "reconfirmation_window")
    window = _window(params, opens, earliest, latest)
    reconfirmation = _latest_reconfirmation(ctx)
    if reconfirmation is None:
        yield from _not_reconfirmed(ctx, "consent", None, earliest, window)
        return
    index, event = reconfirmation
    on = event.at.date()
    if opens <= on <= earliest:
        return  # reconfirmed shortly before departure
    if on > earliest and earliest == latest:
        yield Problem.unknown(
            "planned_departure",
            msg(
                "the decision was reconfirmed after the recorded planned departure; the "
                "departure date on record is out of date"
            ),
            observed=msg(
                "reconfirmed on {on}, departure {departure}",
                on=on.isoformat(),
                departure=earliest.isoformat(),
            ),
            expected=msg("the current planned departure date"),
        )
        return
    if on > earliest or on >= params.before(earliest, "reconfirmation_window"):
        # Shortly before some days of the movement window, not before all of them.
        yield Problem.unknown(
            "planned_departure",
            msg(
                "no planned departure is recorded, and the person may leave on a day of the "
                "movement window for which the reconfirmation is not shortly before departure"
            ),
            observed=msg(
                "reconfirmed on {on}, movement window {first} to {last}",
                on=on.isoformat(),
                first=earliest.isoformat(),
                last=latest.isoformat(),
            ),
            expected=msg("the planned departure date"),
        )
        return
    # Too early: it no longer counts and must be repeated inside the window.
    yield from _not_reconfirmed(ctx, f"consent[{index}]", on.isoformat(), earliest, window)


def _not_reconfirmed(
    ctx: PersonContext, path: str, early: str | None, earliest: pendulum.Date, window: _Window
) -> Iterator[Problem]:
    """No reconfirmation that counts (none, or one made ``early``): a failure once it is
    due, insufficient information before."""
    observed = (
        msg("reconfirmed on {early}, too early", early=early) if early else msg("no reconfirmation")
    )
    expected = window.say(_EXPECTED)
    facts = ctx.facts
    # Due as soon as it is due for the earliest day the person may leave.
    if facts.today < facts.params.before(earliest, "reconfirmation_window"):
        yield Problem.unknown(
            path,
            window.say(_REPEAT_NOT_YET_DUE, early=early) if early else window.say(_NOT_YET_DUE),
            observed=observed,
            expected=expected,
            severity=Severity.MAJOR,
        )
        return
    message = window.say(_TOO_EARLY, early=early) if early else window.say(_NOT_RECONFIRMED)
    yield Problem.fail(path, message, observed=observed, expected=expected)


@rule(
    code="VOL-004",
    title="Decision reconfirmed shortly before departure",
    scope=Scope.PERSON,
    severity=Severity.MAJOR,
    checks=(
        "In an organised, assisted spontaneous, AVRR or mixed movement, each adult and each "
        "unaccompanied or separated child reconfirmed the decision after the latest "
        "declaration, on or before as_of, within `reconfirmation_window` before the planned "
        "departure date. No reconfirmation, or one made before the window opened, fails once "
        "the window is open; before it opens this is insufficient information, as are an "
        "unknown departure date and a reconfirmation dated after the recorded departure. "
        "With no planned departure the person may leave on any day of the movement window, "
        "so the reconfirmation must fall within the window before each of those days (on or "
        "after the last day less `reconfirmation_window`, on or before the first day); one "
        "that is shortly before some of those days only, or a movement window with no end, is "
        "insufficient information. Not "
        "applicable to spontaneous or forced movements, nor to dependent children covered by "
        "their parents."
        " A child recorded as accompanied counts as separated when no parent moves with "
        "them (parents are known by relationship to the head of household); when a member "
        "moving with them only may be a parent, the status is insufficient information."
    ),
    rationale=(
        "Circumstances and minds change between the first declaration and the day of travel. "
        "Asking each person to reconfirm the decision shortly before departure makes sure the "
        "movement still rests on a current wish to return; the 30-day window is proposed by "
        "this project, not stated in a source."
    ),
    references=(
        Reference(
            instrument="UNHCR Thailand, Process of Facilitated Voluntary Repatriation (2017)",
            locator="reconfirmation step after clearance by the country of origin",
        ),
    ),
    remediation=(
        "Have the person reconfirm the decision to return within the reconfirmation window "
        "before departure, and record the date; a reconfirmation made earlier must be repeated."
    ),
    parameters=("adult_age", "reconfirmation_window"),
)
def reconfirmed_before_departure(ctx: PersonContext) -> Iterator[Found]:
    # Through the model's helper: a mixed movement has assisted parts.
    if not movement_applies(ctx.facts.operation.movement_kind, _ASSISTED):
        yield NOT_APPLICABLE
        return
    yield from for_those_who_decide(ctx, lambda: _own_reconfirmation(ctx))
