"""CHILD-005: a child does not return apart from a parent who is outside the household."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.facts.links import ParentSide
from repatguard.model import FamilyLink, FamilyTie, Whereabouts
from repatguard.outcomes import Outcome
from repatguard.rules._bid import determination_problems
from repatguard.rules._people import age_unknown_observed
from repatguard.rules.api import (
    NOT_APPLICABLE,
    Found,
    Message,
    PersonContext,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)

__all__ = ["parent_outside_household"]


def _where(link: FamilyLink, in_other_household: Message, in_host_country: Message) -> Message:
    """The message for where the parent is: one whole sentence for each place."""
    if link.whereabouts is Whereabouts.OTHER_HOUSEHOLD:
        return in_other_household
    return in_host_country


# Long in lines, not in logic: each finding's message is written out whole for the
# catalogues (docs/writing-rules.md), one per branch.
def _separation(ctx: PersonContext, index: int, link: FamilyLink) -> Problem | None:
    """Whether the child's return parts the child from this parent: a failure when the parent is
    known to stay (host country, or another household that does not return), insufficient
    information when it cannot be told. A parent already in the country of origin, or in a third
    country (apart from the child before this return), is not parted by it. A parent in another
    household is read against that household's record too (:func:`_household_problem`)."""
    path = f"family_links[{index}]"
    if link.relationship is not FamilyTie.PARENT:
        return None
    if link.whereabouts is Whereabouts.UNKNOWN:
        return Problem.unknown(
            f"{path}.whereabouts",
            msg(
                "the whereabouts of a parent of the returning child are unknown, so it cannot "
                "be told whether the return separates the child from that parent"
            ),
            observed=msg("parent's whereabouts unknown"),
            expected=msg("where the parent is, and whether the parent returns too"),
        )
    if link.whereabouts not in (Whereabouts.HOST_COUNTRY, Whereabouts.OTHER_HOUSEHOLD):
        return None
    if link.returns is False:
        return Problem.fail(
            f"{path}.returns",
            _where(
                link,
                msg(
                    "a child returns while a parent in another household of the operation does "
                    "not; the return separates the child from that parent without a "
                    "best-interests determination in favour of return"
                ),
                msg(
                    "a child returns while a parent in the host country does not; the return "
                    "separates the child from that parent without a best-interests "
                    "determination in favour of return"
                ),
            ),
            observed=_where(
                link,
                msg("parent in another household of the operation, does not return"),
                msg("parent in the host country, does not return"),
            ),
            expected=_TOGETHER,
        )
    if link.whereabouts is Whereabouts.OTHER_HOUSEHOLD:
        problem = _household_problem(ctx, path, link)
        if problem is not None:
            return problem
    if link.returns is None:
        return Problem.unknown(
            f"{path}.returns",
            _where(
                link,
                msg(
                    "a parent of the returning child is in another household of the operation, "
                    "and it is not recorded whether the parent returns too, so it cannot be "
                    "told whether the child is separated from that parent"
                ),
                msg(
                    "a parent of the returning child is in the host country, and it is not "
                    "recorded whether the parent returns too, so it cannot be told whether the "
                    "child is separated from that parent"
                ),
            ),
            observed=_where(
                link,
                msg("parent in another household of the operation, return not recorded"),
                msg("parent in the host country, return not recorded"),
            ),
            expected=msg("whether the parent returns too"),
        )
    return None


_TOGETHER = msg(
    "the parent returns with the child, or a current best-interests determination concluding "
    "that return is in the child's best interests"
)


