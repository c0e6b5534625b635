"""DATA-005: host-country records are closed only after departure is confirmed."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules.api import (
    NOT_APPLICABLE,
    Found,
    PersonContext,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)


def _not_deregistered(ctx: PersonContext, path: str) -> Iterator[Problem]:
    """No deregistration date: not deregistered only once someone has checked the
    registrations (a missing date alone is unknown, never "not deregistered")."""
    checked = ctx.facts.operation.registrations_checked_on
    if checked is None or checked > ctx.facts.today:
        yield Problem.unknown(
            path,
            msg(
                "no deregistration date is recorded and the host-country registrations have "
                "not been checked, so the person may have been deregistered before leaving"
            ),
            observed=msg("no deregistration date; registrations not checked"),
            expected=msg(
                "registrations checked (registrations_checked_on), or the deregistration date"
            ),
        )


@rule(
    code="DATA-005",
    title="Deregistration only after confirmed departure",
    scope=Scope.PERSON,
    severity=Severity.MAJOR,
    checks=(
        "For each person deregistered in the host country on or before as_of: a departure "
        "confirmed on or before as_of is recorded, and the deregistration is not dated before "
        "it. A person without a deregistration date was still registered only if the "
        "operation records a check of the host-country registrations (registrations_checked_"
        "on, on or before as_of); without one, the missing date is insufficient information. "
        "A deregistration dated after as_of has not happened yet."
    ),
    rationale=(
        "Closing a refugee's registration before they have actually left strips them of "
        "status and assistance while still in the host country, and presses them to go. "
        "Records are closed, or better deactivated, only once departure is confirmed."
    ),
    references=(
        Reference(instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 62"),
        Reference(
            instrument="UNHCR position on voluntary return to Ukraine (June 2023)",
            locator="deactivate rather than withdraw status and registration",
        ),
    ),
    remediation=(
        "Reinstate the registration until departure is confirmed; afterwards deactivate the "
        "record rather than withdraw the status."
    ),
)
def deregistration_after_departure(ctx: PersonContext) -> Iterator[Found]:
    person = ctx.person
    today = ctx.facts.today
    deregistered = person.deregistered_on
    path = "deregistered_on"
    if deregistered is None:
        # Still registered, as far as anyone has checked.
        yield from _not_deregistered(ctx, path)
        return
    if deregistered > today:
        # A deregistration dated after as_of has not happened yet: nothing to judge.
        yield NOT_APPLICABLE
        return
    confirmed = person.departure_confirmed_on
    expected = msg("deregistration on or after the confirmed departure")
    if confirmed is None or confirmed > today:
        yield Problem.fail(
            path,
            msg("the person was deregistered in the host country, but no departure is confirmed"),
            observed=msg(
                "deregistered {date}; no confirmed departure", date=deregistered.isoformat()
            ),
            expected=expected,
        )
        return
    if deregistered < confirmed:
        yield Problem.fail(
            path,
            msg("the person was deregistered in the host country before departure was confirmed"),
            observed=msg(
                "deregistered {deregistered_on}; departure confirmed {confirmed_on}",
                deregistered_on=deregistered.isoformat(),
                confirmed_on=confirmed.isoformat(),
            ),
            expected=expected,
        )
