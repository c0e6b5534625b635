"""Assertions for the test suites of systems that embed repatguard.

Each helper fails with a message that shows only what bears on it: the findings concerned
(code, severity, outcome, subject, path, message) and the verdict with its reasons, never a
dump of the report. The helpers raise :class:`AssertionError` themselves rather than use
``assert``, so they keep failing under ``python -O``; under pytest the ``repatguard`` plugin
registers this module for assertion rewriting, and the helpers hide their own frames from
tracebacks.

Subjects are compared with the report's ``subject`` as it stands: reports pseudonymise
household and person references unless checked with ``reveal_references=True`` (the
``repatguard_check`` fixture reveals them by default).
"""

from __future__ import annotations

from collections.abc import Iterable

from repatguard.outcomes import Outcome, Severity, Verdict
from repatguard.report.finding import Finding
from repatguard.report.report import Reason, Report

__all__ = ["assert_finding", "assert_no_finding", "assert_verdict", "format_finding"]

_MAX_LISTED = 20
"""The most findings or reasons one message lists; the rest are counted."""


def assert_verdict(
    report: Report,
    expected: Verdict | str,
    *,
    case: str | None = None,
    area: str | None = None,
) -> None:
    """The verdict of the operation, of one case (household or person) or of one area.

    On failure the message gives the verdict found and the reasons behind it.
    """
    __tracebackhide__ = True
    wanted = Verdict(expected)
    if case is not None and area is not None:
        raise TypeError("assert_verdict takes case or area, not both")
    if case is not None:
        subjects = [item.subject for item in report.case_verdicts]
        if case not in subjects:
            raise AssertionError(_missing("case", case, subjects))
        scoped = report.case(case)
        what = f"{scoped.scope} {case}"
        actual, reasons, extra = scoped.verdict, scoped.reasons, ""
    elif area is not None:
        areas = [item.area for item in report.area_verdicts]
        if area not in areas:
            raise AssertionError(_missing("area", area, areas))
        in_area = report.area(area)
        what = f"area {area}"
        actual, reasons = in_area.verdict, in_area.reasons
        extra = " (escalated)" if in_area.escalate else ""
    else:
        what = f"operation {report.operation}"
        actual, reasons = report.verdict, report.reasons
        extra = _escalation(report)
    if actual is not wanted:
        raise AssertionError(
            "\n".join(
                [
                    f"expected verdict {wanted} for {what}, got {actual}{extra}",
                    *_reasons_block(reasons),
                ]
            )
        )


def assert_finding(
    report: Report,
    code: str,
    *,
    subject: str | None = None,
    outcome: Outcome | str | None = None,
    severity: Severity | str | None = None,
    path: str | None = None,
) -> Finding:
    """At least one finding of rule ``code`` matches every criterion given; returns the first.

    On failure the message lists the findings of that rule (with what the rule did when there
    are none) and the operation verdict with its reasons.
    """
    __tracebackhide__ = True
    wanted_outcome = Outcome(outcome) if outcome is not None else None
    wanted_severity = Severity(severity) if severity is not None else None
    if wanted_outcome is Outcome.PASS:
        raise ValueError("passes are counted in rule_tallies, not listed as findings")
    of_rule = report.findings_for(code)
    matching = [
        finding
        for finding in of_rule
        if (subject is None or finding.subject == subject)
        and (wanted_outcome is None or finding.outcome is wanted_outcome)
        and (wanted_severity is None or finding.severity is wanted_severity)
        and (path is None or finding.path == path)
    ]
    if not matching:
        criteria = _criteria(
            subject=subject, outcome=wanted_outcome, severity=wanted_severity, path=path
        )
        raise AssertionError(
            "\n".join(
                [
                    f"expected a finding {code}{criteria}, found none",
                    *_findings_block(report, code, of_rule),
                    *_verdict_block(report),
                ]
            )
        )
    return matching[0]


def assert_no_finding(report: Report, code: str, *, subject: str | None = None) -> None:
    """No finding of rule ``code`` (about ``subject``, when given), whatever its outcome.

    On failure the message lists the offending findings and the operation verdict.
    """
    __tracebackhide__ = True
    offending = [
        finding
        for finding in report.findings_for(code)
        if subject is None or finding.subject == subject
    ]
    if offending:
        raise AssertionError(
            "\n".join(
                [
                    f"expected no finding {code}{_criteria(subject=subject)}, "
                    f"found {len(offending)}:",
                    *_lines(offending),
                    *_verdict_block(report),
                ]
            )
        )


def format_finding(finding: Finding | Reason) -> str:
    """One line: code, severity, outcome, subject, path and message."""
    escalated = ", escalate" if finding.escalate else ""
    return (
        f"{finding.code} [{finding.severity}, {finding.outcome}{escalated}] "
        f"{finding.subject} at {finding.path}: {finding.message}"
    )


def _lines(items: Iterable[Finding | Reason]) -> list[str]:
    listed = list(items)
    lines = [f"  - {format_finding(item)}" for item in listed[:_MAX_LISTED]]
    if len(listed) > _MAX_LISTED:
        lines.append(f"  ... and {len(listed) - _MAX_LISTED} more")
    return lines


def _reasons_block(reasons: tuple[Reason, ...]) -> list[str]:
    if not reasons:
        return ["reasons: none"]
    return [f"reasons ({len(reasons)}):", *_lines(reasons)]


def _escalation(report: Report) -> str:
    if not report.escalate:
        return ""
    if report.provisional_verdict is None:
        return " (escalated)"
    return f" (escalated; provisional verdict {report.provisional_verdict})"


def _verdict_block(report: Report) -> list[str]:
    return [
        f"verdict for operation {report.operation}: {report.verdict}{_escalation(report)}",
        *_reasons_block(report.reasons),
    ]


def _findings_block(report: Report, code: str, of_rule: tuple[Finding, ...]) -> list[str]:
    if of_rule:
        return [f"findings of {code} ({len(of_rule)}):", *_lines(of_rule)]
    tally = next((t for t in report.rule_tallies if t.code == code), None)
    if tally is None:
        return [f"findings of {code}: none; the rule was not part of this check"]
    return [
        f"findings of {code}: none (checks passed: {tally.passed}, not applicable: "
        f"{tally.not_applicable})"
    ]


def _criteria(
    *,
    subject: str | None = None,
    outcome: Outcome | None = None,
    severity: Severity | None = None,
    path: str | None = None,
) -> str:
    shown: list[str] = []
    if subject is not None:
        shown.append(f"subject={subject!r}")
    if outcome is not None:
        shown.append(f"outcome={outcome}")
    if severity is not None:
        shown.append(f"severity={severity}")
    if path is not None:
        shown.append(f"path={path!r}")
    return f" with {', '.join(shown)}" if shown else ""


def _missing(kind: str, wanted: str, known: list[str]) -> str:
    listed = ", ".join(known[:_MAX_LISTED]) or "none"
    more = f" and {len(known) - _MAX_LISTED} more" if len(known) > _MAX_LISTED else ""
    return f"the report has no {kind} {wanted!r}; its {kind}s: {listed}{more}"
