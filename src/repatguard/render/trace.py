"""The decision trace in words, shared by the text, Markdown and HTML renderers.

The renderers show the steps the engine recorded (:mod:`repatguard.report.trace`); they never
decide anything again. Each line is built from plain parts here and escaped by the renderer
for its format.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from repatguard.outcomes import Scope
from repatguard.render.i18n import N_, _
from repatguard.render.labels import field_label
from repatguard.render.wording import trace_evidence
from repatguard.render.words import OUTCOME_LABEL, severity_label, verdict_label
from repatguard.report.trace import ParameterSource, Step

if TYPE_CHECKING:
    from repatguard.report.trace import ScopeTrace, TraceFinding, TraceParameter, TraceStep

__all__ = [
    "SOURCE_LABEL",
    "STEP_LABEL",
    "TraceLine",
    "finding_line",
    "finding_parts",
    "more_line",
    "parameter_line",
    "scope_heading",
    "scope_word",
    "step_line",
    "step_text",
    "trace_lines",
]

STEP_LABEL = {
    Step.HARD_STOP: N_("hard stop"),
    Step.ESCALATION: N_("escalation"),
    Step.PROMOTION_GATE: N_("promotion gate"),
    Step.FACILITATION_GATE: N_("facilitation gate"),
    Step.CASE_HOLD: N_("the case's own findings"),
    Step.DECIDING_MEMBERS: N_("the members deciding for the household"),
    Step.MEMBERS: N_("the household's returning members"),
    Step.NO_MEMBERS: N_("nobody listed in the household"),
    Step.AREAS: N_("the return areas"),
    Step.CASES_BOUND: N_("the people's verdicts"),
}
"""Each step in words (docs/verdicts.md names them)."""

_HOLDS = {
    Step.HARD_STOP: N_("no blocker failed"),
    Step.ESCALATION: N_("nothing to escalate"),
    Step.PROMOTION_GATE: N_("promotion ruled out"),
    Step.CASE_HOLD: N_("no open finding of major weight or more"),
    Step.MEMBERS: N_("no member returns"),
    Step.CASES_BOUND: N_("no person listed"),
}
"""What a step that gives no verdict says (the next step decides)."""

_NO_VERDICT = N_("no verdict")

SOURCE_LABEL = {
    ParameterSource.DEFAULT: N_("default"),
    ParameterSource.POLICY: N_("policy"),
    ParameterSource.POLICY_FILE: N_("policy file"),
    ParameterSource.COMMAND_LINE: N_("command line"),
}


_SCOPE_WORD = {
    Scope.OPERATION: N_("operation"),
    Scope.AREA: N_("area"),
    Scope.HOUSEHOLD: N_("household"),
    Scope.PERSON: N_("person"),
}
"""A scope's name in words (its value stays in the data)."""


def scope_word(scope: Scope) -> str:
    """``scope`` in words, in the current language."""
    return _(_SCOPE_WORD.get(scope, str(scope)))


@attrs.frozen
class TraceLine:
    """One line of a trace: how deep it sits (0 a scope, 1 a step, 2 a finding) and its
    text, not yet escaped."""

    depth: int
    text: str


def scope_heading(scope: ScopeTrace) -> str:
    """``person ref-…: blocked (decided by: hard stop)``, with the escalation when open."""
    text = _(
        "{scope} {subject}: {verdict} (decided by: {step})",
        scope=scope_word(scope.scope),
        subject=scope.subject,
        verdict=verdict_label(scope.verdict),
        step=_(STEP_LABEL[scope.decided_by]),
    )
    if scope.escalate:
        text += _("; escalate")
        if scope.provisional is not None:
            text += _(
                ", provisional result once resolved: {verdict}",
                verdict=verdict_label(scope.provisional),
            )
    return text


def step_text(step: TraceStep) -> str:
    """``escalation: blocked (AREA-N: blocked)``; the cases a step rests on in brackets."""
    given = (
        verdict_label(step.verdict)
        if step.verdict is not None
        else _(_HOLDS.get(step.step, _NO_VERDICT))
    )
    text = _("{step}: {given}", step=_(STEP_LABEL[step.step]), given=given)
    if step.cases:
        text += " (" + ", ".join(f"{c.subject}: {verdict_label(c.verdict)}" for c in step.cases)
        text += ")"
    return text


def step_line(number: int, step: TraceStep) -> str:
    """:func:`step_text` numbered."""
    return f"{number}. {step_text(step)}"


def finding_parts(finding: TraceFinding) -> tuple[str, str]:
    """What comes before the field a finding read, and what comes after it."""
    escalate = " " + _("ESCALATE") if finding.escalate else ""
    head = (
        f"{finding.code} {finding.subject} [{severity_label(finding.severity)}, "
        f"{_(OUTCOME_LABEL[finding.outcome])}]{escalate}: "
    )
    tail = ""
    observed, expected = trace_evidence(finding)
    if observed is not None:
        tail += _("; observed: {value}", value=observed)
    if expected is not None:
        tail += _("; expected: {value}", value=expected)
    return head, tail


def finding_line(finding: TraceFinding, *, paths: bool = False) -> str:
    """``PREM-006 OP-1 [blocker, failed]: host measure 1: type; observed ...; expected ...``."""
    label = field_label(finding.path)
    where = f"{label} ({finding.path})" if paths and label != finding.path else label
    head, tail = finding_parts(finding)
    return head + where + tail


def more_line(step: TraceStep) -> str | None:
    """What a step counts beyond the findings it lists, if anything."""
    more = step.findings_total - len(step.findings)
    return _("and {count} more (among the report's findings)", count=more) if more > 0 else None


def parameter_line(parameter: TraceParameter) -> str:
    """``assessment_max_age = P180D (default; read by COND-001, COND-002)``."""
    return _(
        "{name} = {value} ({source}; read by {rules})",
        name=parameter.name,
        value=parameter.value,
        source=_(SOURCE_LABEL[parameter.source]),
        rules=", ".join(parameter.rules),
    )


def trace_lines(scope: ScopeTrace, *, paths: bool = False) -> list[TraceLine]:
    """The trace of one scope as lines: its heading, each step, the findings of each step."""
    lines = [TraceLine(0, scope_heading(scope))]
    for number, step in enumerate(scope.steps, 1):
        lines.append(TraceLine(1, step_line(number, step)))
        lines += [TraceLine(2, finding_line(f, paths=paths)) for f in step.findings]
        more = more_line(step)
        if more is not None:
            lines.append(TraceLine(2, more))
    return lines
