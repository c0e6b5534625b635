"""The yes / unknown / no ladder that most safeguards come down to."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.outcomes import Severity
from repatguard.rules.registry import Problem

__all__ = ["ladder"]


def ladder(
    value: bool | None,
    *,
    holds: bool,
    path: str,
    fails: str,
    unknown: str,
    observed: str,
    expected: str,
    unknown_observed: str = "not recorded",
    severity: Severity | None = None,
) -> Iterator[Problem]:
    """Judge one recorded yes/no fact: nothing when ``value`` is ``holds`` (the safeguard
    holds), a failure with the message ``fails`` when it is the other answer, and insufficient
    information with the message ``unknown`` when it is not recorded (``None``): an unrecorded
    fact is never read as either answer.

    ``observed`` describes the failing answer; ``unknown_observed`` the missing one.
    """
    if value is holds:
        return
    if value is None:
        yield Problem.unknown(
            path, unknown, observed=unknown_observed, expected=expected, severity=severity
        )
        return
    yield Problem.fail(path, fails, observed=observed, expected=expected, severity=severity)
