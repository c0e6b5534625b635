"""CHILD-004: the movement keeps families together."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from repatguard.facts.facts import Facts, Kin, Member, MemberTest
from repatguard.model import ConsentKind, Person
from repatguard.rules._people import parents_passing
from repatguard.rules.api import (
    NOT_RECORDED,
    HouseholdContext,
    Message,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)


class _Member(NamedTuple):
    path: str
    """Relative to the household (``members[2]``)."""
    person: Person
    age: int | None
    """Age from as_of to the member's departure; ``None`` if unknown or both a child's and
    an adult's (:meth:`Facts.age`)."""
    stays: bool | None


def _members(ctx: HouseholdContext) -> list[_Member]:
    return [
        _Member(
            path=f"members[{member.position}]",
            person=member.person,
            age=member.age,
            stays=member.person.stays_behind,
        )
        for member in ctx.kin.members
    ]


def _own_decision_to_stay(facts: Facts, person: Person) -> bool:
    """The person never declared the wish to return, or withdrew it and did not declare again."""
    events = facts.events(person)
    declarations = [event.at for _, event in events if event.kind is ConsentKind.DECLARATION]
    if not declarations:
        return True
    withdrawals = [event.at for _, event in events if event.kind is ConsentKind.WITHDRAWAL]
    # A declaration at the same instant does not undo the withdrawal.
    return bool(withdrawals) and max(withdrawals) >= max(declarations)


def _by_side(stays: bool | None, if_stays: Message, if_moves: Message) -> Message:
    """The message for the side a member is on: one whole sentence for each side."""
    return if_stays if stays else if_moves


# Questions about the other members, each counted once per household (Facts.kin), so that
# asking them for every member does not cost the square of the household's size.


def _anyone(member: Member) -> bool:
    return True


def _stays(member: Member) -> bool:
    return member.person.stays_behind is True


def _moves(member: Member) -> bool:
    return member.person.stays_behind is False


def _stays_or_unrecorded(member: Member) -> bool:
    return member.person.stays_behind is not False


def _moves_or_unrecorded(member: Member) -> bool:
    return member.person.stays_behind is not True


def _adult(member: Member) -> bool:
    age = member.age
    return age is not None and age >= member.facts.params.adult_age


def _may_be_adult(member: Member) -> bool:
    age = member.age
    return age is None or age >= member.facts.params.adult_age


def _adult_stays(member: Member) -> bool:
    return _stays(member) and _adult(member)


def _adult_moves(member: Member) -> bool:
    return _moves(member) and _adult(member)


def _may_be_adult_stays(member: Member) -> bool:
    return _stays(member) and _may_be_adult(member)


def _may_be_adult_moves(member: Member) -> bool:
    return _moves(member) and _may_be_adult(member)


def _may_be_adult_not_moving(member: Member) -> bool:
    return _stays_or_unrecorded(member) and _may_be_adult(member)


def _may_be_adult_not_staying(member: Member) -> bool:
    return _moves_or_unrecorded(member) and _may_be_adult(member)


def _on_side(stays: bool | None, if_stays: MemberTest, if_moves: MemberTest) -> MemberTest:
    return if_stays if stays else if_moves


def _others(kin: Kin, member: _Member, test: MemberTest) -> int:
    """How many members other than ``member`` pass ``test``."""
    return kin.count(None, test, besides=member.person)


_APART_FROM_PARENTS = {
    # (another adult on the child's side, the child stays behind)
    (True, True): msg(
        "a child stays behind apart from every parent in the household; the child would be "
        "separated from the parents"
    ),
    (True, False): msg(
        "a child moves apart from every parent in the household; the child would be separated "
        "from the parents"
    ),
    (False, True): msg(
        "a child stays behind while every adult of the household moves; the child would be "
        "separated from the parents"
    ),
    (False, False): msg(
        "a child moves while every adult of the household stays behind; the child would be "
        "separated from the parents"
    ),
}
"""A child apart from every parent, by whether another adult goes the child's way and by the
child's side."""


