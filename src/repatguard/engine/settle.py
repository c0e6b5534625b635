"""The policy and waiver step of a check, written once for every way of running one.

Rules report what they find at their own severity; a check then settles those findings under
its policy: the severity overrides first (an override replaces a rule's default, never a
weight the rule raised for a stated reason), then the waivers. The in-memory check, the
case pass of a streamed check (in any process) and its operation pass all go through
:class:`Settlement`, so a policy or waiver change is made here and nowhere else.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable

import attrs
import pendulum

from repatguard.engine.waivers import WaiverOutcome, apply_waivers
from repatguard.model import Operation, Waiver
from repatguard.outcomes import Outcome, Scope, Severity
from repatguard.policy.policy import Policy, overridden_severity
from repatguard.report.finding import Finding, Wording
from repatguard.rules.message import N_, Message, msg
from repatguard.rules.registry import Registry, builtin_registry

__all__ = [
    "ESCALATING_RULES",
    "REQUIRED_RULES",
    "Settlement",
    "located_waivers",
    "not_run_findings",
    "with_severity_overrides",
]


@attrs.frozen(kw_only=True)
class Settlement:
    """How one check settles its findings: its policy, rules and waivers."""

    policy: Policy
    rules: Registry
    """The rules that run."""
    catalogue: Registry
    """Every rule the check could have run (waivers and left-out rules are judged by it)."""
    waivers: tuple[tuple[str, Waiver], ...]
    """Each waiver with where it comes from (see :func:`located_waivers`)."""
    operation: str
    """The operation's reference (the subject of meta-findings)."""

    def settle(
        self,
        findings: Iterable[Finding],
        instant: pendulum.DateTime,
        *,
        matched_elsewhere: Collection[int] = (),
    ) -> WaiverOutcome:
        """``findings`` with the severity overrides and then the waivers applied, the
        meta-findings about the waivers, and which waivers matched.

        ``matched_elsewhere`` are the positions of waivers that matched findings settled in
        another part of the same check (the cases of a streamed check): they are not reported
        as matching nothing.
        """
        overridden = with_severity_overrides(findings, self.policy)
        return apply_waivers(
            overridden,
            self.waivers,
            as_of=instant,
            policy=self.policy,
            registry=self.catalogue,
            operation=self.operation,
            matched_elsewhere=matched_elsewhere,
        )

    def report_findings(
        self, settled: WaiverOutcome, extra: Iterable[Finding] = ()
    ) -> tuple[Finding, ...]:
        """The settled findings with the waiver meta-findings, a finding for each safeguard
        the check left out, and ``extra``, in report order.

        Left-out safeguards come after overrides and waivers on purpose: a safeguard left
        unchecked is not a finding a policy may reweigh or a waiver may settle (one waiver on
        the operation would otherwise stand in for every subject of the rule).
        """
        findings = [
            *settled.findings,
            *settled.meta,
            *not_run_findings(self.rules, self.operation, self.catalogue),
            *extra,
        ]
        return tuple(sorted(findings, key=Finding.sort_key))


def located_waivers(
    operation: Operation, register: Iterable[Waiver]
) -> tuple[tuple[str, Waiver], ...]:
    """The waivers attached to the operation, then those of a register, each with where it
    comes from (the path a waiver finding points at)."""
    attached = [(f"$.waivers[{i}]", w) for i, w in enumerate(operation.waivers)]
    registered = [(f"register:$.waivers[{i}]", w) for i, w in enumerate(register)]
    return tuple(attached + registered)


def with_severity_overrides(findings: Iterable[Finding], policy: Policy) -> list[Finding]:
    """``findings`` with the policy's severity overrides applied (see
    :func:`~repatguard.policy.policy.overridden_severity`: an override replaces a rule's
    default, never a weight the rule raised for a stated reason)."""
    overrides = policy.severity
    if not overrides:
        return list(findings)
    changed: list[Finding] = []
    for finding in findings:
        override = overrides.get(finding.code)
        severity = (
            finding.severity
            if override is None
            else overridden_severity(finding.severity, finding.default_severity, override)
        )
        changed.append(
            finding if severity is finding.severity else attrs.evolve(finding, severity=severity)
        )
    return changed


REQUIRED_RULES = (
    "LEAD-001",
    "VOL-001",
    "VOL-003",
    "VOL-005",
    "VOL-006",
    "VOL-009",
    "VOL-015",
    "COND-001",
    "COND-002",
    "COND-003",
    "COND-007",
    "COND-008",
    "PREM-001",
    "PREM-002",
    "PREM-006",
)
"""Rules whose safeguards no verdict better than ``insufficient_information`` can do without.

A registry that leaves one out (a narrowed selection, a custom catalogue) cannot clear
anything: each missing rule becomes an insufficient-information finding at blocker weight."""


ESCALATING_RULES = frozenset({"LEAD-001", "LEAD-007", "LEAD-008", "PREM-011"})


@functools.cache
def _BUILTIN_NON_WAIVABLE() -> frozenset[str]:  # noqa: N802 - reads as the constant it is
    """The built-in rules no policy may silence (a custom registry may leave them out, but
    then their safeguards are unknown)."""
    return frozenset(rule.code for rule in builtin_registry() if not rule.meta.waivable)


"""Built-in rules that can send a finding to the joint escalation path. A check that leaves
one of them out cannot know that nothing needed escalating (a test keeps this list in step
with the rule sources)."""


def not_run_findings(
    rules: Registry, operation: str, catalogue: Registry | None = None
) -> list[Finding]:
    """Insufficient-information findings for the safeguards a check left out.

    A required rule (:data:`REQUIRED_RULES`) that did not run, and any rule of ``catalogue``
    of major weight or more or read by the facilitation gate that the policy left out
    (``select`` or ``ignore``), weighs as the worst it could have found: a blocker, escalating
    where the rule can escalate. Leaving a rule out never buys a kinder verdict; only minor
    and info rules outside the gates can be left out quietly.
    """
    required = {*REQUIRED_RULES, *ESCALATING_RULES}
    if catalogue is not None:
        # Built-in safeguards that no policy may silence stay required whatever registry a
        # check runs with.
        required |= {rule.code for rule in catalogue if not rule.meta.waivable}
    required |= _BUILTIN_NON_WAIVABLE()
    missing = {code for code in required if code not in rules}
    if catalogue is not None:
        missing |= {
            rule.code
            for rule in catalogue
            if rule.code not in rules
            and (rule.meta.severity.at_least(Severity.MAJOR) or rule.meta.facilitation_gate)
        }
    return [_not_run(code, operation) for code in sorted(missing)]


def _not_run(code: str, operation: str) -> Finding:
    message: Message = msg(
        "rule {code} was not part of this check, so its safeguard is unknown", code=code
    )
    return Finding(
        code=code,
        title=N_("Required safeguard not checked"),
        severity=Severity.BLOCKER,
        default_severity=Severity.BLOCKER,
        outcome=Outcome.INSUFFICIENT_INFORMATION,
        scope=Scope.OPERATION,
        subject=operation,
        path="$",
        message=str(message),
        # The rule's code is the finding's own; the remediation does not repeat it, so that
        # it is looked up whole in the catalogues like every other remediation.
        remediation=N_("Run the check with a catalogue that includes this rule."),
        escalate=code in ESCALATING_RULES,
        wording=Wording.of(message, None, None),
    )
