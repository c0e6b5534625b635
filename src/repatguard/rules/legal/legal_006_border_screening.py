"""LEGAL-006: screening at entry is limited to identification, and no arrests on return."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules._assessment import AGE_LIMITS, CURRENT_EVIDENCE, latest
from repatguard.rules.api import (
    NOT_RECORDED,
    AreaContext,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)

_TRUE_OR_FALSE = msg("true or false")
_EXPECTED = msg("screening limited to identification, and no arrests on return reported")


# Long in lines, not in logic: each finding's message is written out whole for the
# catalogues (docs/writing-rules.md), one per branch.
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
        yield Problem.unknown(
            "$.assessments",
            msg(
                "no conditions assessment of return area {area} is on record, so it is unknown "
                "whether screening at entry is limited to identification, or whether returnees "
                "are arrested on return",
                area=repr(ctx.area.reference),
            ),
            observed=msg("no assessment"),
            expected=msg(
                "an assessment recording screening limited to identification, and no arrests "
                "on return reported"
            ),
        )
        return
    path = found.path
    arrests = found.assessment.arrests_on_return_reported
    screening = found.assessment.border_screening_limited_to_identification
    # Each failing or unrecorded fact is reported on its own.
    if arrests is True:
        yield Problem.fail(
            f"{path}.arrests_on_return_reported",
            msg("arrests of returnees on return to the area are reported"),
            observed=msg("arrests reported"),
            expected=msg("no arrests on return reported"),
        )
    elif arrests is not False:
        yield Problem.unknown(
            f"{path}.arrests_on_return_reported",
            msg(
                "the latest assessment of this area does not record whether returnees are "
                "arrested on return"
            ),
            observed=NOT_RECORDED,
            expected=_TRUE_OR_FALSE,
        )
    if screening is False:
        yield Problem.fail(
            f"{path}.border_screening_limited_to_identification",
            msg(
                "screening at entry goes beyond identification (for instance interrogation by "
                "security services, detention or conscription at entry)"
            ),
            observed=msg("screening beyond identification"),
            expected=msg("screening limited to identification"),
        )
    elif screening is not True:
        yield Problem.unknown(
            f"{path}.border_screening_limited_to_identification",
            msg(
                "the latest assessment of this area does not record whether screening at "
                "entry is limited to identification"
            ),
            observed=NOT_RECORDED,
            expected=_TRUE_OR_FALSE,
        )
    if arrests is False and screening is True:
        # Both facts hold, but only current evidence can show it.
        yield from found.holds_current(
            path,
            undated=msg(
                "screening at entry is limited to identification and no arrests on return "
                "are reported, but only according to an assessment that is undated, so it may "
                "be older than its age limit; evidence older than its age limit may show a failure "
                "but never a pass"
            ),
            too_old=msg(
                "screening at entry is limited to identification and no arrests on return "
                "are reported, but only according to an assessment that is older than its age "
                "limit ({limit}, `{parameter}`); evidence older than its age limit may show a "
                "failure but never a pass"
            ),
        )
