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
from repatguard.rules.api import Message, PersonContext, Problem, msg

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


class _Basis(Enum):
    """What the information session rests on: nothing assessed before it, the assessment it
    named, or the one in force at the session."""

    NOTHING = "nothing"
    NAMED = "named"
    IN_FORCE = "in_force"


class _When(Enum):
    """When a worse assessment was made, against the session."""

    AFTER = "after"
    SAME_DAY = "same_day"
    BEFORE = "before"


class _Why(Enum):
    """Why a later assessment may have outdated the session without showing it."""

    UNDATED = "undated"
    SAME_DAY_AS_BASIS = "same_day_as_basis"
    DAY_OF_SESSION = "day_of_session"
    UNRECORDED = "unrecorded"


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
    basis: _Basis
    base_reference: str
    """The reference of the assessment the session rests on (empty when there is none)."""


_EXPECTED = msg(
    "an information session held after, and based on, the latest assessment of the return area"
)

# One whole sentence per case: when the worse assessment was made, and what the session
# rested on. ``{baseline}`` is the reference of the assessment the session rests on.
_WORSE: dict[tuple[_When, _Basis], Message] = {
    (_When.AFTER, _Basis.NOTHING): msg(
        "return area {area} was assessed again on {on}, after the information session, with "
        "worse findings than what was on record at the session (no earlier assessment of the "
        "area); the person must be informed again before departure"
    ),
    (_When.AFTER, _Basis.NAMED): msg(
        "return area {area} was assessed again on {on}, after the information session, with "
        "worse findings than the assessment the session named ({baseline}); the person must "
        "be informed again before departure"
    ),
    (_When.AFTER, _Basis.IN_FORCE): msg(
        "return area {area} was assessed again on {on}, after the information session, with "
        "worse findings than the assessment in force at the session ({baseline}); the person "
        "must be informed again before departure"
    ),
    (_When.SAME_DAY, _Basis.NOTHING): msg(
        "return area {area} was assessed again on {on}, the day of the information session, "
        "with worse findings than what was on record at the session (no earlier assessment of "
        "the area); the person must be informed again before departure"
    ),
    (_When.SAME_DAY, _Basis.NAMED): msg(
        "return area {area} was assessed again on {on}, the day of the information session, "
        "with worse findings than the assessment the session named ({baseline}); the person "
        "must be informed again before departure"
    ),
    (_When.SAME_DAY, _Basis.IN_FORCE): msg(
        "return area {area} was assessed again on {on}, the day of the information session, "
        "with worse findings than the assessment in force at the session ({baseline}); the "
        "person must be informed again before departure"
    ),
    (_When.BEFORE, _Basis.NOTHING): msg(
        "return area {area} was assessed again on {on}, before the information session, which "
        "still rested on the older one, with worse findings than what was on record at the "
        "session (no earlier assessment of the area); the person must be informed again "
        "before departure"
    ),
    (_When.BEFORE, _Basis.NAMED): msg(
        "return area {area} was assessed again on {on}, before the information session, which "
        "still rested on the older one, with worse findings than the assessment the session "
        "named ({baseline}); the person must be informed again before departure"
    ),
    (_When.BEFORE, _Basis.IN_FORCE): msg(
        "return area {area} was assessed again on {on}, before the information session, which "
        "still rested on the older one, with worse findings than the assessment in force at "
        "the session ({baseline}); the person must be informed again before departure"
    ),
}

