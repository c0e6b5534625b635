"""What several renderers compute the same way: cases held back, next steps, counts, families.

Nothing here formats text for one output; every renderer escapes what it takes from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from repatguard.outcomes import Outcome, Severity, Verdict
from repatguard.render.i18n import _
from repatguard.render.wording import reason_message
from repatguard.render.words import OUTCOME_LABEL
from repatguard.report.finding import Finding
from repatguard.rules.registry import FAMILIES

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    # Types only: the report may render itself (Report._repr_html_ and the like), so
    # nothing here imports the report module when it runs.
    from repatguard.report.report import CaseVerdict, Reason, Report

__all__ = [
    "FINDING_OUTCOMES",
    "SEVERITIES",
    "NextStep",
    "ReasonGroup",
    "by_family_and_severity",
    "grouped_reasons",
    "held_back",
    "next_steps",
    "outcome_counts",
    "outcome_label",
    "reason_codes",
]

SEVERITIES: tuple[Severity, ...] = tuple(sorted(Severity, key=lambda s: -s.rank))
"""Most serious first: blocker, major, minor, info."""

FINDING_OUTCOMES: tuple[Outcome, ...] = tuple(
    o for o in Outcome if o not in (Outcome.PASS, Outcome.NOT_APPLICABLE)
)
"""The outcomes a finding can carry (passes and non-applicable checks are only tallied); a new
outcome value shows up in every renderer without changing them."""


def outcome_label(outcome: Outcome) -> str:
    """The shared label of ``outcome`` in the current language, or its value for an outcome
    the words do not know yet."""
    known = OUTCOME_LABEL.get(outcome)
    return _(known) if known is not None else str(outcome.value).replace("_", " ")


def outcome_counts(findings: tuple[Finding, ...]) -> dict[Outcome, int]:
    """Findings per outcome, every finding outcome present (zero included), in a fixed order."""
    counts = dict.fromkeys(FINDING_OUTCOMES, 0)
    for finding in findings:
        counts[finding.outcome] = counts.get(finding.outcome, 0) + 1
    return counts


def held_back(report: Report) -> tuple[CaseVerdict, ...]:
    """Cases (households and persons) worse off than the operation, or that cannot move.

    The same test as the text renderer: a case whose verdict is less permissive than the
    operation's, or that is ``insufficient_information`` or ``blocked``.
    """
    return tuple(
        case
        for case in report.case_verdicts
        if case.verdict.rank < report.verdict.rank
        or case.verdict.rank <= Verdict.INSUFFICIENT_INFORMATION.rank
    )


def reason_codes(case: CaseVerdict) -> tuple[str, ...]:
    # Every code the verdict rests on, also those of reasons beyond the listed cap.
    return tuple(sorted({*case.reasons_by_code, *(reason.code for reason in case.reasons)}))


@attrs.frozen(kw_only=True)
class NextStep:
    code: str
    title: str
    count: int
    remediation: str


def next_steps(findings: tuple[Finding, ...]) -> tuple[NextStep, ...]:
    """One step per rule, in the order of the findings (most serious first)."""
    counts: dict[str, int] = {}
    first: dict[str, Finding] = {}
    for finding in findings:
        counts[finding.code] = counts.get(finding.code, 0) + 1
        first.setdefault(finding.code, finding)
    return tuple(
        NextStep(
            code=code,
            title=_(finding.title),
            count=counts[code],
            remediation=_(finding.remediation),
        )
        for code, finding in first.items()
    )


def by_family_and_severity(findings: tuple[Finding, ...]) -> dict[str, dict[Severity, int]]:
    """Findings per rule family (catalogue order, unknown families after it) and severity."""
    counts: dict[str, dict[Severity, int]] = {}
    for finding in findings:
        row = counts.setdefault(finding.family, dict.fromkeys(SEVERITIES, 0))
        row[finding.severity] += 1
    order = list(FAMILIES)
    return dict(
        sorted(
            counts.items(),
            key=lambda item: (order.index(item[0]) if item[0] in order else len(order), item[0]),
        )
    )


@attrs.frozen(kw_only=True)
class ReasonGroup:
    """Reasons that share one cause: the same message about the same field, at the same
    weight and outcome (for instance every pressure rule held by one outdated pressure
    review). Listed once, naming every rule and subject it holds."""

    severity: Severity
    outcome: Outcome
    escalate: bool
    path: str
    message: str
    codes: tuple[str, ...]
    """The rules, in the order the reasons first name them."""
    subjects: tuple[str, ...]
    """The subjects (operation, areas, cases), in the same order."""
    reasons: tuple[Reason, ...]

    @property
    def every_code_holds_every_subject(self) -> bool:
        """Whether each rule holds each subject, so that the rules and the subjects can be
        named as two lists; otherwise :meth:`subjects_by_code` says which holds which."""
        pairs = {(r.code, r.subject) for r in self.reasons}
        return len(pairs) == len(self.codes) * len(self.subjects)

    def subjects_by_code(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Each rule with the subjects it holds, in order."""
        found: dict[str, dict[str, None]] = {}
        for reason in self.reasons:
            found.setdefault(reason.code, {})[reason.subject] = None
        return tuple((code, tuple(subjects)) for code, subjects in found.items())


def grouped_reasons(
    reasons: Iterable[Reason], apart: Callable[[Reason], object] | None = None
) -> list[ReasonGroup]:
    """``reasons`` grouped by cause, in the order of each group's first reason. Reasons that
    ``apart`` tells apart (a renderer's own mark) are never grouped together."""
    groups: dict[tuple[object, ...], list[Reason]] = {}
    for reason in reasons:
        key = (
            reason.severity,
            reason.outcome,
            reason.escalate,
            reason.path,
            reason.message,
            apart(reason) if apart is not None else None,
        )
        groups.setdefault(key, []).append(reason)
    return [
        ReasonGroup(
            severity=members[0].severity,
            outcome=members[0].outcome,
            escalate=members[0].escalate,
            path=members[0].path,
            message=reason_message(members[0]),
            codes=tuple(dict.fromkeys(r.code for r in members)),
            subjects=tuple(dict.fromkeys(r.subject for r in members)),
            reasons=tuple(members),
        )
        for members in groups.values()
    ]