# Long in lines, not in logic: each finding's message is written out whole for the
# catalogues (docs/writing-rules.md), one per branch.
def _child(member: _Member, kin: Kin) -> Iterator[Problem]:
    """A child separated from its parents, or from every adult of the household (blocker)."""
    child = member.person
    known, possible = parents_passing(kin, child, _anyone)
    parents = known + possible
    if parents:
        # Only a parent keeps the child's family together; another adult does not.
        same_side = _on_side(member.stays, _stays, _moves)
        if parents_passing(kin, child, same_side)[0]:
            return
        not_apart = _on_side(member.stays, _stays_or_unrecorded, _moves_or_unrecorded)
        unsure = sum(parents_passing(kin, child, not_apart))
        if unsure or not known:
            yield Problem.unknown(
                f"{member.path}.relationship_to_head",
                msg(
                    "the household is split, and no member on the child's side is known to be "
                    "the child's parent, so it cannot be told whether the child is separated "
                    "from the parents"
                ),
                observed=_by_side(
                    member.stays,
                    msg(
                        "the child stays behind; no known parent on that side, {count} "
                        "member(s) who are or may be a parent",
                        count=parents,
                    ),
                    msg(
                        "the child moves; no known parent on that side, {count} member(s) who "
                        "are or may be a parent",
                        count=parents,
                    ),
                ),
                expected=msg(
                    "a parent of the child on the child's side, recorded by relationship to the "
                    "head of household"
                ),
                severity=Severity.BLOCKER,
            )
            return
        with_adult = _others(
            kin, member, _on_side(member.stays, _may_be_adult_stays, _may_be_adult_moves)
        )
        yield Problem.fail(
            f"{member.path}.stays_behind",
            _APART_FROM_PARENTS[bool(with_adult), bool(member.stays)],
            observed=_by_side(
                member.stays,
                msg("the child stays behind, {count} parent(s) moves", count=parents),
                msg("the child moves, {count} parent(s) stays behind", count=parents),
            ),
            expected=msg("the child moves or stays together with a parent"),
            severity=Severity.BLOCKER,
        )
        return
    # No parent in the household: the child is already without parental care (the rules for
    # separated children apply); the movement must not also take away every adult.
    adults = kin.count(None, _adult)
    if not adults:
        return  # no adult in the household to be separated from (see CHILD-001 to CHILD-003)
    companions = _others(
        kin, member, _on_side(member.stays, _may_be_adult_not_moving, _may_be_adult_not_staying)
    )
    if companions:
        return  # an adult goes the child's way, or may (its unknown is reported on its own)
    yield Problem.fail(
        f"{member.path}.stays_behind",
        _by_side(
            member.stays,
            msg(
                "a child stays behind while every adult of the household moves; the child "
                "would be separated from the family"
            ),
            msg(
                "a child moves while every adult of the household stays behind; the child "
                "would be separated from the family"
            ),
        ),
        observed=_by_side(
            member.stays,
            msg("the child stays behind, {count} adult(s) moves", count=adults),
            msg("the child moves, {count} adult(s) stays behind", count=adults),
        ),
        expected=msg("the child moves or stays together with at least one adult of the household"),
        severity=Severity.BLOCKER,
    )


def _adult_left(member: _Member, kin: Kin) -> Iterator[Problem]:
    """An adult left behind against the wish to return they recorded (major)."""
    if not member.stays:
        return
    movers = kin.count(None, _moves)
    if not movers or _own_decision_to_stay(kin.facts, member.person):
        return
    yield Problem.fail(
        f"{member.path}.stays_behind",
        msg(
            "an adult who declared the wish to return, and has not withdrawn it, stays behind "
            "while other members of the household move; the family is separated against the "
            "adult's recorded wish"
        ),
        observed=msg("declaration in force, stays behind, {count} member(s) move", count=movers),
        expected=msg(
            "the adult moves with the household, or the adult's own decision to stay (a "
            "withdrawal) on record"
        ),
        severity=Severity.MAJOR,
    )


