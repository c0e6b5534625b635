"""MIX-001: protection screening and referral before any IOM-assisted return."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import (
    ClaimStatus,
    LegalCategory,
    MovementKind,
    ProtectionScreening,
    ReferralOutcome,
    movement_applies,
)
from repatguard.rules.api import (
    NOT_APPLICABLE,
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

_TEN_POINT_PLAN = (
    "UNHCR, Refugee Protection and Mixed Migration: A 10-Point Plan of Action (rev. 1, 2007)"
)


_REFERRAL = msg("a referral to the asylum procedure or UNHCR")
_NOT_IN_NEED = msg("{outcome}", outcome=str(ReferralOutcome.NOT_IN_NEED_OF_PROTECTION))


def _refugee(ctx: PersonContext) -> Problem | None:
    """A failure when the person is a refugee (by category or a recognised claim)."""
    person = ctx.person
    if person.legal_category is LegalCategory.REFUGEE:
        path, observed = "legal_category", msg("{category}", category=str(person.legal_category))
    elif person.asylum_claim is not None and person.asylum_claim.status is ClaimStatus.RECOGNISED:
        path, observed = "asylum_claim.status", msg("asylum claim recognised")
    else:
        return None
    return Problem.fail(
        path,
        msg(
            "the person is a refugee: refugees return through voluntary repatriation under "
            "UNHCR's lead, not AVRR"
        ),
        observed=observed,
        expected=msg("a person screened as not in need of international protection"),
    )


def _referral(screening: ProtectionScreening, fear: bool) -> Iterator[Problem]:
    """Problems with the referral to the asylum procedure or UNHCR (required when fear was
    expressed; its outcome binds whenever a referral was made)."""
    path = "protection_screening"
    referred = screening.referred_to_protection
    if referred is not True:
        if not fear:
            return
        if referred is False:
            yield Problem.fail(
                f"{path}.referred_to_protection",
                msg(
                    "the person expressed fear of return but was not referred to the asylum "
                    "procedure or UNHCR: anyone who expresses fear of return is referred, not "
                    "returned"
                ),
                observed=msg("fear of return expressed; not referred"),
                expected=_REFERRAL,
            )
        else:
            yield Problem.unknown(
                f"{path}.referred_to_protection",
                msg(
                    "the person expressed fear of return and it is not recorded whether they "
                    "were referred to the asylum procedure or UNHCR"
                ),
                observed=msg("fear of return expressed; referral not recorded"),
                expected=_REFERRAL,
            )
        return
    outcome = screening.referral_outcome
    at = f"{path}.referral_outcome"
    if outcome is None or outcome is ReferralOutcome.PENDING:
        yield Problem.fail(
            at,
            msg(
                "the person was referred for a protection assessment that has not concluded: "
                "enrolment waits for the outcome"
            ),
            observed=msg("referral outcome: not recorded")
            if outcome is None
            else msg("referral outcome: {outcome}", outcome=str(outcome)),
            expected=_NOT_IN_NEED,
        )
    elif outcome is ReferralOutcome.IN_NEED_OF_PROTECTION:
        yield Problem.fail(
            at,
            msg(
                "the person was found in need of international protection and must not be "
                "returned through AVRR"
            ),
            observed=msg("{outcome}", outcome=str(outcome)),
            expected=_NOT_IN_NEED,
        )


def _screening(ctx: PersonContext) -> Iterator[Problem]:
    screening = ctx.person.protection_screening
    path = "protection_screening"
    if screening is None or screening.screened_on is None:
        yield Problem.unknown(
            path if screening is None else f"{path}.screened_on",
            msg(
                "no dated protection screening is on record, so it is unknown whether the "
                "person needs international protection"
            ),
            observed=msg("no screening") if screening is None else msg("screening undated"),
            expected=msg("a protection screening dated on or before as_of"),
        )
        return
    if screening.screened_on > ctx.facts.today:
        yield Problem.fail(
            f"{path}.screened_on",
            msg("the person has not yet been screened for international protection needs"),
            observed=msg(
                "screening dated {date}, after as_of", date=screening.screened_on.isoformat()
            ),
            expected=msg("a protection screening on or before as_of"),
        )
        return
    fear = screening.expressed_fear_of_return
    if fear is None:
        yield Problem.unknown(
            f"{path}.expressed_fear_of_return",
            msg("the screening does not record whether the person expressed fear of return"),
            observed=NOT_RECORDED,
            expected=msg("true or false"),
        )
    yield from _referral(screening, fear is True)


def _asylum_claim(ctx: PersonContext) -> Iterator[Problem]:
    claim = ctx.person.asylum_claim
    if claim is None:
        return
    withdrawn_on = claim.withdrawn_on
    if claim.status is ClaimStatus.PENDING:
        observed = msg("pending")
    elif (
        claim.status is ClaimStatus.WITHDRAWN
        and withdrawn_on is not None
        and withdrawn_on > ctx.facts.today
    ):
        # A withdrawal dated after as_of has not happened yet: the claim is still pending.
        observed = msg("withdrawal dated {date}, after as_of", date=withdrawn_on.isoformat())
    else:
        return
    yield Problem.fail(
        "asylum_claim.status",
        msg(
            "the person has a pending asylum claim: a pending claim must be decided, or "
            "withdrawn with counselling, before AVRR"
        ),
        observed=observed,
        expected=msg("no pending claim"),
    )


@rule(
    code="MIX-001",
    title="Protection screening and referral before any IOM-assisted return",
    scope=Scope.PERSON,
    severity=Severity.BLOCKER,
    checks=(
        "Only for AVRR movements. For each person: a refugee (legal category refugee, or a "
        "recognised asylum claim) fails outright. Otherwise a protection screening dated on "
        "or before as_of is on record and says whether the person expressed fear of return; "
        "anyone who did was referred to the asylum procedure or UNHCR, and any referral "
        "concluded that the person is not in need of international protection. A pending "
        "asylum claim (or a withdrawal dated after as_of) fails. Every failure is a blocker."
    ),
    rationale=(
        "In mixed movements, refugees and others in need of international protection travel "
        "alongside migrants. Before anyone is enrolled in assisted voluntary return, they must "
        "be screened; whoever fears return or has a pending claim is referred to the asylum "
        "procedure or UNHCR, and no one is returned before the outcome, or at all if they "
        "need protection."
    ),
    references=(
        Reference(
            instrument=_TEN_POINT_PLAN, locator="point 5 (mechanisms for profiling and referral)"
        ),
        Reference(
            instrument=_TEN_POINT_PLAN,
            locator="point 9 (return arrangements for non-refugees, respecting non-refoulement)",
        ),
        Reference(
            instrument="Joint IOM-UNHCR letter (2019)",
            locator="referral of people with protection needs; UNHCR leads returns of refugees",
        ),
        Reference(
            instrument="Convention relating to the Status of Refugees (1951)", locator="Art. 33(1)"
        ),
    ),
    remediation=(
        "Screen the person for international protection needs before enrolment and record the "
        "date; refer anyone who expresses fear of return to the asylum procedure or UNHCR and "
        "hold enrolment until the outcome; have a pending claim decided, or withdrawn after "
        "counselling; move refugees to a UNHCR-led voluntary repatriation."
    ),
    waivable=False,
)
def protection_screening(ctx: PersonContext) -> Iterator[Found]:
    if not movement_applies(ctx.facts.operation.movement_kind, frozenset({MovementKind.AVRR})):
        yield NOT_APPLICABLE
        return
    refugee = _refugee(ctx)
    if refugee is not None:
        yield refugee
        return
    yield from _screening(ctx)
    yield from _asylum_claim(ctx)