# Long in lines, not in logic: each finding's message is written out whole for the
# catalogues (docs/writing-rules.md), one per branch.
def _household_problem(ctx: PersonContext, path: str, link: FamilyLink) -> Problem | None:
    """The link read against the record of the household it names. The link names a
    household, not a person of it, so any member may be the parent: the record contradicts a
    parent who returns when no member returns or may (a failure), and cannot confirm one when
    no member is known to return, or when the members who record a child in the child's own
    household say that child does not return, or do not return themselves (insufficient
    information)."""
    assert link.household is not None  # a link to another household names it (invariant)
    linked = ctx.facts.linked.get(link.household)
    if linked is None:
        return Problem.unknown(
            f"{path}.household",
            msg(
                "a parent of the returning child is in another household of the operation, and "
                "the record of that household is not available, so it cannot be told whether "
                "the parent returns too"
            ),
            observed=msg("linked household not on record"),
            expected=msg("the record of the linked household, with whether its members return"),
        )
    if linked.returning == 0 and linked.may_return == 0:
        return Problem.fail(
            f"{path}.returns",
            msg(
                "a child returns with a parent recorded in another household of the operation, "
                "and no member of that household returns (each stays behind or withdrew the "
                "decision to return); the return separates the child from that parent without "
                "a best-interests determination in favour of return"
            ),
            observed=msg(
                "parent in another household, link says returns; no member of that household "
                "returns"
            )
            if link.returns
            else msg(
                "parent in another household, link says return not recorded; no member of that "
                "household returns"
            ),
            expected=_TOGETHER,
        )
    if link.returns is None:
        return None  # reported as not recorded
    if linked.returning == 0:
        return Problem.unknown(
            f"{path}.returns",
            msg(
                "the link says a parent of the returning child, in another household of the "
                "operation, returns too, but no member of that household is recorded as moving "
                "with a declaration to return in force, so the record does not show that the "
                "parent returns"
            ),
            observed=msg(
                "parent in another household, link says returns; {count} member(s) of that "
                "household may return, none is known to",
                count=linked.may_return,
            ),
            expected=msg(
                "a member of the linked household who moves with a declaration to return in force"
            ),
        )
    side = linked.parents_of.get(ctx.household.reference)
    if side is None:
        # The link names a household, not a person of it: only the parent's own record (a
        # link back to the child, held by a member who returns) says which member is the
        # parent and that the parent returns. A returning member who may be anyone (a young
        # child of that household) confirms nothing.
        return Problem.unknown(
            f"{path}.returns",
            msg(
                "the link says a parent of the returning child, in another household of the "
                "operation, returns too, but no member of that household records a child in "
                "this child's household, so the record of that household does not show which "
                "member is the parent or that the parent returns"
            ),
            observed=msg(
                "parent in another household, link says returns; no link back from that household"
            ),
            expected=_CONFIRMED,
        )
    if side.confirming == 0:
        return Problem.unknown(
            f"{path}.returns",
            msg(
                "the link says a parent of the returning child, in another household of the "
                "operation, returns too, but no member of that household who records a child "
                "in this child's household both returns and says that child returns; the two "
                "records do not agree on who returns"
            ),
            observed=_disagreement(side),
            expected=_CONFIRMED,
        )
    return None


_CONFIRMED = msg(
    "a member of the linked household who returns and records the child, saying the child "
    "returns too"
)


def _disagreement(side: ParentSide) -> Message:
    if side.child_may_return:
        return msg(
            "parent in another household, link says returns; that household's link back says "
            "the child may return, {returning} of its member(s) holding it return(s), {may} "
            "may, none both returns and says the child returns",
            returning=side.returning,
            may=side.may_return,
        )
    return msg(
        "parent in another household, link says returns; that household's link back says the "
        "child does not return, {returning} of its member(s) holding it return(s), {may} may, "
        "none both returns and says the child returns",
        returning=side.returning,
        may=side.may_return,
    )


def _separations(ctx: PersonContext) -> list[Problem]:
    found = (_separation(ctx, i, link) for i, link in enumerate(ctx.person.family_links))
    return [problem for problem in found if problem is not None]


def _unresolved(ctx: PersonContext, separations: list[Problem]) -> Iterator[Problem]:
    """The separations, unless a current favourable determination covers them. A failure stays
    a failure only when the determination is established as missing or against return."""
    bid = list(determination_problems(ctx))
    if not bid:
        return
    bid_fails = any(problem.outcome is Outcome.FAIL for problem in bid)
    for problem in separations:
        if problem.outcome is Outcome.FAIL and not bid_fails:
            yield Problem.unknown(
                "best_interests_determination",
                msg(
                    "a child returns while a parent outside the household does not, and the "
                    "best-interests determination that could justify it is incompletely "
                    "recorded"
                ),
                observed=problem.observed,
                expected=msg(
                    "a current best-interests determination by a named authority concluding "
                    "that return is in the child's best interests"
                ),
            )
        else:
            yield problem


