"""VOL-017: a woman or adolescent girl whose household decides together gives her own
declaration in an interview apart from the rest of the household."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.facts.facts import Member
from repatguard.model import ConsentKind, Sex
from repatguard.rules._people import age_unknown_observed
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

__all__ = ["separate_interview_for_women"]

# Messages never say which sex is recorded (sensitive personal data): they speak of "the
# person" and of the interview, whatever the sex that made the person concerned.
_EXPECTED = msg("a declaration given in an interview apart from the other members of the household")


def _may_sit_in(member: Member) -> bool:
    """A member who may move and may sit in on a household interview: anyone but a member
    staying behind or known to be younger than ``adolescent_age``."""
    if member.person.stays_behind is True:
        return False
    age = member.age
    return age is None or age >= member.facts.params.adolescent_age


def _concerned_by_age(ctx: PersonContext) -> bool | None:
    """Whether the person is old enough, or independent enough, to be owed the interview:
    ``False`` only for a dependent young child (under ``adolescent_age``, in a parent's
    care), ``None`` when that cannot be told."""
    if ctx.owes_adult_safeguards or ctx.is_adult is True:
        return True
    age = ctx.age
    if age is not None and age >= ctx.facts.params.adolescent_age:
        return True
    care = ctx.without_parental_care
    if care is True:
        return True  # a child without parental care declares for herself at any age
    if age is not None and care is False:
        return False
    return None


def _dependence_unknown(ctx: PersonContext) -> Problem:
    """Whether the person is a dependent young child cannot be told: by age, or (for a
    child under ``adolescent_age``) by parental care."""
    message = msg(
        "it cannot be told whether the person is a dependent young child, and their own "
        "record does not show a declaration apart from the household"
    )
    if ctx.age is None:
        return Problem.unknown(
            "date_of_birth",
            message,
            observed=age_unknown_observed(ctx),
            expected=msg("a date of birth or recorded age, and a planned departure"),
        )
    if ctx.person.unaccompanied_or_separated is None:
        return Problem.unknown(
            "unaccompanied_or_separated",
            message,
            observed=msg("unknown"),
            expected=msg("true or false"),
        )
    return Problem.unknown(
        "relationship_to_head",
        message,
        observed=msg(
            "recorded as accompanied, but no member moving with the child is known to be a parent"
        ),
        expected=msg(
            "a parent of the child moving with the child, recorded by relationship to the head"
        ),
    )


def _own_problems(ctx: PersonContext) -> Iterator[Problem]:
    """What the person's own declarations lack: one given apart from the household."""
    declarations = [
        (index, event) for index, event in ctx.events if event.kind is ConsentKind.DECLARATION
    ]
    if any(event.held_separately is True for _, event in declarations):
        return
    if not declarations:
        yield Problem.fail(
            "consent",
            msg(
                "the person gave no declaration of their own in an interview apart from the "
                "household"
            ),
            observed=msg("no declaration"),
            expected=_EXPECTED,
        )
        return
    unrecorded = [index for index, event in declarations if event.held_separately is None]
    if unrecorded:
        yield Problem.unknown(
            f"consent[{unrecorded[-1]}].held_separately",
            msg(
                "it is not recorded whether the person's declaration was given apart from the "
                "other members of the household"
            ),
            observed=NOT_RECORDED,
            expected=_EXPECTED,
        )
        return
    yield Problem.fail(
        f"consent[{declarations[-1][0]}].held_separately",
        msg("the person's declaration was given with other members of the household present"),
        observed=msg(
            "{count} declaration(s), none given apart from the household",
            count=len(declarations),
        ),
        expected=_EXPECTED,
    )


@rule(
    code="VOL-017",
    title="Women and adolescent girls declare in a separate interview",
    scope=Scope.PERSON,
    severity=Severity.MAJOR,
    checks=(
        "A woman or girl (`sex` female, or other or not disclosed) whose household has "
        "another member who moves with her and is not known to be under `adolescent_age` "
        "must have a declaration of the wish to return, on or before as_of, held apart from "
        "the other members of the household (`held_separately`). Her own record holds when "
        "one declaration was held separately; declarations all held with the household "
        "present, or no declaration of her own, fail; an unrecorded `held_separately` is "
        "insufficient information. A dependent young child (under `adolescent_age` on as_of "
        "and in a parent's care), a member staying behind and a person alone in their "
        "household are not concerned (not applicable); a man or boy is not concerned either "
        "and counts as a pass, so that the tallies never tell the sex recorded. When the sex "
        "is not recorded, or the age or "
        "parental care leaves it open whether the person is a dependent young child, a "
        "record that holds passes and any other is insufficient information."
    ),
    rationale=(
        "A household often decides together, and the head's voice can stand for everyone's. "
        "The standards ask that women be interviewed themselves, so that a woman or an "
        "adolescent girl can say whether she wants to return where no one of her household "
        "hears her answer. A declaration taken with the household present does not show that "
        "she decided freely. The finding is major, as for the individual confirmation of "
        "adult dependants in the standards: a declaration exists (VOL-001 checks that), but "
        "her own choice has not been heard, so the case is held until she is interviewed "
        "alone or the gap is waived."
    ),
    references=(
        Reference(
            instrument="UNHCR Handbook for Emergencies (1999), ch. 19",
            locator="para. 14 (direct interviews with all segments of the refugee "
            "community, including women)",
        ),
        Reference(
            instrument="UNHCR ExCom Conclusion No. 40 (XXXVI), 1985",
            locator="para. (b) (the individual character of voluntary repatriation)",
        ),
        Reference(
            instrument="UNHCR Handbook: Voluntary Repatriation: International Protection (1996)",
            locator="§4.3 (Interviewing, Counselling and Registration; body text not verified "
            "with the available sources)",
        ),
    ),
    remediation=(
        "Interview her apart from the other members of the household (a counsellor and, where "
        "needed, an interpreter, preferably women) and record her own declaration with "
        "`held_separately: true`; record each person's `sex` and each declaration's "
        "`held_separately`."
    ),
    parameters=("adult_age", "adolescent_age"),
)
def separate_interview_for_women(ctx: PersonContext) -> Iterator[Found]:
    person = ctx.person
    by_age = _concerned_by_age(ctx)
    if (
        person.stays_behind is True
        or by_age is False
        or not ctx.kin.count(None, _may_sit_in, besides=person)
    ):
        yield NOT_APPLICABLE  # a dependent young child, or no one else to decide with
        return
    if person.sex is Sex.MALE:
        # Holds for him, and counted as a pass, not "not applicable": what the tallies say
        # must not tell the sex recorded (a household of two men would read "not applicable
        # (2 subjects)"). Only age and the household decide what does not apply.
        return
    problems = list(_own_problems(ctx))
    if not problems:
        return
    if person.sex is None:
        yield Problem.unknown(
            "sex",
            msg(
                "it is not recorded whether the person is among those owed a declaration in "
                "an interview apart from the household, and their own record does not show one"
            ),
            observed=NOT_RECORDED,
            expected=msg("the person's sex as the operation records it"),
        )
    elif by_age is None:
        yield _dependence_unknown(ctx)
    else:
        yield from problems