# One whole sentence per case: why the later assessment may be worse without showing it,
# and what the session rested on. ``{assessment}`` is the later assessment's reference.
_MAYBE_WORSE: dict[tuple[_Why, _Basis], Message] = {
    (_Why.UNDATED, _Basis.NOTHING): msg(
        "assessment {assessment} of return area {area} is undated, so it may be newer than "
        "what the session rested on, and its findings may be worse than what was on record at "
        "the session (no earlier assessment of the area); it cannot be told whether the "
        "person's information still holds"
    ),
    (_Why.UNDATED, _Basis.NAMED): msg(
        "assessment {assessment} of return area {area} is undated, so it may be newer than "
        "what the session rested on, and its findings may be worse than the assessment the "
        "session named ({baseline}); it cannot be told whether the person's information "
        "still holds"
    ),
    (_Why.UNDATED, _Basis.IN_FORCE): msg(
        "assessment {assessment} of return area {area} is undated, so it may be newer than "
        "what the session rested on, and its findings may be worse than the assessment in "
        "force at the session ({baseline}); it cannot be told whether the person's "
        "information still holds"
    ),
    (_Why.SAME_DAY_AS_BASIS, _Basis.NOTHING): msg(
        "assessment {assessment} of return area {area} is dated the same day as the "
        "assessment the session rests on, so it cannot be told which of the two came later, "
        "and its findings may be worse than what was on record at the session (no earlier "
        "assessment of the area); it cannot be told whether the person's information still "
        "holds"
    ),
    (_Why.SAME_DAY_AS_BASIS, _Basis.NAMED): msg(
        "assessment {assessment} of return area {area} is dated the same day as the "
        "assessment the session rests on, so it cannot be told which of the two came later, "
        "and its findings may be worse than the assessment the session named ({baseline}); "
        "it cannot be told whether the person's information still holds"
    ),
    (_Why.SAME_DAY_AS_BASIS, _Basis.IN_FORCE): msg(
        "assessment {assessment} of return area {area} is dated the same day as the "
        "assessment the session rests on, so it cannot be told which of the two came later, "
        "and its findings may be worse than the assessment in force at the session "
        "({baseline}); it cannot be told whether the person's information still holds"
    ),
    (_Why.DAY_OF_SESSION, _Basis.NOTHING): msg(
        "assessment {assessment} of return area {area} is dated the day of the session, and "
        "its findings may be worse than what was on record at the session (no earlier "
        "assessment of the area); it cannot be told whether the person's information still "
        "holds"
    ),
    (_Why.DAY_OF_SESSION, _Basis.NAMED): msg(
        "assessment {assessment} of return area {area} is dated the day of the session, and "
        "its findings may be worse than the assessment the session named ({baseline}); it "
        "cannot be told whether the person's information still holds"
    ),
    (_Why.DAY_OF_SESSION, _Basis.IN_FORCE): msg(
        "assessment {assessment} of return area {area} is dated the day of the session, and "
        "its findings may be worse than the assessment in force at the session ({baseline}); "
        "it cannot be told whether the person's information still holds"
    ),
    (_Why.UNRECORDED, _Basis.NOTHING): msg(
        "assessment {assessment} of return area {area} leaves findings unrecorded that could "
        "be worse, and its findings may be worse than what was on record at the session (no "
        "earlier assessment of the area); it cannot be told whether the person's information "
        "still holds"
    ),
    (_Why.UNRECORDED, _Basis.NAMED): msg(
        "assessment {assessment} of return area {area} leaves findings unrecorded that could "
        "be worse, and its findings may be worse than the assessment the session named "
        "({baseline}); it cannot be told whether the person's information still holds"
    ),
    (_Why.UNRECORDED, _Basis.IN_FORCE): msg(
        "assessment {assessment} of return area {area} leaves findings unrecorded that could "
        "be worse, and its findings may be worse than the assessment in force at the session "
        "({baseline}); it cannot be told whether the person's information still holds"
    ),
}


def _with_baseline(message: Message, told: _Told, **values: str) -> Message:
    """``message`` filled in; ``{baseline}`` only where the session rests on an assessment."""
    if told.basis is not _Basis.NOTHING:
        values["baseline"] = told.base_reference
    return message.with_values(area=repr(told.area), **values)


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
        basis = _Basis.NOTHING
    elif named:
        basis = _Basis.NAMED
    else:
        basis = _Basis.IN_FORCE
    told = _Told(
        path=session_path,
        on=session_date,
        area=area,
        base_on=base_on,
        named=named,
        basis=basis,
        base_reference="" if baseline is None else baseline.reference,
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
        path, why = f"{at}.assessed_on", _Why.UNDATED
    elif on == told.base_on:
        path, why = f"{at}.assessed_on", _Why.SAME_DAY_AS_BASIS
    elif on == told.on and not told.named:
        # It may have come before the session, and been what the person was told.
        path, why = f"{at}.assessed_on", _Why.DAY_OF_SESSION
    elif worse:
        # Made after what the person was told: their information no longer holds.
        when = _When.AFTER if on > told.on else _When.SAME_DAY if on == told.on else _When.BEFORE
        return Problem.fail(
            told.path,
            _with_baseline(_WORSE[when, told.basis], told, on=on.isoformat()),
            observed=msg(
                "session on {session}; assessment {assessment} worse on: {findings}",
                session=told.on.isoformat(),
                assessment=assessment.reference,
                findings=", ".join(worse),
            ),
            expected=_EXPECTED,
        )
    else:
        path, why = at, _Why.UNRECORDED
    return Problem.unknown(
        path,
        _with_baseline(_MAYBE_WORSE[why, told.basis], told, assessment=assessment.reference),
        observed=msg(
            "session on {session}; findings in question: {findings}",
            session=told.on.isoformat(),
            findings=", ".join(worse or unknown),
        ),
        expected=_EXPECTED,
    )
