"""LEGAL-005: returnees need not sign admissions or security "settlement" documents to return."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules._assessment import AGE_LIMITS, CURRENT_EVIDENCE, flag_findings
from repatguard.rules.api import AreaContext, Problem, Reference, Scope, Severity, msg, rule


@rule(
    code="LEGAL-005",
    title="No self-incriminating conditions of return",
    scope=Scope.AREA,
    severity=Severity.MAJOR,
    checks=(
        "For each return area, the latest conditions assessment made on or before as_of "
        "records that returnees are not required to sign admissions of wrongdoing or "
        "security 'status settlement' documents as a condition of return." + CURRENT_EVIDENCE
    ),
    rationale=(
        "The country of origin may identify its returning nationals, but may ask no more "
        "than identification needs. Requiring returnees to sign admissions of wrongdoing or "
        "security 'status settlement' documents, as has been documented in practice, exposes "
        "them to prosecution and reprisal and defeats legal safety."
    ),
    references=(
        Reference(
            instrument="UNHCR ExCom Conclusion No. 101 (LV), 2004",
            locator="para. (b) (only what identification needs; letter and wording not verified "
            "with the available sources)",
        ),
    ),
    remediation=(
        "Raise the requirement with the authorities of the country of origin and obtain its "
        "withdrawal; until then, inform prospective returnees of it and do not promote return "
        "to the area."
    ),
    parameters=AGE_LIMITS,
)
def no_self_incrimination(ctx: AreaContext) -> Iterator[Problem]:
    yield from flag_findings(
        ctx,
        "self_incriminating_requirements",
        safe=False,
        unassessed=msg(
            "no conditions assessment of return area {area} is on record, so it "
            "is unknown whether returnees must sign admissions of wrongdoing or "
            "security 'settlement' documents as a condition of return",
        ),
        unassessed_expected=msg(
            "an assessment recording no self-incriminating requirements",
        ),
        unrecorded=msg(
            "the latest assessment of this area does not record whether "
            "returnees must sign admissions of wrongdoing or security "
            "'settlement' documents as a condition of return",
        ),
        undated=msg(
            "returnees need not sign admissions or security 'settlement' "
            "documents to return, but only according to an assessment that is "
            "undated, so it may be older than its age limit; evidence older "
            "than its age limit may show a failure but never a pass",
        ),
        too_old=msg(
            "returnees need not sign admissions or security 'settlement' "
            "documents to return, but only according to an assessment that is "
            "older than its age limit ({limit}, `{parameter}`); evidence older "
            "than its age limit may show a failure but never a pass",
        ),
        breaks=msg(
            "returnees must sign admissions of wrongdoing or security "
            "'settlement' documents as a condition of return",
        ),
        observed=msg(
            "self-incriminating requirements in place",
        ),
        expected=msg(
            "no self-incriminating requirements",
        ),
    )
