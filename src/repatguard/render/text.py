"""Text for a terminal, written for a protection officer: the verdict, why, what to do next."""

from __future__ import annotations

import textwrap

from repatguard.outcomes import Scope, Verdict
from repatguard.render.words import OUTCOME_LABEL, VERDICT_LABEL, VERDICT_MEANING
from repatguard.report.finding import Finding
from repatguard.report.report import Reason, Report

__all__ = ["to_text"]

_WIDTH = 88


def _wrap(text: str, indent: str = "  ") -> list[str]:
    return textwrap.wrap(text, width=_WIDTH, initial_indent=indent, subsequent_indent=indent)


def _reason_lines(reason: Reason) -> list[str]:
    label = OUTCOME_LABEL[reason.outcome]
    escalate = " ESCALATE:" if reason.escalate else ""
    return textwrap.wrap(
        f"{reason.code} [{reason.severity}, {label}]{escalate} {reason.message} "
        f"(at {reason.path}, {reason.subject})",
        width=_WIDTH,
        initial_indent="  - ",
        subsequent_indent="    ",
    )


def to_text(report: Report) -> str:
    lines = [
        f"repatguard {report.library_version}: operation {report.operation}, as of {report.as_of}",
        "",
        f"VERDICT: {VERDICT_LABEL[report.verdict]}",
        *_wrap(VERDICT_MEANING[report.verdict]),
    ]
    if report.escalate:
        provisional = report.provisional_verdict
        shown = VERDICT_LABEL[provisional] if provisional is not None else "none"
        lines += [
            "",
            "ESCALATION: an issue of concern must go to the joint IOM-UNHCR escalation",
            "  path before anything proceeds.",
            f"  Provisional result once resolved: {shown}",
        ]
    if report.reasons:
        lines += ["", "Why:"]
        lines += [line for reason in report.reasons for line in _reason_lines(reason)]
    if report.why_not_promote and report.verdict is not Verdict.PROMOTE:
        extra = [r for r in report.why_not_promote if r not in report.reasons]
        if extra:
            lines += ["", "Also ruling out promotion:"]
            lines += [line for reason in extra for line in _reason_lines(reason)]
    if report.area_verdicts:
        lines += ["", "Return areas:"]
        lines += [
            f"  - {area.area}: {VERDICT_LABEL[area.verdict]}"
            + (" (escalate)" if area.escalate else "")
            for area in report.area_verdicts
        ]
    people = [c for c in report.case_verdicts if c.scope is Scope.PERSON]
    if people:
        counts = report.summary.cases
        lines += [
            "",
            f"Cases: {len(people)} person(s): "
            + ", ".join(f"{VERDICT_LABEL[v].lower()} {counts[v.value]}" for v in Verdict),
        ]
        held = [c for c in people if c.verdict.rank < report.verdict.rank or c.verdict.rank <= 1]
        for case in held:
            codes = ", ".join(sorted({r.code for r in case.reasons})) or "see findings"
            lines.append(
                f"  - {case.subject} (household {case.household}): "
                f"{VERDICT_LABEL[case.verdict]} ({codes})"
            )
    lines += _next_steps(report.findings)
    lines += [
        "",
        f"Findings: {report.summary.findings} "
        + "("
        + ", ".join(f"{k} {v}" for k, v in report.summary.by_severity.items())
        + "); checks passed: "
        f"{report.summary.checks_passed}; not applicable: "
        f"{report.summary.checks_not_applicable}; rules run: {report.summary.rules_run} "
        f"(catalogue {report.catalogue_version})",
    ]
    return "\n".join(lines) + "\n"


def _next_steps(findings: tuple[Finding, ...]) -> list[str]:
    if not findings:
        return []
    lines = ["", "What to do next:"]
    seen: set[str] = set()
    for finding in findings:
        if finding.code in seen:
            continue
        seen.add(finding.code)
        count = sum(1 for f in findings if f.code == finding.code)
        where = f" ({count} findings)" if count > 1 else ""
        lines += textwrap.wrap(
            f"{finding.code} {finding.title}{where}: {finding.remediation}",
            width=_WIDTH,
            initial_indent="  - ",
            subsequent_indent="    ",
        )
    return lines
