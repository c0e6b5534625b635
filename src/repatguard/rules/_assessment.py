"""Helpers for rules that read an area's latest conditions assessment.

Two guarantees live here so that every assessment-reading rule gets them the same way:

* **Stale evidence may fail, never pass** (domain.md A-2). An assessment older than its age
  limit (the limit COND-001 applies), or undated, can still report a failure, but a pass read
  from it becomes insufficient information. Waiving COND-001 does not make old evidence new.
* **A finding names the assessment it read**, by its place in ``$.assessments``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

import attrs
import pendulum

from repatguard.facts.facts import Facts
from repatguard.model import ConditionsAssessment, Volatility
from repatguard.rules.api import NOT_RECORDED, AreaContext, Message, Problem, msg

__all__ = [
    "AGE_LIMITS",
    "CURRENT_EVIDENCE",
    "AreaAssessment",
    "age_limit",
    "flag_findings",
    "latest",
    "no_assessment",
]

CURRENT_EVIDENCE = (
    " A pass needs current evidence: when the assessment read is undated or older than its "
    "age limit (`assessment_max_age`, or `volatile_assessment_max_age` when the area's "
    "volatility is high or unknown, as in COND-001), a failure read from it still counts but "
    "a pass becomes insufficient information, whether or not COND-001 is waived."
)
"""The sentence each assessment-reading rule adds to its ``checks`` documentation."""

AGE_LIMITS = ("assessment_max_age", "volatile_assessment_max_age")
"""The parameters each assessment-reading rule lists: they decide when its evidence is stale."""

ContextT = TypeVar("ContextT")


def age_limit(facts: Facts, assessment: ConditionsAssessment) -> tuple[str, pendulum.Date]:
    """The age-limit parameter that applies to ``assessment`` and the oldest date it allows.

    Unknown volatility gets the stricter limit.
    """
    name = (
        "assessment_max_age"
        if assessment.volatility is Volatility.NORMAL
        else "volatile_assessment_max_age"
    )
    return name, facts.params.before(facts.today, name)


@attrs.frozen(kw_only=True)
class AreaAssessment:
    """The latest assessment of an area as a rule reads it, with its place in the input."""

    index: int
    assessment: ConditionsAssessment
    stale: str | None
    """Why the assessment cannot establish a pass (undated, or past its age limit), or
    ``None`` when it is current. An English clause for the rules that still write plain text
    (:meth:`holds`, PREM-011); a rule that writes messages reads :meth:`stale_message`."""
    oldest: pendulum.Date
    """The oldest assessment date the age limit allows."""
    parameter: str = ""
    """The age-limit parameter that applies (``assessment_max_age`` or the volatile one)."""
    limit: str = ""
    """Its value, as the report shows it."""

    @property
    def path(self) -> str:
        return f"$.assessments[{self.index}]"

    def field(self, name: str) -> str:
        return f"{self.path}.{name}"

    def holds(self, path: str, message: str) -> Iterator[Problem]:
        """What a rule reports when the assessment says the safeguard holds: nothing, or
        insufficient information when the assessment is stale (it may show a failure, never
        a pass). The unknown carries the rule's own severity, the worst the old finding could
        hide.

        The plain-text form, for the rules not converted to messages yet (IDP-003, IDP-004,
        IDP-005): ``message`` is an English clause composed into the sentence. A converted
        rule calls :meth:`holds_current`."""
        if self.stale is None:
            return
        yield Problem.unknown(
            path,
            f"{message}, but only according to an assessment that {self.stale}; evidence "
            "older than its age limit may show a failure but never a pass",
            observed=self._stale_observed(),
            expected=self._stale_expected(),
        )

    def _stale_observed(self) -> Message:
        dated = self.assessment.assessed_on
        if dated is None:
            return msg("undated")
        return msg("assessed on {date}", date=dated.isoformat())

    def _stale_expected(self) -> Message:
        return msg("an assessment made on or after {date}", date=self.oldest.isoformat())

    def stale_message(self, *, undated: Message, too_old: Message) -> Message | None:
        """Why this assessment cannot establish a pass, as the rule's own whole sentence:
        ``undated`` when it has no date, ``too_old`` (whose ``{limit}`` and ``{parameter}``
        are filled here with the age limit that applies) when it is past that limit, ``None``
        when it is current. The message form of :attr:`stale`."""
        if self.stale is None:
            return None
        if self.assessment.assessed_on is None:
            return undated
        return too_old.with_values(limit=self.limit, parameter=self.parameter)

    def holds_current(self, path: str, *, undated: Message, too_old: Message) -> Iterator[Problem]:
        """:meth:`holds` for a rule that writes messages: one whole sentence for each reason
        the evidence is stale, ``undated`` and ``too_old`` (see :meth:`stale_message`)."""
        message = self.stale_message(undated=undated, too_old=too_old)
        if message is None:
            return
        yield Problem.unknown(
            path, message, observed=self._stale_observed(), expected=self._stale_expected()
        )


def latest(facts: Facts, area: str) -> AreaAssessment | None:
    """The latest assessment of ``area`` that rules read (see ``Facts.latest_assessment``)."""
    found = facts.latest_assessment(area)
    if found is None:
        return None
    index, assessment = found
    name, oldest = age_limit(facts, assessment)
    stale: str | None = None
    if assessment.assessed_on is None:
        stale = "is undated, so it may be older than its age limit"
    elif assessment.assessed_on < oldest:
        stale = f"is older than its age limit ({getattr(facts.params, name)}, `{name}`)"
    return AreaAssessment(
        index=index,
        assessment=assessment,
        stale=stale,
        oldest=oldest,
        parameter=name,
        limit=str(getattr(facts.params, name)),
    )


def no_assessment(ctx: AreaContext, message: Message, expected: Message) -> Problem:
    """Insufficient information: no assessment of the area is on record. ``message`` is the
    rule's whole sentence, whose ``{area}`` is filled here with the area's reference (quoted,
    as the input gives it); ``expected`` what the assessment should record."""
    return Problem.unknown(
        "$.assessments",
        message.with_values(area=repr(ctx.area.reference)),
        observed=msg("no assessment"),
        expected=expected,
    )


def flag_findings(
    ctx: AreaContext,
    field: str,
    *,
    safe: bool,
    unassessed: Message,
    unassessed_expected: Message,
    unrecorded: Message,
    undated: Message,
    too_old: Message,
    breaks: Message,
    observed: Message,
    expected: Message,
) -> Iterator[Problem]:
    """Judge one yes/no finding of the latest assessment of the area, one whole sentence per
    branch.

    ``safe`` is the value under which the safeguard holds; the other value fails with
    ``breaks``; an unrecorded value (or no assessment at all) is insufficient information at
    the rule's own severity, and so is the safe value read from a stale assessment.
    ``unassessed`` (no assessment of the area; its ``{area}`` is filled here) comes with
    ``unassessed_expected``; ``unrecorded`` is the message when the assessment does not record
    the fact; ``undated`` and ``too_old`` those of a safe value read from stale evidence (see
    :meth:`AreaAssessment.holds_current`); ``breaks`` the failure, with ``observed`` and
    ``expected``.
    """
    found = latest(ctx.facts, ctx.area.reference)
    if found is None:
        yield no_assessment(ctx, unassessed, unassessed_expected)
        return
    path = found.field(field)
    value: bool | None = getattr(found.assessment, field)
    if value is None:
        yield Problem.unknown(path, unrecorded, observed=NOT_RECORDED, expected=expected)
    elif value is safe:
        yield from found.holds_current(path, undated=undated, too_old=too_old)
    else:
        yield Problem.fail(path, breaks, observed=observed, expected=expected)
