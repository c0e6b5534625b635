"""Worked examples attached to each rule: a passing, a failing and a missing-data case.

Each example is a change to the sound operation of :mod:`repatguard.testing.factories`. The
catalogue self-test runs every example and checks its outcome, and the rule reference pages
show the finding each example really produces, so the documentation cannot drift from the
behaviour.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pendulum

from repatguard.model import Operation

__all__ = ["Example", "NoExample", "RuleExamples"]


@attrs.frozen(kw_only=True)
class Example:
    """A situation in words, and the change to the sound operation that creates it."""

    description: str
    change: Callable[[Operation], Operation]
    as_of: pendulum.Date | None = None
    """Check the example at this date instead of the factories' AS_OF."""


@attrs.frozen(kw_only=True)
class NoExample:
    """Why a rule cannot produce this kind of result (for instance: the fact is required)."""

    reason: str


@attrs.frozen(kw_only=True)
class RuleExamples:
    passing: Example
    failing: Example
    missing: Example | NoExample
