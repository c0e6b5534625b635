"""LEGAL-007: no discrimination against returnees is reported in the area."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules._assessment import AGE_LIMITS, CURRENT_EVIDENCE, flag_findings
from repatguard.rules.api import AreaContext, Problem, Reference, Scope, Severity, msg, rule


@rule(
    code="LEGAL-007",
    title="No discrimination on return",
    scope=Scope.AREA,
    severity=Severity.MINOR,
    checks=(
        "For each return area, the latest conditions assessment made on or before as_of "
        "records that no discrimination against returnees is reported. Reported "
        "discrimination is a minor finding." + CURRENT_EVIDENCE
    ),
    rationale=(
        "Returnees must enjoy their rights without discrimination, whether because they fled, "
        "or because of their ethnicity, religion, sex or age. Reported discrimination is "
        "recorded for follow-up with the authorities; on its own it does not change the "
        "verdict."
    ),
    references=(
        Reference(
            instrument="UNHCR ExCom Conclusion No. 101 (LV), 2004",
            locator="preamble (the relevance for voluntary repatriation of the human rights "
            "instruments, among them the conventions against racial discrimination and against "
            "discrimination against women)",
        ),
        Reference(
            instrument="IASC Framework on Durable Solutions for Internally Displaced Persons "
            "(2010)",
            locator="definition of a durable solution (rights enjoyed without discrimination "
            "on account of displacement)",
        ),
    ),
    remediation=(
        "Document the reported discrimination, take it up with the authorities through "
        "returnee monitoring, and tell prospective returnees about it."
    ),
    parameters=AGE_LIMITS,
)
def no_discrimination(ctx: AreaContext) -> Iterator[Problem]:
    yield from flag_findings(
        ctx,
        "discrimination_reported",
        safe=False,
        unassessed=msg(
            "no conditions assessment of return area {area} is on record, so it "
            "is unknown whether discrimination against returnees is reported",
        ),
        unassessed_expected=msg(
            "an assessment recording no discrimination against returnees reported",
        ),
        unrecorded=msg(
            "the latest assessment of this area does not record whether "
            "discrimination against returnees is reported",
        ),
        undated=msg(
            "no discrimination against returnees is reported in the area, but "
            "only according to an assessment that is undated, so it may be "
            "older than its age limit; evidence older than its age limit may "
            "show a failure but never a pass",
        ),
        too_old=msg(
            "no discrimination against returnees is reported in the area, but "
            "only according to an assessment that is older than its age limit "
            "({limit}, `{parameter}`); evidence older than its age limit may "
            "show a failure but never a pass",
        ),
        breaks=msg(
            "discrimination against returnees is reported in the area",
        ),
        observed=msg(
            "discrimination reported",
        ),
        expected=msg(
            "no discrimination against returnees reported",
        ),
    )
