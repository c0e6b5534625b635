"""The report: verdicts, reasons, findings and tallies, the same shape whether empty or not."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from repatguard.report.review import NextReview

if TYPE_CHECKING:
    from repatguard.report.diff import ReportDiff
from repatguard.facts.parameters import Parameters
from repatguard.model.vocab import MovementKind
from repatguard.outcomes import Outcome, Scope, Severity, Verdict
from repatguard.policy.policy import Policy
from repatguard.report.finding import RENDERING_ONLY, Finding, RuleTally
from repatguard.report.trace import Trace
from repatguard.rules.message import Text

if TYPE_CHECKING:
    from repatguard.render.records import FindingRecord

__all__ = [
    "REASON_CAP",
    "AreaVerdict",
    "BaselineSummary",
    "CaseVerdict",
    "Reason",
    "References",
    "Report",
    "Summary",
]

SCHEMA_VERSION = "1.0"


@attrs.frozen(kw_only=True)
class Reason:
    """A pointer to a finding that decided a verdict."""

    code: str
    severity: Severity
    outcome: Outcome
    subject: str
    path: str
    message: str
    escalate: bool = False
    wording: Text | None = attrs.field(default=None, eq=False, metadata=RENDERING_ONLY)
    """The finding's message before it was put into English (see :class:`Wording`)."""

    @classmethod
    def of(cls, finding: Finding) -> Reason:
        return cls(
            code=finding.code,
            severity=finding.severity,
            outcome=finding.outcome,
            subject=finding.subject,
            path=finding.path,
            message=finding.message,
            escalate=finding.escalate,
            wording=None if finding.wording is None else finding.wording.message,
        )


@attrs.frozen(kw_only=True)
class AreaVerdict:
    area: str
    verdict: Verdict
    escalate: bool
    reasons: tuple[Reason, ...]


REASON_CAP = 20
"""The most reasons a case verdict lists. A case of a large household can rest on a finding
about every member (each child of a split household, say): listing them all in every member's
verdict would make the report grow with the square of the household. The first ones are
listed, in the order the verdict gives them; the others are counted
(:attr:`CaseVerdict.reasons_total`, :attr:`CaseVerdict.reasons_by_code`) and listed once, as
findings of the report."""


def _count(case: CaseVerdict) -> int:
    return len(case.reasons)


def _codes(case: CaseVerdict) -> dict[str, int]:
    counts: dict[str, int] = {}
    for reason in case.reasons:
        counts[reason.code] = counts.get(reason.code, 0) + 1
    return dict(sorted(counts.items()))


@attrs.frozen(kw_only=True)
class CaseVerdict:
    """The verdict for one household or one person; a blocked case is off the manifest."""

    scope: Scope
    subject: str
    household: str
    area: str | None
    verdict: Verdict
    reasons: tuple[Reason, ...]
    """The first :data:`REASON_CAP` reasons for the verdict (all of them when there are no
    more); ``reasons_total`` says how many there are."""
    provisional: Verdict | None = None
    """With an escalation open for the case: the verdict once it is resolved."""
    reasons_total: int = attrs.field(default=attrs.Factory(_count, takes_self=True))
    """How many findings decided the verdict, listed in ``reasons`` or not. Those not listed
    are among the report's findings (by the codes of ``reasons_by_code``): findings about the
    case's household or its members, its area or the operation."""
    reasons_by_code: dict[str, int] = attrs.field(default=attrs.Factory(_codes, takes_self=True))
    """How many of the reasons each rule gave, listed or not, by code in alphabetical order."""


@attrs.frozen(kw_only=True)
class Summary:
    findings: int
    by_severity: dict[str, int]
    by_outcome: dict[str, int]
    rules_run: int
    checks_passed: int
    checks_not_applicable: int
    cases: dict[str, int]
    """Person verdict counts."""


@attrs.frozen(kw_only=True)
class References:
    """How subject references appear in this report."""

    mode: str
    """``pseudonymous`` or ``revealed``."""
    linkable: bool = True
    """Whether the same reference gives the same pseudonym in other reports (a caller's key)."""
    key_source: str | None = None
    """``argument``, ``environment``, ``project key file`` or ``random``; never the key
    itself."""
    key_id: str | None = None
    """A fingerprint of the key (the same for every report made with it, of no use for
    finding it): a baseline or a diff compares pseudonyms only under the same key."""


