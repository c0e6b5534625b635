"""A self-contained HTML report for field staff: one file that opens offline.

No external asset, no script (not one ``<script>`` element), no web font: inline CSS and a
small inline SVG bar chart of the findings by rule family and severity. A Content Security
Policy in the page forbids loading anything, so a browser proves the page needs nothing else.
The verdict and why the return cannot be promoted come first, then the chart, the return
areas, a table of every case (household and person), the findings and what to do next.

Every text value taken from the report goes through :func:`html.escape`, after control
characters and bidirectional overrides are made visible escapes such as ``\\u202e`` (a
browser would otherwise reorder the text around an override); the same report gives the same
bytes. :func:`to_html` gives a full page, or with ``fragment=True`` a ``<div>`` with
its own scoped ``<style>`` (what a notebook shows).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from repatguard._printable import printable
from repatguard.outcomes import Severity, Verdict
from repatguard.render._shared import (
    SEVERITIES,
    ReasonGroup,
    by_family_and_severity,
    grouped_reasons,
    next_steps,
    outcome_counts,
    outcome_label,
    reason_codes,
)
from repatguard.render.i18n import _, current_language, text_direction, use_language
from repatguard.render.labels import field_label
from repatguard.render.trace import (
    finding_parts,
    more_line,
    parameter_line,
    scope_heading,
    scope_word,
    step_text,
)
from repatguard.render.wording import expected_of, message_of, observed_of
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
    from repatguard.report.finding import Finding
    from repatguard.report.report import Reason, Report

__all__ = ["CONTENT_SECURITY_POLICY", "SECTION_IDS", "reports_to_html", "to_html"]

CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

SECTION_IDS = (
    "verdict",
    "why-not-promote",
    "why",
    "next-review",
    "chart",
    "areas",
    "cases",
    "findings",
    "next-steps",
    "checks",
)
"""The sections of every report, in order (each is a ``<section>`` with a ``data-section``)."""

_SEVERITY_COLOUR = {
    Severity.BLOCKER: "#b3261e",
    Severity.MAJOR: "#e8710a",
    Severity.MINOR: "#c99700",
    Severity.INFO: "#5f6368",
}
_VERDICT_CLASS = {
    Verdict.PROMOTE: "rg-promote",
    Verdict.FACILITATE_ONLY: "rg-facilitate",
    Verdict.INSUFFICIENT_INFORMATION: "rg-insufficient",
    Verdict.BLOCKED: "rg-blocked",
}

_CSS = """\
.rg-report{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;\
color:#1f1f1f;line-height:1.45;max-width:72rem;margin:0 auto}
.rg-report h1{font-size:1.6rem;margin:.2rem 0 .4rem}
.rg-report h2{font-size:1.15rem;margin:1.4rem 0 .5rem;border-bottom:1px solid #ddd;\
padding-bottom:.2rem}
.rg-report .rg-meta{color:#555;font-size:.9rem;margin:0}
.rg-report .rg-banner{border-inline-start:.5rem solid;padding:.6rem 1rem;border-radius:.25rem}
.rg-report .rg-promote{border-color:#1e7d32;background:#e8f5e9}
.rg-report .rg-facilitate{border-color:#b28704;background:#fff8e1}
.rg-report .rg-insufficient{border-color:#6a1b9a;background:#f3e5f5}
.rg-report .rg-blocked{border-color:#b3261e;background:#fdecea}
.rg-report .rg-escalate{font-weight:600;color:#6a1b9a}
.rg-report .rg-field{border-bottom:1px dotted #555;cursor:help}
.rg-report .rg-warning{border-inline-start:.3rem solid #b3261e;padding:.2rem .6rem;\
background:#fdecea}
.rg-report .rg-none{color:#555;font-style:italic}
.rg-report table{border-collapse:collapse;width:100%;font-size:.9rem}
.rg-report th,.rg-report td{border:1px solid #ddd;padding:.3rem .45rem;text-align:start;\
vertical-align:top}
.rg-report th{background:#f4f4f4}
.rg-report code{font-size:.85em;overflow-wrap:anywhere}
.rg-report .rg-tag{display:inline-block;padding:0 .35rem;border-radius:.2rem;color:#fff;\
font-size:.8rem;font-weight:600}
.rg-report .rg-sev-blocker{background:#b3261e}
.rg-report .rg-sev-major{background:#e8710a}
.rg-report .rg-sev-minor{background:#c99700}
.rg-report .rg-sev-info{background:#5f6368}
.rg-report .rg-v{font-weight:600}
.rg-report .rg-decides{font-size:.8rem;font-weight:600;color:#1f1f1f;border:1px solid #999;\
border-radius:.2rem;padding:0 .3rem}
.rg-report svg{max-width:100%;height:auto}
@media print{.rg-report{max-width:none}.rg-report h2{break-after:avoid}}
"""

_PAGE_CSS = "body{margin:1.5rem;background:#fff}\n"


def _e(value: object) -> str:
    return html.escape(printable(value), quote=True)


def _fill(template: str, **values: str) -> str:
    """A translated ``template``, escaped, with ``values`` (HTML, escaped already) put in."""
    return _e(template).format(**values)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:T[0-9:.]+(?:Z|[+-]\d{2}:\d{2})?)?")


def _isolate_dates(escaped: str) -> str:
    """In a right-to-left page, each ISO date in ``escaped`` (HTML) inside ``<bdi>``, so the
    browser does not reorder its digits and signs among the Arabic words."""
    if text_direction() != "rtl":
        return escaped
    return _DATE.sub(lambda match: f"<bdi>{match.group(0)}</bdi>", escaped)


def _escalate() -> str:
    word = _("escalate:")
    return f'<span class="rg-escalate">{_e(word)}</span> '


def _none(text: str) -> str:
    return f'<p class="rg-none">{_e(text)}</p>'


def _verdict(verdict: Verdict) -> str:
    return f'<span class="rg-v {_VERDICT_CLASS[verdict]}">{_e(verdict_label(verdict))}</span>'


def _severity(severity: Severity) -> str:
    # The class keeps the code (the CSS colours it); the reader sees the word.
    word = _e(severity_label(severity))
    return f'<span class="rg-tag rg-sev-{_e(severity.value)}">{word}</span>'


def _section(section_id: str, title: str, body: list[str]) -> list[str]:
    return [
        f'<section data-section="{_e(section_id)}">',
        f"<h2>{_e(title)}</h2>",
        *body,
        "</section>",
    ]


def _reasons(reasons: Iterable[Reason], deciding: tuple[Reason, ...] = ()) -> list[str]:
    """One item per cause (see :func:`grouped_reasons`); reasons that decide the verdict
    are grouped apart from those that do not, so the mark is exact."""

    def item(group: ReasonGroup) -> str:
        if group.every_code_holds_every_subject:
            codes = ", ".join(f"<strong>{_e(code)}</strong>" for code in group.codes)
            subjects = ", ".join(_e(subject) for subject in group.subjects)
            at = _fill(_("(at {where}, {subjects})"), where=_field(group.path), subjects=subjects)
            at = f"<small>{at}</small>"
        else:  # name which rule holds which subject
            codes = ", ".join(
                f"<strong>{_e(code)}</strong> ({', '.join(_e(s) for s in subjects)})"
                for code, subjects in group.subjects_by_code()
            )
            at = _fill(_("(at {where})"), where=_field(group.path))
            at = f"<small>{at}</small>"
        return (
            f"<li>{codes} {_severity(group.severity)} "
            f"{_e(outcome_label(group.outcome))}: "
            + (_escalate() if group.escalate else "")
            + f"{_e(group.message)} {at}"
            + (
                f' <span class="rg-decides">{_e(decides)}</span>'
                if group.reasons[0] in deciding
                else ""
            )
            + "</li>"
        )

    decides = _("decides the verdict")
    groups = grouped_reasons(reasons, apart=lambda reason: reason in deciding)
    return ["<ul>", *(item(group) for group in groups), "</ul>"]


def _field(path: str) -> str:
    """The field ``path`` points at, in words; the path itself shows on demand (hovered or
    focused), and stands alone when the model does not know it."""
    label = field_label(path)
    if label == path:
        return f"<code>{_e(path)}</code>"
    return f'<span class="rg-field" title="{_e(path)}" tabindex="0">{_e(label)}</span>'


def _trace(report: Report) -> list[str]:
    """One collapsible block per scope (the operation's open): its steps in order, the
    findings of each step, then the parameters the deciding rules read."""
    trace = report.trace
    assert trace is not None  # the caller checks; narrows the type
    out: list[str] = []
    for number, scope in enumerate(trace.scopes):
        out += [
            "<details open>" if number == 0 else "<details>",
            f"<summary>{_e(scope_heading(scope))}</summary>",
            "<ol>",
        ]
        for step in scope.steps:
            out.append(f"<li>{_e(step_text(step))}")
            items = []
            for finding in step.findings:
                head, tail = finding_parts(finding)
                items.append(f"<li>{_e(head)}{_field(finding.path)}{_e(tail)}</li>")
            more = more_line(step)
            if more is not None:
                items.append(f"<li>{_e(more)}</li>")
            out += ["<ul>", *items, "</ul></li>"] if items else ["</li>"]
        out += ["</ol>", "</details>"]
    if trace.parameters:
        out.append("<p>" + _e(_("Parameters the deciding rules read:")) + "</p>")
        out += ["<ul>", *(f"<li>{_e(parameter_line(p))}</li>" for p in trace.parameters), "</ul>"]
    return out


def _next_review(report: Report) -> list[str]:
    headline, worse = next_review_headline(report)
    shown = (
        '<p class="rg-warning"><strong>'
        + _e(_("Warning."))
        + f"</strong> {_isolate_dates(_e(headline))}</p>"
        if worse
        else f"<p>{_isolate_dates(_e(headline))}</p>"
    )
    review = report.next_review
    if review is None:
        return [shown]
    items = [f"<li>{_e(scheduled_note(item))}</li>" for item in review.scheduled]
    listed, left_out = shown_changes(review)
    items += [
        f"<li><strong>{_e(c.code)}</strong> ({_e(c.subject)}, {_field(c.path)}): "
        + _fill(
            _("{before} to {after}"),
            before=_e(change_value(c.before)),
            after=_e(change_value(c.after)),
        )
        + "</li>"
        for c in listed
    ]
    if left_out:
        more = _("and {count} more", count=left_out)
        items.append(f"<li>{_e(more)}</li>")
    return [shown, "<ul>", *items, "</ul>"] if items else [shown]


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    """``rows`` hold already-escaped HTML."""
    return [
        "<table>",
        "<thead><tr>" + "".join(f'<th scope="col">{_e(h)}</th>' for h in header) + "</tr></thead>",
        "<tbody>",
        *("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows),
        "</tbody>",
        "</table>",
    ]


_BAR_X = 80
_BAR_WIDTH = 440
_ROW = 26
_BAR_HEIGHT = 18


def _chart(report: Report) -> str:
    """Stacked horizontal bars, one per rule family, one segment per severity."""
    counts = by_family_and_severity(report.findings)
    rows = len(counts)
    legend_y = rows * _ROW + 16
    height = legend_y + 14 if rows else 40
    width = _BAR_X + _BAR_WIDTH + 50
    title = _e(_("Findings by rule family and severity"))
    # The chart is drawn left to right in every language (its coordinates assume it): its
    # labels are rule families and counts (codes and numbers) and the severities of the
    # legend, short words each drawn from its own start.
    parts = [
        f'<svg role="img" aria-label="{title}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" direction="ltr" '
        'font-family="system-ui,Arial,sans-serif" font-size="12">',
        f"<title>{title}</title>",
    ]
    if not rows:
        none = _("No findings.")
        parts += [f'<text x="0" y="24" fill="#555">{_e(none)}</text>', "</svg>"]
        return "\n".join(parts)
    scale = max(sum(row.values()) for row in counts.values())
    for index, (family, row) in enumerate(counts.items()):
        y = index * _ROW
        total = sum(row.values())
        parts.append(f'<text x="0" y="{y + _BAR_HEIGHT - 4}" fill="#1f1f1f">{_e(family)}</text>')
        cumulative = 0
        for severity in SEVERITIES:
            count = row[severity]
            if not count:
                continue
            start = _BAR_X + cumulative * _BAR_WIDTH // scale
            cumulative += count
            end = _BAR_X + cumulative * _BAR_WIDTH // scale
            parts.append(
                f'<rect x="{start}" y="{y}" width="{max(end - start, 1)}" '
                f'height="{_BAR_HEIGHT}" fill="{_SEVERITY_COLOUR[severity]}">'
                f"<title>{_e(family)} {_e(severity_label(severity))}: {count}</title></rect>"
            )
        parts.append(
            f'<text x="{_BAR_X + _BAR_WIDTH * total // scale + 6}" y="{y + _BAR_HEIGHT - 4}" '
            f'fill="#1f1f1f">{total}</text>'
        )
    x = _BAR_X
    for severity in SEVERITIES:
        parts += [
            f'<rect x="{x}" y="{legend_y - 10}" width="10" height="10" '
            f'fill="{_SEVERITY_COLOUR[severity]}"/>',
            f'<text x="{x + 14}" y="{legend_y}" fill="#1f1f1f">'
            f"{_e(severity_label(severity))}</text>",
        ]
        x += 80
    parts.append("</svg>")
    return "\n".join(parts)


def _banner(report: Report) -> list[str]:
    banner = [
        f'<div class="rg-banner {_VERDICT_CLASS[report.verdict]}">',
        '<p class="rg-meta">'
        + _fill(
            _("Operation {operation}, as of {as_of}"),
            operation=f"<strong>{_e(report.operation)}</strong>",
            as_of=_isolate_dates(_e(report.as_of)),
        )
        + "</p>",
        "<h1>" + _e(_("Verdict: {verdict}", verdict=verdict_label(report.verdict))) + "</h1>",
        f"<p>{_e(verdict_meaning(report.verdict, report.movement_kind))}</p>",
    ]
    banner += [
        f'<p class="rg-cases">{_e(note)}</p>'
        for note in (case_counts(report), cases_bound_note(report))
        if note is not None
    ]
    if report.escalate:
        provisional = report.provisional_verdict
        shown = verdict_label(provisional) if provisional is not None else _("none")
        escalation = _(
            "Escalation required: an issue of concern must go to the joint IOM-UNHCR "
            "escalation path before anything proceeds. Provisional result once resolved: "
            "{verdict}.",
            verdict=shown,
        )
        banner.append(f'<p class="rg-escalate">{_e(escalation)}</p>')
    else:
        banner.append('<p class="rg-meta">' + _e(_("Escalation: not required.")) + "</p>")
    banner.append("</div>")
    return banner


def _areas(report: Report) -> list[str]:
    if not report.area_verdicts:
        return [_none(_("No return areas are recorded."))]
    return _table(
        (_("Area"), _("Verdict"), _("Escalate"), _("Reason codes")),
        [
            (
                _e(a.area),
                _verdict(a.verdict),
                _e(_("yes") if a.escalate else _("no")),
                _e(", ".join(sorted({r.code for r in a.reasons})) or "-"),
            )
            for a in report.area_verdicts
        ],
    )


def _cases(report: Report) -> list[str]:
    if not report.case_verdicts:
        return [_none(_("No households are recorded."))]
    counts = ", ".join(
        f"{verdict_label(v).lower()} {report.summary.cases.get(v.value, 0)}" for v in Verdict
    )
    header = (
        _("Case"),
        _("Household / person"),
        _("Household"),
        _("Area"),
        _("Verdict"),
        _("Reason codes"),
    )
    return [
        "<p>" + _e(_("Persons: {counts}.", counts=counts)) + "</p>",
        *_table(
            header,
            [
                (
                    _e(c.subject),
                    _e(scope_word(c.scope)),
                    _e(c.household),
                    _e(c.area if c.area is not None else "-"),
                    _verdict(c.verdict),
                    _e(", ".join(reason_codes(c)) or "-"),
                )
                for c in report.case_verdicts
            ],
        ),
    ]


def _small(text: str) -> str:
    return f"<br><small>{_e(text)}</small>"


def _message_cell(finding: Finding) -> str:
    observed, expected = observed_of(finding), expected_of(finding)
    return (
        (_escalate() if finding.escalate else "")
        + _e(message_of(finding))
        + (_small(_("observed: {value}", value=observed)) if observed else "")
        + (_small(_("expected: {value}", value=expected)) if expected else "")
    )


def _findings(report: Report) -> list[str]:
    by_severity = ", ".join(
        f"{severity_label(s)} {sum(1 for f in report.findings if f.severity is s)}"
        for s in SEVERITIES
    )
    by_outcome = ", ".join(
        f"{outcome_label(o)} {n}" for o, n in outcome_counts(report.findings).items()
    )
    count = _(
        "{count} finding(s): {by_severity}; {by_outcome}.",
        count=len(report.findings),
        by_severity=by_severity,
        by_outcome=by_outcome,
    )
    findings = [f"<p>{_e(count)}</p>"]
    if report.findings:
        findings += _table(
            (_("Code"), _("Severity"), _("Outcome"), _("Subject"), _("Field"), _("Message")),
            [
                (
                    f"<strong>{_e(f.code)}</strong><br><small>{_e(_(f.title))}</small>",
                    _severity(f.severity),
                    _e(outcome_label(f.outcome)),
                    _e(f.subject),
                    _field(f.path),
                    _message_cell(f),
                )
                for f in report.findings
            ],
        )
    return findings


def _next_steps(report: Report) -> list[str]:
    steps = next_steps(report.findings)
    if not steps:
        return [_none(_("Nothing: no finding needs action."))]
    return [
        "<ul>",
        *(
            f"<li><strong>{_e(s.code)}</strong> {_e(s.title)}"
            + (" " + _e(_("({count} findings)", count=s.count)) if s.count > 1 else "")
            + f": {_e(s.remediation)}</li>"
            for s in steps
        ),
        "</ul>",
    ]


def _checks(report: Report) -> list[str]:
    summary = report.summary
    checks = _(
        "Checks passed: {passed}; not applicable: {not_applicable}; rules run: {rules_run}.",
        passed=summary.checks_passed,
        not_applicable=summary.checks_not_applicable,
        rules_run=summary.rules_run,
    )
    versions = _(
        "repatguard {version}, catalogue {catalogue}, report schema {schema}.",
        version=report.library_version,
        catalogue=report.catalogue_version,
        schema=report.schema_version,
    )
    return [
        f"<p>{_e(checks)} {_e(versions)}</p>",
        f'<p class="rg-meta">{_e(references_note(report))}</p>',
    ]


def _why(report: Report) -> list[str]:
    others = tuple(r for r in report.reasons if r not in report.why_not_promote)
    if others:
        return _reasons(others)
    if report.reasons:
        return [_none(_('Every reason is listed above, marked "decides the verdict".'))]
    return [_none(_("Nothing holds the verdict back: every safeguard checked holds."))]


def _body(report: Report) -> list[str]:
    out = [
        f'<article class="rg-report" data-operation="{_e(report.operation)}" '
        f'data-verdict="{_e(report.verdict.value)}">'
    ]
    out += ['<section data-section="verdict">', *_banner(report), "</section>"]
    # The reasons for the verdict usually also rule out promotion: they are listed once, under
    # "why not promote", marked; "why this verdict" lists only the others.
    out += _section(
        "why-not-promote",
        _("Why not promote"),
        _reasons(report.why_not_promote, report.reasons)
        if report.why_not_promote
        else [_none(_("Nothing rules out promotion."))],
    )
    out += _section("why", _("Why this verdict"), _why(report))
    out += _section("next-review", _("Next review"), _next_review(report))
    out += _section("chart", _("Findings by family and severity"), [_chart(report)])
    out += _section("areas", _("Return areas"), _areas(report))
    out += _section("cases", _("Cases"), _cases(report))
    out += _section("findings", _("Findings"), _findings(report))
    out += _section("next-steps", _("What to do next"), _next_steps(report))
    if report.trace is not None:  # only when asked for (check --trace)
        out += _section("trace", _("Decision trace"), _trace(report))
    out += _section("checks", _("Checks"), _checks(report))
    out.append("</article>")
    return out


def _page(title: str, articles: list[list[str]], generator: str) -> str:
    body: list[str] = []
    for index, article in enumerate(articles):
        if index:
            body.append("<hr>")
        body += article
    lang = current_language()
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(lang)}" dir="{text_direction(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CONTENT_SECURITY_POLICY)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="{_e(generator)}">',
        f"<title>{_e(title)}</title>",
        "<style>",
        _PAGE_CSS + _CSS + "</style>",
        "</head>",
        "<body>",
        *body,
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"


def to_html(report: Report, *, fragment: bool = False, lang: str | None = None) -> str:
    """The report as a full HTML page, or (``fragment=True``) as an element to embed, in
    ``lang`` (by default the current language: see :mod:`repatguard.render.i18n`). The page
    says its language; an Arabic page is right to left (``dir="rtl"``), and so is a fragment
    (its ``<article>`` carries ``lang`` and ``dir`` when the language is not English)."""
    with use_language(lang) as chosen:
        body = _body(report)
        if fragment:
            if chosen != "en":
                body[0] = body[0].replace(
                    "<article ", f'<article lang="{chosen}" dir="{text_direction(chosen)}" ', 1
                )
            return "\n".join([body[0], "<style>", _CSS + "</style>", *body[1:]]) + "\n"
        title = f"repatguard: {report.operation}: {verdict_label(report.verdict)}"
        return _page(title, [body], f"repatguard {report.library_version}")


def reports_to_html(reports: Sequence[Report], *, lang: str | None = None) -> str:
    """Several reports in one page, in the order given, in ``lang``."""
    with use_language(lang):
        if len(reports) == 1:
            return to_html(reports[0])
        version = reports[0].library_version if reports else ""
        title = _("repatguard: {count} operations", count=len(reports))
        return _page(title, [_body(r) for r in reports], f"repatguard {version}".strip())
