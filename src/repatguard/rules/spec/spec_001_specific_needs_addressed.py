"""SPEC-001: a person's specific needs are identified and addressed for the journey and after."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules.api import (
    NOT_APPLICABLE,
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


@rule(
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
def specific_needs_addressed(ctx: PersonContext) -> Iterator[Found]:
    person = ctx.person
    if not person.specific_needs:
        yield NOT_APPLICABLE
        return
    # The needs themselves are sensitive personal data: count them, never name them.
    needs = len(person.specific_needs)
    yield from _fitness(person.fit_to_travel, needs)
    yield from ladder(
        person.care_plan,
        holds=True,
        path="care_plan",
        fails=msg(
            "a person with specific needs has no plan for continuity of care on the journey "
            "and on arrival"
        ),
        unknown=msg(
            "it is not recorded whether a person with specific needs has a plan for "
            "continuity of care"
        ),
        observed=msg("{count} specific need(s) recorded; no care plan", count=needs),
        unknown_observed=msg(
            "{count} specific need(s) recorded; care plan not recorded", count=needs
        ),
        expected=msg("a continuity-of-care plan for the journey and on arrival"),
    )


def _fitness(fit: bool | None, needs: int) -> Iterator[Problem]:
    # Not the ladder: a missing assessment expects the assessment, a failed one the fitness.
    if fit is False:
        yield Problem.fail(
            "fit_to_travel",
            msg("a person with specific needs has been found not fit to travel"),
            observed=msg("{count} specific need(s) recorded; not fit to travel", count=needs),
            expected=msg("fit to travel, with any escort or support the journey requires"),
        )
    elif fit is None:
        yield Problem.unknown(
            "fit_to_travel",
            msg("a person with specific needs has no recorded assessment of fitness to travel"),
            observed=msg(
                "{count} specific need(s) recorded; fitness to travel not recorded", count=needs
            ),
            expected=msg("a recorded fitness-to-travel assessment"),
        )
