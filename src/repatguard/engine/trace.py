"""The decision trace from the steps the engine recorded (see :mod:`repatguard.report.trace`).

Nothing here decides: the verdict functions record each step as they take it
(``record=True``), and this module turns the recorded steps into the report's trace, names
the step that decided each verdict and gathers the parameters the deciding rules read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from repatguard.facts.parameters import PARAMETER_SPECS, Parameters
from repatguard.outcomes import Scope, Verdict
from repatguard.report.finding import Finding
from repatguard.report.trace import (
    TRACE_FINDING_CAP,
    ParameterSource,
    ScopeTrace,
    Trace,
    TraceFinding,
    TraceParameter,
    TraceStep,
)
from repatguard.rules.registry import Registry

if TYPE_CHECKING:
    from repatguard.engine.verdict import StepTaken

__all__ = ["TraceError", "build_trace", "scope_trace"]


class TraceError(RuntimeError):
    """The recorded steps do not give the verdict the engine decided: a bug, never shown as
    a trace that would explain a verdict it did not give."""


def _finding(finding: Finding) -> TraceFinding:
    return TraceFinding(
        code=finding.code,
        subject=finding.subject,
        path=finding.path,
        outcome=finding.outcome,
        severity=finding.severity,
        escalate=finding.escalate,
        observed=finding.evidence.observed,
        expected=finding.evidence.expected,
        wording=finding.wording,
    )


def _step(taken: StepTaken) -> TraceStep:
    # Findings of one step, each once, in report order; the first few listed, all counted.
    unique = {(f.code, f.subject, f.path): f for f in taken.findings}
    ordered = sorted(unique.values(), key=Finding.sort_key)
    return TraceStep(
        step=taken.step,
        verdict=taken.verdict,
        findings=tuple(_finding(f) for f in ordered[:TRACE_FINDING_CAP]),
        findings_total=len(ordered),
        cases=taken.cases,
    )


def scope_trace(
    scope: Scope,
    subject: str,
    verdict: Verdict,
    steps: Sequence[StepTaken],
    *,
    escalate: bool = False,
    provisional: Verdict | None = None,
    household: str | None = None,
) -> ScopeTrace:
    """The trace of one scope whose ``verdict`` was decided in ``steps``.

    Raises :class:`TraceError` when the steps do not give ``verdict`` (the least permissive
    verdict a step gives).
    """
    given = [s.verdict for s in steps if s.verdict is not None]
    if not given or Verdict.worst(given) is not verdict:
        raise TraceError(f"the recorded steps of a {scope} do not give its verdict {verdict}")
    decided_by = next(s.step for s in steps if s.verdict is verdict)
    return ScopeTrace(
        scope=scope,
        subject=subject,
        verdict=verdict,
        decided_by=decided_by,
        steps=tuple(_step(s) for s in steps),
        escalate=escalate,
        provisional=provisional,
        household=household,
    )


def build_trace(
    scopes: Iterable[ScopeTrace],
    *,
    parameters: Parameters,
    catalogue: Registry,
    sources: Mapping[str, ParameterSource] | None = None,
    codes_elsewhere: Iterable[str] = (),
) -> Trace:
    """The report's trace: ``scopes`` in the order given, and the parameters read by the
    rules of their findings, by name, each with its value and where it was set.

    ``codes_elsewhere`` are the codes of findings listed in traces kept outside the report
    (the case verdict lines of a streamed check): their rules' parameters are named too.

    ``sources`` says where each parameter was set (the command line knows); a parameter it
    does not name is ``default`` when it has its default value, else ``policy``.
    """
    listed = tuple(scopes)
    found = {f.code for s in listed for step in s.steps for f in step.findings}
    codes = sorted(found.union(codes_elsewhere))
    readers: dict[str, list[str]] = {}
    for code in codes:
        if code in catalogue:
            for name in catalogue.get(code).meta.parameters:
                readers.setdefault(name, []).append(code)
    given = sources or {}
    values = attrs.asdict(parameters)
    used = tuple(
        TraceParameter(
            name=name,
            value=str(values[name]),
            source=given.get(name, _source(name, values[name])),
            rules=tuple(readers[name]),
        )
        for name in sorted(readers)
    )
    return Trace(scopes=listed, parameters=used)


def _source(name: str, value: object) -> ParameterSource:
    spec = PARAMETER_SPECS.get(name)
    if spec is not None and spec.default == value:
        return ParameterSource.DEFAULT
    return ParameterSource.POLICY
