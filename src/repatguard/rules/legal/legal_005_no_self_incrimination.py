"""LEGAL-005: returnees need not sign admissions or security "settlement" documents to return."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules._assessment import AGE_LIMITS, CURRENT_EVIDENCE, flag_problems
from repatguard.rules.api import AreaContext, Problem, Reference, Scope, Severity, rule


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
    yield from flag_problems(
        ctx,
        "self_incriminating_requirements",
        safe=False,
        question="returnees must sign admissions of wrongdoing or security 'settlement' "
        "documents as a condition of return",
        holds="returnees need not sign admissions or security 'settlement' documents to return",
        breaks="returnees must sign admissions of wrongdoing or security 'settlement' "
        "documents as a condition of return",
        observed="self-incriminating requirements in place",
        expected="no self-incriminating requirements",
    )
