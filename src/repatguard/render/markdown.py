"""Markdown for tickets and mission reports (GitHub-flavoured tables).

The order is the order a reader needs: the verdict and what it means, why, why the return
cannot be promoted, the return areas, the cases held back, the findings, what to do next. Every
section is always present (with a "none" line when empty), so reports of different operations,
including an empty one, have the same shape. Text from the report is escaped, so a reference or
a message can never break a table or inject markup, and control characters and bidirectional
overrides are shown as escapes such as ``\\x1b`` (see :mod:`repatguard._printable`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from repatguard._printable import printable
from repatguard.outcomes import Scope, Verdict
from repatguard.render._shared import (
    SEVERITIES,
    ReasonGroup,
    grouped_reasons,
    held_back,
    next_steps,
    outcome_counts,
    outcome_label,
    reason_codes,
)
from repatguard.render.labels import field_label
from repatguard.render.trace import parameter_line, trace_lines
from repatguard.render.words import (
    VERDICT_LABEL,
    case_counts,
    cases_bound_note,
    next_review_headline,
    references_note,
    verdict_meaning,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    # Types only: the report may render itself (Report._repr_html_ and the like), so
    # nothing here imports the report module when it runs.
    from repatguard.report.report import Reason, Report

__all__ = ["SECTIONS", "to_markdown"]

SECTIONS = (
    "Why",
    "Why not promote",
    "Next review",
    "Return areas",
    "Cases held back",
    "Findings",
    "What to do next",
    "Checks",
)
"""The second-level headings after the verdict, in order, present in every report."""

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
"""Characters that can start markup anywhere in a line (the text never begins a line)."""


def _flat(text: str) -> str:
    """Whitespace folded to single spaces, then what is left of control characters escaped."""
    return printable(" ".join(str(text).split()))


def _md(text: str) -> str:
    """Escape Markdown punctuation and fold whitespace, so the text stays on one line."""
    return _SPECIAL.sub(r"\\\1", _flat(text))


def _code(text: str) -> str:
    """A code span (for paths); pipes escaped so it can sit in a table cell."""
    flat = _flat(text).replace("|", "\\|")
    fence = "``" if "`" in flat else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def _where(path: str, paths: bool) -> str:
    """The field ``path`` points at, in words, and the path itself when asked for."""
    label = _md(field_label(path))
    return f"{label} ({_code(path)})" if paths and label != _md(path) else label


def _reason(group: ReasonGroup, paths: bool = False) -> str:
    escalate = " **Escalate.**" if group.escalate else ""
    where = _where(group.path, paths)
    if group.every_code_holds_every_subject:
        codes = ", ".join(f"**{_md(code)}**" for code in group.codes)
        at = f"(at {where}, {', '.join(_md(subject) for subject in group.subjects)})"
    else:  # name which rule holds which subject
        codes = ", ".join(
            f"**{_md(code)}** ({', '.join(_md(s) for s in subjects)})"
            for code, subjects in group.subjects_by_code()
        )
        at = f"(at {where})"
    return (
        f"- {codes} ({group.severity.value}, {outcome_label(group.outcome)}):"
        f"{escalate} {_md(group.message)} {at}"
    )


def _reasons(reasons: Iterable[Reason], paths: bool = False) -> list[str]:
    """One item per cause (see :func:`grouped_reasons`)."""
    return [_reason(group, paths) for group in grouped_reasons(reasons)]


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    return [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


def _verdict(report: Report) -> list[str]:
    lines = [
        f"# repatguard report: operation {_md(report.operation)}",
        "",
        f"As of {_md(report.as_of)}; repatguard {_md(report.library_version)}, catalogue "
        f"{_md(report.catalogue_version)}, report schema {_md(report.schema_version)}.",
        "",
        f"## Verdict: {VERDICT_LABEL[report.verdict]}",
        "",
        verdict_meaning(report.verdict, report.movement_kind),
        "",
    ]
    for note in (case_counts(report), cases_bound_note(report)):
        if note is not None:
            lines += [_md(note), ""]
    if report.escalate:
        provisional = report.provisional_verdict
        shown = VERDICT_LABEL[provisional] if provisional is not None else "none"
        return [
            *lines,
            "**Escalation required:** an issue of concern must go to the joint IOM-UNHCR "
            "escalation path before anything proceeds. Provisional result once resolved: "
            f"{shown}.",
        ]
    return [*lines, "Escalation: not required."]


def _why(report: Report, paths: bool = False) -> list[str]:
    if report.reasons:
        return _reasons(report.reasons, paths)
    return ["Nothing holds the verdict back: every safeguard checked holds."]


def _why_not_promote(report: Report, paths: bool = False) -> list[str]:
    # Reasons for the verdict usually also rule out promotion: each is listed once.
    if not report.why_not_promote:
        return ["Nothing rules out promotion."]
    overlap = [r for r in report.why_not_promote if r in report.reasons]
    extra = [r for r in report.why_not_promote if r not in report.reasons]
    lines: list[str] = []
    if overlap:
        lines.append(
            (
                "Every reason above also rules out promotion"
                if len(overlap) == len(report.reasons)
                else f"{len(overlap)} of the reasons above also rule out promotion"
            )
            + (", and:" if extra else ".")
        )
        if extra:
            lines.append("")
    return lines + _reasons(extra, paths)


def _areas(report: Report, paths: bool = False) -> list[str]:
    if not report.area_verdicts:
        return ["No return areas are recorded."]
    return _table(
        ("Area", "Verdict", "Escalate", "Reasons"),
        [
            (
                _md(area.area),
                VERDICT_LABEL[area.verdict],
                "yes" if area.escalate else "no",
                ", ".join(_md(c) for c in sorted({r.code for r in area.reasons})) or "-",
            )
            for area in report.area_verdicts
        ],
    )


def _cases(report: Report, paths: bool = False) -> list[str]:
    people = sum(1 for c in report.case_verdicts if c.scope is Scope.PERSON)
    households = sum(1 for c in report.case_verdicts if c.scope is Scope.HOUSEHOLD)
    counts = ", ".join(
        f"{VERDICT_LABEL[v].lower()} {report.summary.cases.get(v.value, 0)}" for v in Verdict
    )
    lines = [f"{people} person(s) in {households} household(s): {counts}.", ""]
    held = held_back(report)
    if not held:
        return [*lines, "No case is held back."]
    return lines + _table(
        ("Case", "Scope", "Household", "Area", "Verdict", "Reasons"),
        [
            (
                _md(case.subject),
                case.scope.value,
                _md(case.household),
                _md(case.area) if case.area is not None else "-",
                VERDICT_LABEL[case.verdict],
                ", ".join(_md(code) for code in reason_codes(case)) or "see findings",
            )
            for case in held
        ],
    )


def _findings(report: Report, paths: bool = False) -> list[str]:
    by_severity = ", ".join(
        f"{s.value} {sum(1 for f in report.findings if f.severity is s)}" for s in SEVERITIES
    )
    by_outcome = ", ".join(
        f"{outcome_label(o)} {n}" for o, n in outcome_counts(report.findings).items()
    )
    lines = [f"{len(report.findings)} finding(s): {by_severity}; {by_outcome}.", ""]
    if not report.findings:
        return [*lines, "No findings."]
    return lines + _table(
        ("Code", "Severity", "Outcome", "Subject", "Field", "Message"),
        [
            (
                _md(f.code),
                f.severity.value,
                outcome_label(f.outcome),
                _md(f.subject),
                _where(f.path, paths),
                ("**Escalate.** " if f.escalate else "") + _md(f.message),
            )
            for f in report.findings
        ],
    )


def _next_steps(report: Report, paths: bool = False) -> list[str]:
    steps = next_steps(report.findings)
    if not steps:
        return ["Nothing: no finding needs action."]
    return [
        f"- **{_md(step.code)}** {_md(step.title)}"
        + (f" ({step.count} findings)" if step.count > 1 else "")
        + f": {_md(step.remediation)}"
        for step in steps
    ]


def _checks(report: Report, paths: bool = False) -> list[str]:
    summary = report.summary
    return [
        f"Checks passed: {summary.checks_passed}; not applicable: "
        f"{summary.checks_not_applicable}; rules run: {summary.rules_run}.",
        "",
        _md(references_note(report)),
    ]


def _next_review(report: Report, paths: bool = False) -> list[str]:
    headline, worse = next_review_headline(report)
    lines = [f"**Warning.** {_md(headline)}" if worse else _md(headline)]
    review = report.next_review
    if review is None:
        return lines
    items = [f"- {_md(item)}" for item in review.scheduled]
    items += [
        f"- **{_md(c.code)}** ({_md(c.subject)}, {_where(c.path, paths)}): {_md(c.before)} to "
        f"{_md(c.after)}"
        for c in review.changes[:10]
    ]
    if len(review.changes) > 10:
        items.append(f"- and {len(review.changes) - 10} more")
    return [*lines, "", *items] if items else lines


_SECTION_BODIES = (
    _why,
    _why_not_promote,
    _next_review,
    _areas,
    _cases,
    _findings,
    _next_steps,
    _checks,
)


def to_markdown(report: Report, *, paths: bool = False) -> str:
    """The report as a Markdown document (GitHub-flavoured tables). Fields are named in
    words (:func:`~repatguard.render.labels.field_label`); ``paths`` adds each JSON path."""
    lines = _verdict(report)
    for title, body in zip(SECTIONS, _SECTION_BODIES, strict=True):
        lines += ["", f"## {title}", "", *body(report, paths)]
    if report.trace is not None:  # only when asked for (check --trace)
        lines += ["", "## Decision trace", "", *_trace(report, paths)]
    return "\n".join(lines) + "\n"


_TRACE_INDENT = ("- ", "  ", "     - ")
"""A scope is a bullet, its steps an ordered list inside it (their text starts "1. "), the
findings of a step bullets inside the step."""


def _trace(report: Report, paths: bool = False) -> list[str]:
    trace = report.trace
    assert trace is not None  # the caller checks; narrows the type
    lines: list[str] = []
    for scope in trace.scopes:
        for line in trace_lines(scope, paths=paths):
            text = _md(line.text)
            lines.append(_TRACE_INDENT[line.depth] + (f"**{text}**" if line.depth == 0 else text))
    if trace.parameters:
        lines += ["", "Parameters the deciding rules read:", ""]
        lines += [f"- {_md(parameter_line(p))}" for p in trace.parameters]
    return lines
