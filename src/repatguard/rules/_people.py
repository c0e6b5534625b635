"""Who a person-level safeguard is owed by: adults, and children without parental care.

A dependent child is covered by the parents' decision; an unaccompanied or separated child
must meet the safeguard individually. Unknown age or status never reads as "not concerned".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from repatguard.model import ConsentEvent, ConsentKind
from repatguard.outcomes import Outcome
from repatguard.rules.api import Check, PersonContext, Severity

__all__ = ["decides_individually", "latest_session", "unaccompanied_children_only"]


def latest_session(ctx: PersonContext) -> tuple[int, ConsentEvent] | None:
    """The person's latest information session on or before as_of, with its index."""
    sessions = [
        (index, event)
        for index, event in ctx.facts.events(ctx.person)
        if event.kind is ConsentKind.INFORMATION_SESSION
    ]
    return sessions[-1] if sessions else None


def _worst(checks: list[Check]) -> Severity | None:
    # ``None`` stands for the rule's own severity, the highest it can produce.
    severities = [check.severity for check in checks]
    if None in severities:
        return None
    return max((s for s in severities if s is not None), key=lambda s: s.rank)


def decides_individually(
    ctx: PersonContext, own_checks: Callable[[], Iterable[Check]]
) -> Iterator[Check]:
    """Run ``own_checks`` for adults and for unaccompanied or separated children.

    A dependent child (known to be under ``adult_age`` and not unaccompanied or separated) is
    covered by the parents' decision: nothing is yielded (not applicable). When the age or the
    unaccompanied status is unknown, the person's own checks still run: if they all pass, the
    safeguard holds whatever the missing fact; otherwise the missing fact is reported as
    insufficient information, at the worst severity the checks found.
    """
    person = ctx.person
    is_adult = ctx.is_adult
    if is_adult is True or person.unaccompanied_or_separated is True:
        yield from own_checks()
        return
    if is_adult is False and person.unaccompanied_or_separated is False:
        return
    checks = list(own_checks())
    problems = [check for check in checks if check.outcome is not Outcome.PASS]
    if not problems:
        yield from checks
        return
    if is_adult is None:
        yield Check.unknown(
            f"{ctx.path}.date_of_birth",
            "age is unknown, so it cannot be told whether the person must meet this safeguard "
            "individually, and the person's own record does not meet it",
            observed="no date of birth or age",
            expected="a date of birth or recorded age",
            severity=_worst(problems),
        )
        return
    yield Check.unknown(
        f"{ctx.path}.unaccompanied_or_separated",
        "it is unknown whether the child is unaccompanied or separated (and so must meet this "
        "safeguard individually), and the child's own record does not meet it",
        observed="unknown",
        expected="true or false",
        severity=_worst(problems),
    )


def unaccompanied_children_only(
    ctx: PersonContext, own_checks: Callable[[], Iterable[Check]]
) -> Iterator[Check]:
    """Run ``own_checks`` for unaccompanied or separated children only.

    Adults (by age on the planned departure) and children known to be accompanied are not
    concerned: nothing is yielded (not applicable). A person marked unaccompanied or separated
    whose age is unknown is treated as a child. When the status is unknown for a child, or for
    a person whose age is unknown, the safeguard may be owed: insufficient information at
    blocker weight.
    """
    person = ctx.person
    is_adult = ctx.is_adult
    if is_adult is True or person.unaccompanied_or_separated is False:
        return
    if person.unaccompanied_or_separated is True:
        yield from own_checks()
        return
    age_note = "a child" if is_adult is False else "a person of unknown age"
    yield Check.unknown(
        f"{ctx.path}.unaccompanied_or_separated",
        f"it is unknown whether {age_note} is unaccompanied or separated, so it cannot be told "
        "whether the safeguards for children without parental care are owed",
        observed="unaccompanied or separated status not recorded",
        expected="true or false",
        severity=Severity.BLOCKER,
    )
