"""CHILD-002: an unaccompanied child's return is sought by the child and by the caregiver."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules._people import for_children_without_care
from repatguard.rules.api import (
    NOT_RECORDED,
    Found,
    PersonContext,
    Problem,
    Reference,
    Scope,
    Severity,
    ladder,
    msg,
    rule,
)

_SAFEGUARDS = "child_safeguards"


def _own_wish(ctx: PersonContext) -> Iterator[Problem]:
    """The child's own view heard and recorded, and a caregiver who seeks the return too."""
    safeguards = ctx.person.child_safeguards
    if safeguards is None:
        yield Problem.unknown(
            _SAFEGUARDS,
            msg("nothing is recorded on the child's own view or the caregiver's consent to return"),
            observed=msg("no child safeguards on record"),
            expected=msg("the child's recorded view and the caregiver's consent"),
        )
        return
    yield from ladder(
        safeguards.child_view_recorded,
        holds=True,
        path=f"{_SAFEGUARDS}.child_view_recorded",
        fails=msg("the child's own view on returning was not heard and recorded"),
        unknown=msg("it is not recorded whether the child's own view on returning was heard"),
        observed=NOT_RECORDED,
        unknown_observed=msg("unknown"),
        expected=msg("the child's view, heard and given weight by age and maturity"),
    )
    yield from ladder(
        safeguards.caregiver_consent,
        holds=True,
        path=f"{_SAFEGUARDS}.caregiver_consent",
        fails=msg("no parent, guardian or caregiver seeks the child's return"),
        unknown=msg(
            "it is not recorded whether a parent, guardian or caregiver seeks the child's return"
        ),
        observed=msg("no caregiver consent"),
        unknown_observed=msg("unknown"),
        expected=msg("a parent, guardian or caregiver who also seeks the return"),
    )


@rule(
    code="CHILD-002",
    title="Return sought by the child and by the caregiver",
    scope=Scope.PERSON,
    severity=Severity.BLOCKER,
    checks=(
        "For every unaccompanied or separated child, the child's own view on return has been "
        "heard and recorded, and a parent, guardian or caregiver also seeks the return. An "
        "unknown status for a child is insufficient information; adults and accompanied "
        "children are not concerned."
        " A child recorded as accompanied counts as separated when no parent moves with "
        "them (parents are known by relationship to the head of household); when a member "
        "moving with them only may be a parent, the status is insufficient information."
    ),
    rationale=(
        "A child without parental care has the right to be heard on a decision as weighty as "
        "return, with the view given weight by age and maturity. The return of such a child "
        "should also be sought by a parent, guardian or caregiver; without both, it is not a "
        "voluntary return of the child."
    ),
    references=(
        Reference(
            instrument="Convention on the Rights of the Child (1989)",
            locator="Art. 12 (views given due weight in accordance with age and maturity)",
        ),
        Reference(
            instrument="UNHCR position on voluntary return to Ukraine of refugee children "
            "without parental care (2023)",
            locator="first condition (return sought by the child and the parent, guardian or "
            "caregiver)",
        ),
    ),
    remediation=(
        "Hear the child, in a child-friendly way and in a language the child understands, and "
        "record the child's view; obtain and record the position of the parent, legal guardian "
        "or caregiver. Do not move the child unless both seek the return."
    ),
    parameters=("adult_age",),
)
def return_sought_by_child_and_caregiver(ctx: PersonContext) -> Iterator[Found]:
    yield from for_children_without_care(ctx, lambda: _own_wish(ctx))
