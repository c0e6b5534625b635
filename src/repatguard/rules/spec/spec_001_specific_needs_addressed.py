"""SPEC-001: a person's specific needs are identified and addressed for the journey and after."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules.api import Check, PersonContext, Reference, Scope, Severity, legacy_rule


@legacy_rule(
    code="SPEC-001",
    title="Specific needs identified and addressed",
    scope=Scope.PERSON,
    severity=Severity.MAJOR,
    checks=(
        "For every person with specific needs on record, fitness to travel has been "
        "established and a continuity-of-care plan exists for the journey and on arrival. "
        "People without specific needs are not concerned."
    ),
    rationale=(
        "People with specific needs (disability, serious medical conditions, pregnancy, older "
        "age, survivors of violence, women at risk) must be identified at counselling and "
        "helped according to those needs. Before they move, their fitness to travel is "
        "established and a plan keeps their care going on the journey and on arrival."
    ),
    references=(
        Reference(
            instrument="UNHCR Thailand, Process of Facilitated Voluntary Repatriation (2017)",
            locator="identification of specific needs at counselling; fitness to travel",
        ),
        Reference(
            instrument="IOM, A Framework for Assisted Voluntary Return and Reintegration (2018)",
            locator="principle 2 (migrant-centred, age- and gender-sensitive response)",
        ),
        Reference(
            instrument="UNHCR ExCom Conclusion No. 101 (LV), 2004",
            locator="preamble (age- and gender-sensitive approach)",
        ),
    ),
    remediation=(
        "Have the person's fitness to travel assessed and record the result; draw up a "
        "continuity-of-care plan for the journey and on arrival (referrals, medication, "
        "assistive devices, escort) before the person moves."
    ),
)
def specific_needs_addressed(ctx: PersonContext) -> Iterator[Check]:
    person = ctx.person
    if not person.specific_needs:
        return
    # The needs themselves are sensitive personal data: count them, never name them.
    needs = f"{len(person.specific_needs)} specific need(s) recorded"
    problems: list[Check] = []
    if person.fit_to_travel is False:
        problems.append(
            Check.failed(
                f"{ctx.path}.fit_to_travel",
                "a person with specific needs has been found not fit to travel",
                observed=f"{needs}; not fit to travel",
                expected="fit to travel, with any escort or support the journey requires",
            )
        )
    elif person.fit_to_travel is None:
        problems.append(
            Check.unknown(
                f"{ctx.path}.fit_to_travel",
                "a person with specific needs has no recorded assessment of fitness to travel",
                observed=f"{needs}; fitness to travel not recorded",
                expected="a recorded fitness-to-travel assessment",
            )
        )
    if person.care_plan is False:
        problems.append(
            Check.failed(
                f"{ctx.path}.care_plan",
                "a person with specific needs has no plan for continuity of care on the "
                "journey and on arrival",
                observed=f"{needs}; no care plan",
                expected="a continuity-of-care plan for the journey and on arrival",
            )
        )
    elif person.care_plan is None:
        problems.append(
            Check.unknown(
                f"{ctx.path}.care_plan",
                "it is not recorded whether a person with specific needs has a plan for "
                "continuity of care",
                observed=f"{needs}; care plan not recorded",
                expected="a continuity-of-care plan for the journey and on arrival",
            )
        )
    if problems:
        yield from problems
        return
    yield Check.passed(
        f"{ctx.path}.specific_needs",
        "the person's specific needs are addressed: fit to travel, with a continuity-of-care plan",
    )