@rule(
    code="CHILD-005",
    title="A child does not return apart from a parent outside the household",
    scope=Scope.PERSON,
    severity=Severity.BLOCKER,
    checks=(
        "For every child (under `adult_age`) who moves, the family links to parents outside "
        "the household (`family_links` with relationship `parent`). A parent in the host "
        "country, or in another household of the operation, who does not return is a "
        "blocker unless the child has a current best-interests determination by a named "
        "authority concluding that return is in the child's best interests (the "
        "determination CHILD-001 reads, no older than `bid_max_age` nor than the latest "
        "assessment of the return area). A parent whose whereabouts are unknown, or whose "
        "return is not recorded, is insufficient information unless such a determination "
        "exists. A parent already in the country of origin or in a third country is not "
        "separated by the return. Parents inside the household are CHILD-004's. "
        "A link to another household of the operation names the household, not the parent, "
        "so it is read against that household's record, member by member: a member returns "
        "when moving with a declaration to return in force at as_of, stays when staying "
        "behind or with a withdrawal in force (VOL-005), and otherwise may. When no member of "
        "the linked household returns or may, the record contradicts the link: the parent "
        "does not return (a blocker, whatever the link says). A link that says the parent "
        "returns is taken as confirmed only by the parent's own record: a member of that "
        "household who returns and records a child in the child's household (a link `child` "
        "back) saying the child returns too. Without such a member (no link back, a link "
        "back that says the child does not return or does not say, or held only by members "
        "not known to return) it is insufficient information. A linked household that is "
        "not on record (a streamed manifest that lacks "
        "it, holds its reference twice or could not load it) is insufficient information."
    ),
    rationale=(
        "A child must not be separated from a parent against their will unless competent "
        "authorities, subject to judicial review, have determined that the separation is "
        "necessary for the child's best interests. A "
        "return that takes a child away from a parent who stays in the host country, or in a "
        "household that does not return, makes that separation; only a best-interests "
        "determination can weigh it. "
        "A family link is a second-hand record of another household: who moves is decided "
        "in that household's own record, which the operation acts on. When that record shows "
        "nobody of the household returning, the parent stays, whatever the link claims, and "
        "treating the contradiction as a mere gap would let a wrong link clear the child "
        "while the failure is on record; so it fails. When the record only fails to confirm "
        "the link (nobody known to return, no link back from the parent, or the two "
        "households' links disagree), the link may still be right, and the case is held as "
        "insufficient information until the records are reconciled: a child is never cleared "
        "on a claim the operation's own record does not bear out. A link names a household, "
        "not a person, so only the parent's own link back tells which member is the parent; "
        "any other returning member (a grandparent, a young child) confirms nothing, and "
        "forgetting the link back can never read as agreement."
    ),
    references=(
        Reference(
            instrument="Convention on the Rights of the Child (1989)",
            locator="Art. 9(1) (no separation from parents against their will, except when "
            "competent authorities subject to judicial review determine that the separation is "
            "necessary for the child's best interests)",
        ),
        Reference(
            instrument="UNHCR Guidelines on Determining the Best Interests of the Child (2008)",
            locator="BID where a child may be separated from parents against their will",
        ),
        Reference(
            instrument="UNHCR Handbook: Voluntary Repatriation — International Protection (1996)",
            locator="§2.4 (Ensuring Return in Safety and with Dignity: no arbitrary separation of "
            "families; body text not verified with the available sources)",
        ),
    ),
    remediation=(
        "Record where each parent of the child outside the household is and whether they "
        "return; move the child with a parent, or have the competent authority complete a "
        "best-interests determination on the separation before the child moves."
    ),
    waivable=False,
    parameters=("adult_age", "bid_max_age"),
)
def parent_outside_household(ctx: PersonContext) -> Iterator[Found]:
    if ctx.is_adult is True:
        yield NOT_APPLICABLE
        return
    separations = _separations(ctx)
    problems = list(_unresolved(ctx, separations)) if separations else []
    if ctx.is_adult is False or not problems:
        yield from problems
        return
    # Age unknown: a child's safeguard may be owed, and the record does not meet it.
    yield Problem.unknown(
        "date_of_birth",
        msg(
            "age is unknown, so it cannot be told whether the person is a child who must not "
            "be separated from a parent outside the household, and the record does not rule it "
            "out"
        ),
        observed=age_unknown_observed(ctx),
        expected=msg("a date of birth or recorded age, and a planned departure"),
    )