def _unknown_age(member: _Member, kin: Kin) -> Iterator[Problem]:
    """Someone of unknown age on one side of a split household."""
    with_an_adult = _others(kin, member, _on_side(member.stays, _adult_stays, _adult_moves)) > 0
    movers = _others(kin, member, _moves)
    left_against_wish = (
        member.stays is True and movers > 0 and not _own_decision_to_stay(kin.facts, member.person)
    )
    if with_an_adult and not left_against_wish:
        return
    severity = Severity.MAJOR if with_an_adult else Severity.BLOCKER
    yield Problem.unknown(
        f"{member.path}.date_of_birth",
        msg(
            "the household is split between those who move and those who stay behind, and the "
            "age of this member is unknown, so it cannot be told whether an adult left behind "
            "against their recorded wish"
        )
        if with_an_adult
        else msg(
            "the household is split between those who move and those who stay behind, and the "
            "age of this member is unknown, so it cannot be told whether a child is separated "
            "from every adult of the household"
        ),
        observed=_by_side(
            member.stays, msg("age unknown, stays behind"), msg("age unknown, moves")
        ),
        expected=msg("a date of birth or recorded age"),
        severity=severity,
    )


@rule(
    code="CHILD-004",
    title="The movement keeps families together",
    scope=Scope.HOUSEHOLD,
    severity=Severity.BLOCKER,
    checks=(
        "In each household, every member is recorded as moving or staying behind. A child "
        "(under `adult_age`) who moves, or stays behind, apart from every parent in the "
        "household is a blocker: another adult does not stand in for a parent. Parents are "
        "known by relationship to the head of household (the head for a child of the head, a "
        "parent of the head for a child who heads it); when the only members who may be the "
        "child's parent are linked through a relationship the record does not hold (the "
        "head's spouse, a sibling's parent) or their side is unknown, it is insufficient "
        "information at blocker weight. A child with no possible parent in the household "
        "must not be parted from every adult of it (blocker). An adult who stays behind "
        "while others move is a major finding unless staying is their own decision (no "
        "declaration, or a withdrawal in force)."
    ),
    rationale=(
        "Return in dignity does not arbitrarily separate families. A child must not move, or "
        "be left behind, apart from the parents, and no other adult of the household takes a "
        "parent's place; an adult who has declared "
        "the wish to return must not be left behind while the family moves, unless staying is "
        "the adult's own decision."
    ),
    references=(
        Reference(
            instrument="UNHCR Handbook: Voluntary Repatriation — International Protection (1996)",
            locator="§2.4 (Ensuring Return in Safety and with Dignity: no arbitrary separation of "
            "families; body text not verified with the available sources)",
        ),
        Reference(
            instrument="IASC Framework on Durable Solutions for Internally Displaced Persons "
            "(2010)",
            locator="criterion on family reunification",
        ),
        Reference(
            instrument="Convention on the Rights of the Child (1989)",
            locator="Art. 9(1) (a child is not separated from the parents against their will)",
        ),
    ),
    remediation=(
        "Record for every household member whether they move or stay behind, and each "
        "member's relationship to the head of household. Keep each child with a parent; for "
        "an adult who stays behind, record their own decision to stay (a withdrawal) or move "
        "them with the family."
    ),
    parameters=("adult_age",),
)
def family_unity(ctx: HouseholdContext) -> Iterator[Problem]:
    adult_age = ctx.facts.params.adult_age
    members = _members(ctx)
    for m in members:
        if m.stays is None:
            yield Problem.unknown(
                f"{m.path}.stays_behind",
                msg(
                    "it is not recorded whether this member moves with the household or stays "
                    "behind, so it cannot be told whether the family stays together"
                ),
                observed=NOT_RECORDED,
                expected=msg("true or false"),
                severity=Severity.BLOCKER,
            )
    if not any(m.stays for m in members):
        return  # nobody is known to stay behind: the household is not split
    kin = ctx.kin
    for member in members:
        if member.stays is None:
            continue  # reported above
        if member.age is None:
            yield from _unknown_age(member, kin)
        elif member.age < adult_age:
            yield from _child(member, kin)
        else:
            yield from _adult_left(member, kin)
