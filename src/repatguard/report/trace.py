"""The decision trace: why each verdict is what it is, step by step.

A trace is built only when asked for (``check(..., trace=True)``, ``check --trace``). For every
scope (the operation, each return area, each household and person who moves) it lists the
steps of docs/verdicts.md in the order they are taken, the findings each step read, and the
verdict each step gave. The engine records the steps where it takes them
(``engine.verdict``, ``engine.cases``, ``engine.headline``); renderers only show them.

The scope's verdict is always the least permissive verdict its steps gave, and the step that
decided it is the first one to give that verdict (:attr:`ScopeTrace.decided_by`). Facts are
what the findings hold (path and evidence), never values read again from the input, so a trace
shows nothing a finding does not. References are pseudonymised like the rest of the report.
"""

from __future__ import annotations

from enum import StrEnum

import attrs

from repatguard.outcomes import Outcome, Scope, Severity, Verdict
from repatguard.report.finding import RENDERING_ONLY, Wording

__all__ = [
    "TRACE_FINDING_CAP",
    "ParameterSource",
    "ScopeTrace",
    "Step",
    "Trace",
    "TraceCase",
    "TraceFinding",
    "TraceParameter",
    "TraceStep",
]

TRACE_FINDING_CAP = 20
"""The most findings one step lists; the others are counted (:attr:`TraceStep.findings_total`)
and listed among the report's findings. Keeps the trace of a large household small."""


class Step(StrEnum):
    """The steps of docs/verdicts.md, in the order a scope takes them."""

    HARD_STOP = "hard_stop"
    """Any blocker that failed: ``blocked``."""
    ESCALATION = "escalation"
    """A finding for the joint escalation path: ``blocked`` when established, else at best
    ``insufficient_information``."""
    PROMOTION_GATE = "promotion_gate"
    """No open finding of major weight or more and no crashed rule: ``promote``."""
    FACILITATION_GATE = "facilitation_gate"
    """Promotion is ruled out; the facilitation conditions decide."""
    CASE_HOLD = "case_hold"
    """A case's own open findings of major weight or more hold it."""
    DECIDING_MEMBERS = "deciding_members"
    """A dependent child goes no further than the members deciding for the household."""
    MEMBERS = "members"
    """A household is no better than its least permissive returning member."""
    NO_MEMBERS = "no_members"
    """A household with nobody listed: nobody's decision is on record."""
    AREAS = "areas"
    """The operation is the least permissive of its return areas."""
    CASES_BOUND = "cases_bound"
    """The operation is no more permissive than its most permissive person."""


class ParameterSource(StrEnum):
    """Where the value of a rule parameter was set."""

    DEFAULT = "default"
    """The built-in default of the parameter."""
    POLICY = "policy"
    """A policy given in Python, with a value other than the default."""
    POLICY_FILE = "policy_file"
    """The policy file (``--policy FILE`` or ``./repatguard.toml``)."""
    COMMAND_LINE = "command_line"
    """A ``--param NAME=VALUE`` flag."""


@attrs.frozen(kw_only=True)
class TraceFinding:
    """A finding one step read: which rule, about whom, where, and the fact it read."""

    code: str
    subject: str
    path: str
    """Where the fact is in the input (renderers name the field in words)."""
    outcome: Outcome
    severity: Severity
    escalate: bool = False
    observed: str | None = None
    """The value as the rule observed it (a date where the rule quotes one)."""
    expected: str | None = None
    wording: Wording | None = attrs.field(default=None, eq=False, metadata=RENDERING_ONLY)
    """The finding's wording, for rendering ``observed`` and ``expected`` in another
    language."""


@attrs.frozen(kw_only=True)
class TraceCase:
    """Another scope a step rests on: an area of the operation, a member of a household."""

    scope: Scope
    subject: str
    verdict: Verdict


@attrs.frozen(kw_only=True)
class TraceStep:
    """One step taken for a scope."""

    step: Step
    verdict: Verdict | None
    """The verdict this step gives the scope; ``None`` when it gives none (the step holds
    and the next one decides)."""
    findings: tuple[TraceFinding, ...] = ()
    """The findings that decided the step (the first :data:`TRACE_FINDING_CAP`)."""
    findings_total: int = 0
    cases: tuple[TraceCase, ...] = ()
    """The scopes this step rests on (areas for the operation, members for a household)."""


@attrs.frozen(kw_only=True)
class ScopeTrace:
    """The steps of one scope, in order."""

    scope: Scope
    subject: str
    verdict: Verdict
    decided_by: Step
    """The first step that gave :attr:`verdict`."""
    steps: tuple[TraceStep, ...]
    escalate: bool = False
    provisional: Verdict | None = None
    """With an escalation: the verdict once it is resolved (as the report gives it; a
    household's case verdict carries none)."""
    household: str | None = None
    """For a case: the household it belongs to."""


@attrs.frozen(kw_only=True)
class TraceParameter:
    """A rule parameter that a deciding finding's rule reads, and where its value was set."""

    name: str
    value: str
    source: ParameterSource
    rules: tuple[str, ...]
    """The rules of the trace's findings that read it."""


@attrs.frozen(kw_only=True)
class Trace:
    """Why every verdict of the report is what it is: the operation first, then the areas,
    then the cases in report order; the parameters the deciding rules read, by name."""

    scopes: tuple[ScopeTrace, ...]
    parameters: tuple[TraceParameter, ...] = ()

    def of(self, subject: str) -> ScopeTrace:
        """The trace of ``subject`` (a reference as the report shows it)."""
        for scope in self.scopes:
            if scope.subject == subject:
                return scope
        raise KeyError(subject)
