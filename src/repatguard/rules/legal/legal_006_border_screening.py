"""LEGAL-006: screening at entry is limited to identification, and no arrests on return."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules._assessment import AGE_LIMITS, CURRENT_EVIDENCE, latest, unassessed
from repatguard.rules.api import AreaContext, Problem, Reference, Scope, Severity, rule

_EXPECTED = "screening limited to identification, and no arrests on return reported"


@rule(
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
            locator="para. (b) (brief identification interviews only; letter and wording "
            "not verified with the available sources)",
        ),
    ),
    remediation=(
        "Take the screening practice and the reported arrests up with the authorities of the "
        "country of origin, monitor returnees at entry, and inform prospective returnees; do "
        "not promote return to the area until screening is limited to identification."
    ),
    parameters=AGE_LIMITS,
)
def border_screening(ctx: AreaContext) -> Iterator[Problem]:
    found = latest(ctx.facts, ctx.area.reference)
    if found is None:
        yield unassessed(
            ctx,
            "screening at entry is limited to identification, or whether returnees are arrested "
            "on return",
            _EXPECTED,
        )
        return
    path = found.path
    arrests = found.assessment.arrests_on_return_reported
    screening = found.assessment.border_screening_limited_to_identification
    # Each failing or unrecorded fact is reported on its own.
    if arrests is True:
        yield Problem.fail(
            f"{path}.arrests_on_return_reported",
            "arrests of returnees on return to the area are reported",
            observed="arrests reported",
            expected="no arrests on return reported",
        )
    elif arrests is not False:
        yield Problem.unknown(
            f"{path}.arrests_on_return_reported",
            "the latest assessment of this area does not record whether returnees are "
            "arrested on return",
            observed="not recorded",
            expected="true or false",
        )
    if screening is False:
        yield Problem.fail(
            f"{path}.border_screening_limited_to_identification",
            "screening at entry goes beyond identification (for instance interrogation by "
            "security services, detention or conscription at entry)",
            observed="screening beyond identification",
            expected="screening limited to identification",
        )
    elif screening is not True:
        yield Problem.unknown(
            f"{path}.border_screening_limited_to_identification",
            "the latest assessment of this area does not record whether screening at "
            "entry is limited to identification",
            observed="not recorded",
            expected="true or false",
        )
    if arrests is False and screening is True:
        # Both facts hold, but only current evidence can show it.
        yield from found.holds(
            path,
            "screening at entry is limited to identification and no arrests on return are reported",
        )
