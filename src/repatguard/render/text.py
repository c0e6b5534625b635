"""Text for a terminal, written for a protection officer: the verdict, why, what to do next.

``color=True`` adds ANSI colours (verdicts, severities, headings) to the same text; stripping
the escape sequences gives back the plain output byte for byte. The caller decides: the command
line colours only a terminal, and never when ``NO_COLOR`` is set (https://no-color.org).

Every value from the report goes through :func:`~repatguard._printable.printable`: control
characters and bidirectional overrides in the input (an ESC in a reference, say) are shown as
escapes such as ``\\x1b``, never sent to the terminal, so the only escape sequences in the
output are the colours added here.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from repatguard._printable import printable
from repatguard.outcomes import Outcome, Scope, Severity, Verdict
from repatguard.render._shared import ReasonGroup, grouped_reasons, outcome_label, reason_codes
from repatguard.render.i18n import _, use_language
from repatguard.render.labels import field_label
from repatguard.render.trace import parameter_line, trace_lines
from repatguard.render.wording import waiver_note
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
from repatguard.report.finding import Finding

if TYPE_CHECKING:
    from collections.abc import Iterable

    # Types only: the report may render itself (Report._repr_html_ and the like), so
    # nothing here imports the report module when it runs.
    from repatguard.report.report import Reason, Report
    from repatguard.report.trace import ScopeTrace, Trace

__all__ = ["scope_trace_text", "to_text"]

_WIDTH = 88

_RESET = "\x1b[0m"
_BOLD = "1"
_VERDICT_STYLE = {
    Verdict.PROMOTE: "1;32",
    Verdict.FACILITATE_ONLY: "1;33",
    Verdict.INSUFFICIENT_INFORMATION: "1;35",
    Verdict.BLOCKED: "1;31",
}
_SEVERITY_STYLE = {
    Severity.BLOCKER: "1;31",
    Severity.MAJOR: "33",
    Severity.MINOR: "36",
    Severity.INFO: "2",
}
_ESCALATE_STYLE = "1;35"


def _paint(text: str, style: str, color: bool) -> str:
    return f"\x1b[{style}m{text}{_RESET}" if color else text


def _verdict(verdict: Verdict, color: bool) -> str:
    return _paint(verdict_label(verdict), _VERDICT_STYLE[verdict], color)


def _heading(text: str, color: bool) -> str:
    return _paint(text, _BOLD, color)


def _wrap(text: str, indent: str = "  ") -> list[str]:
    return textwrap.wrap(text, width=_WIDTH, initial_indent=indent, subsequent_indent=indent)


def _where(path: str, paths: bool) -> str:
    """The field ``path`` points at, in words, and the path itself when asked for."""
    label = printable(field_label(path))
    return f"{label} ({printable(path)})" if paths and label != printable(path) else label


def _reason_lines(group: ReasonGroup, color: bool = False, paths: bool = False) -> list[str]:
    label = outcome_label(group.outcome)
    escalate_word = _("ESCALATE:")
    escalate = " " + escalate_word if group.escalate else ""
    where = _where(group.path, paths)
    if group.every_code_holds_every_subject:
        codes = ", ".join(printable(code) for code in group.codes)
        subjects = ", ".join(printable(subject) for subject in group.subjects)
        at = _("(at {where}, {subjects})", where=where, subjects=subjects)
    else:  # name which rule holds which subject
        codes = ", ".join(
            f"{printable(code)} ({', '.join(printable(s) for s in subjects)})"
            for code, subjects in group.subjects_by_code()
        )
        at = _("(at {where})", where=where)
    severity_word = severity_label(group.severity)
    lines = textwrap.wrap(
        f"{codes} [{severity_word}, {label}]{escalate} {printable(group.message)} {at}",
        width=_WIDTH,
        initial_indent="  - ",
        subsequent_indent="    ",
    )
    if color:
        # Colour is added after wrapping, so the coloured text wraps exactly like the plain
        # one; a long list of rules can push the severity onto a later line.
        severity = f"[{severity_word},"
        painted = f"[{_paint(severity_word, _SEVERITY_STYLE[group.severity], True)},"
        _paint_first(lines, severity, painted)
        if escalate:
            _paint_first(lines, escalate, " " + _paint(escalate_word, _ESCALATE_STYLE, True))
    return lines


def _paint_first(lines: list[str], plain: str, painted: str) -> None:
    """Replace the first ``plain`` in ``lines`` with ``painted``, in place."""
    for number, line in enumerate(lines):
        if plain in line:
            lines[number] = line.replace(plain, painted, 1)
            return


def _reasons(reasons: Iterable[Reason], color: bool, paths: bool) -> list[str]:
    """One line per cause (see :func:`grouped_reasons`)."""
    return [
        line for group in grouped_reasons(reasons) for line in _reason_lines(group, color, paths)
    ]


def to_text(
    report: Report, *, color: bool = False, paths: bool = False, lang: str | None = None
) -> str:
    """The report as text; ``color`` adds ANSI colours (the caller decides when to). Fields
    are named in words (:func:`~repatguard.render.labels.field_label`); ``paths`` adds each
    JSON path. ``lang`` is the language (``en``, ``fr``, ``es``, ``ar``; by default the
    current one, English unless set: see :mod:`repatguard.render.i18n`)."""
    with use_language(lang):
        return _text(report, color, paths)


# Long on purpose: the text report's sections in the order a reader meets them.
def _text(report: Report, color: bool, paths: bool) -> str:
    lines = [
        _(
            "repatguard {version}: operation {operation}, as of {as_of}",
            version=printable(report.library_version),
            operation=printable(report.operation),
            as_of=printable(report.as_of),
        ),
        "",
        _heading(_("VERDICT:"), color) + " " + _verdict(report.verdict, color),
        *_wrap(verdict_meaning(report.verdict, report.movement_kind)),
    ]
    for note in (case_counts(report), cases_bound_note(report)):
        if note is not None:
            lines += _wrap(note)
    if report.escalate:
        provisional = report.provisional_verdict
        shown = _verdict(provisional, color) if provisional is not None else _("none")
        word = _("ESCALATION:")
        # One message, wrapped short: the English breaks after "escalation" as it always has.
        escalation = textwrap.wrap(
            word
            + " "
            + _(
                "an issue of concern must go to the joint IOM-UNHCR escalation path before "
                "anything proceeds."
            ),
            width=75,
            subsequent_indent="  ",
        )
        _paint_first(escalation, word, _paint(word, _ESCALATE_STYLE, color))
        lines += [
            "",
            *escalation,
            "  " + _("Provisional result once resolved: {verdict}", verdict=shown),
        ]
    if report.reasons:
        lines += ["", _heading(_("Why:"), color)]
        lines += _reasons(report.reasons, color, paths)
    if report.why_not_promote and report.verdict is not Verdict.PROMOTE:
        extra = [r for r in report.why_not_promote if r not in report.reasons]
        if extra:
            lines += ["", _heading(_("Also ruling out promotion:"), color)]
            lines += _reasons(extra, color, paths)
    if report.area_verdicts:
        lines += ["", _heading(_("Return areas:"), color)]
        lines += [
            f"  - {printable(area.area)}: {_verdict(area.verdict, color)}"
            + (" " + _("(escalate)") if area.escalate else "")
            for area in report.area_verdicts
        ]
    lines += _people(report, color)
    lines += _waivers(report)
    lines += _next_review(report, color, paths)
    lines += _next_steps(
        tuple(f for f in report.findings if f.outcome is not Outcome.WAIVED), color
    )
    lines += _provenance(report)
    if report.trace is not None:
        lines += ["", _heading(_("Decision trace:"), color), *_trace(report.trace, paths)]
    summary = report.summary
    lines += [
        "",
        _(
            "Findings: {findings} ({by_severity}); checks passed: {passed}; not applicable: "
            "{not_applicable}; rules run: {rules_run} (catalogue {catalogue})",
            findings=summary.findings,
            by_severity=", ".join(
                f"{printable(severity_label(k))} {v}" for k, v in summary.by_severity.items()
            ),
            passed=summary.checks_passed,
            not_applicable=summary.checks_not_applicable,
            rules_run=summary.rules_run,
            catalogue=printable(report.catalogue_version),
        ),
    ]
    return "\n".join(lines) + "\n"


def _people(report: Report, color: bool) -> list[str]:
    """The person verdicts by value, and each person held back with the rules holding them."""
    people = [c for c in report.case_verdicts if c.scope is Scope.PERSON]
    if not people:
        return []
    counts = report.summary.cases
    lines = [
        "",
        _(
            "Cases: {count} person(s): {verdicts}",
            count=len(people),
            verdicts=", ".join(f"{verdict_label(v).lower()} {counts[v.value]}" for v in Verdict),
        ),
    ]
    held = [c for c in people if c.verdict.rank < report.verdict.rank or c.verdict.rank <= 1]
    for case in held:
        codes = ", ".join(printable(code) for code in reason_codes(case)) or _("see findings")
        lines.append(
            "  - "
            + _(
                "{subject} (household {household}): {verdict} ({codes})",
                subject=printable(case.subject),
                household=printable(case.household),
                verdict=_verdict(case.verdict, color),
                codes=codes,
            )
        )
    return lines


def _trace(trace: Trace, paths: bool) -> list[str]:
    lines: list[str] = []
    for scope in trace.scopes:
        lines += _scope_lines(scope, paths, indent="  ")
    if trace.parameters:
        lines.append("  " + _("Parameters the deciding rules read:"))
        for parameter in trace.parameters:
            lines += _wrap(printable(parameter_line(parameter)), "    - ")
    return lines


def _scope_lines(scope: ScopeTrace, paths: bool, indent: str) -> list[str]:
    lines: list[str] = []
    for line in trace_lines(scope, paths=paths):
        lead = indent + "   " * line.depth
        first = lead + ("- " if line.depth == 2 else "")
        lines += textwrap.wrap(
            printable(line.text),
            width=_WIDTH,
            initial_indent=first,
            subsequent_indent=lead + "    ",
            break_on_hyphens=False,
        )
    return lines


def scope_trace_text(scope: ScopeTrace, *, paths: bool = False, lang: str | None = None) -> str:
    """The trace of one scope as text (``repatguard explain --trace``), in ``lang``."""
    with use_language(lang):
        return "\n".join(_scope_lines(scope, paths, indent="")) + "\n"


def _waivers(report: Report) -> list[str]:
    waived = [f for f in report.findings if f.waiver is not None]
    if not waived:
        return []
    lines = ["", _("Waivers:")]
    for finding in waived:
        applied = finding.waiver
        assert applied is not None  # filtered above; narrows the type
        waiver = applied.waiver
        state = {
            "in_force": _("waived until {date}", date=waiver.expires_on.isoformat()),
            "expired": _(
                "waiver expired on {date}; the finding stands",
                date=waiver.expires_on.isoformat(),
            ),
            "not_yet_in_force": _("waiver only from {date}", date=waiver.granted_on.isoformat()),
            "refused": _("waiver refused ({note})", note=printable(waiver_note(applied))),
        }[applied.status.value]
        lines += textwrap.wrap(
            _(
                "{code} ({subject}): {state}; decision {record}",
                code=printable(finding.code),
                subject=printable(finding.subject),
                state=state,
                record=printable(waiver.decision_record),
            ),
            width=_WIDTH,
            initial_indent="  - ",
            subsequent_indent="    ",
        )
    return lines


def _next_review(report: Report, color: bool, paths: bool) -> list[str]:
    review = report.next_review
    if review is None:
        return ["", printable(next_review_headline(report)[0])]
    count = len(review.changes)
    lines = [
        "",
        _(
            "Next review: {due}: the verdict will be {verdict} ({count} finding(s) change)",
            due=printable(review.due),
            verdict=_verdict(review.verdict_after, color),
            count=count,
        ),
    ]
    lines += [f"  - {printable(scheduled_note(item))}" for item in review.scheduled]
    listed, left_out = shown_changes(review)
    lines += [
        f"  - {printable(c.code)} ({printable(c.subject)}, {_where(c.path, paths)}): "
        f"{printable(change_value(c.before))} -> {printable(change_value(c.after))}"
        for c in listed
    ]
    if left_out:
        lines.append("  - " + _("and {count} more", count=left_out))
    return lines


def _provenance(report: Report) -> list[str]:
    lines = [
        "",
        printable(references_note(report)),
        _("Policy: {digest}.", digest=printable(report.policy_digest[:12])),
    ]
    if report.baseline is not None:
        lines.append(
            _(
                "Baseline: {count} finding(s) already in {source} are not listed.",
                count=report.baseline.left_out,
                source=printable(report.baseline.source),
            )
        )
    return lines


def _next_steps(findings: tuple[Finding, ...], color: bool = False) -> list[str]:
    if not findings:
        return []
    lines = ["", _heading(_("What to do next:"), color)]
    seen: set[str] = set()
    for finding in findings:
        if finding.code in seen:
            continue
        seen.add(finding.code)
        count = sum(1 for f in findings if f.code == finding.code)
        where = " " + _("({count} findings)", count=count) if count > 1 else ""
        lines += textwrap.wrap(
            f"{printable(finding.code)} {printable(_(finding.title))}{where}: "
            f"{printable(_(finding.remediation))}",
            width=_WIDTH,
            initial_indent="  - ",
            subsequent_indent="    ",
        )
    return lines
