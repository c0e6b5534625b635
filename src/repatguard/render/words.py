"""The words the renderers share, so every format explains a verdict the same way."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from repatguard.model.vocab import MovementKind
from repatguard.outcomes import Outcome, Severity, Verdict
from repatguard.render.i18n import N_, _

if TYPE_CHECKING:
    from repatguard.report.report import Report
    from repatguard.report.review import NextReview, ReviewChange

__all__ = [
    "OUTCOME_LABEL",
    "SEVERITY_LABEL",
    "VERDICT_LABEL",
    "VERDICT_MEANING",
    "case_counts",
    "cases_bound_note",
    "change_value",
    "code_word",
    "next_review_headline",
    "references_note",
    "scheduled_note",
    "severity_label",
    "shown_changes",
    "verdict_label",
    "verdict_meaning",
]

VERDICT_LABEL = {
    Verdict.PROMOTE: N_("PROMOTE"),
    Verdict.FACILITATE_ONLY: N_("FACILITATE ONLY"),
    Verdict.INSUFFICIENT_INFORMATION: N_("INSUFFICIENT INFORMATION"),
    Verdict.BLOCKED: N_("BLOCKED"),
}
"""The verdicts in English (JUnit and the data keep these); :func:`verdict_label` translates."""


def verdict_label(verdict: Verdict) -> str:
    """``verdict`` in words, in the current language."""
    return _(VERDICT_LABEL[verdict])


VERDICT_MEANING = {
    Verdict.PROMOTE: N_(
        "The preconditions for promoting return are established: conditions are conducive and "
        "every safeguard checked holds. Each person's own decision still governs."
    ),
    Verdict.FACILITATE_ONLY: N_(
        "Return cannot be promoted. UNHCR may at most facilitate returns that people decide on "
        "themselves, under the facilitation safeguards."
    ),
    Verdict.INSUFFICIENT_INFORMATION: N_(
        "Facts that a safeguard depends on are unknown. This is not a clearance: movements must "
        "not proceed on this basis until the missing facts are established."
    ),
    Verdict.BLOCKED: N_(
        "A safeguard failed on established facts. Movements must not proceed for the scope "
        "concerned."
    ),
}

_SPONTANEOUS_MEANING = {
    Verdict.INSUFFICIENT_INFORMATION: N_(
        "Facts that a safeguard depends on are unknown. This is not a clearance: for a "
        "spontaneous return, agencies must not organise or assist returns on this basis; they "
        "keep monitoring and informing the people concerned until the facts are established."
    ),
    Verdict.BLOCKED: N_(
        "A safeguard failed on established facts. For a spontaneous return, agencies must not "
        "organise or assist returns to the scope concerned; they monitor the returns that "
        "people make and inform them of the conditions they would return to."
    ),
}
_MIXED_NOTE = N_(
    "The movement has spontaneous parts too: returns made spontaneously to the scope "
    "concerned are not assisted, but monitored, and the people are informed."
)
"""What a blocked or undetermined verdict asks of agencies when people return by themselves
(UNHCR Handbook for Emergencies; domain.md: agencies do not promote or assist premature
returns, they monitor and inform)."""


def verdict_meaning(verdict: Verdict, movement_kind: MovementKind | None) -> str:
    """What ``verdict`` means for a movement of ``movement_kind`` (the general meaning when
    the kind is not known)."""
    if movement_kind is MovementKind.SPONTANEOUS and verdict in _SPONTANEOUS_MEANING:
        return _(_SPONTANEOUS_MEANING[verdict])
    if movement_kind is MovementKind.MIXED and verdict in _SPONTANEOUS_MEANING:
        return _(VERDICT_MEANING[verdict]) + " " + _(_MIXED_NOTE)
    return _(VERDICT_MEANING[verdict])


OUTCOME_LABEL = {
    Outcome.FAIL: N_("failed"),
    Outcome.INSUFFICIENT_INFORMATION: N_("unknown"),
    Outcome.ERROR: N_("rule error"),
    Outcome.PASS: N_("passed"),
    Outcome.NOT_APPLICABLE: N_("not applicable"),
    Outcome.WAIVED: N_("waived"),
}
"""In English; renderers show ``_(OUTCOME_LABEL[outcome])``."""


SEVERITY_LABEL = {
    # Translators: a finding's weight, shown as "[blocker, failed]" and in the chart legend.
    Severity.BLOCKER: N_("blocker"),
    # Translators: a finding's weight (rules out promotion).
    Severity.MAJOR: N_("major"),
    # Translators: a finding's weight (recorded, does not change the verdict alone).
    Severity.MINOR: N_("minor"),
    # Translators: a finding's weight (context for reviewers).
    Severity.INFO: N_("info"),
}
"""The severities in English, as the data spells them; :func:`severity_label` translates."""


def severity_label(severity: Severity | str) -> str:
    """``severity`` in words, in the current language; a value that is not a severity (a
    rule pack's data read back) is shown as it is."""
    try:
        return _(SEVERITY_LABEL[Severity(severity)])
    except ValueError:
        return str(severity)


_CODE_WORD = {
    # Translators: a finding that is not there, in the list of what changes at the next review.
    "absent": N_("absent"),
    # Translators: the outcome code "pass" in the next-review changes ("pass/major").
    Outcome.PASS.value: N_("pass"),
    # Translators: the outcome code "fail" in the next-review changes ("fail/major").
    Outcome.FAIL.value: N_("fail"),
    # Translators: the outcome code of an unknown fact ("insufficient_information/blocker").
    Outcome.INSUFFICIENT_INFORMATION.value: N_("insufficient_information"),
    # Translators: the outcome code "not_applicable" in the next-review changes.
    Outcome.NOT_APPLICABLE.value: N_("not_applicable"),
    # Translators: the outcome code of a rule that raised ("error/blocker").
    Outcome.ERROR.value: N_("error"),
    Outcome.WAIVED.value: N_("waived"),
    # Translators: the verdict code "promote", in a count of verdicts ("promote 3").
    Verdict.PROMOTE.value: N_("promote"),
    # Translators: the verdict code "facilitate_only", in a count of verdicts.
    Verdict.FACILITATE_ONLY.value: N_("facilitate_only"),
    # Translators: the verdict code "blocked", in a count of verdicts ("blocked 2").
    Verdict.BLOCKED.value: N_("blocked"),
}
"""Codes of the data that a report shows as they are spelt in English (``absent ->
insufficient_information/blocker``): the English page keeps the code, a translation puts it in
words."""


def code_word(code: str) -> str:
    """An outcome or verdict code (or ``absent``) in the current language; any other text is
    shown as it is."""
    return _(_CODE_WORD[code]) if code in _CODE_WORD else code


def change_value(value: str) -> str:
    """A next-review change value, ``outcome/severity`` or ``absent``, in the current
    language (``absent``, ``insufficient_information/blocker`` in English)."""
    outcome, slash, severity = value.partition("/")
    if not slash:
        return code_word(value)
    return f"{code_word(outcome)}/{severity_label(severity)}"


SHOWN_CHANGES = 10
"""How many of the next review's changes the reports list; the rest are counted."""


def _gravity(change: ReviewChange) -> tuple[int, int]:
    # The heavier side of the change first (a blocker that appears or goes before a minor);
    # then, of equal weight, a change that gets worse before one that gets better.
    before, after = (
        _RANK_OF.get(value.partition("/")[2], -1) for value in (change.before, change.after)
    )
    return max(before, after), after


_RANK_OF = {severity.value: severity.rank for severity in Severity}


def shown_changes(review: NextReview) -> tuple[list[ReviewChange], int]:
    """The changes of the next review the reports list, heaviest first (by the severity
    before or after; of equal weight, those that get worse first; then as in the data: code,
    subject, path), and how many are left out.
    The data (JSON) keeps every change in code order; only the list a reader sees puts the
    blockers first, so that minor changes never hide them behind "and N more"."""
    ordered = sorted(review.changes, key=_gravity, reverse=True)
    return ordered[:SHOWN_CHANGES], max(0, len(ordered) - SHOWN_CHANGES)


_SCHEDULED_POSITION = re.compile(
    r"^UNHCR position (?P<reference>.*) \((?P<path>\$\.positions\[[0-9]+\])\) is due for review$",
    re.DOTALL,
)
_SCHEDULED_MONTH = re.compile(
    r"^a change that depends on a date of birth falls in (?P<month>[0-9]{4}-[0-9]{2}); the day "
    r"is withheld$"
)


def scheduled_note(note: str) -> str:
    """A note of the next review (a review the input schedules, or a due date moved to the
    start of its month) in the current language. The engine writes these two notes in
    English; one of another shape is shown as it is."""
    position = _SCHEDULED_POSITION.match(note)
    if position is not None:
        return _(
            "UNHCR position {reference} ({path}) is due for review",
            reference=position["reference"],
            path=position["path"],
        )
    month = _SCHEDULED_MONTH.match(note)
    if month is not None:
        return _(
            "a change that depends on a date of birth falls in {month}; the day is withheld",
            month=month["month"],
        )
    return note


def case_counts(report: Report) -> str | None:
    """The person verdicts by value, shown beside the headline (None when nobody is listed)."""
    counts = report.summary.cases
    if not any(counts.values()):
        return None
    total = sum(counts.values())
    parts = ", ".join(f"{verdict_label(v).lower()} {counts.get(v.value, 0)}" for v in Verdict)
    return _("Person verdicts ({total}): {counts}.", total=total, counts=parts)


def cases_bound_note(report: Report) -> str | None:
    """Why the headline is below what the operation-level findings allow, when it is."""
    if report.cases_bound is None:
        return None
    return _(
        "The operation- and area-level findings alone would give {bound}; the headline is "
        "held at {verdict} because no listed person may proceed further.",
        bound=verdict_label(report.cases_bound).lower(),
        verdict=verdict_label(report.verdict).lower(),
    )


def references_note(report: Report) -> str:
    """How subject references appear in the report, for a reader who must tell whether a
    reference can be looked up or linked to other reports."""
    refs = report.references
    if refs.mode == "revealed":
        shown = _("input references (revealed on request)")
    elif refs.linkable:
        shown = _("pseudonymous, keyed ({source})", source=refs.key_source)
    else:
        shown = _("pseudonymous, random key: not linkable to other reports")
    return _("References: {shown}.", shown=shown)


def next_review_headline(report: Report) -> tuple[str, bool]:
    """When the result next changes by itself, in words, and whether the verdict then gets
    worse (a warning to show)."""
    review = report.next_review
    if review is None and not report.next_review_computed:
        return (
            _(
                "Next review: not computed for this report (turned off, or a streamed check "
                "that could not search it in full); it does not say that nothing changes."
            ),
            False,
        )
    if review is None:
        return _("Next review: no change due within two years."), False
    count = len(review.changes)
    worse = review.verdict_after.rank < report.verdict.rank
    return (
        _(
            "Next review: {due}: the verdict will be {verdict} ({count} finding(s) change).",
            due=review.due,
            verdict=verdict_label(review.verdict_after),
            count=count,
        ),
        worse,
    )
