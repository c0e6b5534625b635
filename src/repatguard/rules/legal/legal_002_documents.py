"""LEGAL-002: each person who returns holds, or will be issued, identity or travel documents."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules._assessment import AGE_LIMITS, CURRENT_EVIDENCE, latest
from repatguard.rules._people import for_those_who_decide
from repatguard.rules.api import (
    NOT_RECORDED,
    Found,
    PersonContext,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)

_EXPECTED = msg("identity or travel documents held, or issued through the return arrangement")


# Long in lines, not in logic: each finding's message is written out whole for the
# catalogues (docs/writing-rules.md), one per branch.
def _own_documents(ctx: PersonContext) -> Iterator[Problem]:
    """The person's own documents, or else documents issued through the return arrangement
    for their intended return area (paths relative to the person)."""
    path = "identity_or_travel_document"
    held = ctx.person.identity_or_travel_document
    if held is True:
        return
    if held is None:
        yield Problem.unknown(
            path,
            msg(
                "it is not recorded whether the person holds identity or travel documents for "
                "return"
            ),
            observed=NOT_RECORDED,
            expected=_EXPECTED,
        )
        return
    # No documents of their own: the return arrangement for their area must issue them.
    area = ctx.area
    if area is None:
        yield Problem.unknown(
            f"{ctx.household_path}.intended_return_area",  # the household's field: absolute
            msg(
                "the person has no identity or travel documents and the intended return area "
                "is unknown, so it cannot be told whether documents are issued through the "
                "return arrangement"
            ),
            observed=msg("no documents; no intended return area"),
            expected=_EXPECTED,
        )
        return
    found = latest(ctx.facts, area)
    if found is None:
        yield Problem.unknown(
            "$.assessments",
            msg(
                "the person has no identity or travel documents and no conditions assessment "
                "of return area {area} is on record, so it is unknown whether documents are "
                "issued through the return arrangement",
                area=repr(area),
            ),
            observed=msg("no documents; no assessment of the area"),
            expected=_EXPECTED,
        )
        return
    index = found.index
    issued = found.assessment.documentation_available
    if issued is True:
        yield from found.holds_current(
            path,
            undated=msg(
                "the person has no documents yet, but documents are issued through the return "
                "arrangement for this area, but only according to an assessment that is undated, "
                "so it may be older than its age limit; evidence older than its age limit may "
                "show a failure but never a pass"
            ),
            too_old=msg(
                "the person has no documents yet, but documents are issued through the return "
                "arrangement for this area, but only according to an assessment that is older "
                "than its age limit ({limit}, `{parameter}`); evidence older than its age limit "
                "may show a failure but never a pass"
            ),
        )
    elif issued is False:
        yield Problem.fail(
            path,
            msg(
                "the person has no identity or travel documents and none are issued through "
                "the return arrangement for this area"
            ),
            observed=msg(
                "no documents; {assessment} records no documentation available",
                assessment=f"$.assessments[{index}]",
            ),
            expected=_EXPECTED,
        )
    else:
        yield Problem.unknown(
            f"$.assessments[{index}].documentation_available",
            msg(
                "the person has no identity or travel documents and the assessment of the area "
                "does not record whether documents are issued through the return arrangement"
            ),
            observed=msg("no documents; documentation not recorded in the assessment"),
            expected=_EXPECTED,
        )


@rule(
    code="LEGAL-002",
    title="Identity, travel and nationality documents",
    scope=Scope.PERSON,
    severity=Severity.MAJOR,
    checks=(
        "Every adult (age on the planned departure date at or above `adult_age`) and "
        "every unaccompanied or separated child holds identity or travel documents for "
        "return, or, where the person has none, the latest assessment of their intended "
        "return area records that documents are issued through the return arrangement. "
        "Dependent children are not checked individually." + CURRENT_EVIDENCE
    ),
    rationale=(
        "A returnee needs documents to be readmitted, to prove nationality and to reach "
        "rights and services at home; the countries concerned should issue travel documents "
        "and restore nationality where needed. Each adult, and each unaccompanied or "
        "separated child, must hold documents or have them issued through the return "
        "arrangement."
    ),
    references=(
        Reference(
            instrument="UNHCR ExCom Conclusion No. 18 (XXXI), 1980",
            locator="para. (i) (travel documents; the letter as Conclusion No. 114 (LXVIII), "
            "2017, recalls it among the conclusions on travel documents; wording not verified "
            "with the available sources)",
        ),
        Reference(
            instrument="UNHCR ExCom Conclusion No. 101 (LV), 2004",
            locator="para. (b) (States receive back their own nationals; travel documents issued "
            "to facilitate return)",
        ),
    ),
    remediation=(
        "Arrange for the person's identity or travel documents (and, where needed, proof of "
        "nationality) to be issued before departure, or record in the area's assessment that "
        "the return arrangement issues them."
    ),
    parameters=("adult_age", *AGE_LIMITS),
)
def documents(ctx: PersonContext) -> Iterator[Found]:
    # Dependent children are not checked individually: not applicable.
    yield from for_those_who_decide(ctx, lambda: _own_documents(ctx))
