"""Named rule parameters, with defaults and where each default comes from.

A default is either *stated* in a source (the source is named) or *proposed* by this project
because no source fixes a number; proposed defaults are meant to be tuned by policy.
Durations are ISO 8601 strings (``P180D``) so that they read the same in code, docs and
policy files.
"""

from __future__ import annotations

import functools
import re
from enum import StrEnum
from typing import Any

import attrs
import pendulum

__all__ = ["PARAMETER_SPECS", "ParameterSpec", "Parameters", "Provenance", "days"]

_DAYS_OR_WEEKS = re.compile(r"^P(?:(\d+)W|(\d+)D)$")


class Provenance(StrEnum):
    STATED = "stated"
    PROPOSED = "proposed"


@attrs.frozen(kw_only=True)
class ParameterSpec:
    name: str
    default: Any
    provenance: Provenance
    description: str
    source: str


@functools.lru_cache(maxsize=256)
def days(iso_duration: str) -> int:
    """Days in an ISO 8601 duration of whole days or weeks (``P30D``, ``P2W``).

    Months and years are refused on purpose: ``P1M`` has no fixed length in days.
    """
    match = _DAYS_OR_WEEKS.match(iso_duration)
    if match is None:
        raise ValueError(f"expected an ISO 8601 duration in days or weeks, got {iso_duration!r}")
    weeks, day_count = match.groups()
    return int(weeks) * 7 if weeks is not None else int(day_count)


def _spec(**kwargs: Any) -> Any:
    spec = ParameterSpec(**kwargs)
    return attrs.field(default=spec.default, metadata={"spec": spec})


