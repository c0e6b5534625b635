"""CHILD-003: safe reception and care are confirmed in an unaccompanied child's return area."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import TracingStatus
from repatguard.rules._people import for_children_without_care
from repatguard.rules.api import (
    Found,
    PersonContext,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)

_SAFEGUARDS = "child_safeguards"
_EXPECTED = msg("family located by tracing, or a safe care arrangement verified in the return area")


def _reception(ctx: PersonContext) -> Iterator[Problem]:
    """Someone to receive the child: the family located by tracing, or a verified care
    arrangement in the return area."""
    safeguards = ctx.person.child_safeguards
    if safeguards is None:
        yield Problem.unknown(
            _SAFEGUARDS,
            msg(
                "neither family tracing nor the care arrangement in the return area is "
                "recorded for the child"
            ),
            observed=msg("no child safeguards on record"),
            expected=_EXPECTED,
        )
        return
    tracing = safeguards.tracing_status
    verified = safeguards.reception_care_verified
    if tracing is TracingStatus.FAMILY_LOCATED or verified is True:
        return  # tracing has located the family, or a safe care arrangement is verified
    if verified is None:
        yield Problem.unknown(
            f"{_SAFEGUARDS}.reception_care_verified",
            msg(
                "it is not recorded whether a safe care arrangement awaits the child in the "
                "return area, and tracing has not located the family"
            ),
            observed=msg("tracing not recorded; care arrangement not recorded")
            if tracing is None
            else msg("tracing {status}; care arrangement not recorded", status=str(tracing)),
            expected=_EXPECTED,
        )
        return
    if tracing is None:
        # Care is not verified, but tracing may yet have located the family: unknown, not fail.
        yield Problem.unknown(
            f"{_SAFEGUARDS}.tracing_status",
            msg(
                "no safe care arrangement has been verified and the state of family tracing is "
                "not recorded, so it cannot be told whether anyone will receive the child"
            ),
            observed=msg("tracing not recorded; care arrangement not verified"),
            expected=_EXPECTED,
        )
        return
    yield Problem.fail(
        f"{_SAFEGUARDS}.reception_care_verified",
        msg(
            "no one has been confirmed to receive and care for the child in the return area: "
            "tracing has not located the family and no care arrangement has been verified"
        ),
        observed=msg("tracing {status}; care arrangement not verified", status=str(tracing)),
        expected=_EXPECTED,
    )


@rule(
    code="CHILD-003",
    title="Safe reception and care confirmed in the area of return",
    scope=Scope.PERSON,
    severity=Severity.BLOCKER,
    checks=(
        "For every unaccompanied or separated child, tracing has located the family or a safe "
        "care arrangement in the return area has been verified. It fails when care is not "
        "verified and tracing has not located the family; an unknown status for a child is "
        "insufficient information."
        " A child recorded as accompanied counts as separated when no parent moves with "
        "them (parents are known by relationship to the head of household); when a member "
        "moving with them only may be a parent, the status is insufficient information."
    ),
    rationale=(
        "A child without parental care must not be sent back to an area where nobody will "
        "receive and look after the child. Either tracing has found the family, or a safe care "
        "arrangement, with the services the child needs, has been verified on the ground "
        "before the child moves."
    ),
    references=(
        Reference(
            instrument="UNHCR position on voluntary return to Ukraine of refugee children "
            "without parental care (2023)",
            locator="care arrangements and services in the area of return, weighed in the BID",
        ),
        Reference(
            instrument="UNHCR Handbook: Voluntary Repatriation — International Protection (1996)",
            locator="§7.2 (Unaccompanied Children; body text not verified with the available "
            "sources)",
        ),
    ),
    remediation=(
        "Continue family tracing, or verify on the ground a safe care arrangement (family, "
        "foster or other suitable care, with access to services) in the child's return area, "
        "and record it before the child moves."
    ),
    parameters=("adult_age",),
)
def safe_reception_and_care(ctx: PersonContext) -> Iterator[Found]:
    yield from for_children_without_care(ctx, lambda: _reception(ctx))
