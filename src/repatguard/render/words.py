"""The words the renderers share, so every format explains a verdict the same way."""

from __future__ import annotations

from typing import TYPE_CHECKING

from repatguard.model.vocab import MovementKind
from repatguard.outcomes import Outcome, Verdict

if TYPE_CHECKING:
    from repatguard.report.report import Report

__all__ = [
    "OUTCOME_LABEL",
    "VERDICT_LABEL",
    "VERDICT_MEANING",
    "case_counts",
    "cases_bound_note",
    "next_review_headline",
    "references_note",
    "verdict_meaning",
]

VERDICT_LABEL = {
    Verdict.PROMOTE: "PROMOTE",
    Verdict.FACILITATE_ONLY: "FACILITATE ONLY",
    Verdict.INSUFFICIENT_INFORMATION: "INSUFFICIENT INFORMATION",
    Verdict.BLOCKED: "BLOCKED",
}

VERDICT_MEANING = {
    Verdict.PROMOTE: (
        "The preconditions for promoting return are established: conditions are conducive and "
        "every safeguard checked holds. Each person's own decision still governs."
    ),
    Verdict.FACILITATE_ONLY: (
        "Return cannot be promoted. UNHCR may at most facilitate returns that people decide on "
        "themselves, under the facilitation safeguards."
    ),
    Verdict.INSUFFICIENT_INFORMATION: (
        "Facts that a safeguard depends on are unknown. This is not a clearance: movements must "
        "not proceed on this basis until the missing facts are established."
    ),
    Verdict.BLOCKED: (
        "A safeguard failed on established facts. Movements must not proceed for the scope "
        "concerned."
    ),
}

_SPONTANEOUS_MEANING = {
    Verdict.INSUFFICIENT_INFORMATION: (
        "Facts that a safeguard depends on are unknown. This is not a clearance: for a "
        "spontaneous return, agencies must not organise or assist returns on this basis; they "
        "keep monitoring and informing the people concerned until the facts are established."
    ),
    Verdict.BLOCKED: (
        "A safeguard failed on established facts. For a spontaneous return, agencies must not "
        "organise or assist returns to the scope concerned; they monitor the returns that "
        "people make and inform them of the conditions they would return to."
    ),
}
_MIXED_NOTE = (
    " The movement has spontaneous parts too: returns made spontaneously to the scope "
    "concerned are not assisted, but monitored, and the people are informed."
)
"""What a blocked or undetermined verdict asks of agencies when people return by themselves
(UNHCR Handbook for Emergencies; domain.md: agencies do not promote or assist premature
returns, they monitor and inform)."""


def verdict_meaning(verdict: Verdict, movement_kind: MovementKind | None) -> str:
    """What ``verdict`` means for a movement of ``movement_kind`` (the general meaning when
    the kind is not known)."""
    if movement_kind is MovementKind.SPONTANEOUS and verdict in _SPONTANEOUS_MEANING:
        return _SPONTANEOUS_MEANING[verdict]
    if movement_kind is MovementKind.MIXED and verdict in _SPONTANEOUS_MEANING:
        return VERDICT_MEANING[verdict] + _MIXED_NOTE
    return VERDICT_MEANING[verdict]


OUTCOME_LABEL = {
    Outcome.FAIL: "failed",
    Outcome.INSUFFICIENT_INFORMATION: "unknown",
    Outcome.ERROR: "rule error",
    Outcome.PASS: "passed",
    Outcome.NOT_APPLICABLE: "not applicable",
    Outcome.WAIVED: "waived",
}


def case_counts(report: Report) -> str | None:
    """The person verdicts by value, shown beside the headline (None when nobody is listed)."""
    counts = report.summary.cases
    if not any(counts.values()):
        return None
    total = sum(counts.values())
    parts = ", ".join(f"{VERDICT_LABEL[v].lower()} {counts.get(v.value, 0)}" for v in Verdict)
    return f"Person verdicts ({total}): {parts}."


def cases_bound_note(report: Report) -> str | None:
    """Why the headline is below what the operation-level findings allow, when it is."""
    if report.cases_bound is None:
        return None
    return (
        f"The operation- and area-level findings alone would give "
        f"{VERDICT_LABEL[report.cases_bound].lower()}; the headline is held at "
        f"{VERDICT_LABEL[report.verdict].lower()} because no listed person may proceed further."
    )


def references_note(report: Report) -> str:
    """How subject references appear in the report, for a reader who must tell whether a
    reference can be looked up or linked to other reports."""
    refs = report.references
    if refs.mode == "revealed":
        shown = "input references (revealed on request)"
    elif refs.linkable:
        shown = f"pseudonymous, keyed ({refs.key_source})"
    else:
        shown = "pseudonymous, random key: not linkable to other reports"
    return f"References: {shown}."


def next_review_headline(report: Report) -> tuple[str, bool]:
    """When the result next changes by itself, in words, and whether the verdict then gets
    worse (a warning to show)."""
    review = report.next_review
    if review is None and not report.next_review_computed:
        return (
            "Next review: not computed for this report (a streamed check, or next_review "
            "turned off); it does not say that nothing changes.",
            False,
        )
    if review is None:
        return "Next review: no change due within two years.", False
    count = len(review.changes)
    worse = review.verdict_after.rank < report.verdict.rank
    return (
        f"Next review: {review.due}: the verdict will be "
        f"{VERDICT_LABEL[review.verdict_after]} ({count} finding(s) change).",
        worse,
    )
