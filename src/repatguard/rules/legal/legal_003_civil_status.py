"""LEGAL-003: births, marriages, divorces and deaths registered in exile are recognised."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules._assessment import AGE_LIMITS, CURRENT_EVIDENCE, flag_findings
from repatguard.rules.api import AreaContext, Problem, Reference, Scope, Severity, msg, rule


@rule(
    code="LEGAL-003",
    title="Civil-status events in exile recognised",
    scope=Scope.AREA,
    severity=Severity.MAJOR,
    checks=(
        "For each return area, the latest conditions assessment made on or before as_of "
        "records that births, marriages, divorces and deaths registered in exile are "
        "recognised." + CURRENT_EVIDENCE
    ),
    rationale=(
        "Births, marriages, divorces and deaths registered in exile must count at home; "
        "otherwise families cannot prove their ties, inherit or reach services, and children "
        "born in exile risk being left without documents or a nationality."
    ),
    references=(
        Reference(
            instrument="UNHCR ExCom Conclusion No. 101 (LV), 2004",
            locator="recognition of civil status (paragraph letter not verified with the "
            "available sources)",
        ),
    ),
    remediation=(
        "Obtain the country of origin's recognition of civil-status documents issued in exile "
        "(for instance in the tripartite agreement), and a way for children born in exile to "
        "be documented; record it in the area's assessment."
    ),
    parameters=AGE_LIMITS,
)
def civil_status(ctx: AreaContext) -> Iterator[Problem]:
    yield from flag_findings(
        ctx,
        "civil_status_recognised",
        safe=True,
        unassessed=msg(
            "no conditions assessment of return area {area} is on record, so it "
            "is unknown whether births, marriages, divorces and deaths "
            "registered in exile are recognised",
        ),
        unassessed_expected=msg(
            "an assessment recording civil-status events registered in exile recognised",
        ),
        unrecorded=msg(
            "the latest assessment of this area does not record whether births, "
            "marriages, divorces and deaths registered in exile are recognised",
        ),
        undated=msg(
            "civil-status events registered in exile are recognised, but only "
            "according to an assessment that is undated, so it may be older "
            "than its age limit; evidence older than its age limit may show a "
            "failure but never a pass",
        ),
        too_old=msg(
            "civil-status events registered in exile are recognised, but only "
            "according to an assessment that is older than its age limit "
            "({limit}, `{parameter}`); evidence older than its age limit may "
            "show a failure but never a pass",
        ),
        breaks=msg(
            "civil-status events registered in exile are not recognised",
        ),
        observed=msg(
            "not recognised",
        ),
        expected=msg(
            "civil-status events registered in exile recognised",
        ),
    )
