"""VOL-005: a withdrawn decision takes the person off the manifest."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.engine.facts import age_on
from repatguard.model import ConsentEvent, ConsentKind, Person
from repatguard.rules.api import Check, PersonContext, Reference, Scope, Severity, rule
from repatguard.rules.examples import Example, NoExample, RuleExamples
from repatguard.testing.factories import AS_OF, at, sound_consent, with_member


def _latest(
    events: list[tuple[int, ConsentEvent]], kind: ConsentKind
) -> tuple[int, ConsentEvent] | None:
    found = [(index, event) for index, event in events if event.kind is kind]
    return found[-1] if found else None


def _withdrawal_in_force(ctx: PersonContext, person: Person) -> tuple[int, ConsentEvent] | None:
    """The person's latest withdrawal, if no declaration came after it."""
    events = ctx.facts.events(person)
    withdrawal = _latest(events, ConsentKind.WITHDRAWAL)
    if withdrawal is None:
        return None
    declaration = _latest(events, ConsentKind.DECLARATION)
    # A declaration at the same instant does not undo the withdrawal (fail closed).
    if declaration is not None and declaration[1].at > withdrawal[1].at:
        return None
    return withdrawal


def _has_declaration(ctx: PersonContext, person: Person) -> bool:
    return any(event.kind is ConsentKind.DECLARATION for _, event in ctx.facts.events(person))


def _covered_child(ctx: PersonContext) -> Iterator[Check]:
    """A person without an own declaration is covered by the household's declaring adults."""
    on = ctx.departure or ctx.facts.today
    adult_age = ctx.facts.params.adult_age
    # Members who declared and may be adults; an unknown age must not hide a withdrawal.
    declarers = [
        member
        for member in ctx.household.members
        if member is not ctx.person
        and ((age := age_on(member, on)) is None or age >= adult_age)
        and _has_declaration(ctx, member)
    ]
    in_force = [m for m in declarers if not _withdrawal_in_force(ctx, m)]
    if declarers and not in_force and any(age_on(m, on) is None for m in declarers):
        yield Check.unknown(
            ctx.path,
            "the household members who declared have all withdrawn, and the age of at least "
            "one of them is unknown, so it cannot be told whether their withdrawal covers "
            "this child",
            observed=f"{len(declarers)} declaring member(s), all withdrawn",
            expected="dates of birth or ages for the household's adults",
        )
        return
    if declarers and not in_force:
        yield Check.failed(
            ctx.path,
            "every adult of the household who declared the wish to return has since "
            "withdrawn, and their withdrawal covers this child; remove the child from the "
            "manifest",
            observed=f"{len(declarers)} declaring adult(s), all withdrawn",
            expected="a declaration in force that covers the child, or the child off the manifest",
        )
        return
    yield Check.passed(ctx.path, "no withdrawal covers the person")


@rule(
    code="VOL-005",
    title="Withdrawal honoured",
    scope=Scope.PERSON,
    severity=Severity.BLOCKER,
    checks=(
        "A person whose latest withdrawal recorded on or before as_of is not followed by a "
        "later declaration (one at the same instant does not count) is still on the manifest, "
        "which fails. A person not known to be an adult and without a declaration of their "
        "own fails too when every adult of the household who declared has since withdrawn. "
        "No withdrawal on record means no withdrawal, so the person passes."
    ),
    rationale=(
        "Signing up to return does not oblige anyone to go: a person may withdraw the "
        "decision at any time up to departure. Someone who has withdrawn, and the children "
        "covered by that decision, must be taken off the manifest; moving them anyway would "
        "no longer be voluntary."
    ),
    references=(
        Reference(
            instrument="UNHCR Ukraine, voluntary repatriation guidance (unhcr.org.ua)",
            locator="a request to return can be withdrawn",
        ),
        Reference(
            instrument="IOM assisted voluntary return practice (as reported by InfoMigrants)",
            locator="a migrant may change their mind up to the day of departure",
        ),
    ),
    remediation=(
        "Remove the person (and the children their decision covered) from the manifest; if "
        "the person later decides to return after all, record a new declaration."
    ),
    waivable=False,
    parameters=("adult_age",),
)
def withdrawal_honoured(ctx: PersonContext) -> Iterator[Check]:
    person = ctx.person
    withdrawal = _withdrawal_in_force(ctx, person)
    if withdrawal is not None:
        index, event = withdrawal
        on = event.at.date().isoformat()
        yield Check.failed(
            f"{ctx.path}.consent[{index}]",
            f"the person withdrew on {on} and is still on the manifest; remove the person",
            observed=f"withdrawal on {on}, no later declaration",
            expected="the person off the manifest, or a new declaration after the withdrawal",
        )
        return
    if ctx.is_adult is not True and not _has_declaration(ctx, person):
        yield from _covered_child(ctx)
        return
    yield Check.passed(f"{ctx.path}.consent", "no withdrawal in force")


_WITHDRAWAL = ConsentEvent(kind=ConsentKind.WITHDRAWAL, at=at(AS_OF.subtract(days=3)))

EXAMPLES = RuleExamples(
    passing=Example(
        description="No one in HH-1 has withdrawn the decision to return.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The spouse (P-2) withdrew her decision 3 days before as_of, after her "
        "declaration, and is still on the manifest.",
        change=lambda op: with_member(op, 0, 1, consent=(*sound_consent(), _WITHDRAWAL)),
    ),
    missing=NoExample(
        reason="a withdrawal is an event that is either on record or did not happen, so a "
        "person with no withdrawal among their consent events has not withdrawn and passes; "
        "the rule never reports insufficient information.",
    ),
)
