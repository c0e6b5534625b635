"""VOL-001: every adult, and every unaccompanied or separated child, declares the wish to return."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.engine.facts import age_on
from repatguard.model import ConsentKind, Person
from repatguard.rules.api import Check, PersonContext, Reference, Scope, Severity, rule
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_member


def _has_declaration(ctx: PersonContext, person: Person) -> bool:
    return any(e.kind is ConsentKind.DECLARATION for _, e in ctx.facts.events(person))


@rule(
    code="VOL-001",
    title="Individual, express declaration of the wish to return",
    scope=Scope.PERSON,
    severity=Severity.BLOCKER,
    checks=(
        "Every adult (age on the planned departure date at or above `adult_age`) and every "
        "unaccompanied or separated child has a declaration of the wish to return recorded on "
        "or before as_of. A dependent child is covered by the declaration of an adult member of "
        "the household."
    ),
    rationale=(
        "Repatriation is voluntary only when each person expresses the wish to return. Every "
        "adult declares individually; a child in the care of a parent is covered by the "
        "parent's declaration, but an unaccompanied or separated child is not."
    ),
    references=(
        Reference(instrument="UNHCR ExCom Conclusion No. 40 (XXXVI), 1985", locator="para. (b)"),
        Reference(instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 12"),
        Reference(
            instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="Annex 1, note 2"
        ),
    ),
    remediation=(
        "Record the person's own signed voluntary repatriation form (or an equivalent recorded "
        "declaration); for a dependent child, the declaration of a parent in the household."
    ),
    waivable=False,
    parameters=("adult_age",),
    facilitation_gate=True,
)
def individual_declaration(ctx: PersonContext) -> Iterator[Check]:
    person = ctx.person
    path = f"{ctx.path}.consent"
    if _has_declaration(ctx, person):
        yield Check.passed(path, "the person declared the wish to return")
        return
    expected = "a declaration recorded on or before as_of"
    if ctx.is_adult:
        yield Check.failed(
            path,
            "an adult has no individual declaration of the wish to return",
            observed="no declaration",
            expected=expected,
        )
        return
    if ctx.is_adult is None:
        yield Check.unknown(
            f"{ctx.path}.date_of_birth",
            "age is unknown, so it cannot be told whether an own declaration is needed",
            observed="no date of birth or age",
            expected="a date of birth or recorded age",
        )
        return
    if person.unaccompanied_or_separated is True:
        yield Check.failed(
            path,
            "an unaccompanied or separated child has no own declaration",
            observed="no declaration",
            expected=expected,
        )
        return
    if person.unaccompanied_or_separated is None:
        yield Check.unknown(
            f"{ctx.path}.unaccompanied_or_separated",
            "it is unknown whether the child is unaccompanied or separated, and the child has "
            "no own declaration",
            observed="unknown",
            expected="true or false",
        )
        return
    on = ctx.departure or ctx.facts.today
    adult_age = ctx.facts.params.adult_age
    for member in ctx.household.members:
        age = age_on(member, on)
        if member is person or age is None or age < adult_age:
            continue
        if _has_declaration(ctx, member):
            yield Check.passed(path, "a dependent child covered by an adult's declaration")
            return
    yield Check.failed(
        path,
        "a dependent child is not covered by any declaration in the household",
        observed="no declaration by the child or an adult of the household",
        expected="a declaration by a parent or carer in the household",
    )


EXAMPLES = RuleExamples(
    passing=Example(
        description="Both adults declared their wish to return; their child is covered.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The spouse (P-2) has no declaration of her own.",
        change=lambda op: with_member(op, 0, 1, consent=()),
    ),
    missing=Example(
        description="The spouse has no declaration and neither a date of birth nor an age.",
        change=lambda op: with_member(op, 0, 1, consent=(), date_of_birth=None, age=None),
    ),
)
