"""Ordered vocabularies of results: severities, outcomes, scopes and verdicts."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Outcome", "Scope", "Severity", "Verdict"]


class Severity(StrEnum):
    """How much a failed safeguard weighs.

    - ``blocker``: movement must not proceed for the affected scope;
    - ``major``: rules out promotion, or needs remediation before facilitation;
    - ``minor``: recorded, does not change the verdict alone;
    - ``info``: context for reviewers.
    """

    INFO = "info"
    MINOR = "minor"
    MAJOR = "major"
    BLOCKER = "blocker"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def at_least(self, other: Severity) -> bool:
        return self.rank >= other.rank


_SEVERITY_RANK = {Severity.INFO: 0, Severity.MINOR: 1, Severity.MAJOR: 2, Severity.BLOCKER: 3}


class Outcome(StrEnum):
    """What happened when a rule looked at one subject."""

    PASS = "pass"
    FAIL = "fail"
    INSUFFICIENT_INFORMATION = "insufficient_information"
    """A fact the rule needs is unknown. Never a pass."""
    NOT_APPLICABLE = "not_applicable"
    ERROR = "error"
    """The rule raised. Recorded, never a pass."""
    WAIVED = "waived"
    """A failed or undetermined finding covered by a waiver in force; kept in the report, not
    counted toward the verdict."""


class Scope(StrEnum):
    OPERATION = "operation"
    AREA = "area"
    HOUSEHOLD = "household"
    PERSON = "person"


class Verdict(StrEnum):
    """Operation, area and case verdicts, ordered from the most to the least permissive."""

    PROMOTE = "promote"
    FACILITATE_ONLY = "facilitate_only"
    INSUFFICIENT_INFORMATION = "insufficient_information"
    BLOCKED = "blocked"

    @property
    def rank(self) -> int:
        """Higher means the movement may proceed more freely."""
        return _VERDICT_RANK[self]

    @staticmethod
    def worst(verdicts: list[Verdict]) -> Verdict:
        """The least permissive of ``verdicts`` (``blocked`` for an empty list: fail closed)."""
        return min(verdicts, key=lambda v: v.rank, default=Verdict.BLOCKED)


_VERDICT_RANK = {
    Verdict.PROMOTE: 3,
    Verdict.FACILITATE_ONLY: 2,
    Verdict.INSUFFICIENT_INFORMATION: 1,
    Verdict.BLOCKED: 0,
}
