"""Who a person-level safeguard is owed by: adults, and children without parental care.

The definitions are those of :mod:`repatguard.facts.people`, read from the person's row of the
fact table; this module turns them into problems: the safeguards a person owes individually,
and what to report when it cannot be told whether they owe them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from repatguard.facts.people import parents_passing
from repatguard.rules.api import NOT_APPLICABLE, Message, PersonContext, Problem, Severity, msg
from repatguard.rules.registry import Found

__all__ = [
    "age_unknown_observed",
    "for_children_without_care",
    "for_those_who_decide",
    "parents_passing",
]


def age_unknown_observed(ctx: PersonContext) -> Message:
    """Why the person's age is unknown, for the ``observed`` of a finding (never the age)."""
    person = ctx.person
    if person.date_of_birth is None and person.age is None:
        return msg("no date of birth or age")
    return msg(
        "a child on as_of who may come of age before departure (or a date of birth that "
        "leaves adulthood open)"
    )


def _relative_status_unknown(ctx: PersonContext) -> tuple[str, Message, Message]:
    """Path (relative to the person), observed and expected for an unknown parental care."""
    if ctx.person.unaccompanied_or_separated is None:
        return "unaccompanied_or_separated", msg("unknown"), msg("true or false")
    return (
        "relationship_to_head",
        msg("recorded as accompanied, but no member moving with the child is known to be a parent"),
        msg("a parent of the child moving with the child, recorded by relationship to the head"),
    )


def _worst_of(problems: list[Problem]) -> Severity | None:
    # ``None`` stands for the rule's own severity, the highest it can produce.
    severities = [problem.severity for problem in problems]
    if None in severities:
        return None
    return max((s for s in severities if s is not None), key=lambda s: s.rank)


def for_those_who_decide(
    ctx: PersonContext, own_problems: Callable[[], Iterable[Problem]]
) -> Iterator[Found]:
    """The problems of ``own_problems`` for a person who decides individually: an adult, or a
    child without parental care.

    A dependent child (known to be under ``adult_age`` and in a parent's care) is covered by
    the parents' decision: not applicable. When the age or the parental care is unknown, the
    person's own record is still read: if it has no problem, the safeguard holds whatever the
    missing fact; otherwise the missing fact is reported as insufficient information, at the
    worst severity the record's problems had.
    """
    adult = ctx.is_adult
    separated = ctx.without_parental_care
    # An adult on some day they may leave owes the adults' safeguards even while their age
    # is unknown for other purposes (a child on as_of who comes of age before departure).
    if adult is True or separated is True or ctx.owes_adult_safeguards:
        yield from own_problems()
        return
    if adult is False and separated is False:
        yield NOT_APPLICABLE
        return
    problems = list(own_problems())
    if not problems:
        return
    if adult is None:
        yield Problem.unknown(
            "date_of_birth",
            msg(
                "age is unknown, so it cannot be told whether the person must meet this "
                "safeguard individually, and the person's own record does not meet it"
            ),
            observed=age_unknown_observed(ctx),
            expected=msg("a date of birth or recorded age, and a planned departure"),
            severity=_worst_of(problems),
        )
        return
    path, observed, expected = _relative_status_unknown(ctx)
    yield Problem.unknown(
        path,
        msg(
            "it is unknown whether the child is in a parent's care or unaccompanied or "
            "separated (and so must meet this safeguard individually), and the child's own "
            "record does not meet it"
        ),
        observed=observed,
        expected=expected,
        severity=_worst_of(problems),
    )


def for_children_without_care(
    ctx: PersonContext, own_problems: Callable[[], Iterable[Problem]]
) -> Iterator[Found]:
    """The problems of ``own_problems`` for an unaccompanied or separated child only.

    Adults (from as_of to departure) and children known to move with a parent are not
    concerned: not applicable. A person marked unaccompanied or separated whose age is
    unknown is treated as a child, and so is a child recorded as accompanied with no parent
    moving with them. When parental care is unknown for a child, or for a person whose age is
    unknown, the safeguard may be owed: insufficient information at blocker weight.
    """
    if ctx.is_adult is True:
        yield NOT_APPLICABLE
        return
    separated = ctx.without_parental_care
    if separated is False:
        yield NOT_APPLICABLE
        return
    if separated is True:
        yield from own_problems()
        return
    path, observed, expected = _relative_status_unknown(ctx)
    yield Problem.unknown(
        path,
        msg(
            "it is unknown whether a child is in a parent's care or unaccompanied or "
            "separated, so it cannot be told whether the safeguards for children without "
            "parental care are owed"
        )
        if ctx.is_adult is False
        else msg(
            "it is unknown whether a person of unknown age is in a parent's care or "
            "unaccompanied or separated, so it cannot be told whether the safeguards for "
            "children without parental care are owed"
        ),
        observed=observed,
        expected=expected,
        severity=Severity.BLOCKER,
    )
