"""CHILD-001: a formal best-interests determination precedes an unaccompanied child's return."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules._bid import determination_problems
from repatguard.rules._people import for_children_without_care
from repatguard.rules.api import Found, PersonContext, Reference, Scope, Severity, rule

__all__ = ["best_interests_determination"]


@rule(
    code="CHILD-001",
    title="Formal best-interests determination before an unaccompanied or separated child returns",
    scope=Scope.PERSON,
    severity=Severity.BLOCKER,
    checks=(
        "For every unaccompanied or separated child (age under `adult_age` on the planned "
        "departure), a best-interests determination is on record, completed on or before "
        "as_of and no older than `bid_max_age`, by a named authority, concluding that return "
        "is in the child's best interests, and not older than the latest assessment of the "
        "child's return area. An unknown status for a child is insufficient information; "
        "adults and accompanied children are not concerned."
        " A child recorded as accompanied counts as separated when no parent moves with "
        "them (parents are known by relationship to the head of household); when a member "
        "moving with them only may be a parent, the status is insufficient information."
    ),
    rationale=(
        "A child without parental care may return only when a formal best-interests "
        "determination by a competent authority has concluded that return serves the child's "
        "best interests. The determination must be recent, and, as this project proposes, "
        "reviewed whenever the child's return area has been re-assessed since it was made, "
        "because the conditions it weighed may have changed."
    ),
    references=(
        Reference(
            instrument="UNHCR Guidelines on Determining the Best Interests of the Child (2008)",
            locator="formal BID before a durable solution for unaccompanied or separated children",
        ),
        Reference(
            instrument="UNHCR Best Interests Procedure Guidelines (2021)",
            locator="BID procedure for the durable solution of children without parental care",
        ),
        Reference(
            instrument="Convention on the Rights of the Child (1989)",
            locator="Art. 3(1) (best interests a primary consideration)",
        ),
        Reference(
            instrument="UNHCR position on voluntary return to Ukraine of refugee children "
            "without parental care (2023)",
            locator="return only after a BID by the competent authority finds it in the "
            "child's best interests",
        ),
    ),
    remediation=(
        "Have the competent authority complete (or review) a best-interests determination for "
        "the child, taking account of the latest assessment of the return area, and record its "
        "date, outcome and authority; do not move the child until it concludes that return is "
        "in the child's best interests."
    ),
    waivable=False,
    parameters=("adult_age", "bid_max_age"),
)
def best_interests_determination(ctx: PersonContext) -> Iterator[Found]:
    yield from for_children_without_care(ctx, lambda: determination_problems(ctx))
