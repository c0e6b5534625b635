"""LEGAL-006: screening at entry is limited to identification, and no arrests on return."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules._assessment import (
    AGE_LIMITS,
    CURRENT_EVIDENCE,
    consistent,
    latest,
    no_assessment,
)
from repatguard.rules.api import AreaContext, Check, Reference, Scope, Severity, legacy_rule

_EXPECTED = "screening limited to identification, and no arrests on return reported"


@legacy_rule(
    code="LEGAL-006",
    title="Border screening limited to identification",
    scope=Scope.AREA,
    severity=Severity.MAJOR,
    checks=(
        "For each return area, the latest conditions assessment made on or before as_of "
        "records that screening at entry is limited to identification and that no arrests "
        "of returnees on return are reported. Each failing or unrecorded fact is "
        "reported." + CURRENT_EVIDENCE
    ),
    rationale=(
        "On arrival, returnees may be asked only what is needed to identify them. "
        "Interrogation by security services, detention or conscription at entry, and reports "
        "of returnees being arrested, show that return is not legally safe."
    ),
    references=(
        Reference(
            instrument="UNHCR ExCom Conclusion No. 101 (LV), 2004",
            locator="para. (b) (brief identification interviews only)",
        ),
    ),
    remediation=(
        "Take the screening practice and the reported arrests up with the authorities of the "
        "country of origin, monitor returnees at entry, and inform prospective returnees; do "
        "not promote return to the area until screening is limited to identification."
    ),
    parameters=AGE_LIMITS,
)
@consistent
def border_screening(ctx: AreaContext) -> Iterator[Check]:
    found = latest(ctx.facts, ctx.area.reference)
    if found is None:
        yield no_assessment(
            ctx,
            "screening at entry is limited to identification, or whether returnees are arrested "
            "on return",
            _EXPECTED,
        )
        return
    assessment = found.assessment
    path = found.path
    problems: list[Check] = []
    arrests = assessment.arrests_on_return_reported
    if arrests is True:
        problems.append(
            Check.failed(
                f"{path}.arrests_on_return_reported",
                "arrests of returnees on return to the area are reported",
                observed="arrests reported",
                expected="no arrests on return reported",
            )
        )
    elif arrests is not False:
        problems.append(
            Check.unknown(
                f"{path}.arrests_on_return_reported",
                "the latest assessment of this area does not record whether returnees are "
                "arrested on return",
                observed="not recorded",
                expected="true or false",
            )
        )
    screening = assessment.border_screening_limited_to_identification
    if screening is False:
        problems.append(
            Check.failed(
                f"{path}.border_screening_limited_to_identification",
                "screening at entry goes beyond identification (for instance interrogation by "
                "security services, detention or conscription at entry)",
                observed="screening beyond identification",
                expected="screening limited to identification",
            )
        )
    elif screening is not True:
        problems.append(
            Check.unknown(
                f"{path}.border_screening_limited_to_identification",
                "the latest assessment of this area does not record whether screening at "
                "entry is limited to identification",
                observed="not recorded",
                expected="true or false",
            )
        )
    if problems:
        yield from problems
        return
    yield found.passed(
        path,
        "screening at entry is limited to identification and no arrests on return are reported",
    )
