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
from repatguard.render.i18n import N_, _, use_language
from repatguard.render.labels import field_label
from repatguard.render.trace import parameter_line, scope_word, trace_lines
from repatguard.render.wording import message_of
from repatguard.render.words import (
    case_counts,
    cases_bound_note,
    change_value,
    next_review_headline,
    references_note,
    scheduled_note,
    severity_label,
    shown_changes,
    verdict_label,
    verdict_meaning,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    # Types only: the report may render itself (Report._repr_html_ and the like), so
    # nothing here imports the report module when it runs.
    from repatguard.report.report import Reason, Report

__all__ = ["SECTIONS", "to_markdown"]

SECTIONS = (
    N_("Why"),
    N_("Why not promote"),
    N_("Next review"),
    N_("Return areas"),
    N_("Cases held back"),
    N_("Findings"),
    N_("What to do next"),
    N_("Checks"),
)
"""The second-level headings after the verdict, in order, present in every report (in
English; each is translated where it is written)."""

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
    escalate = " **" + _("Escalate.") + "**" if group.escalate else ""
    where = _where(group.path, paths)
    if group.every_code_holds_every_subject:
        codes = ", ".join(f"**{_md(code)}**" for code in group.codes)
        subjects = ", ".join(_md(subject) for subject in group.subjects)
        at = _("(at {where}, {subjects})", where=where, subjects=subjects)
    else:  # name which rule holds which subject
        codes = ", ".join(
            f"**{_md(code)}** ({', '.join(_md(s) for s in subjects)})"
            for code, subjects in group.subjects_by_code()
        )
        at = _("(at {where})", where=where)
    return (
        f"- {codes} ({severity_label(group.severity)}, {outcome_label(group.outcome)}):"
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
        "# " + _("repatguard report: operation {operation}", operation=_md(report.operation)),
        "",
        _(
            "As of {as_of}; repatguard {version}, catalogue {catalogue}, report schema {schema}.",
            as_of=_md(report.as_of),
            version=_md(report.library_version),
            catalogue=_md(report.catalogue_version),
            schema=_md(report.schema_version),
        ),
        "",
        "## " + _("Verdict: {verdict}", verdict=verdict_label(report.verdict)),
        "",
        verdict_meaning(report.verdict, report.movement_kind),
        "",
    ]
    for note in (case_counts(report), cases_bound_note(report)):
        if note is not None:
            lines += [_md(note), ""]
    if report.escalate:
        provisional = report.provisional_verdict
        shown = verdict_label(provisional) if provisional is not None else _("none")
        return [
            *lines,
            "**"
            + _("Escalation required:")
            + "** "
            + _(
                "an issue of concern must go to the joint IOM-UNHCR escalation path before "
                "anything proceeds. Provisional result once resolved: {verdict}.",
                verdict=shown,
            ),
        ]
    return [*lines, _("Escalation: not required.")]


def _why(report: Report, paths: bool = False) -> list[str]:
    if report.reasons:
        return _reasons(report.reasons, paths)
    return [_("Nothing holds the verdict back: every safeguard checked holds.")]


def _why_not_promote(report: Report, paths: bool = False) -> list[str]:
    # Reasons for the verdict usually also rule out promotion: each is listed once.
    if not report.why_not_promote:
        return [_("Nothing rules out promotion.")]
    overlap = [r for r in report.why_not_promote if r in report.reasons]
    extra = [r for r in report.why_not_promote if r not in report.reasons]
    lines: list[str] = []
    if overlap:
        lines.append(
            (
                _("Every reason above also rules out promotion")
                if len(overlap) == len(report.reasons)
                else _("{count} of the reasons above also rule out promotion", count=len(overlap))
            )
            + (_(", and:") if extra else ".")
        )
        if extra:
            lines.append("")
    return lines + _reasons(extra, paths)


def _areas(report: Report, paths: bool = False) -> list[str]:
    if not report.area_verdicts:
        return [_("No return areas are recorded.")]
    return _table(
        (_("Area"), _("Verdict"), _("Escalate"), _("Reasons")),
        [
            (
                _md(area.area),
                verdict_label(area.verdict),
                _("yes") if area.escalate else _("no"),
                ", ".join(_md(c) for c in sorted({r.code for r in area.reasons})) or "-",
            )
            for area in report.area_verdicts
        ],
    )


def _cases(report: Report, paths: bool = False) -> list[str]:
    people = sum(1 for c in report.case_verdicts if c.scope is Scope.PERSON)
    households = sum(1 for c in report.case_verdicts if c.scope is Scope.HOUSEHOLD)
    counts = ", ".join(
        f"{verdict_label(v).lower()} {report.summary.cases.get(v.value, 0)}" for v in Verdict
    )
    lines = [
        _(
            "{people} person(s) in {households} household(s): {counts}.",
            people=people,
            households=households,
            counts=counts,
        ),
        "",
    ]
    held = held_back(report)
    if not held:
        return [*lines, _("No case is held back.")]
    return lines + _table(
        (_("Case"), _("Scope"), _("Household"), _("Area"), _("Verdict"), _("Reasons")),
        [
            (
                _md(case.subject),
                scope_word(case.scope),
                _md(case.household),
                _md(case.area) if case.area is not None else "-",
                verdict_label(case.verdict),
                ", ".join(_md(code) for code in reason_codes(case)) or _("see findings"),
            )
            for case in held
        ],
    )


def _findings(report: Report, paths: bool = False) -> list[str]:
    by_severity = ", ".join(
        f"{severity_label(s)} {sum(1 for f in report.findings if f.severity is s)}"
        for s in SEVERITIES
    )
    by_outcome = ", ".join(
        f"{outcome_label(o)} {n}" for o, n in outcome_counts(report.findings).items()
    )
    lines = [
        _(
            "{count} finding(s): {by_severity}; {by_outcome}.",
            count=len(report.findings),
            by_severity=by_severity,
            by_outcome=by_outcome,
        ),
        "",
    ]
    if not report.findings:
        return [*lines, _("No findings.")]
    return lines + _table(
        (_("Code"), _("Severity"), _("Outcome"), _("Subject"), _("Field"), _("Message")),
        [
            (
                _md(f.code),
                severity_label(f.severity),
                outcome_label(f.outcome),
                _md(f.subject),
                _where(f.path, paths),
                ("**" + _("Escalate.") + "** " if f.escalate else "") + _md(message_of(f)),
            )
            for f in report.findings
        ],
    )


def _next_steps(report: Report, paths: bool = False) -> list[str]:
    steps = next_steps(report.findings)
    if not steps:
        return [_("Nothing: no finding needs action.")]
    return [
        f"- **{_md(step.code)}** {_md(step.title)}"
        + (" " + _("({count} findings)", count=step.count) if step.count > 1 else "")
        + f": {_md(step.remediation)}"
        for step in steps
    ]


def _checks(report: Report, paths: bool = False) -> list[str]:
    summary = report.summary
    return [
        _(
            "Checks passed: {passed}; not applicable: {not_applicable}; rules run: {rules_run}.",
            passed=summary.checks_passed,
            not_applicable=summary.checks_not_applicable,
            rules_run=summary.rules_run,
        ),
        "",
        _md(references_note(report)),
    ]


def _next_review(report: Report, paths: bool = False) -> list[str]:
    headline, worse = next_review_headline(report)
    lines = ["**" + _("Warning.") + f"** {_md(headline)}" if worse else _md(headline)]
    review = report.next_review
    if review is None:
        return lines
    items = [f"- {_md(scheduled_note(item))}" for item in review.scheduled]
    listed, left_out = shown_changes(review)
    items += [
        f"- **{_md(c.code)}** ({_md(c.subject)}, {_where(c.path, paths)}): "
        + _(
            "{before} to {after}",
            before=_md(change_value(c.before)),
            after=_md(change_value(c.after)),
        )
        for c in listed
    ]
    if left_out:
        items.append("- " + _("and {count} more", count=left_out))
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


def to_markdown(report: Report, *, paths: bool = False, lang: str | None = None) -> str:
    """The report as a Markdown document (GitHub-flavoured tables). Fields are named in
    words (:func:`~repatguard.render.labels.field_label`); ``paths`` adds each JSON path.
    ``lang`` is the language (by default the current one: see
    :mod:`repatguard.render.i18n`)."""
    with use_language(lang):
        lines = _verdict(report)
        for title, body in zip(SECTIONS, _SECTION_BODIES, strict=True):
            lines += ["", f"## {_(title)}", "", *body(report, paths)]
        if report.trace is not None:  # only when asked for (check --trace)
            lines += ["", "## " + _("Decision trace"), "", *_trace(report, paths)]
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
        lines += ["", _("Parameters the deciding rules read:"), ""]
        lines += [f"- {_md(parameter_line(p))}" for p in trace.parameters]
    return lines
