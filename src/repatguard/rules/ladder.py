"""The yes / unknown / no ladder that most safeguards come down to."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.outcomes import Severity
from repatguard.rules.message import Message, Text, msg
from repatguard.rules.registry import Problem

__all__ = ["NOT_RECORDED", "ladder"]

NOT_RECORDED: Message = msg("not recorded")
"""What a finding observed when the fact it needs is missing."""


def ladder(
    value: bool | None,
    *,
    holds: bool,
    path: str,
    fails: Text,
    unknown: Text,
    observed: Text,
    expected: Text,
    unknown_observed: Text | None = None,
    severity: Severity | None = None,
) -> Iterator[Problem]:
    """Judge one recorded yes/no fact: nothing when ``value`` is ``holds`` (the safeguard
    holds), a failure with the message ``fails`` when it is the other answer, and insufficient
    information with the message ``unknown`` when it is not recorded (``None``): an unrecorded
    fact is never read as either answer.

    ``observed`` describes the failing answer; ``unknown_observed`` the missing one ("not
    recorded" unless given: a :class:`Message` when ``unknown`` is one, so that the whole
    finding reads in the chosen language, plain text otherwise).
    """
    if value is holds:
        return
    if value is None:
        if unknown_observed is None:
            unknown_observed = NOT_RECORDED if type(unknown) is Message else "not recorded"
        yield Problem.unknown(
            path, unknown, observed=unknown_observed, expected=expected, severity=severity
        )
        return
    yield Problem.fail(path, fails, observed=observed, expected=expected, severity=severity)
