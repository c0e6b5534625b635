"""Information outlived by a worse assessment: shared by VOL-003 and VOL-014.

A person's information session rests on the assessment of the return area it names, or else
on the one in force at the session. When the area was assessed again after that assessment,
whether before or after the session, and the new findings are worse, the consent was given on
information that no longer holds: a new session, on the newer assessment, is needed before
departure.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum

import attrs
import pendulum

from repatguard.model import (
    Access,
    ConditionsAssessment,
    ConsentEvent,
    HazardRisk,
    SecurityLevel,
)
from repatguard.rules.api import PersonContext, Problem

__all__ = ["FINDINGS", "reassessed_worse"]

_Value = bool | Enum

FINDINGS: dict[str, tuple[_Value, ...]] = {
    "conducive_for_promotion": (True, False),
    "security_level": tuple(SecurityLevel),
    "active_conflict": (False, True),
    "mines_or_erw": (False, True),
    "unhcr_access": tuple(Access),
    "returnee_monitoring": (True, False),
    "amnesty_or_guarantees": (True, False),
    "documentation_available": (True, False),
    "property_restitution": (True, False),
    "basic_services": (True, False),
    "new_outflows": (False, True),
    "civil_status_recognised": (True, False),
    "nationality_recognised": (True, False),
    "self_incriminating_requirements": (False, True),
    "border_screening_limited_to_identification": (True, False),
    "arrests_on_return_reported": (False, True),
    "discrimination_reported": (False, True),
    "natural_hazard_risk": tuple(HazardRisk),
    "housing_destroyed_or_inaccessible": (False, True),
}
"""Findings compared between assessments, each with its values from best to worst (the
enumerations are declared in that order). Mitigation flags that only apply beside another
finding are left out: their absence is not a worse finding."""


def _compare(
    baseline: ConditionsAssessment | None, newer: ConditionsAssessment
) -> tuple[list[str], list[str]]:
    """The findings of ``newer`` established worse than ``baseline`` (a finding the baseline
    did not record counts as new information when it is not the best value), and those
    ``newer`` leaves unrecorded where it could be worse."""
    worse: list[str] = []
    unknown: list[str] = []
    for field, scale in FINDINGS.items():
        old: _Value | None = None if baseline is None else getattr(baseline, field)
        new: _Value | None = getattr(newer, field)
        if new is None:
            if old is None or scale.index(old) < len(scale) - 1:
                unknown.append(field)
        elif scale.index(new) > (0 if old is None else scale.index(old)):
            worse.append(field)
    return worse, unknown


def _baseline(
    ctx: PersonContext, area: str, session: ConsentEvent, session_date: pendulum.Date
) -> tuple[int, ConditionsAssessment, bool] | None:
    """What the person was told, with whether the session named it: the assessment the
    session names, when it is of the area and made on or before the session; otherwise the
    latest assessment of the area made before the day of the session (one made that day
    may have come after the session, so it is compared rather than assumed known)."""
    dated = [
        (index, a)
        for index, a in ctx.facts.assessments.get(area, [])
        if a.assessed_on is not None and a.assessed_on <= session_date
    ]
    for index, assessment in dated:
        if assessment.reference == session.assessment:
            return index, assessment, True
    earlier = [
        (i, a) for i, a in dated if a.assessed_on is not None and a.assessed_on < session_date
    ]
    return (*earlier[-1], False) if earlier else None


@attrs.frozen(kw_only=True)
class _Told:
    """What a person was told at an information session, as the findings quote it."""

    path: str
    """The session, relative to the person (``consent[2]``)."""
    on: pendulum.Date
    """The day of the session."""
    area: str
    base_on: pendulum.Date | None
    """The date of the assessment the session rests on, if any and dated."""
    named: bool
    """Whether the session named that assessment."""
    what: str
    """That assessment, in words."""


_EXPECTED = (
    "an information session held after, and based on, the latest assessment of the return area"
)


def reassessed_worse(
    ctx: PersonContext, session_path: str, session: ConsentEvent
) -> Iterator[Problem]:
    """Fail for each assessment of the person's return area made after the one the session
    rests on (up to as_of, before or after the session) with worse findings; insufficient
    information when such an assessment is undated, cannot be ordered against the session or
    the assessment it rests on, or leaves findings unrecorded that could be worse.

    The session rests on the assessment it names, or else on the one in force at the
    session. ``session_path`` is relative to the person (``consent[2]``); the assessments
    are outside the person, so their paths are absolute. Nothing is yielded when the return
    area is unknown (the caller reports that).
    """
    area = ctx.area
    if area is None:
        return
    session_date = session.at.date()
    found = _baseline(ctx, area, session, session_date)
    base_index, baseline, named = found if found is not None else (None, None, False)
    base_on = None if baseline is None else baseline.assessed_on
    if baseline is None:
        what = "what was on record at the session (no earlier assessment of the area)"
    elif named:
        what = f"the assessment the session named ({baseline.reference})"
    else:
        what = f"the assessment in force at the session ({baseline.reference})"
    told = _Told(
        path=session_path, on=session_date, area=area, base_on=base_on, named=named, what=what
    )
    for index, assessment in ctx.facts.assessments.get(area, []):
        if index == base_index:
            continue
        on = assessment.assessed_on
        if on is not None and base_on is not None and on < base_on:
            continue  # superseded by what the person was told
        worse, unknown = _compare(baseline, assessment)
        if worse or unknown:
            yield _outdated(told, index, assessment, worse, unknown)


def _outdated(
    told: _Told,
    index: int,
    assessment: ConditionsAssessment,
    worse: list[str],
    unknown: list[str],
) -> Problem:
    """The finding for a later assessment of the area (at ``index``) whose findings are
    ``worse`` than what the person was ``told``, or may be (``unknown``)."""
    on = assessment.assessed_on
    at = f"$.assessments[{index}]"
    if on is None:
        path, why = (
            f"{at}.assessed_on",
            "is undated, so it may be newer than what the session rested on",
        )
    elif on == told.base_on:
        path = f"{at}.assessed_on"
        why = (
            "is dated the same day as the assessment the session rests on, so it cannot "
            "be told which of the two came later"
        )
    elif on == told.on and not told.named:
        # It may have come before the session, and been what the person was told.
        path, why = f"{at}.assessed_on", "is dated the day of the session"
    elif worse:
        # Made after what the person was told: their information no longer holds.
        when = (
            "after the information session"
            if on > told.on
            else "the day of the information session"
            if on == told.on
            else "before the information session, which still rested on the older one"
        )
        return Problem.fail(
            told.path,
            f"return area {told.area!r} was assessed again on {on.isoformat()}, {when}, with "
            f"worse findings than {told.what}; the person must be informed again before "
            "departure",
            observed=f"session on {told.on.isoformat()}; assessment "
            f"{assessment.reference} worse on: {', '.join(worse)}",
            expected=_EXPECTED,
        )
    else:
        path, why = at, "leaves findings unrecorded that could be worse"
    return Problem.unknown(
        path,
        f"assessment {assessment.reference} of return area {told.area!r} {why}, and its "
        f"findings may be worse than {told.what}; it cannot be told whether the person's "
        "information still holds",
        observed=f"session on {told.on.isoformat()}; findings in question: "
        f"{', '.join(worse or unknown)}",
        expected=_EXPECTED,
    )
