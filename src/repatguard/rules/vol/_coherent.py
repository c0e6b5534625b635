"""A rule's report on one subject never contradicts itself.

Shared by the VOL, CHILD and MIX rules: a rule that finds a failure or an unknown for a
subject must not also report a pass for it, whatever part of the safeguard held (a pass
beside a failure reads as "this safeguard holds" in tallies and pages).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from repatguard.rules.api import Check, Outcome

__all__ = ["coherent"]

C = TypeVar("C")

_PROBLEMS = frozenset({Outcome.FAIL, Outcome.INSUFFICIENT_INFORMATION, Outcome.ERROR})


def coherent(check: Callable[[C], Iterable[Check]]) -> Callable[[C], Iterator[Check]]:
    """Wrap a rule's check function so that its passes for a subject are dropped whenever it
    also reports a failure or insufficient information for that subject."""

    @functools.wraps(check)
    def checked(ctx: C) -> Iterator[Check]:
        checks = list(check(ctx))
        if any(c.outcome in _PROBLEMS for c in checks):
            checks = [c for c in checks if c.outcome is not Outcome.PASS]
        yield from checks

    return checked
