"""LEGAL-001: an amnesty or guarantees protect returnees from penalisation for having fled."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules._assessment import AGE_LIMITS, CURRENT_EVIDENCE, flag_findings
from repatguard.rules.api import AreaContext, Problem, Reference, Scope, Severity, msg, rule

__all__ = ["amnesty"]


@rule(
    code="LEGAL-001",
    title="Amnesty or non-penalisation for having fled",
    scope=Scope.AREA,
    severity=Severity.MAJOR,
    checks=(
        "For each return area, the latest conditions assessment made on or before as_of "
        "records that an amnesty or formal guarantees protect returnees from penalisation "
        "for having left the country and for flight-related acts. No assessment, or a "
        "finding the assessment does not record, is insufficient information." + CURRENT_EVIDENCE
    ),
    rationale=(
        "Returnees must not be punished for having left the country or for acts linked to "
        "their flight, such as draft evasion or desertion. A formal amnesty or guarantee from "
        "the country of origin is part of legal safety; without one, return cannot be "
        "promoted."
    ),
    references=(
        Reference(instrument="UNHCR ExCom Conclusion No. 18 (XXXI), 1980", locator="para. (f)"),
        Reference(
            instrument="UNHCR ExCom Conclusion No. 101 (LV), 2004",
            locator="amnesties (paragraph letter not verified with the available sources)",
        ),
        Reference(
            instrument="General Framework Agreement for Peace in Bosnia and Herzegovina "
            "(Dayton Agreement, 1995), Annex 7",
            locator="Art. VI (amnesty)",
        ),
    ),
    remediation=(
        "Obtain from the country of origin an amnesty or formal guarantee that covers leaving "
        "the country and flight-related acts (exclusions limited to serious crimes), for "
        "instance through the tripartite agreement, and record it in the area's assessment."
    ),
    parameters=AGE_LIMITS,
)
def amnesty(ctx: AreaContext) -> Iterator[Problem]:
    yield from flag_findings(
        ctx,
        "amnesty_or_guarantees",
        safe=True,
        unassessed=msg(
            "no conditions assessment of return area {area} is on record, so it "
            "is unknown whether returnees are covered by an amnesty or "
            "guarantees against penalisation for having fled",
        ),
        unassessed_expected=msg(
            "an assessment recording an amnesty or guarantees covering flight-related acts",
        ),
        unrecorded=msg(
            "the latest assessment of this area does not record whether "
            "returnees are covered by an amnesty or guarantees against "
            "penalisation for having fled",
        ),
        undated=msg(
            "an amnesty or guarantees protect returnees from penalisation for "
            "having fled, but only according to an assessment that is undated, "
            "so it may be older than its age limit; evidence older than its age "
            "limit may show a failure but never a pass",
        ),
        too_old=msg(
            "an amnesty or guarantees protect returnees from penalisation for "
            "having fled, but only according to an assessment that is older "
            "than its age limit ({limit}, `{parameter}`); evidence older than "
            "its age limit may show a failure but never a pass",
        ),
        breaks=msg(
            "no amnesty or guarantee protects returnees from penalisation for having fled",
        ),
        observed=msg(
            "no amnesty or guarantees",
        ),
        expected=msg(
            "an amnesty or guarantees covering flight-related acts",
        ),
    )
