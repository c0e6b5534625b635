"""CHILD-005: a child does not return apart from a parent who is outside the household."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import FamilyLink, FamilyTie, Whereabouts
from repatguard.outcomes import Outcome
from repatguard.rules._bid import determination_problems
from repatguard.rules._people import age_unknown_observed
from repatguard.rules.api import (
    NOT_APPLICABLE,
    Found,
    PersonContext,
    Problem,
    Reference,
    Scope,
    Severity,
    rule,
)

__all__ = ["parent_outside_household"]


def _where(link: FamilyLink) -> str:
    if link.whereabouts is Whereabouts.OTHER_HOUSEHOLD:
        return "in another household of the operation"
    return "in the host country"


def _separation(index: int, link: FamilyLink) -> Problem | None:
    """Whether the child's return parts the child from this parent: a failure when the parent is
    known to stay (host country, or another household that does not return), insufficient
    information when it cannot be told. A parent already in the country of origin, or in a third
    country (apart from the child before this return), is not parted by it."""
    path = f"family_links[{index}]"
    if link.relationship is not FamilyTie.PARENT:
        return None
    if link.whereabouts is Whereabouts.UNKNOWN:
        return Problem.unknown(
            f"{path}.whereabouts",
            "the whereabouts of a parent of the returning child are unknown, so it cannot be "
            "told whether the return separates the child from that parent",
            observed="parent's whereabouts unknown",
            expected="where the parent is, and whether the parent returns too",
        )
    if link.whereabouts not in (Whereabouts.HOST_COUNTRY, Whereabouts.OTHER_HOUSEHOLD):
        return None
    if link.returns is True:
        return None
    if link.returns is None:
        return Problem.unknown(
            f"{path}.returns",
            f"a parent of the returning child is {_where(link)}, and it is not recorded "
            "whether the parent returns too, so it cannot be told whether the child is "
            "separated from that parent",
            observed=f"parent {_where(link)}, return not recorded",
            expected="whether the parent returns too",
        )
    return Problem.fail(
        f"{path}.returns",
        f"a child returns while a parent {_where(link)} does not; the return separates the "
        "child from that parent without a best-interests determination in favour of return",
        observed=f"parent {_where(link)}, does not return",
        expected="the parent returns with the child, or a current best-interests "
        "determination concluding that return is in the child's best interests",
    )


def _separations(ctx: PersonContext) -> list[Problem]:
    found = (_separation(i, link) for i, link in enumerate(ctx.person.family_links))
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
                "a child returns while a parent outside the household does not, and the "
                "best-interests determination that could justify it is incompletely recorded",
                observed=problem.observed,
                expected="a current best-interests determination by a named authority "
                "concluding that return is in the child's best interests",
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
        "separated by the return. Parents inside the household are CHILD-004's."
    ),
    rationale=(
        "A child must not be separated from a parent against their will unless competent "
        "authorities, subject to judicial review, have determined that the separation is "
        "necessary for the child's best interests. A "
        "return that takes a child away from a parent who stays in the host country, or in a "
        "household that does not return, makes that separation; only a best-interests "
        "determination can weigh it."
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
        "age is unknown, so it cannot be told whether the person is a child who must not be "
        "separated from a parent outside the household, and the record does not rule it out",
        observed=age_unknown_observed(ctx),
        expected="a date of birth or recorded age, and a planned departure",
    )
