"""VOL-001: every adult, and every unaccompanied or separated child, declares the wish to return."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from repatguard.facts.facts import Member
from repatguard.model import ConsentEvent, ConsentKind
from repatguard.rules._people import age_unknown_observed, parents_passing
from repatguard.rules.api import PersonContext, Problem, Reference, Scope, Severity, msg, rule

_NO_DECLARATION = msg("no declaration")
_BY_A_PARENT = msg("a declaration by a parent of the child")


def _declared(events: Iterable[tuple[int, ConsentEvent]]) -> bool:
    return any(event.kind is ConsentKind.DECLARATION for _, event in events)


def _declared_and_may_move(member: Member) -> bool:
    person = member.person
    return person.stays_behind is not True and _declared(member.events)


def _care_unknown(ctx: PersonContext) -> Problem:
    """A child without an own declaration whose parental care cannot be told."""
    path, observed, wanted = (
        ("unaccompanied_or_separated", msg("unknown"), msg("true or false"))
        if ctx.person.unaccompanied_or_separated is None
        else (
            "relationship_to_head",
            msg("no member moving with the child is known to be a parent"),
            msg("a parent of the child moving with the child"),
        )
    )
    return Problem.unknown(
        path,
        msg(
            "it is unknown whether the child is in a parent's care or unaccompanied or "
            "separated, and the child has no own declaration"
        ),
        observed=observed,
        expected=wanted,
    )


def _covered_by_parent(ctx: PersonContext) -> Iterator[Problem]:
    """A dependent child without an own declaration: only the declaration of a parent who
    moves with the child covers it; another adult's does not."""
    known, possible = parents_passing(ctx.kin, ctx.person, _declared_and_may_move)
    if known:
        return  # covered by a parent's declaration
    if possible:
        yield Problem.unknown(
            "relationship_to_head",
            msg(
                "the dependent child has no own declaration, and no member who declared is "
                "known to be the child's parent"
            ),
            observed=msg("declarations only by members whose relationship to the child is unknown"),
            expected=_BY_A_PARENT,
        )
        return
    yield Problem.fail(
        "consent",
        msg("a dependent child is not covered by a parent's declaration"),
        observed=msg("no declaration by the child or a parent moving with the child"),
        expected=_BY_A_PARENT,
    )


@rule(
    code="VOL-001",
    title="Individual, express declaration of the wish to return",
    scope=Scope.PERSON,
    severity=Severity.BLOCKER,
    checks=(
        "Every adult (age on the planned departure date at or above `adult_age`) and every "
        "unaccompanied or separated child has a declaration of the wish to return recorded on "
        "or before as_of. A dependent child is covered only by the declaration of a parent "
        "moving with the child (by relationship to the head of household); a child recorded as "
        "accompanied with no parent moving with them is treated as separated and needs an own "
        "declaration, and a relationship that cannot be told is insufficient information. "
        "Legal guardianship is not recorded in the model, so a guardian does not count."
    ),
    rationale=(
        "Repatriation is voluntary only when each person expresses the wish to return. Every "
        "adult declares individually; a child in the care of a parent is covered by the "
        "parent's declaration, but an unaccompanied or separated child is not, and no adult "
        "other than a parent or legal guardian can decide for the child."
    ),
    references=(
        Reference(instrument="UNHCR ExCom Conclusion No. 40 (XXXVI), 1985", locator="para. (b)"),
        Reference(instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 12"),
        Reference(
            instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="Annex 1, note 2"
        ),
        Reference(
            instrument="Convention on the Rights of the Child (1989)",
            locator="Art. 9(1) (a child is not separated from the parents against their will)",
        ),
    ),
    remediation=(
        "Record the person's own signed voluntary repatriation form (or an equivalent recorded "
        "declaration); for a dependent child, the declaration of a parent who moves with the "
        "child, with the relationships to the head of household recorded."
    ),
    waivable=False,
    parameters=("adult_age",),
    facilitation_gate=True,
)
def individual_declaration(ctx: PersonContext) -> Iterator[Problem]:
    if _declared(ctx.events):
        return  # the person declared the wish to return
    expected = msg("a declaration recorded on or before as_of")
    if ctx.owes_adult_safeguards:
        yield Problem.fail(
            "consent",
            msg("an adult has no individual declaration of the wish to return"),
            observed=_NO_DECLARATION,
            expected=expected,
        )
        return
    if ctx.is_adult is None:
        yield Problem.unknown(
            "date_of_birth",
            msg("age is unknown, so it cannot be told whether an own declaration is needed"),
            observed=age_unknown_observed(ctx),
            expected=msg("a date of birth or recorded age, and a planned departure"),
        )
        return
    separated = ctx.without_parental_care
    if separated is True:
        yield Problem.fail(
            "consent",
            msg(
                "an unaccompanied or separated child (or a child with no parent moving with "
                "them) has no own declaration"
            ),
            observed=_NO_DECLARATION,
            expected=expected,
        )
    elif separated is None:
        yield _care_unknown(ctx)
    else:
        yield from _covered_by_parent(ctx)
