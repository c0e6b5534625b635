"""The report: verdicts, reasons, findings and tallies, the same shape whether empty or not."""

from __future__ import annotations

import attrs

from repatguard.outcomes import Outcome, Scope, Severity, Verdict
from repatguard.report.finding import Finding, RuleTally
from repatguard.rules.parameters import Parameters

__all__ = ["AreaVerdict", "CaseVerdict", "Reason", "Report", "Summary"]

SCHEMA_VERSION = "1.0"


@attrs.frozen(kw_only=True)
class Reason:
    """A pointer to a finding that decided a verdict."""

    code: str
    severity: Severity
    outcome: Outcome
    subject: str
    path: str
    message: str
    escalate: bool = False

    @classmethod
    def of(cls, finding: Finding) -> Reason:
        return cls(
            code=finding.code,
            severity=finding.severity,
            outcome=finding.outcome,
            subject=finding.subject,
            path=finding.path,
            message=finding.message,
            escalate=finding.escalate,
        )


@attrs.frozen(kw_only=True)
class AreaVerdict:
    area: str
    verdict: Verdict
    escalate: bool
    reasons: tuple[Reason, ...]


@attrs.frozen(kw_only=True)
class CaseVerdict:
    """The verdict for one household or one person; a blocked case is off the manifest."""

    scope: Scope
    subject: str
    household: str
    area: str | None
    verdict: Verdict
    reasons: tuple[Reason, ...]


@attrs.frozen(kw_only=True)
class Summary:
    findings: int
    by_severity: dict[str, int]
    by_outcome: dict[str, int]
    rules_run: int
    checks_passed: int
    checks_not_applicable: int
    cases: dict[str, int]
    """Person verdict counts."""


@attrs.frozen(kw_only=True)
class Report:
    schema_version: str
    library_version: str
    catalogue_version: str
    operation: str
    as_of: str
    verdict: Verdict
    escalate: bool
    provisional_verdict: Verdict | None
    reasons: tuple[Reason, ...]
    """Why the operation verdict is what it is (empty for promote)."""
    why_not_promote: tuple[Reason, ...]
    area_verdicts: tuple[AreaVerdict, ...]
    case_verdicts: tuple[CaseVerdict, ...]
    findings: tuple[Finding, ...]
    summary: Summary
    rule_tallies: tuple[RuleTally, ...]
    parameters: Parameters

    def findings_for(self, code: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.code == code)

    def case(self, subject: str) -> CaseVerdict:
        for case in self.case_verdicts:
            if case.subject == subject:
                return case
        raise KeyError(subject)

    def area(self, area: str) -> AreaVerdict:
        for item in self.area_verdicts:
            if item.area == area:
                return item
        raise KeyError(area)

    def reaches(self, threshold: Severity) -> bool:
        """Whether any finding (failed, undetermined or crashed) is at least ``threshold``."""
        return any(f.severity.at_least(threshold) for f in self.findings)