@attrs.frozen(kw_only=True)
class Parameters:
    """The parameter values one check runs with."""

    adult_age: int = _spec(
        name="adult_age",
        default=18,
        provenance=Provenance.STATED,
        description="Age from which a person declares the wish to return individually.",
        source="EHB 1999 ch. 19, Annex 1 (one form for each person over 18); CRC Art. 1",
    )
    adolescent_age: int = _spec(
        name="adolescent_age",
        default=10,
        provenance=Provenance.PROPOSED,
        description="Age from which a girl is owed her own declaration in an interview apart "
        "from her household (VOL-017).",
        source="UN and WHO count adolescence from 10; no repatriation standard names an age",
    )
    assessment_max_age: str = _spec(
        name="assessment_max_age",
        default="P180D",
        provenance=Provenance.PROPOSED,
        description="Oldest a conditions assessment may be at as_of.",
        source="EHB 1999 ch. 19 para. 6 asks for up-to-date information; no number given",
    )
    volatile_assessment_max_age: str = _spec(
        name="volatile_assessment_max_age",
        default="P90D",
        provenance=Provenance.PROPOSED,
        description="Oldest an assessment of a highly volatile area may be at as_of.",
        source="EHB 1999 ch. 19 para. 6; no number given",
    )
    information_session_max_age: str = _spec(
        name="information_session_max_age",
        default="P90D",
        provenance=Provenance.PROPOSED,
        description="Oldest an information session may be on the planned departure date.",
        source="ExCom Conclusion No. 18 (e); EHB paras. 12(ii), 16; no number given",
    )
    coercion_screening_max_age: str = _spec(
        name="coercion_screening_max_age",
        default="P90D",
        provenance=Provenance.PROPOSED,
        description="Oldest an individual coercion screening may be at as_of.",
        source="EHB 1999 ch. 19 para. 13 (free choice judged against current conditions); "
        "no number given",
    )
    reconfirmation_window: str = _spec(
        name="reconfirmation_window",
        default="P30D",
        provenance=Provenance.PROPOSED,
        description="How shortly before departure the decision must be reconfirmed.",
        source="UNHCR Thailand facilitated repatriation process (2017); no number given",
    )
    positions_consulted_max_age: str = _spec(
        name="positions_consulted_max_age",
        default="P7D",
        provenance=Provenance.PROPOSED,
        description="How recently UNHCR's positions on returns must have been consulted.",
        source="Project proposal (domain.md A-0); positions have no fixed review cycle",
    )
    pressure_review_max_age: str = _spec(
        name="pressure_review_max_age",
        default="P90D",
        provenance=Provenance.PROPOSED,
        description="How recently the host environment must have been reviewed for pressure.",
        source="Project proposal; EHB para. 13 judges free choice against host conditions",
    )
    pressure_lookback: str = _spec(
        name="pressure_lookback",
        default="P180D",
        provenance=Provenance.PROPOSED,
        description="How long an ended pressure measure still counts as pressure.",
        source="Project proposal (domain.md PREM-004); no number given",
    )
    predominant_share: float = _spec(
        name="predominant_share",
        default=0.66,
        provenance=Provenance.PROPOSED,
        description=(
            "Share of people with (possible) protection needs from which a movement is "
            "predominantly refugee; at or below 1 minus this share it is predominantly migrant."
        ),
        source="IOM-UNHCR joint letter 2019 ('predominantly' is not defined there)",
    )
    systemic_pressure_share: float = _spec(
        name="systemic_pressure_share",
        default=0.10,
        provenance=Provenance.PROPOSED,
        description=(
            "Share of the persons who decide (adults and unaccompanied or separated children "
            "going back) with coercion indicators that shows systemic pressure."
        ),
        source="Project proposal grounded in EHB para. 13",
    )
    systemic_pressure_min_count: int = _spec(
        name="systemic_pressure_min_count",
        default=10,
        provenance=Provenance.PROPOSED,
        description=(
            "Number of persons with coercion indicators that calls for a targeted review of "
            "pressure even below the systemic share (PREM-014, major)."
        ),
        source="Project proposal (a count, so that a large operation cannot dilute a pattern)",
    )

    bid_max_age: str = _spec(
        name="bid_max_age",
        default="P180D",
        provenance=Provenance.PROPOSED,
        description="Oldest a best-interests determination may be at as_of.",
        source="UNHCR BID Guidelines (2008) ask for a current determination; no number given",
    )
    commission_max_gap: str = _spec(
        name="commission_max_gap",
        default="P183D",
        provenance=Provenance.PROPOSED,
        description="Longest a tripartite commission may go without meeting.",
        source="ExCom Conclusion No. 40 (j) (joint commissions); no number given",
    )
    consolidation_period: str = _spec(
        name="consolidation_period",
        default="P365D",
        provenance=Provenance.PROPOSED,
        description="How long a fundamental change must have held before cessation is applied.",
        source="ExCom Conclusion No. 69 (a); GIP No. 3 (2003); neither fixes a number",
    )
    escalation_decision_max_age: str = _spec(
        name="escalation_decision_max_age",
        default="P30D",
        provenance=Provenance.PROPOSED,
        description=(
            "Longest an issue of concern may wait on the joint IOM-UNHCR escalation path for "
            "a joint decision."
        ),
        source="Project proposal; the joint IOM-UNHCR letter (2019) names the escalation path "
        "(the Chiefs of Staff) but no time limit",
    )
    monitoring_report_max_age: str = _spec(
        name="monitoring_report_max_age",
        default="P90D",
        provenance=Provenance.PROPOSED,
        description=(
            "Oldest the evidence of a returnee monitoring report (the last day it covers) may "
            "be at as_of for the report to show that returnees are safe in the area."
        ),
        source="Project proposal (a quarterly report); EHB 1999 ch. 19 paras. 5(vi) and 61 "
        "require returnee monitoring but fix no reporting interval",
    )

    def days(self, name: str) -> int:
        """Days in the duration parameter ``name``."""
        value = getattr(self, name)
        if not isinstance(value, str):
            raise TypeError(f"parameter {name!r} is not a duration")
        return days(value)

    def before(self, date: pendulum.Date, name: str) -> pendulum.Date:
        """``date`` minus the duration parameter ``name``."""
        return _days_before(date, self.days(name))


PARAMETER_SPECS: dict[str, ParameterSpec] = {
    field.name: field.metadata["spec"] for field in attrs.fields(Parameters)
}


@functools.lru_cache(maxsize=8192)
def _days_before(date: pendulum.Date, count: int) -> pendulum.Date:
    # Person rules ask this for the same few departure dates many times over; pendulum's
    # date arithmetic is slow enough to matter in a streamed check of millions of people.
    return date.subtract(days=count)