@attrs.frozen(kw_only=True)
class BaselineSummary:
    """What a baseline left out of this report."""

    source: str
    left_out: int
    """Findings also present in the baseline, not listed here."""


@attrs.frozen(kw_only=True)
class Report:
    schema_version: str
    library_version: str
    catalogue_version: str
    operation: str
    as_of: str
    verdict: Verdict
    escalate: bool
    """Whether an issue of concern goes to the joint IOM-UNHCR escalation path: set whenever
    an open finding carries the flag, whatever the verdict."""
    provisional_verdict: Verdict | None
    reasons: tuple[Reason, ...]
    """Why the operation verdict is what it is (empty for promote)."""
    why_not_promote: tuple[Reason, ...]
    area_verdicts: tuple[AreaVerdict, ...]
    case_verdicts: tuple[CaseVerdict, ...]
    findings: tuple[Finding, ...]
    summary: Summary
    rule_tallies: tuple[RuleTally, ...]
    parameters: Parameters
    policy: Policy = attrs.field(factory=Policy)
    """The policy the check ran under."""
    policy_digest: str = ""
    """SHA-256 of the policy's canonical JSON form."""
    references: References = attrs.field(factory=lambda: References(mode="revealed"))
    """How subject references are shown: pseudonymous (keyed hash) or revealed."""
    next_review: NextReview | None = None
    """When the result changes by itself next (within two years), and what changes."""
    next_review_computed: bool = False
    """Whether the next review was looked for: without it (``next_review=False``, a streamed
    check), an empty ``next_review`` says nothing about the coming two years."""
    baseline: BaselineSummary | None = None
    """Set when findings already in a baseline report were left out."""
    cases_bound: Verdict | None = None
    """Set when the person verdicts held the headline below what the operation- and
    area-level findings allow: the verdict those findings alone would give. The headline is
    never more permissive than the most permissive person verdict."""
    movement_kind: MovementKind | None = None
    """How the operation's movement is organised: what a verdict asks of agencies depends on
    it (a blocked spontaneous return is not organised or assisted, and is monitored)."""
    trace: Trace | None = None
    """Why each verdict is what it is, step by step (docs/output-formats.md, the decision
    trace): only when asked for (``check(..., trace=True)``, ``check --trace``)."""

    def findings_for(self, code: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.code == code)

    def case(self, subject: str) -> CaseVerdict:
        for case in self.case_verdicts:
            if case.subject == subject:
                return case
        raise KeyError(subject)

    def area(self, area: str) -> AreaVerdict:
        for item in self.area_verdicts:
            if item.area == area:
                return item
        raise KeyError(area)

    def compare(self, other: Report) -> ReportDiff:
        """What changed from ``other`` (the older report) to this one."""
        from repatguard.render.json import report_to_dict  # noqa: PLC0415 - avoids a cycle
        from repatguard.report.diff import diff_reports  # noqa: PLC0415

        return diff_reports(report_to_dict(other), report_to_dict(self))

    def reaches(self, threshold: Severity) -> bool:
        """Whether any finding (failed, undetermined or crashed) is at least ``threshold``."""
        return any(f.severity.at_least(threshold) for f in self.findings)

    # Notebooks and data analysis. The renderers import this module, so they are imported
    # inside the methods, when called.

    def to_records(self) -> list[FindingRecord]:
        """One flat dict per finding, with stable keys (see ``repatguard.render.records``)."""
        from repatguard.render.records import to_records  # noqa: PLC0415 - import cycle

        return to_records(self)

    def to_dataframe(self) -> Any:
        """The findings as a ``pandas.DataFrame``; needs the ``pandas`` extra."""
        from repatguard.render.records import to_dataframe  # noqa: PLC0415 - import cycle

        return to_dataframe(self)

    def _repr_html_(self) -> str:
        from repatguard.render.html import to_html  # noqa: PLC0415 - import cycle

        return to_html(self, fragment=True)

    def _repr_markdown_(self) -> str:
        from repatguard.render.markdown import to_markdown  # noqa: PLC0415 - import cycle

        return to_markdown(self)
