"""The decision trace in words, shared by the text, Markdown and HTML renderers.

The renderers show the steps the engine recorded (:mod:`repatguard.report.trace`); they never
decide anything again. Each line is built from plain parts here and escaped by the renderer
for its format.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from repatguard.render.labels import field_label
from repatguard.render.words import OUTCOME_LABEL, VERDICT_LABEL
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
    "step_line",
    "step_text",
    "trace_lines",
]

STEP_LABEL = {
    Step.HARD_STOP: "hard stop",
    Step.ESCALATION: "escalation",
    Step.PROMOTION_GATE: "promotion gate",
    Step.FACILITATION_GATE: "facilitation gate",
    Step.CASE_HOLD: "the case's own findings",
    Step.DECIDING_MEMBERS: "the members deciding for the household",
    Step.MEMBERS: "the household's returning members",
    Step.NO_MEMBERS: "nobody listed in the household",
    Step.AREAS: "the return areas",
    Step.CASES_BOUND: "the people's verdicts",
}
"""Each step in words (docs/verdicts.md names them)."""

_HOLDS = {
    Step.HARD_STOP: "no blocker failed",
    Step.ESCALATION: "nothing to escalate",
    Step.PROMOTION_GATE: "promotion ruled out",
    Step.CASE_HOLD: "no open finding of major weight or more",
    Step.MEMBERS: "no member returns",
    Step.CASES_BOUND: "no person listed",
}
"""What a step that gives no verdict says (the next step decides)."""

SOURCE_LABEL = {
    ParameterSource.DEFAULT: "default",
    ParameterSource.POLICY: "policy",
    ParameterSource.POLICY_FILE: "policy file",
    ParameterSource.COMMAND_LINE: "command line",
}


@attrs.frozen
class TraceLine:
    """One line of a trace: how deep it sits (0 a scope, 1 a step, 2 a finding) and its
    text, not yet escaped."""

    depth: int
    text: str


def scope_heading(scope: ScopeTrace) -> str:
    """``person ref-…: blocked (decided by: hard stop)``, with the escalation when open."""
    text = (
        f"{scope.scope} {scope.subject}: {VERDICT_LABEL[scope.verdict]} "
        f"(decided by: {STEP_LABEL[scope.decided_by]})"
    )
    if scope.escalate:
        text += "; escalate"
        if scope.provisional is not None:
            text += f", provisional result once resolved: {VERDICT_LABEL[scope.provisional]}"
    return text


def step_text(step: TraceStep) -> str:
    """``escalation: blocked (AREA-N: blocked)``; the cases a step rests on in brackets."""
    given = (
        VERDICT_LABEL[step.verdict]
        if step.verdict is not None
        else _HOLDS.get(step.step, "no verdict")
    )
    text = f"{STEP_LABEL[step.step]}: {given}"
    if step.cases:
        text += " (" + ", ".join(f"{c.subject}: {VERDICT_LABEL[c.verdict]}" for c in step.cases)
        text += ")"
    return text


def step_line(number: int, step: TraceStep) -> str:
    """:func:`step_text` numbered."""
    return f"{number}. {step_text(step)}"


def finding_parts(finding: TraceFinding) -> tuple[str, str]:
    """What comes before the field a finding read, and what comes after it."""
    escalate = " ESCALATE" if finding.escalate else ""
    head = (
        f"{finding.code} {finding.subject} [{finding.severity}, "
        f"{OUTCOME_LABEL[finding.outcome]}]{escalate}: "
    )
    tail = ""
    if finding.observed is not None:
        tail += f"; observed: {finding.observed}"
    if finding.expected is not None:
        tail += f"; expected: {finding.expected}"
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
    return f"and {more} more (among the report's findings)" if more > 0 else None


def parameter_line(parameter: TraceParameter) -> str:
    """``assessment_max_age = P180D (default; read by COND-001, COND-002)``."""
    return (
        f"{parameter.name} = {parameter.value} ({SOURCE_LABEL[parameter.source]}; read by "
        f"{', '.join(parameter.rules)})"
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
